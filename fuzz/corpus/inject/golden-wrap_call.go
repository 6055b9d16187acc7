package wrap_call

import (
	"fmt"
	str "strings"
)

func Join(xs ...string) string { return str.Join(xs, ",") }

func Upper(s string) string {
	return str.ToUpper(s)
}

func Multi(s string) string {
	return str.Repeat(s,
		2)
}

func Spread(a []any) string {
	return fmt.Sprint(a...) + fmt.Sprint()
}

func Nested(s string) string { return str.ToUpper(str.ToUpper(s)) }
