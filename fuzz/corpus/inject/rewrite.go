package fz

import (
	"fmt"
	str "strings"
)

type Config struct {
	Name string
	Fz   int
}

var Default = Config{
	Name: "x",
}

func Use(a string) string {
	c := &Config{Name: str.TrimSpace(a)}
	fmt.Println(c,
		a)
	return str.ToUpper(c.Name)
}
