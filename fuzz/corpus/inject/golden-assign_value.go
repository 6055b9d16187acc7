package assign

import "strings"

var Plain = "a"
var A, B = 1, 2

var (
	Typed  int = 3
	NoInit string
	Multi  = strings.Join([]string{
		"x",
		"y",
	}, ",")
	MultiReplace, After = []int{
		1,
		2,
	}, 5
	Two, Zero int
)

const C = "c"

const (
	K0 = iota
	K1
)

func Use() (string, int, int, int, string, string, []int, int, int, string, int) {
	return Plain, A, B, Typed, NoInit, Multi, MultiReplace, After, Two + Zero, C, K1
}
