package afteronly; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "os"

func Open(name string) (_otel_r0 *os.File, _otel_r1 error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "files") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, name = _otel_b_g1_1(name); if _otel_s1 { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1) }() };
	return os.Open(name)
}

// otel: rule open_rule on func Open

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/after_only.AfterOpen
func _otel_ha_g1_1(_otel_HookContext, *os.File, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Open", pkg: "afteronly", params: []interface{}{_otel_v0}, nres: 2}
	_otel_o0 = _otel_v0
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 *os.File, _otel_v1 error) (_otel_o0 *os.File, _otel_o1 error) {
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(*os.File); _otel_ok || _otel_c.results[0] == nil {
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
			_otel_panic("open_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0, _otel_o1)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(*os.File); _otel_ok || _otel_c.results[0] == nil {
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
