package server; import _ "unsafe"; import _otel_atomic "sync/atomic"

import (
	"errors"
	"strings"
)

type Server struct {
	name string
	hits int
}

// Handle is a method on a pointer receiver.
func (s *Server) Handle(req string) (_otel_r0 error) { if _otel_atomic.LoadInt32(&_otel_on_g1_1) != 2 && _otel_enabled(&_otel_on_g1_1, "server") { var _otel_c1 *_otel_ctx; var _otel_s1 bool; _otel_c1, _otel_s1, s, req = _otel_b_g1_1(s, req); if _otel_s1 { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0); return }; defer func() { _otel_r0 = _otel_a_g1_1(_otel_c1, _otel_r0) }() };
	s.hits++
	if strings.TrimSpace(req) == "" {
		return errors.New("empty request")
	}
	return nil
}

// otel: rule handle_rule on func (*Server).Handle

//go:linkname _otel_hb_g1_1 example.com/golden/hooks/ptr_receiver.BeforeHandle
func _otel_hb_g1_1(_otel_HookContext, *Server, string)

//go:linkname _otel_ha_g1_1 example.com/golden/hooks/ptr_receiver.AfterHandle
func _otel_ha_g1_1(_otel_HookContext, error)

var _otel_on_g1_1 int32

func _otel_b_g1_1(_otel_v0 *Server, _otel_v1 string) (_otel_c *_otel_ctx, _otel_skip bool, _otel_o0 *Server, _otel_o1 string) {
	_otel_c = &_otel_ctx{fn: "Handle", pkg: "server", params: []interface{}{_otel_v0, _otel_v1}, nres: 1}
	_otel_o0, _otel_o1 = _otel_v0, _otel_v1
	defer func() {
		if _otel_e := recover(); _otel_e != nil {
			_otel_panic("handle_rule", _otel_e)
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
		if _otel_x, _otel_ok := _otel_c.params[0].(*Server); _otel_ok || _otel_c.params[0] == nil {
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
			_otel_panic("handle_rule", _otel_e)
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
