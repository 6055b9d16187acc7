package generic; import _ "unsafe"; import _otel_atomic "sync/atomic"

// Map is generic: the trampolines are generic too, instantiated explicitly.
func Map[T, U any](xs []T, f func(T) U) (_otel_r0 []U) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "generic") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, xs, f = _otel_b_g1_1[T, U](xs, f); if _otel_s1 { _otel_r0 = _otel_a_g1_1[T, U](_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1[T, U](_otel_c1, _otel_r0) }() };
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// otel: rule map_rule on func Map

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/generic_func.BeforeMap
func _otel_hb_g1_1(_otel_HookContext, interface{}, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/generic_func.AfterMap
func _otel_ha_g1_1(_otel_HookContext, interface{})

var _otel_on_g1_1 int32

func _otel_b_g1_1[T any, U any](_otel_v0 []T, _otel_v1 func(T) U) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 []T, _otel_o1 func(T) U) {
	_otel_c = &_otel_ctx{fn: "Map", pkg: "generic", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("map_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].([]T); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(func(T) U); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1[T any, U any](_otel_c *_otel_ctx, _otel_v0 []U) (_otel_o0 []U) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].([]U); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("map_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].([]U); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
