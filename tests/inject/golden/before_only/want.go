package beforeonly; import _ "unsafe"; import _otel_atomic "sync/atomic"

func Check(n int) (_otel_r0 bool) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "checks") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, n = _otel_b_g1_1(n); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return } };
	return n > 0
}

func Warn(msg string) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "checks") { var _otel_s2 bool; _, _otel_s2, msg = _otel_b_g1_2(msg); if _otel_s2 { return } };
	println(msg)
}

// otel: rule check_rule on func Check

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/before_only.BeforeCheck
func _otel_hb_g1_1(_otel_HookContext, int)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int) {
	_otel_c = &_otel_ctx{fn: "Check", pkg: "beforeonly", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("check_rule", _otel_e)
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

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 bool) (_otel_o0 bool) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(bool); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule warn_rule on func Warn

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/before_only.BeforeWarn
func _otel_hb_g1_2(_otel_HookContext, string)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Warn", pkg: "beforeonly", params: []interface{}{_otel_v0}, nres: 0}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("warn_rule", _otel_e)
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
