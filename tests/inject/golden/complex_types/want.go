package complex; import _ "unsafe"; import _otel_atomic "sync/atomic"

import "net/http"

type Opts struct{ N int }

// Serve has parameters of many type shapes, one a multi-line struct with
// comments and tags, and a func-typed result without parentheses.
func Serve(
	h func(http.ResponseWriter, *http.Request),
	ch <-chan map[string][]*Opts,
	arr [4]struct{ A, B int },
	cfg struct {
		Name string `json:"name"` // the name
		/* a block comment */
		Port int
	},
	fn func(...int) (int, error),
) (_otel_r0 func() error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "complex") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, h, ch, arr, cfg, fn = _otel_b_g1_1(h, ch, arr, cfg, fn); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	return func() error { return nil }
}

// otel: rule serve_rule on func Serve

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/complex_types.BeforeServe
func _otel_hb_g1_1(_otel_HookContext, interface{}, interface{}, interface{}, interface{}, interface{})

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/complex_types.AfterServe
func _otel_ha_g1_1(_otel_HookContext, func() error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 func(http.ResponseWriter, *http.Request), _otel_v1 <-chan map[string][]*Opts, _otel_v2 [4]struct{ A, B int }, _otel_v3 struct {
		Name string `json:"name"` // the name
		/* a block comment */
		Port int
	}, _otel_v4 func(...int) (int, error)) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 func(http.ResponseWriter, *http.Request), _otel_o1 <-chan map[string][]*Opts, _otel_o2 [4]struct{ A, B int }, _otel_o3 struct {
		Name string `json:"name"` // the name
		/* a block comment */
		Port int
	}, _otel_o4 func(...int) (int, error)) {
	_otel_c = &_otel_ctx{fn: "Serve", pkg: "complex", params: []interface{}{_otel_v0, _otel_v1, _otel_v2, _otel_v3, _otel_v4}, nres: 1}
	_otel_o0, _otel_o1, _otel_o2, _otel_o3, _otel_o4 = _otel_v0, _otel_v1, _otel_v2, _otel_v3, _otel_v4
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("serve_rule", _otel_e)
			_otel_c.skip = false
		}
		_otel_skip = _otel_c.skip
		if !_otel_skip {
			_otel_c.rmod = 0
			_otel_c.results = nil
		}
	}()
	_otel_hb_g1_1(_otel_c, _otel_v0, _otel_v1, _otel_v2, _otel_v3, _otel_v4)
	if _otel_c.pmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[0].(func(http.ResponseWriter, *http.Request)); _otel_ok || _otel_c.params[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<1) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[1].(<-chan map[string][]*Opts); _otel_ok || _otel_c.params[1] == nil {
			_otel_o1 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<2) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[2].([4]struct{ A, B int }); _otel_ok || _otel_c.params[2] == nil {
			_otel_o2 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<3) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[3].(struct {
		Name string `json:"name"` // the name
		/* a block comment */
		Port int
	}); _otel_ok || _otel_c.params[3] == nil {
			_otel_o3 = _otel_x
		}
	}
	if _otel_c.pmod&(1<<4) != 0 {
		if _otel_x, _otel_ok := _otel_c.params[4].(func(...int) (int, error)); _otel_ok || _otel_c.params[4] == nil {
			_otel_o4 = _otel_x
		}
	}
	return
}

func _otel_a_g1_1(_otel_c *_otel_ctx, _otel_v0 func() error) (_otel_o0 func() error) {
	_otel_o0 = _otel_v0
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(func() error); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	_otel_c.rmod = 0
	_otel_c.results = []interface{}{_otel_o0}
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("serve_rule", _otel_e)
		}
	}()
	_otel_ha_g1_1(_otel_c, _otel_o0)
	if _otel_c.rmod&(1<<0) != 0 {
		if _otel_x, _otel_ok := _otel_c.results[0].(func() error); _otel_ok || _otel_c.results[0] == nil {
			_otel_o0 = _otel_x
		}
	}
	return
}
