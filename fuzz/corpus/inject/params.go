package params

import (
	"context"
	"io"
	"net/http"
)

type T struct{}
type I[A, B any] struct{}

func (T) M0()                                 {}
func (t T) M1()                               {}
func (t *T) M2()                              {}
func (t (T)) M3()                             {}
func (t (*T)) M4()                            {}
func (t *(T)) M5()                            {}
func (t T /* c */) M6()                       {}
func (t /* c */ *T) M7()                      {}
func (*T) M8()                                {}
func (_ T) M9()                               {}
func (i *I[A, B]) M10()                       {}
func (i I[_, B]) M11()                        {}

func u1(int, string)                          {}
func u2(a, b int, c ...string)                {}
func u3(a, b)                                 {}
func u4([]int, map[string]int, chan int)      {}
func u5(a []int, b [4]int, c [2][3]int)       {}
func u6(io.Reader, http.Handler)              {}
func u7(r io.Reader, h http.Handler)          {}
func u8(I[int, string], I[int, int])          {}
func u9(x I[int, string])                     {}
func u10(f func(int) (string, error), g func()) {}
func u11(ctx context.Context, w http.ResponseWriter, req *http.Request) {}
func u12(s struct{ a, b int }, i interface{ M(int) string }) {}
func u13(...int)                              {}
func u14(a int,
	b string,
) {
}
func u15(
	// leading comment
	a int, /* trailing */
	b, c string, // more
) {
}
func u16(ch <-chan int, out chan<- string, both chan (<-chan int)) {}
func u17(p *[]*map[string]*int)               {}
func u18(x, y, z float64, s ...interface{})   {}
func u19(a [N]int)                            {}
func u20(a I[N, N])                           {}
func u21(_ int, _ string)                     {}
func u22((int), (string))                     {}
func u23(a (int))                             {}
func u24(f func(...int))                      {}
func u25(a, b I[int, string], c I[string, int]) {}
func u26(x interface {
	M()
}) {
}

const N = 2

func r1() int                                 { return 0 }
func r2() (int, error)                        { return 0, nil }
func r3() (n int, err error)                  { return }
func r4() (a, b int, c string)                { return }
func r5() func() int                          { return nil }
func r6() func() {
	_ = 1
}
func r7() struct{ a int }                     { return struct{ a int }{} }
func r8() interface{ M() }                    { return nil }
func r9() map[string]func()                   { return nil }
func r10() chan<- int                         { return nil }
func r11() <-chan int                         { return nil }
func r12() (int)                              { return 0 }
func r13() [2]int                             { return [2]int{} }
func r14() *I[int, string]                    { return nil }
func r15() I[int, string]                     { return I[int, string]{} }
func r16() func() func() (int, error)         { return nil }
func r17() func(int) string                   { return nil }
func r18() (f func() int)                     { return }
func r19() io.Reader                          { return nil }
func r20() *struct{ a, b int }                { return nil }
func r21() chan struct{}                      { return nil }
func r22() (
	a int,
	b error,
) {
	return
}
func r23() /* c */ int /* d */ { return 0 }

func bodyless()
func bodylessRes() (int, error)
func bodylessOne() int
