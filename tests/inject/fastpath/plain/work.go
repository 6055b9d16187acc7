// Package work holds the functions of the fast-path benchmark, as written.
// tests/t_inject_fastpath.sh instruments this file into ../instr/work.go.
package work

// Work is the benchmarked function. It is not inlinable in either version,
// so the comparison measures the injected fast path, not inlining.
//
//go:noinline
func Work(a, b int, s string) (int, error) {
	return a*b + len(s), nil
}

// WorkOn is Work under a rule whose group is enabled: its hooks run.
//
//go:noinline
func WorkOn(a, b int, s string) (int, error) {
	return a*b + len(s), nil
}

type Acc struct{ n int }

// Add is a method with a pointer receiver and no error result.
//
//go:noinline
func (x *Acc) Add(v int) int {
	x.n += v
	return x.n
}

// Fill writes into a caller's buffer: its pointer parameter is handed to
// the hooks when they are enabled.
//
//go:noinline
func Fill(buf []byte, c byte) int {
	for i := range buf {
		buf[i] = c
	}
	return len(buf)
}
