package aliased; import _ "unsafe"; import _otel_atomic "sync/atomic" // import "example.com/golden/cases/aliased_import"

import (
	stdctx "context"
	. "strings"
	tm "time"
)

// Wait's parameter types use an aliased and a dot import: the trampolines
// sit in this file, so they resolve the same way.
func Wait(ctx stdctx.Context, d tm.Duration, label string) (_otel_r0 error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "ctx") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, ctx, d, label = _otel_b_g1_1(ctx, d, label); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	_ = ToLower(label)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.After(d):
		return nil
	}
}

func Upper(b *Builder) (_otel_r0 string) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "ctx") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, b = _otel_b_g1_2(b); if _otel_s2 { _otel_r0 = _otel_a_g1_2(_otel_c2, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_2(_otel_c2, _otel_r0) }() };
	return ToUpper(b.String())
}

// otel: rule wait_rule on func Wait

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/aliased_import.BeforeWait
func _otel_hb_g1_1(_otel_HookContext, stdctx.Context, tm.Duration, string)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/aliased_import.AfterWait
func _otel_ha_g1_1(_otel_HookContext, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 stdctx.Context, _otel_v1 tm.Duration, _otel_v2 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 stdctx.Context, _otel_o1 tm.Duration, _otel_o2 string) {
	_otel_c = &_otel_ctx{fn: "Wait", pkg: "aliased", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 1}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("wait_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(stdctx.Context); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(tm.Duration); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<2) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[2].(string); _otel_ok || _otel_c.params[2] == nil {
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
			_otel_panic("wait_rule", _otel_e)
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

// otel: rule upper_rule on func Upper

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/aliased_import.BeforeUpper
func _otel_hb_g1_2(_otel_HookContext, *Builder)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/aliased_import.AfterUpper
func _otel_ha_g1_2(_otel_HookContext, string)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 *Builder) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *Builder) {
	_otel_c = &_otel_ctx{fn: "Upper", pkg: "aliased", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("upper_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(*Builder); _otel_ok || _otel_c.params[0] == nil {
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
			_otel_panic("upper_rule", _otel_e)
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
