//go:build ignore && go1.27

// Added to net/http with otel_nethttp.go (rule nethttp_h2internal) from Go
// 1.27 on, where HTTP/2 lives in net/http/internal/http2: the HTTP/2 half
// of otelResponseState, through the accessor otel_http2.go adds there.

package nethttp

import "net/http/internal/http2"

// otelH2ResponseState reads an HTTP/2 response's status code (0: none
// written yet) and body bytes written; ok is false for any other writer.
func otelH2ResponseState(rw ResponseWriter) (status int, written int64, ok bool) {
	w, isH2 := rw.(http2ResponseWriter)
	if !isH2 || w.ResponseWriter == nil {
		return 0, 0, false
	}
	return http2.OtelResponseState(w.ResponseWriter)
}
