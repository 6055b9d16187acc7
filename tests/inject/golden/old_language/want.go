// This package is compiled as Go 1.16 (the case's gomod file): the injected
// code and the support file must not use generics or other newer syntax.
package oldlang; import _ "unsafe"; import _otel_atomic "sync/atomic"

func Scale(x float64, by int) (_otel_r0 float64) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "old") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, x, by = _otel_b_g1_1(x, by); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	return x * float64(by)
}

// otel: rule scale_rule on func Scale

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/old_language.BeforeScale
func _otel_hb_g1_1(_otel_HookContext, float64, int)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/old_language.AfterScale
func _otel_ha_g1_1(_otel_HookContext, float64)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 float64, _otel_v1 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 float64, _otel_o1 int) {
	_otel_c = &_otel_ctx{fn: "Scale", pkg: "oldlang", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
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
		if _otel_x, _otel_ok := _otel_c.params[0].(float64); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(int); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 float64) (_otel_o0 float64) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(float64); _otel_ok || _otel_c.results[0] == nil {
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
		if _otel_x, _otel_ok := _otel_c.results[0].(float64); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
