//go:build ignore

// This file is not part of package nethttp. The rule nethttp_internals
// (rules.yaml) adds it to net/http itself, where it can read net/http's own
// state, and it hands small accessors to the hooks at init (internals.go).
// So the hooks observe a request from inside instead of wrapping what the
// user holds: no ResponseWriter wrapper, no copy of the caller's request.
// Standard library imports only. (Under the nethttpomithttp2 build tag,
// which drops net/http's HTTP/2, this file does not compile.)

package nethttp

import (
	"context"
	_ "unsafe"
)

//go:linkname otelRegister otelgo.dev/instrumentation/libs/nethttp.register
func otelRegister(
	responseState func(ResponseWriter) (status int, written int64, hijacked, ok bool),
	setContext func(*Request, context.Context),
	transportRequest func(interface{}) (ctx context.Context, header Header, ok bool),
	transportExtra func(interface{}) Header,
)

func init() {
	otelRegister(otelResponseState, otelSetContext, otelTransportRequest, otelTransportExtra)
}

// otelResponseState reads what the handler did from the response net/http
// keeps for it: the status code written (0: none yet, net/http will send
// 200), the body bytes written, whether the connection was hijacked. ok is
// false for a ResponseWriter that is not net/http's own.
func otelResponseState(rw ResponseWriter) (status int, written int64, hijacked, ok bool) {
	switch w := rw.(type) {
	case *response:
		if w.conn != nil && w.conn.hijacked() {
			return 0, 0, true, true
		}
		if w.wroteHeader {
			status = w.status
		}
		return status, w.written, false, true
	}
	if status, written, ok := otelH2ResponseState(rw); ok {
		return status, written, false, true
	}
	return 0, 0, false, false
}

// otelSetContext sets the context of a request net/http has just built for
// a handler, before the handler sees it (serverHandler.ServeHTTP).
func otelSetContext(r *Request, ctx context.Context) {
	if r != nil && ctx != nil {
		r.ctx = ctx
	}
}

// otelTransportRequest returns the context and the caller's header of an
// HTTP/1 transportRequest ((*persistConn).roundTrip's parameter).
func otelTransportRequest(x interface{}) (context.Context, Header, bool) {
	tr, ok := x.(*transportRequest)
	if !ok || tr == nil || tr.Request == nil || tr.ctx == nil {
		return nil, nil, false
	}
	return tr.ctx, tr.Request.Header, true
}

// otelTransportExtra returns the transportRequest's extra headers: the ones
// net/http itself writes on the wire after the caller's (Accept-Encoding,
// Connection), never part of the caller's Header.
func otelTransportExtra(x interface{}) Header {
	tr, ok := x.(*transportRequest)
	if !ok || tr == nil {
		return nil
	}
	return tr.extraHeaders()
}
