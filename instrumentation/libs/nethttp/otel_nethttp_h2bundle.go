//go:build ignore && !go1.27

// Added to net/http with otel_nethttp.go (rule nethttp_h2bundle) on Go
// releases whose HTTP/2 is bundled into net/http itself (h2_bundle.go,
// before Go 1.27): the HTTP/2 half of otelResponseState.

package nethttp

// otelH2ResponseState reads an HTTP/2 response's status code (0: none
// written yet) and body bytes written; ok is false for any other writer.
func otelH2ResponseState(rw ResponseWriter) (status int, written int64, ok bool) {
	w, isH2 := rw.(*http2responseWriter)
	if !isH2 || w == nil || w.rws == nil {
		return 0, 0, false
	}
	if w.rws.wroteHeader {
		status = w.rws.status
	}
	return status, w.rws.wroteBytes, true
}
