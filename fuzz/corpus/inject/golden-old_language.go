// This package is compiled as Go 1.16 (the case's gomod file): the injected
// code and the support file must not use generics or other newer syntax.
package oldlang

func Scale(x float64, by int) float64 {
	return x * float64(by)
}
