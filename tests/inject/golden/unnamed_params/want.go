package unnamed; import _ "unsafe"; import _otel_atomic "sync/atomic"

type Handler func(int, string) error

// Nop ignores its arguments; none of them has a name.
func Nop(_otel_p0 int, _otel_p1 string, _otel_p2 []byte) (_otel_r0 error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "unnamed") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, _otel_p0, _otel_p1, _otel_p2 = _otel_b_g1_1(_otel_p0, _otel_p1, _otel_p2); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	return nil
}

// otel: rule nop_rule on func Nop

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/unnamed_params.BeforeNop
func _otel_hb_g1_1(_otel_HookContext, int, string, []byte)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/unnamed_params.AfterNop
func _otel_ha_g1_1(_otel_HookContext, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 int, _otel_v1 string, _otel_v2 []byte) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int, _otel_o1 string, _otel_o2 []byte) {
	_otel_c = &_otel_ctx{fn: "Nop", pkg: "unnamed", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 1}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("nop_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[2].([]byte); _otel_ok || _otel_c.params[2] == nil {
			_otel_o2 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 error) (_otel_o0 error) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(error); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("nop_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(error); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
