package runtime; import unsafe "unsafe"

// g is shaped like the runtime's goroutine record: the closing brace on its
// own line.
type g struct {
	goid    uint64
	startpc uintptr // comment on the last field
otel_trace_context unsafe.Pointer; otel_baggage map[string]string }

// One line: the last field shares the closing brace's line.
type T struct{ a int ; added *T }

type U struct {
	a, b int; c string ; d []byte }

type E struct{only struct{ x, y int } }

type Tagged struct {
	X int `json:"x"` ; Y int `json:"y"` }

type notAStruct int

func use(x *g, t T, u U, e E, tg Tagged) uintptr { return x.startpc + uintptr(t.a+u.a+tg.X) }
