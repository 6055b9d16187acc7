package multi; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "fmt"

func untouched() int { return 1 }

func First(a int) (_otel_r0 int) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "multi") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, a = _otel_b_g1_1(a); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	return a + untouched()
}

type S struct{ n int }

func (s *S) Untouched() {}

func Second(s string) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "multi") { var _otel_s2 bool; _, _otel_s2, s = _otel_b_g1_2(s); if _otel_s2 { return } };
	fmt.Println(s)
}

func (s *S) Third() (_otel_r0 int) { if _otel_atomic.LoadInt32(&_otel_on_g1_3) != 2 && _otel_enabled(&_otel_on_g1_3, "multi") { var _otel_c3 *_otel_ctx; var _otel_s3 bool; _otel_c3, _otel_s3, s = _otel_b_g1_3(s); if _otel_s3 { _otel_r0 = _otel_a_g1_3(_otel_c3, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_3(_otel_c3, _otel_r0) }() };
	return s.n
}

func alsoUntouched(x int) int {
	return x
}

// otel: rule first_rule on func First

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/multiple_funcs.BeforeFirst
func _otel_hb_g1_1(_otel_HookContext, int)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/multiple_funcs.AfterFirst
func _otel_ha_g1_1(_otel_HookContext, int)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int) {
	_otel_c = &_otel_ctx{fn: "First", pkg: "multi", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("first_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_1(_otel_c, _otel_v0)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(int); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 int) (_otel_o0 int) {
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
			_otel_panic("first_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule second_rule on func Second

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/multiple_funcs.BeforeSecond
func _otel_hb_g1_2(_otel_HookContext, string)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Second", pkg: "multi", params: []interface{}{_otel_v0}, nres: 0}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("second_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(string); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule third_rule on func (*S).Third

//go:linkname _otel_hb_g1_3 example.com/golden/hooks/multiple_funcs.BeforeThird
func _otel_hb_g1_3(_otel_HookContext, interface{})

//go:linkname _otel_ha_g1_3 example.com/golden/hooks/multiple_funcs.AfterThird
func _otel_ha_g1_3(_otel_HookContext, int)

var _otel_on_g1_3 int32

func _otel_b_g1_3(_otel_v0 *S) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *S) {
	_otel_c = &_otel_ctx{fn: "Third", pkg: "multi", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("third_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(*S); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_3(_otel_c *_otel_ctx, _otel_v0 int) (_otel_o0 int) {
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
			_otel_panic("third_rule", _otel_e)
		}
	}()
	_otel_ha_g1_3(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
