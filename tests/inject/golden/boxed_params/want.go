package boxed; import _ "unsafe"; import _otel_atomic "sync/atomic"

type config struct {
	name string
}

type result struct{ ok bool }

// Apply takes and returns unexported types: a hook in another package can
// only receive them as interface{}.
func Apply(c *config, level int, opts map[string]config) (_otel_r0 result, _otel_r1 error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "boxed") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, c, level, opts = _otel_b_g1_1(c, level, opts); if _otel_s1 { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1) }() };
	return result{ok: c.name != "" && level > 0 && opts != nil}, nil
}

// otel: rule apply_rule on func Apply

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/boxed_params.BeforeApply
func _otel_hb_g1_1(_otel_HookContext, interface{}, int, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/boxed_params.AfterApply
func _otel_ha_g1_1(_otel_HookContext, interface{}, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 *config, _otel_v1 int, _otel_v2 map[string]config) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *config, _otel_o1 int, _otel_o2 map[string]config) {
	_otel_c = &_otel_ctx{fn: "Apply", pkg: "boxed", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 2}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("apply_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(*config); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(int); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<2) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[2].(map[string]config); _otel_ok || _otel_c.params[2] == nil {
			_otel_o2 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 result, _otel_v1 error) (_otel_o0 result, _otel_o1 error) {
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(result); _otel_ok || _otel_c.results[0] == nil {
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
			_otel_panic("apply_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0, _otel_o1)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(result); _otel_ok || _otel_c.results[0] == nil {
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
