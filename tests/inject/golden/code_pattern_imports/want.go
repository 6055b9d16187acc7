package sched; import _ "unsafe"; import _otel_atomic "sync/atomic"; import fmt "fmt"; import strings "strings"; import unsafe "unsafe"; import _ "embed"

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
func newproc1(fn *funcval, callergp *g, callerpc uintptr) (_otel_r0 *g) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "grp") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, fn, callergp, callerpc = _otel_b_g1_1(fn, callergp, callerpc); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return } }; _ = callerpc;
	newg := &g{}
	if fn == nil {
		println("inner"); panic("nil fn")
	}
	newg.goid = 10; for i := 0; i < 2; i++ {
		newg.goid++
	}
	newg.startpc = fn.fn; newg.parent = callergp; fmt.Println(strings.ToUpper("multi\nline"), "newproc1", unsafe.Sizeof(callerpc))
	newg.parent = nil
	f.Println("created", newg.goid)
	return newg
}

// otel: rule hooked on func newproc1

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/code_pattern_imports.BeforeNewproc1
func _otel_hb_g1_1(_otel_HookContext, interface{}, interface{}, uintptr)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 *funcval, _otel_v1 *g, _otel_v2 uintptr) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *funcval, _otel_o1 *g, _otel_o2 uintptr) {
	_otel_c = &_otel_ctx{fn: "newproc1", pkg: "sched", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 1}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("hooked", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_1(_otel_c, _otel_v0, _otel_v1, _otel_v2)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(*funcval); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(*g); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<2) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[2].(uintptr); _otel_ok || _otel_c.params[2] == nil {
			_otel_o2 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 *g) (_otel_o0 *g) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(*g); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
