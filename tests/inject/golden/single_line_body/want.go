package oneline; import _ "unsafe"; import _otel_atomic "sync/atomic"

func Id(x int) (_otel_r0 int) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "oneline") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, x = _otel_b_g1_1(x); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() }; return x }

func Empty() { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "oneline") { _otel_c2, _otel_s2 := _otel_b_g1_2(); if _otel_s2 { _otel_a_g1_2(_otel_c2); return }; defer _otel_a_g1_2(_otel_c2) };}

func Pair() (_otel_r0 int, _otel_r1 int) { if _otel_atomic.LoadInt32(&_otel_on_g1_3) != 2 && _otel_enabled(&_otel_on_g1_3, "oneline") { _otel_c3, _otel_s3 := _otel_b_g1_3(); if _otel_s3 { _otel_r0, _otel_r1 = _otel_a_g1_3(_otel_c3, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_3(_otel_c3, _otel_r0, _otel_r1) }() }; return 1, 2 }

// otel: rule id_rule on func Id

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/single_line_body.BeforeId
func _otel_hb_g1_1(_otel_HookContext, int)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/single_line_body.AfterId
func _otel_ha_g1_1(_otel_HookContext, int)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int) {
	_otel_c = &_otel_ctx{fn: "Id", pkg: "oneline", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("id_rule", _otel_e)
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
			_otel_panic("id_rule", _otel_e)
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

// otel: rule empty_rule on func Empty

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/single_line_body.BeforeEmpty
func _otel_hb_g1_2(_otel_HookContext)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/single_line_body.AfterEmpty
func _otel_ha_g1_2(_otel_HookContext)

var _otel_on_g1_2 int32

func _otel_b_g1_2() (_otel_c *_otel_ctx, _otel_skip bool) {
	_otel_c = &_otel_ctx{fn: "Empty", pkg: "oneline", params: []interface{}{}, nres: 0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("empty_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_2(_otel_c)
	return
}

func _otel_a_g1_2(_otel_c *_otel_ctx) {
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("empty_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c)
}

// otel: rule pair_rule on func Pair

//go:linkname _otel_ha_g1_3 example.com/golden/hooks/single_line_body.AfterPair
func _otel_ha_g1_3(_otel_HookContext, int, int)

var _otel_on_g1_3 int32

func _otel_b_g1_3() (_otel_c *_otel_ctx, _otel_skip bool) {
	_otel_c = &_otel_ctx{fn: "Pair", pkg: "oneline", params: []interface{}{}, nres: 2}
	return
}

func _otel_a_g1_3(_otel_c *_otel_ctx, _otel_v0 int, _otel_v1 int) (_otel_o0 int, _otel_o1 int) {
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.rmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[1].(int); _otel_ok || _otel_c.results[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0, _otel_o1}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("pair_rule", _otel_e)
		}
	}()
	_otel_ha_g1_3(_otel_c, _otel_o0, _otel_o1)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.rmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[1].(int); _otel_ok || _otel_c.results[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}
