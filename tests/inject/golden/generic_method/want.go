package list; import _ "unsafe"; import _otel_atomic "sync/atomic"

type List[T any] struct {
	items []T
}

// Push is a method on a generic type with a pointer receiver.
func (l *List[T]) Push(v T) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "list") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, l, v = _otel_b_g1_1[T](l, v); if _otel_s1 { _otel_a_g1_1[T](_otel_c1); return }; defer _otel_a_g1_1[T](_otel_c1) };
	l.items = append(l.items, v)
}

func (l List[T]) Len() (_otel_r0 int) { if _otel_atomic.LoadInt32(&_otel_on_g1_2) != 2 && _otel_enabled(&_otel_on_g1_2, "list") { var _otel_c2 *_otel_ctx; var _otel_s2 bool; _otel_c2, _otel_s2, l = _otel_b_g1_2[T](l); if _otel_s2 { _otel_r0 = _otel_a_g1_2[T](_otel_c2, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_2[T](_otel_c2, _otel_r0) }() };
	return len(l.items)
}

// otel: rule push_rule on func (*List).Push

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/generic_method.BeforePush
func _otel_hb_g1_1(_otel_HookContext, interface{}, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/generic_method.AfterPush
func _otel_ha_g1_1(_otel_HookContext)

var _otel_on_g1_1 int32

func _otel_b_g1_1[T any](_otel_v0 *List[T], _otel_v1 T) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *List[T], _otel_o1 T) {
	_otel_c = &_otel_ctx{fn: "Push", pkg: "list", params: []interface{}{_otel_v0, _otel_v1}, nres: 0}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("push_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(*List[T]); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(T); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1[T any](_otel_c *_otel_ctx) {
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("push_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c)
}

// otel: rule len_rule on func (List).Len

//go:linkname _otel_hb_g1_2 example.com/golden/hooks/generic_method.BeforeLen
func _otel_hb_g1_2(_otel_HookContext, interface{})

//go:linkname _otel_ha_g1_2 example.com/golden/hooks/generic_method.AfterLen
func _otel_ha_g1_2(_otel_HookContext, int)

var _otel_on_g1_2 int32

func _otel_b_g1_2[T any](_otel_v0 List[T]) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 List[T]) {
	_otel_c = &_otel_ctx{fn: "Len", pkg: "list", params: []interface{}{_otel_v0}, nres: 1}
	_otel_o0 = _otel_v0
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("len_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(List[T]); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}

func _otel_a_g1_2[T any](_otel_c *_otel_ctx, _otel_v0 int) (_otel_o0 int) {
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
			_otel_panic("len_rule", _otel_e)
		}
	}()
	_otel_ha_g1_2(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(int); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
