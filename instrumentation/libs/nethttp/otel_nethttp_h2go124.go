//go:build ignore && !go1.25

// Added to net/http with otel_nethttp.go (rule nethttp_h2go124) on Go 1.24,
// whose bundled HTTP/2 encodes a request's HEADERS frame in
// (*http2ClientConn).encodeHeaders, writing each field with cc.writeHeader
// into cc.hbuf: the hook writes the propagation fields the same way.

package nethttp

import _ "unsafe"

//go:linkname otelRegisterH2Go124 otelgo.dev/instrumentation/libs/nethttp.registerH2Go124
func otelRegisterH2Go124(writeField func(cc interface{}, name, value string) ([]byte, bool))

func init() {
	otelRegisterH2Go124(otelH2WriteField)
}

// otelH2WriteField encodes one more header field after the ones
// encodeHeaders wrote, and returns the whole encoded block.
func otelH2WriteField(x interface{}, name, value string) ([]byte, bool) {
	cc, ok := x.(*http2ClientConn)
	if !ok || cc == nil {
		return nil, false
	}
	cc.writeHeader(name, value)
	return cc.hbuf.Bytes(), true
}
