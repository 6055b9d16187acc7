package pair; import _ "unsafe"; import _otel_atomic "sync/atomic"

type Pair[K comparable, V interface{ ~[]K }] struct {
	key K
	val V
}

// Key names the type parameters differently from the declaration: the
// trampolines' constraints must use the receiver's names.
func (p Pair[A, B]) Key() (_otel_r0 A) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "pair") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, p = _otel_b_g1_1[A, B](p); if _otel_s1 { _otel_r0 = _otel_a_g1_1[A, B](_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1[A, B](_otel_c1, _otel_r0) }() };
	return p.key
}

// Vals has a blank receiver type parameter.
func (p *Pair[_otel_T0, V]) Vals() (_otel_r0 V) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "pair") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, p = _otel_b_g1_2[_otel_T0, V](p); if _otel_s2 { _otel_r0 = _otel_a_g1_2[_otel_T0, V](_otel_c2, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_2[_otel_T0, V](_otel_c2, _otel_r0) }() };
	return p.val
}

// otel: rule key_rule on func (Pair).Key

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/generic_method_renamed.BeforeKey
func _otel_hb_g1_1(_otel_HookContext, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/generic_method_renamed.AfterKey
func _otel_ha_g1_1(_otel_HookContext, interface{})

var _otel_on_g1_1 int32

func _otel_b_g1_1[A comparable, B interface{ ~[]A }](_otel_v0 Pair[A, B]) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 Pair[A, B]) {
	_otel_c = &_otel_ctx{fn: "Key", pkg: "pair", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("key_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(Pair[A, B]); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1[A comparable, B interface{ ~[]A }](_otel_c *_otel_ctx, _otel_v0 A) (_otel_o0 A) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(A); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("key_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(A); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule vals_rule on func (*Pair).Vals

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/generic_method_renamed.BeforeVals
func _otel_hb_g1_2(_otel_HookContext, interface{})

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/generic_method_renamed.AfterVals
func _otel_ha_g1_2(_otel_HookContext, interface{})

var _otel_on_g1_2 int32

func _otel_b_g1_2[_otel_T0 comparable, V interface{ ~[]_otel_T0 }](_otel_v0 *Pair[_otel_T0, V]) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *Pair[_otel_T0, V]) {
	_otel_c = &_otel_ctx{fn: "Vals", pkg: "pair", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("vals_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(*Pair[_otel_T0, V]); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_2[_otel_T0 comparable, V interface{ ~[]_otel_T0 }](_otel_c *_otel_ctx, _otel_v0 V) (_otel_o0 V) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(V); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("vals_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(V); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
