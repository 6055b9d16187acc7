// Package nethttp holds otel's hooks for net/http (rules.yaml): a SERVER
// span per request served, a CLIENT span per request sent, following the
// OpenTelemetry semantic conventions for HTTP.
package nethttp

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"

	"otelgo.dev/instrumentation/libs/internal/instr"
)

// ScopeName is the instrumentation scope of the spans of this package.
const ScopeName = "otelgo.dev/instrumentation/libs/nethttp"

var tracer = instr.NewTracer(ScopeName)

// knownMethods are the methods the semantic conventions name; any other
// becomes "_OTHER" (a client could send arbitrary strings and explode the
// number of span names).
var knownMethods = map[string]bool{
	http.MethodConnect: true, http.MethodDelete: true, http.MethodGet: true,
	http.MethodHead: true, http.MethodOptions: true, http.MethodPatch: true,
	http.MethodPost: true, http.MethodPut: true, http.MethodTrace: true,
}

// methodAttrs returns the span name's method part ("HTTP" for an unknown
// method, as the conventions say) and the method attributes.
func methodAttrs(m string, attrs []attribute.KeyValue) (string, []attribute.KeyValue) {
	if m == "" {
		m = http.MethodGet // net/http: "" means GET for clients
	}
	if knownMethods[m] {
		return m, append(attrs, semconv.HTTPRequestMethodKey.String(m))
	}
	return "HTTP", append(attrs, semconv.HTTPRequestMethodKey.String("_OTHER"),
		semconv.HTTPRequestMethodOriginal(m))
}

// hostPort splits a host[:port] authority; when the port is absent it is
// the scheme's default (0 when unknown).
func hostPort(authority, scheme string) (string, int) {
	host, portStr, err := net.SplitHostPort(authority)
	if err != nil { // no port
		host = strings.TrimSuffix(strings.TrimPrefix(authority, "["), "]")
		switch scheme {
		case "https":
			return host, 443
		case "http":
			return host, 80
		}
		return host, 0
	}
	port, _ := strconv.Atoi(portStr)
	return host, port
}

// serverAttrs appends server.address and server.port.
func serverAttrs(attrs []attribute.KeyValue, authority, scheme string) []attribute.KeyValue {
	host, port := hostPort(authority, scheme)
	if host != "" {
		attrs = append(attrs, semconv.ServerAddress(host))
	}
	if port > 0 {
		attrs = append(attrs, semconv.ServerPort(port))
	}
	return attrs
}

// protocolVersion is network.protocol.version: "1.1", "1.0", "2", "3"
// (HTTP/1's without building a string per request; strconv.Itoa makes
// none for small numbers).
func protocolVersion(major, minor int) string {
	switch {
	case major >= 2:
		return strconv.Itoa(major)
	case major == 1 && minor == 1:
		return "1.1"
	case major == 1 && minor == 0:
		return "1.0"
	}
	return strconv.Itoa(major) + "." + strconv.Itoa(minor)
}

// routeOf returns the path part of a ServeMux pattern ("GET
// example.com/users/{id}" -> "/users/{id}"), or "" for no pattern.
func routeOf(pattern string) string {
	if i := strings.IndexAny(pattern, " \t"); i >= 0 {
		pattern = strings.TrimLeft(pattern[i:], " \t")
	}
	if i := strings.IndexByte(pattern, '/'); i >= 0 {
		return pattern[i:]
	}
	return ""
}

// canonicalKey is http.CanonicalHeaderKey(key), without allocating for the
// fields the propagators use (which they name in lower case).
func canonicalKey(key string) string {
	switch key {
	case "traceparent":
		return "Traceparent"
	case "tracestate":
		return "Tracestate"
	case "baggage":
		return "Baggage"
	}
	return http.CanonicalHeaderKey(key)
}

// headerCarrier is propagation.HeaderCarrier with canonicalKey: the same
// answers, without an allocation per field looked up.
type headerCarrier http.Header

func (h headerCarrier) Get(key string) string {
	if v := h[canonicalKey(key)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (h headerCarrier) Values(key string) []string { return h[canonicalKey(key)] }

func (h headerCarrier) Set(key, value string) { h[canonicalKey(key)] = []string{value} }

func (h headerCarrier) Keys() []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	return keys
}
