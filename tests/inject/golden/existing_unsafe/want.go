package rawmem; import _ "unsafe"; import _otel_atomic "sync/atomic"

import (
	"unsafe"
)

// Size already uses unsafe; the added blank import must not clash.
func Size(p unsafe.Pointer, n uintptr) (_otel_r0 uintptr) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "rawmem") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, p, n = _otel_b_g1_1(p, n); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	_ = p
	return n + unsafe.Sizeof(n)
}

// otel: rule size_rule on func Size

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/existing_unsafe.BeforeSize
func _otel_hb_g1_1(_otel_HookContext, unsafe.Pointer, uintptr)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/existing_unsafe.AfterSize
func _otel_ha_g1_1(_otel_HookContext, uintptr)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 unsafe.Pointer, _otel_v1 uintptr) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 unsafe.Pointer, _otel_o1 uintptr) {
	_otel_c = &_otel_ctx{fn: "Size", pkg: "rawmem", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("size_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(unsafe.Pointer); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(uintptr); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 uintptr) (_otel_o0 uintptr) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(uintptr); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("size_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(uintptr); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
