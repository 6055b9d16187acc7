package recv; import _ "unsafe"; import _otel_atomic "sync/atomic"

type T struct{}

func (_otel_recv *T) Ptr(n int) (_otel_r0 int) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "recv") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, _otel_recv, n = _otel_b_g1_1(_otel_recv, n); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() }; return n + 1 }

func (_otel_recv T) Val() (_otel_r0 string) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "recv") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, _otel_recv = _otel_b_g1_2(_otel_recv); if _otel_s2 { _otel_r0 = _otel_a_g1_2(_otel_c2, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_2(_otel_c2, _otel_r0) }() };
	return "v"
}

// otel: rule ptr_rule on func (*T).Ptr

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/unnamed_receiver.BeforePtr
func _otel_hb_g1_1(_otel_HookContext, interface{}, int)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/unnamed_receiver.AfterPtr
func _otel_ha_g1_1(_otel_HookContext, int)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 *T, _otel_v1 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *T, _otel_o1 int) {
	_otel_c = &_otel_ctx{fn: "Ptr", pkg: "recv", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("ptr_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(*T); _otel_ok || _otel_c.params[0] == nil {
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
			_otel_panic("ptr_rule", _otel_e)
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

// otel: rule val_rule on func (T).Val

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/unnamed_receiver.BeforeVal
func _otel_hb_g1_2(_otel_HookContext, interface{})

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/unnamed_receiver.AfterVal
func _otel_ha_g1_2(_otel_HookContext, string)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 T) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 T) {
	_otel_c = &_otel_ctx{fn: "Val", pkg: "recv", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("val_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(T); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_2(_otel_c *_otel_ctx, _otel_v0 string) (_otel_o0 string) {
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
			_otel_panic("val_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(string); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
