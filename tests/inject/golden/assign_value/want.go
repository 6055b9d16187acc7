package assign

import "strings"

var Plain = "b"
var A, B = 100, 2 * 10

var (
	Typed  int = 3 + 1
	NoInit string = strings.Repeat("s", 2)
	Multi  = strings.ToUpper(strings.Join([]string{
		"x",
		"y",
	}, ","))
	MultiReplace, After = /*


*/[]int{9}, 5
	Two, Zero int = 2, *new(int)
)

const C = "c" + "!" + "\"c\""

const (
	K0 = iota + 10
	K1
)

func Use() (string, int, int, int, string, string, []int, int, int, string, int) {
	return Plain, A, B, Typed, NoInit, Multi, MultiReplace, After, Two + Zero, C, K1
}
