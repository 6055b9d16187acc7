// Bodies and initialisers full of things that look like braces.
package lexing

var s1 = "}{)(]["
var s2 = `}
{ ) ( ] [ " '
`
var r1, r2, r3, r4 = '}', '\'', '"', '{'
var r5 = '\x7b'
var r6 = '\u007d'
var c = /* } */ 1 // {
var f = func() int {
	/* { */
	x := "\"}" + `\` + "\\" + "/*"
	_ = x
	return '}' // }
}
var m = map[string][]int{
	"a": {1, 2},
	"}": {3},
}
var (
	g1 = 1
	g2 = struct{ a, b int }{1, 2}
	g3 = [...]string{"(", ")"}
)

const (
	k0 = iota
	k1
	k2 = "}" + `{`
)

var num = []float64{1.5, .5, 1e3, 1e+3, 0x1p-2, 1i, 0x1.8p1, 1_0.0_1, 07, 0o7, 0b1}

func braces() {
	if true {
		{
		}
	}
	switch x := 1; x {
	case 1:
		_ = []int{1}[0]
	}
	s := "{{{"
	_ = s
	_ = '{'
	_ = `{{{`
	// }}}
	/* }}} */
}

func afterDivision() int {
	a, b := 4, 2
	return a / b / 1 /* } */
}

func label() {
L:
	for {
		break L
	}
}

func unicodeIdént() {
	ünïcödé := 1
	_ = ünïcödé
}

type ẞtruct struct{ ä int }

func (ẞ ẞtruct) Μethod() {}

func semiAtEOF() {} /* } */ // last
