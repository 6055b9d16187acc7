package tworules; import _ "unsafe"; import _otel_atomic "sync/atomic"

func Fetch(key string) (_otel_r0 string, _otel_r1 error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "tracing") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, key = _otel_b_g1_1(key); if _otel_s1 { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1) }() }; if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "metrics") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, key = _otel_b_g1_2(key); if _otel_s2 { _otel_r0, _otel_r1 = _otel_a_g1_2(_otel_c2, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_2(_otel_c2, _otel_r0, _otel_r1) }() };
	return "value of " + key, nil
}

// otel: rule trace_rule on func Fetch

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/two_rules.BeforeTrace
func _otel_hb_g1_1(_otel_HookContext, string)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/two_rules.AfterTrace
func _otel_ha_g1_1(_otel_HookContext, string, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Fetch", pkg: "tworules", params: []interface{}{_otel_v0}, nres: 2}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("trace_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(string); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
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
			_otel_panic("trace_rule", _otel_e)
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

// otel: rule metrics_rule on func Fetch

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/two_rules.BeforeMetrics
func _otel_hb_g1_2(_otel_HookContext, string)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/two_rules.AfterMetrics
func _otel_ha_g1_2(_otel_HookContext, string, error)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Fetch", pkg: "tworules", params: []interface{}{_otel_v0}, nres: 2}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("metrics_rule", _otel_e)
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

func _otel_a_g1_2(_otel_c *_otel_ctx, _otel_v0 string, _otel_v1 error) (_otel_o0 string, _otel_o1 error) {
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
			_otel_panic("metrics_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c, _otel_o0, _otel_o1)
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
