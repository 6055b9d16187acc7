package sched

import (
	f "fmt"
)

type funcval struct{ fn uintptr }

type g struct {
	goid    uint64
	startpc uintptr
	parent  *g
}

// newproc1 is shaped like the runtime's: the new goroutine's record is
// filled in statement by statement.
func newproc1(fn *funcval, callergp *g, callerpc uintptr) *g {
	newg := &g{}
	if fn == nil {
		panic("nil fn")
	}
	for i := 0; i < 2; i++ {
		newg.goid++
	}
	newg.startpc = fn.fn
	newg.parent = nil
	f.Println("created", newg.goid)
	return newg
}
