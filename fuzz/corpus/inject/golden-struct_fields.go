package runtime

// g is shaped like the runtime's goroutine record: the closing brace on its
// own line.
type g struct {
	goid    uint64
	startpc uintptr // comment on the last field
}

// One line: the last field shares the closing brace's line.
type T struct{ a int }

type U struct {
	a, b int; c string }

type E struct{}

type Tagged struct {
	X int `json:"x"` }

type notAStruct int

func use(x *g, t T, u U, e E, tg Tagged) uintptr { return x.startpc + uintptr(t.a+u.a+tg.X) }
