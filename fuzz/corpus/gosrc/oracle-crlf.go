// CRLF file

//go:build windows

package crlf

import "fmt"

//go:noinline
// Doc.
func F(a int,
	b string) (int, error) {
	return fmt.Println(a, b)
}

var s = `raw
string`

type (
	A struct {
		x int
	}
)
