// Package selftraffic holds the HTTP transport that the OTLP exporter uses.
//
// The net/http client hook instruments every (*http.Transport).RoundTrip in
// the program, and the exporter's own requests go through net/http too: if
// they produced spans, every export would produce more spans to export.
// otelsetup gives the exporter this transport, and the client hook leaves
// requests sent through it alone. Comparing one pointer costs nothing and,
// unlike a marker in the request's context, cannot be lost by code between
// the exporter and the transport.
package selftraffic

import "net/http"

// Transport is the exporter's own transport: a copy of the default one
// (proxy from the environment, same timeouts), never shared with user code.
var Transport = http.DefaultTransport.(*http.Transport).Clone()

// MetricsTransport is the metric exporter's: its own, because the
// certificates of OTEL_EXPORTER_OTLP_METRICS_* may differ from the traces'.
var MetricsTransport = http.DefaultTransport.(*http.Transport).Clone()

// IsExporter reports whether t is one of the exporters' transports.
func IsExporter(t *http.Transport) bool { return t == Transport || t == MetricsTransport }
