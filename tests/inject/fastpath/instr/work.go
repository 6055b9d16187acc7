// Package work holds the functions of the fast-path benchmark, as written.
// tests/t_inject_fastpath.sh instruments this file into ../instr/work.go.
package work; import _ "unsafe"; import _otel_atomic "sync/atomic"

// Work is the benchmarked function. It is not inlinable in either version,
// so the comparison measures the injected fast path, not inlining.
//
//go:noinline
func Work(a, b int, s string) (_otel_r0 int, _otel_r1 error) { if _otel_atomic.LoadInt32(&_otel_on_fp01_1) != 2 && _otel_enabled(&_otel_on_fp01_1, "off") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, a, b, s = _otel_b_fp01_1(a, b, s); if _otel_s1 { _otel_r0, _otel_r1 = _otel_a_fp01_1(_otel_c1, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_fp01_1(_otel_c1, _otel_r0, _otel_r1) }() };
	return a*b + len(s), nil
}

// WorkOn is Work under a rule whose group is enabled: its hooks run.
//
//go:noinline
func WorkOn(a, b int, s string) (_otel_r0 int, _otel_r1 error) { if _otel_atomic.LoadInt32(&_otel_on_fp01_2) != 2 && _otel_enabled(&_otel_on_fp01_2, "on") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, a, b, s = _otel_b_fp01_2(a, b, s); if _otel_s2 { _otel_r0, _otel_r1 = _otel_a_fp01_2(_otel_c2, _otel_r0, _otel_r1); return }; defer func() { _otel_r0, _otel_r1 = _otel_a_fp01_2(_otel_c2, _otel_r0, _otel_r1) }() };
	return a*b + len(s), nil
}

type Acc struct{ n int }

// Add is a method with a pointer receiver and no error result.
//
//go:noinline
func (x *Acc) Add(v int) (_otel_r0 int) { if _otel_atomic.LoadInt32(&_otel_on_fp01_3) != 2 && _otel_enabled(&_otel_on_fp01_3, "off") { var _otel_c3 *_otel_ctx; var _otel_s3 bool; _otel_c3, _otel_s3, x, v = _otel_b_fp01_3(x, v); if _otel_s3 { _otel_r0 = _otel_a_fp01_3(_otel_c3, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_fp01_3(_otel_c3, _otel_r0) }() };
	x.n += v
	return x.n
}

// Fill writes into a caller's buffer: its pointer parameter is handed to
// the hooks when they are enabled.
//
//go:noinline
func Fill(buf []byte, c byte) (_otel_r0 int) { if _otel_atomic.LoadInt32(&_otel_on_fp01_4) != 2 && _otel_enabled(&_otel_on_fp01_4, "off") { var _otel_c4 *_otel_ctx; var _otel_s4 bool; _otel_c4, _otel_s4, buf, c = _otel_b_fp01_4(buf, c); if _otel_s4 { _otel_r0 = _otel_a_fp01_4(_otel_c4, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_fp01_4(_otel_c4, _otel_r0) }() };
	for i := range buf {
		buf[i] = c
	}
	return len(buf)
}

// otel: rule work_rule on func Work

//go:linkname _otel_hb_fp01_1 example.com/fastpath/hooks.BeforeWork
func _otel_hb_fp01_1(_otel_HookContext, int, int, string)

//go:linkname _otel_ha_fp01_1 example.com/fastpath/hooks.AfterWork
func _otel_ha_fp01_1(_otel_HookContext, int, error)

var _otel_on_fp01_1 int32

func _otel_b_fp01_1(_otel_v0 int, _otel_v1 int, _otel_v2 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int, _otel_o1 int, _otel_o2 string) {
	_otel_c = &_otel_ctx{fn: "Work", pkg: "work", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 2}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("work_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_fp01_1(_otel_c, _otel_v0, _otel_v1, _otel_v2)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(int); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(int); _otel_ok || _otel_c.params[1] == nil {
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

func _otel_a_fp01_1(_otel_c *_otel_ctx, _otel_v0 int, _otel_v1 error) (_otel_o0 int, _otel_o1 error) {
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
			_otel_panic("work_rule", _otel_e)
		}
	}()
	_otel_ha_fp01_1(_otel_c, _otel_o0, _otel_o1)
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

// otel: rule workon_rule on func WorkOn

//go:linkname _otel_hb_fp01_2 example.com/fastpath/hooks.BeforeWork
func _otel_hb_fp01_2(_otel_HookContext, int, int, string)

//go:linkname _otel_ha_fp01_2 example.com/fastpath/hooks.AfterWork
func _otel_ha_fp01_2(_otel_HookContext, int, error)

var _otel_on_fp01_2 int32

func _otel_b_fp01_2(_otel_v0 int, _otel_v1 int, _otel_v2 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 int, _otel_o1 int, _otel_o2 string) {
	_otel_c = &_otel_ctx{fn: "WorkOn", pkg: "work", params: []interface{}{_otel_v0, _otel_v1, _otel_v2}, nres: 2}
	_otel_o0, _otel_o1, _otel_o2 = _otel_v0, _otel_v1, _otel_v2
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("workon_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_fp01_2(_otel_c, _otel_v0, _otel_v1, _otel_v2)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(int); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(int); _otel_ok || _otel_c.params[1] == nil {
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

func _otel_a_fp01_2(_otel_c *_otel_ctx, _otel_v0 int, _otel_v1 error) (_otel_o0 int, _otel_o1 error) {
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
			_otel_panic("workon_rule", _otel_e)
		}
	}()
	_otel_ha_fp01_2(_otel_c, _otel_o0, _otel_o1)
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

// otel: rule add_rule on func (*Acc).Add

//go:linkname _otel_hb_fp01_3 example.com/fastpath/hooks.BeforeAdd
func _otel_hb_fp01_3(_otel_HookContext, interface{}, int)

//go:linkname _otel_ha_fp01_3 example.com/fastpath/hooks.AfterAdd
func _otel_ha_fp01_3(_otel_HookContext, int)

var _otel_on_fp01_3 int32

func _otel_b_fp01_3(_otel_v0 *Acc, _otel_v1 int) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *Acc, _otel_o1 int) {
	_otel_c = &_otel_ctx{fn: "Add", pkg: "work", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("add_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_fp01_3(_otel_c, _otel_v0, _otel_v1)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(*Acc); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(int); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_fp01_3(_otel_c *_otel_ctx, _otel_v0 int) (_otel_o0 int) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("add_rule", _otel_e)
		}
	}()
	_otel_ha_fp01_3(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

// otel: rule fill_rule on func Fill

//go:linkname _otel_hb_fp01_4 example.com/fastpath/hooks.BeforeFill
func _otel_hb_fp01_4(_otel_HookContext, []byte, byte)

//go:linkname _otel_ha_fp01_4 example.com/fastpath/hooks.AfterFill
func _otel_ha_fp01_4(_otel_HookContext, int)

var _otel_on_fp01_4 int32

func _otel_b_fp01_4(_otel_v0 []byte, _otel_v1 byte) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 []byte, _otel_o1 byte) {
	_otel_c = &_otel_ctx{fn: "Fill", pkg: "work", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("fill_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_fp01_4(_otel_c, _otel_v0, _otel_v1)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].([]byte); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(byte); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_fp01_4(_otel_c *_otel_ctx, _otel_v0 int) (_otel_o0 int) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("fill_rule", _otel_e)
		}
	}()
	_otel_ha_fp01_4(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
