package named; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "strconv"

// Parse keeps its result names; its bare returns still work.
func Parse(s string) (n int, err error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "strconv") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, s = _otel_b_g1_1(s); if _otel_s1 { n, err = _otel_a_g1_1(_otel_c1, n, err); return }; defer func() { n, err = _otel_a_g1_1(_otel_c1, n, err) }() };
	n, err = strconv.Atoi(s)
	if err != nil {
		return
	}
	n *= 2
	return
}

// otel: rule parse_rule on func Parse

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/named_results.BeforeParse
func _otel_hb_g1_1(_otel_HookContext, string)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/named_results.AfterParse
func _otel_ha_g1_1(_otel_HookContext, int, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Parse", pkg: "named", params: []interface{}{_otel_v0}, nres: 2}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("parse_rule", _otel_e)
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

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 int, _otel_v1 error) (_otel_o0 int, _otel_o1 error) {
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
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
			_otel_panic("parse_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0, _otel_o1)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
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
