package nethttp

import (
	"context"
	"net/http"
)

// What the file otel adds to net/http (otel_nethttp.go, rule
// nethttp_internals) hands over at net/http's init. nil when net/http is
// not instrumented (the package's own unit tests): the hooks then do less
// (no status code, no propagation) and never fail. These variables have no
// initializer on purpose: register runs during net/http's init, before this
// package's own initialization.
var (
	responseState    func(http.ResponseWriter) (status int, written int64, hijacked, ok bool)
	setContext       func(*http.Request, context.Context)
	transportRequest func(interface{}) (ctx context.Context, header http.Header, ok bool)
	transportExtra   func(interface{}) http.Header
)

// register is called by net/http's init through //go:linkname (a pull from
// the standard library into this package, which the linker allows). Its
// signature must match the declaration in otel_nethttp.go exactly.
func register(
	state func(http.ResponseWriter) (int, int64, bool, bool),
	setCtx func(*http.Request, context.Context),
	treq func(interface{}) (context.Context, http.Header, bool),
	extra func(interface{}) http.Header,
) {
	responseState, setContext, transportRequest, transportExtra = state, setCtx, treq, extra
}

// h2ClientRequest is what the file otel adds to net/http/internal/http2
// (otel_http2.go, rule http2_internals, Go 1.27 on) hands over: the context
// and the caller's header of the request an HTTP/2 HEADERS frame encodes.
var h2ClientRequest func(interface{}) (ctx context.Context, header map[string][]string, ok bool)

// registerH2 is called by net/http/internal/http2's init through
// //go:linkname; its signature must match the declaration in otel_http2.go.
func registerH2(clientRequest func(interface{}) (context.Context, map[string][]string, bool)) {
	h2ClientRequest = clientRequest
}

// h2WriteField is what the file otel adds to net/http on Go 1.24
// (otel_nethttp_h2go124.go) hands over: one more field written into an
// HTTP/2 HEADERS block being encoded, and the block.
var h2WriteField func(cc interface{}, name, value string) ([]byte, bool)

// registerH2Go124 is called by net/http's init on Go 1.24 through
// //go:linkname; its signature must match the declaration there.
func registerH2Go124(writeField func(interface{}, string, string) ([]byte, bool)) {
	h2WriteField = writeField
}
