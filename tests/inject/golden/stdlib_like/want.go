// Copyright notice, as in a standard-library file.

// Package strs looks like a standard-library package: it imports nothing,
// so the injected code may use only builtins and "unsafe".
package strs; import _ "unsafe"; import _otel_atomic "sync/atomic"

// ToUpper maps ASCII lower case to upper case.
func ToUpper(s string) (_otel_r0 string) { if _otel_atomic.LoadInt32(&_otel_on_1f3a9c0e_1) != 2 && _otel_enabled(&_otel_on_1f3a9c0e_1, "strs") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, s = _otel_b_1f3a9c0e_1(s); if _otel_s1 { _otel_r0 = _otel_a_1f3a9c0e_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_1f3a9c0e_1(_otel_c1, _otel_r0) }() };
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}

type Builder struct {
	buf []byte
}

func (b *Builder) WriteString(s string) (_otel_r0 int, _otel_r1 error) { if _otel_atomic.LoadInt32(&_otel_on_1f3a9c0e_2) != 2 && _otel_enabled(&_otel_on_1f3a9c0e_2, "strs") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, b, s = _otel_b_1f3a9c0e_2(b, s); if _otel_s2 { _otel_r0, _otel_r1 = _otel_a_1f3a9c0e_2(_otel_c2, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_1f3a9c0e_2(_otel_c2, _otel_r0, _otel_r1) }() };
	b.buf = append(b.buf, s...)
	return len(s), nil
}

// otel: rule upper_rule on func ToUpper

//go:linkname _otel_hb_1f3a9c0e_1 example.com/golden/hooks/stdlib_like.BeforeToUpper
func _otel_hb_1f3a9c0e_1(_otel_HookContext, string)

//go:linkname _otel_ha_1f3a9c0e_1 example.com/golden/hooks/stdlib_like.AfterToUpper
func _otel_ha_1f3a9c0e_1(_otel_HookContext, string)

var _otel_on_1f3a9c0e_1 int32

func _otel_b_1f3a9c0e_1(_otel_v0 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 string) {
	_otel_c = &_otel_ctx{fn: "ToUpper", pkg: "strs", params: []interface{}{_otel_v0}, nres: 1}
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
	_otel_hb_1f3a9c0e_1(_otel_c, _otel_v0)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(string); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_1f3a9c0e_1(_otel_c *_otel_ctx, _otel_v0 string) (_otel_o0 string) {
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
	_otel_ha_1f3a9c0e_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(string); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule write_rule on func (*Builder).WriteString

//go:linkname _otel_hb_1f3a9c0e_2 example.com/golden/hooks/stdlib_like.BeforeWrite
func _otel_hb_1f3a9c0e_2(_otel_HookContext, interface{}, string)

//go:linkname _otel_ha_1f3a9c0e_2 example.com/golden/hooks/stdlib_like.AfterWrite
func _otel_ha_1f3a9c0e_2(_otel_HookContext, int, error)

var _otel_on_1f3a9c0e_2 int32

func _otel_b_1f3a9c0e_2(_otel_v0 *Builder, _otel_v1 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *Builder, _otel_o1 string) {
	_otel_c = &_otel_ctx{fn: "WriteString", pkg: "strs", params: []interface{}{_otel_v0, _otel_v1}, nres: 2}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("write_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_1f3a9c0e_2(_otel_c, _otel_v0, _otel_v1)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(*Builder); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(string); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_1f3a9c0e_2(_otel_c *_otel_ctx, _otel_v0 int, _otel_v1 error) (_otel_o0 int, _otel_o1 error) {
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
			_otel_panic("write_rule", _otel_e)
		}
	}()
	_otel_ha_1f3a9c0e_2(_otel_c, _otel_o0, _otel_o1)
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
