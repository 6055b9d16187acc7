package noresults; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "fmt"

func Log(msg string) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "logging") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, msg = _otel_b_g1_1(msg); if _otel_s1 { _otel_a_g1_1(_otel_c1); return }; defer _otel_a_g1_1(_otel_c1) };
	fmt.Println(msg)
}

func Tick() { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "logging") { _otel_c2, _otel_s2 := _otel_b_g1_2(); if _otel_s2 { _otel_a_g1_2(_otel_c2); return }; defer _otel_a_g1_2(_otel_c2) };
	fmt.Println("tick")
}

// otel: rule log_rule on func Log

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/no_results.BeforeLog
func _otel_hb_g1_1(_otel_HookContext, string)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/no_results.AfterLog
func _otel_ha_g1_1(_otel_HookContext)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Log", pkg: "noresults", params: []interface{}{_otel_v0}, nres: 0}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("log_rule", _otel_e)
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

func _otel_a_g1_1(_otel_c *_otel_ctx) {
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("log_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c)
}

// otel: rule tick_rule on func Tick

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/no_results.BeforeTick
func _otel_hb_g1_2(_otel_HookContext)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/no_results.AfterTick
func _otel_ha_g1_2(_otel_HookContext)

var _otel_on_g1_2 int32

func _otel_b_g1_2() (_otel_c *_otel_ctx, _otel_skip bool) {
	_otel_c = &_otel_ctx{fn: "Tick", pkg: "noresults", params: []interface{}{}, nres: 0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("tick_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_2(_otel_c)
	return
}

func _otel_a_g1_2(_otel_c *_otel_ctx) {
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("tick_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c)
}
