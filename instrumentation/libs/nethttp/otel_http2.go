//go:build ignore && go1.27

// Added to net/http/internal/http2 (Go 1.27 on; rule http2_internals):
// the response state net/http's added file reads, and the client request's
// context and header for the HTTP/2 header hook, handed to the hook package
// at init (a //go:linkname pull of a non-standard symbol, which the linker
// allows). Standard library imports only.

package nethttp

import (
	"context"
	_ "unsafe"
)

// OtelResponseState is the status code written (0: none yet) and the body
// bytes written of an HTTP/2 response.
func OtelResponseState(w *ResponseWriter) (status int, written int64, ok bool) {
	if w == nil || w.rws == nil {
		return 0, 0, false
	}
	if w.rws.wroteHeader {
		status = w.rws.status
	}
	return status, w.rws.wroteBytes, true
}

//go:linkname otelRegisterH2 otelgo.dev/instrumentation/libs/nethttp.registerH2
func otelRegisterH2(clientRequest func(interface{}) (ctx context.Context, header map[string][]string, ok bool))

func init() {
	otelRegisterH2(otelClientRequest)
}

// otelClientRequest returns the context and the caller's header of the
// request encodeRequestHeaders encodes.
func otelClientRequest(x interface{}) (context.Context, map[string][]string, bool) {
	req, ok := x.(*ClientRequest)
	if !ok || req == nil || req.Context == nil {
		return nil, nil, false
	}
	return req.Context, req.Header, true
}
