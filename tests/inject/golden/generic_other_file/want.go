package set; import _ "unsafe"; import _otel_atomic "sync/atomic"

// Add is a method of a generic type declared in another file of the
// package: its constraint (comparable) comes from TypeParamLookup.
func (s Set[E]) Add(e E) (_otel_r0 bool) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "set") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, s, e = _otel_b_g1_1[E](s, e); if _otel_s1 { _otel_r0 = _otel_a_g1_1[E](_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1[E](_otel_c1, _otel_r0) }() };
	if _, ok := s[e]; ok {
		return false
	}
	s[e] = struct{}{}
	return true
}

// otel: rule add_rule on func (Set).Add

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/generic_other_file.BeforeAdd
func _otel_hb_g1_1(_otel_HookContext, interface{}, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/generic_other_file.AfterAdd
func _otel_ha_g1_1(_otel_HookContext, bool)

var _otel_on_g1_1 int32

func _otel_b_g1_1[E comparable](_otel_v0 Set[E], _otel_v1 E) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 Set[E], _otel_o1 E) {
	_otel_c = &_otel_ctx{fn: "Add", pkg: "set", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("add_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(Set[E]); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(E); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1[E comparable](_otel_c *_otel_ctx, _otel_v0 bool) (_otel_o0 bool) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(bool); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("add_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(bool); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
