package geo; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "math"

type Point struct{ X, Y float64 }

// Dist is a method on a value receiver.
func (p Point) Dist(q Point) (_otel_r0 float64) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "geo") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, p, q = _otel_b_g1_1(p, q); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	return math.Hypot(p.X-q.X, p.Y-q.Y)
}

// otel: rule dist_rule on func (Point).Dist

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/value_receiver.BeforeDist
func _otel_hb_g1_1(_otel_HookContext, Point, Point)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/value_receiver.AfterDist
func _otel_ha_g1_1(_otel_HookContext, float64)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 Point, _otel_v1 Point) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 Point, _otel_o1 Point) {
	_otel_c = &_otel_ctx{fn: "Dist", pkg: "geo", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("dist_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(Point); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(Point); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 float64) (_otel_o0 float64) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(float64); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("dist_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(float64); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
