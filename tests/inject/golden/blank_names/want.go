package blank; import _ "unsafe"; import _otel_atomic "sync/atomic"

// Pick has blank parameters and a blank result: all get names.
func Pick(_otel_p0 int, x string, _otel_p2 bool) (_otel_r0 string, err error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "blank") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, _otel_p0, x, _otel_p2 = _otel_b_g1_1(_otel_p0, x, _otel_p2); if _otel_s1 { _otel_r0, err = _otel_a_g1_1(_otel_c1, _otel_r0, err); return }; defer func() { _otel_r0, err = _otel_a_g1_1(_otel_c1, _otel_r0, err) }() };
	return x, nil
}

func Pair(a, _otel_p1 int) (_otel_r0, _otel_r1 int) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "blank") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, a, _otel_p1 = _otel_b_g1_2(a, _otel_p1); if _otel_s2 { _otel_r0, _otel_r1 = _otel_a_g1_2(_otel_c2, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_2(_otel_c2, _otel_r0, _otel_r1) }() };
	return a, a
}

// otel: rule pick_rule on func Pick

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/blank_names.BeforePick
func _otel_hb_g1_1(_otel_HookContext, int, string, bool)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/blank_names.AfterPick
func _otel_ha_g1_1(_otel_HookContext, string, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 int, _otel_v1 string, _otel_v2 bool) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int, _otel_o1 string, _otel_o2 bool) {
	_otel_c = &_otel_ctx{fn: "Pick", pkg: "blank", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 2}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("pick_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(int); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(string); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<2) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[2].(bool); _otel_ok || _otel_c.params[2] == nil {
			_otel_o2 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 string, _otel_v1 error) (_otel_o0 string, _otel_o1 error) {
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(string); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.rmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[1].(error); _otel_ok || _otel_c.results[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0, _otel_o1}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("pick_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0, _otel_o1)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(string); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.rmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[1].(error); _otel_ok || _otel_c.results[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

// otel: rule pair_rule on func Pair

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/blank_names.BeforePair
func _otel_hb_g1_2(_otel_HookContext, int, int)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/blank_names.AfterPair
func _otel_ha_g1_2(_otel_HookContext, int, int)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 int, _otel_v1 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int, _otel_o1 int) {
	_otel_c = &_otel_ctx{fn: "Pair", pkg: "blank", params: []interface{}{_otel_v0, _otel_v1}, nres: 2}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("pair_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_2(_otel_c, _otel_v0, _otel_v1)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(int); _otel_ok || _otel_c.params[0] == nil {
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

func _otel_a_g1_2(_otel_c *_otel_ctx, _otel_v0 int, _otel_v1 int) (_otel_o0 int, _otel_o1 int) {
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
	_otel_ha_g1_2(_otel_c, _otel_o0, _otel_o1)
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
