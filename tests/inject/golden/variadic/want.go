package variadic; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "strings"

func Join(sep string, parts ...string) (_otel_r0 string) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "strings") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, sep, parts = _otel_b_g1_1(sep, parts); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	return strings.Join(parts, sep)
}

// Sum has an unnamed variadic parameter.
func Sum(_otel_p0 ...int) (total int) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "strings") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, _otel_p0 = _otel_b_g1_2(_otel_p0); if _otel_s2 { total = _otel_a_g1_2(_otel_c2, total); return }; defer func() { total = _otel_a_g1_2(_otel_c2, total) }() };
	return 0
}

// otel: rule join_rule on func Join

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/variadic.BeforeJoin
func _otel_hb_g1_1(_otel_HookContext, string, []string)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/variadic.AfterJoin
func _otel_ha_g1_1(_otel_HookContext, string)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 string, _otel_v1 []string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string, _otel_o1 []string) {
	_otel_c = &_otel_ctx{fn: "Join", pkg: "variadic", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("join_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(string); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].([]string); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 string) (_otel_o0 string) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(string); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("join_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(string); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule sum_rule on func Sum

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/variadic.BeforeSum
func _otel_hb_g1_2(_otel_HookContext, []int)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/variadic.AfterSum
func _otel_ha_g1_2(_otel_HookContext, int)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 []int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 []int) {
	_otel_c = &_otel_ctx{fn: "Sum", pkg: "variadic", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("sum_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].([]int); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_2(_otel_c *_otel_ctx, _otel_v0 int) (_otel_o0 int) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("sum_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
