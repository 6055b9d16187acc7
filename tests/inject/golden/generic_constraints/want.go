package constraints; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "cmp"

type Number interface {
	~int | ~int64 | ~float64
}

func Max[T cmp.Ordered](a, b T) (_otel_r0 T) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "generic") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, a, b = _otel_b_g1_1[T](a, b); if _otel_s1 { _otel_r0 = _otel_a_g1_1[T](_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1[T](_otel_c1, _otel_r0) }() };
	if a > b {
		return a
	}
	return b
}

// Index has constraints that refer to each other and a non-generic param.
func Index[S ~[]E, E comparable](s S, v E, from int) (_otel_r0 int, _otel_r1 bool) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "generic") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, s, v, from = _otel_b_g1_2[S, E](s, v, from); if _otel_s2 { _otel_r0, _otel_r1 = _otel_a_g1_2[S, E](_otel_c2, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_2[S, E](_otel_c2, _otel_r0, _otel_r1) }() };
	for i := from; i < len(s); i++ {
		if s[i] == v {
			return i, true
		}
	}
	return -1, false
}

func Total[N Number](ns ...N) (_otel_r0 N) { if _otel_atomic.LoadInt32(&_otel_on_g1_3) != 2 && _otel_enabled(&_otel_on_g1_3, "generic") { var _otel_c3 *_otel_ctx; var _otel_s3 bool; _otel_c3, _otel_s3, ns = _otel_b_g1_3[N](ns); if _otel_s3 { _otel_r0 = _otel_a_g1_3[N](_otel_c3, _otel_r0); return } };
	var t N
	for _, n := range ns {
		t += n
	}
	return t
}

// otel: rule max_rule on func Max

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/generic_constraints.BeforeMax
func _otel_hb_g1_1(_otel_HookContext, interface{}, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/generic_constraints.AfterMax
func _otel_ha_g1_1(_otel_HookContext, interface{})

var _otel_on_g1_1 int32

func _otel_b_g1_1[T cmp.Ordered](_otel_v0 T, _otel_v1 T) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 T, _otel_o1 T) {
	_otel_c = &_otel_ctx{fn: "Max", pkg: "constraints", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("max_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(T); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(T); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1[T cmp.Ordered](_otel_c *_otel_ctx, _otel_v0 T) (_otel_o0 T) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(T); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("max_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(T); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule index_rule on func Index

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/generic_constraints.BeforeIndex
func _otel_hb_g1_2(_otel_HookContext, interface{}, interface{}, int)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/generic_constraints.AfterIndex
func _otel_ha_g1_2(_otel_HookContext, int, bool)

var _otel_on_g1_2 int32

func _otel_b_g1_2[S ~[]E, E comparable](_otel_v0 S, _otel_v1 E, _otel_v2 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 S, _otel_o1 E, _otel_o2 int) {
	_otel_c = &_otel_ctx{fn: "Index", pkg: "constraints", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 2}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("index_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_2(_otel_c, _otel_v0, _otel_v1, _otel_v2)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(S); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(E); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<2) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[2].(int); _otel_ok || _otel_c.params[2] == nil {
			_otel_o2 = _otel_x
		}
	}
	return
}

func _otel_a_g1_2[S ~[]E, E comparable](_otel_c *_otel_ctx, _otel_v0 int, _otel_v1 bool) (_otel_o0 int, _otel_o1 bool) {
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.rmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[1].(bool); _otel_ok || _otel_c.results[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0, _otel_o1}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("index_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c, _otel_o0, _otel_o1)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.rmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[1].(bool); _otel_ok || _otel_c.results[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

// otel: rule total_rule on func Total

//go:linkname _otel_hb_g1_3 example.com/golden/hooks/generic_constraints.BeforeTotal
func _otel_hb_g1_3(_otel_HookContext, interface{})

var _otel_on_g1_3 int32

func _otel_b_g1_3[N Number](_otel_v0 []N) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 []N) {
	_otel_c = &_otel_ctx{fn: "Total", pkg: "constraints", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("total_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_3(_otel_c, _otel_v0)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].([]N); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_3[N Number](_otel_c *_otel_ctx, _otel_v0 N) (_otel_o0 N) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(N); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
