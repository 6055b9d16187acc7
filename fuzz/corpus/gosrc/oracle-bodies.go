// Call expressions and composite literals in bodies: the cases where `{`
// and `(` are ambiguous or easy to miss.
package p

import (
	"fmt"
	str "strings"
)

type T struct{ a, b int }

type G[K comparable, V any] struct{ m map[K]V }

func Map[S ~[]E, E, R any](s S, f func(E) R) []R { return nil }

func headers(xs []int, m map[string]T) {
	if x := (T{a: 1}); x.a > 0 {
		fmt.Println(x)
	}
	for _, v := range []T{{1, 2}, {a: 3}} {
		_ = v
	}
	for i := range len(xs) {
		_ = i
	}
	switch t := (T{}); t.b {
	case T{}.a:
	}
	if m["k"] == (T{}) {
	}
	if func() bool { return T{} == T{} }() {
	}
	for x := struct{ n int }{1}; x.n < 3; x.n++ {
	}
	if v, ok := m[str.ToUpper("k")]; ok {
		_ = v
	}
	switch x := any(xs).(type) {
	case []int, map[string]T:
		_ = x
	}
	select {
	case <-make(chan int):
	default:
	}
}

func generics() {
	_ = Map[[]int, int, string]([]int{1}, func(i int) string { return fmt.Sprint(i) })
	_ = Map([]int{}, fmt.Sprint)
	g := G[string, int]{m: map[string]int{}}
	_ = &G[int, T]{}
	_ = g
	var fn = fmt.Sprintf
	_ = fn
}

func conversions(b []byte, p *T) {
	_ = string(b)
	_ = []byte("x")
	_ = (*T)(p)
	_ = (func())(nil)
	_ = interface{}(p)
	_ = map[string]int(nil)
	_ = chan int(nil)
	_ = [len("ab")]int{}
	var a [len("abc") + cap(b)]byte
	_ = a
	type local struct {
		f [len("xyz")]int `tag:"{"`
	}
	_ = local{}
}

func calls(args ...any) {
	fmt.Println(args...)
	fmt.Printf("%v %v\n", args...)
	defer fmt.Println("deferred")
	go func(x int) { fmt.Println(x) }(1)
	f := fmt.Sprint
	f(1)()
	str.NewReplacer("a", "b").Replace("abc")
	p := &T{}
	_ = (&T{}).a
	_ = &T{}
	_ = &[]T{{}}[0]
	_ = p
	// comment ( { in a comment
	_ = "( { in a string"
	_ = '('
	_ = `raw (`
outer:
	for {
		break outer
	}
	_ = func() T { return T{} }
	_ = func() (T, error) { return T{}, nil }
	_ = [...]T{{a: 1}, 2: {b: 2}}
	_ = map[T]T{{1, 2}: {3, 4}}
	var i interface {
		M(int) T
		fmt.Stringer
	}
	_ = i
}

func empty() {}
