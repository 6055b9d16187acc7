package cgofile; import _ "unsafe"; import _otel_atomic "sync/atomic"

/*
#include <stdint.h>
static int32_t scale(int32_t v, int32_t by) { return v * by; }
*/
import "C"

import "fmt"

// Scale calls C with C-typed parameters and result: the trampolines sit at
// the end of this file, so they name C.int32_t as the function does, and
// cgo rewrites them with the rest of the file. A hook in another package
// receives C types boxed.
func Scale(v C.int32_t, by C.int32_t) (_otel_r0 C.int32_t) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "cgofile") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, v, by = _otel_b_g1_1(v, by); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	return C.scale(v, by)
}

// Show has Go types only.
func Show(v int) (_otel_r0 string) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "cgofile") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, v = _otel_b_g1_2(v); if _otel_s2 { _otel_r0 = _otel_a_g1_2(_otel_c2, _otel_r0); return } };
	return fmt.Sprint(int(Scale(C.int32_t(v), 2)))
}

// otel: rule scale_rule on func Scale

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/cgo_file.BeforeScale
func _otel_hb_g1_1(_otel_HookContext, interface{}, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/cgo_file.AfterScale
func _otel_ha_g1_1(_otel_HookContext, interface{})

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 C.int32_t, _otel_v1 C.int32_t) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 C.int32_t, _otel_o1 C.int32_t) {
	_otel_c = &_otel_ctx{fn: "Scale", pkg: "cgofile", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("scale_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_1(_otel_c, _otel_v0, _otel_v1)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(C.int32_t); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(C.int32_t); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 C.int32_t) (_otel_o0 C.int32_t) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(C.int32_t); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("scale_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(C.int32_t); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule show_rule on func Show

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/cgo_file.BeforeShow
func _otel_hb_g1_2(_otel_HookContext, int)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int) {
	_otel_c = &_otel_ctx{fn: "Show", pkg: "cgofile", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("show_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_2(_otel_c, _otel_v0)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(int); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_2(_otel_c *_otel_ctx, _otel_v0 string) (_otel_o0 string) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(string); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
