// Type declarations where go/parser must decide between an array length
// and a type parameter list (parseTypeSpec/extractName), plus generics.
package typeparams

import "unsafe"

const N, M = 4, 2

var x [3]int

func f(...int) int { return 0 }

type A1 [N]int
type A2 [N * M]int
type A3 [N + 1]int
type A4 [len("abc")]int
type A5 [unsafe.Sizeof(x)]byte
type A6 [len([]int{1, 2})]int
type A7 [len(func() []int { return nil }())]int
type A8 [f(x[:]...)]int
type A9 [1_000]int
type A10 [0b101 + 0o17 + 0x_1F]int
type A11 [N << 1 >> 1 &^ 0]int
type A12 [-N + +M - ^0]int
type A13 [(N)]int
type A14 [N]struct{ a, b int }
type A15 []int
type A16 [...]int
type A17 [N * M * 1]int
type A18 [len(`}{`) + len("]")]int

type G1[P any] int
type G2[P *C,] int
type G3[P *C | ~D] int
type G4[P *[]int] int
type G5[P ([]int)] int
type G6[P (C),] int
type G7[P *func()] int
type G8[P interface{ ~int | ~string }] struct{ p P }
type G9[P struct{}] int
type G10[P []int] int
type G11[P ~int] int
type G12[P T[int]] int
type G13[K comparable, V any] map[K]V
type G14[K, V any] struct {
	k K
	v V
}
type G15[S ~[]E, E any] interface {
	~[]E
	Len() int
}
type G16[P *C | D | ~E] int
type G17[P *int | *string] int
type G18[P interface{}, Q interface {
	M()
}] int
type G19[P map[string]int] int
type G20[P chan int] int
type G21[P func(int) string] int
type G22[P ~int | ~string | ~float64,] int
type G23[P /* c */ any /* d */] int

type Alias = G1[int]
type GAlias[P any] = G1[P]
type (
	Grouped1[T any] struct{ t T }
	Grouped2        = int
	Grouped3        interface{ M() }
	Grouped4        (struct{})
	Grouped5        [N]int
)

type List[T any] struct {
	next *List[T]
	val  T
}

func (l *List[T]) Push(v T)          {}
func (l List[T]) Len() int           { return 0 }
func (List[_]) Blank()               {}
func (m *G13[K, V]) Get(k K) (V, bool) { var v V; return v, false }
func (m G13[K, V,]) Trailing()       {}
func Map[S ~[]E, E, R any](s S, f func(E) R) []R { return nil }
func Sum[T interface{ ~int | ~float64 }](xs ...T) (t T) { return }
func Keys[M ~map[K]V, K comparable, V any](m M) []K { return nil }
func Ptr[T any, PT interface {
	*T
	Set(string)
}]() {
}
