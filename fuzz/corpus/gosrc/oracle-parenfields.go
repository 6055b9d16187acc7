// A field or parameter name followed by a parenthesized type is not a
// call (gosrc's body scan walks struct bodies and parameter lists loosely);
// an array length in them still holds calls. In a body and in
// package-level initializers.
package p

func f() {
	type S struct {
		x (**int)
		y [len("ab")]int
	}
	g := func(a (int), b [len("x")]int) {}
	_, _ = S{}, g
}

var V = struct {
	z (int)
	w [len("abc")]byte
}{z: 1}

var W, X = func(a (string)) int { return len(a) }, []struct{ p (*int) }{{}}

const C = len("four")
