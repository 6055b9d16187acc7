// Package atomic stands in for sync/atomic (the spec's pkgpath): the one
// package that cannot import sync/atomic, so its site check calls its own
// LoadInt32.
package atomic; import _ "unsafe"

func LoadInt32(addr *int32) (val int32) { return *addr }

func AddInt32(addr *int32, delta int32) (new int32) { if LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "atomic") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, addr, delta = _otel_b_g1_1(addr, delta); if _otel_s1 { new = _otel_a_g1_1(_otel_c1, new); return }; defer func() { new = _otel_a_g1_1(_otel_c1, new) }() };
	*addr += delta
	return *addr
}

// otel: rule add_rule on func AddInt32

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/sync_atomic_self.BeforeAdd
func _otel_hb_g1_1(_otel_HookContext, *int32, int32)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/sync_atomic_self.AfterAdd
func _otel_ha_g1_1(_otel_HookContext, int32)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 *int32, _otel_v1 int32) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *int32, _otel_o1 int32) {
	_otel_c = &_otel_ctx{fn: "AddInt32", pkg: "atomic", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
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
	_otel_hb_g1_1(_otel_c, _otel_v0, _otel_v1)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(*int32); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(int32); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 int32) (_otel_o0 int32) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int32); _otel_ok || _otel_c.results[0] == nil {
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
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int32); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
