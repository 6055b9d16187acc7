package multiline; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "io"

// Copy has a signature over several lines, an unnamed result list on its
// own line and comments inside.
func Copy(
	dst io.Writer, // where to
	src io.Reader, /* from where */
	_otel_p2 int,
) (
	_otel_r0 int64,
	_otel_r1 error,
) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "io") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, dst, src, _otel_p2 = _otel_b_g1_1(dst, src, _otel_p2); if _otel_s1 { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_g1_1(_otel_c1, _otel_r0, _otel_r1) }() };
	return io.Copy(dst, src)
}

func Single(
	s string,
) (_otel_r0 string) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "io") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, s = _otel_b_g1_2(s); if _otel_s2 { _otel_r0 = _otel_a_g1_2(_otel_c2, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_2(_otel_c2, _otel_r0) }() };
	return s
}

// otel: rule copy_rule on func Copy

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/multiline_signature.BeforeCopy
func _otel_hb_g1_1(_otel_HookContext, io.Writer, io.Reader, int)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/multiline_signature.AfterCopy
func _otel_ha_g1_1(_otel_HookContext, int64, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 io.Writer, _otel_v1 io.Reader, _otel_v2 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 io.Writer, _otel_o1 io.Reader, _otel_o2 int) {
	_otel_c = &_otel_ctx{fn: "Copy", pkg: "multiline", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 2}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("copy_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(io.Writer); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(io.Reader); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<2) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[2].(int); _otel_ok || _otel_c.params[2] == nil {
			_otel_o2 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 int64, _otel_v1 error) (_otel_o0 int64, _otel_o1 error) {
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int64); _otel_ok || _otel_c.results[0] == nil {
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
			_otel_panic("copy_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0, _otel_o1)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int64); _otel_ok || _otel_c.results[0] == nil {
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

// otel: rule single_rule on func Single

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/multiline_signature.BeforeSingle
func _otel_hb_g1_2(_otel_HookContext, string)

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/multiline_signature.AfterSingle
func _otel_ha_g1_2(_otel_HookContext, string)

var _otel_on_g1_2 int32

func _otel_b_g1_2(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "Single", pkg: "multiline", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("single_rule", _otel_e)
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
			_otel_panic("single_rule", _otel_e)
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
