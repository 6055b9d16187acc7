package nethttp

import (
	"net/http"
	"net/url"
	"strconv"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/internal/instr"
	"otelgo.dev/instrumentation/libs/internal/selftraffic"
)

// BeforeRoundTrip starts the CLIENT span of a request sent by an
// http.Transport (rule client_transport) and sends the span's context in
// the request headers. A RoundTripper must not modify its request, so the
// hook hands the transport a clone carrying the span's context and headers.
// The exporter's own transport is skipped.
func BeforeRoundTrip(ictx hook.HookContext, t *http.Transport, req *http.Request) {
	if req == nil || req.URL == nil || selftraffic.IsExporter(t) {
		return
	}
	method, attrs := methodAttrs(req.Method, make([]attribute.KeyValue, 0, 8))
	attrs = append(attrs, semconv.URLFull(redactedURL(req)))
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	attrs = serverAttrs(attrs, host, req.URL.Scheme)
	ctx, span := tracer.Get().Start(req.Context(), method,
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	out := req.Clone(ctx)
	otel.GetTextMapPropagator().Inject(ctx, propagation.HeaderCarrier(out.Header))
	ictx.SetParam(1, out)
	ictx.SetData(span)
}

// AfterRoundTrip ends the span with the response's status code; a
// transport error or a 4xx/5xx status is an error.
func AfterRoundTrip(ictx hook.HookContext, resp *http.Response, err error) {
	span, ok := ictx.GetData().(trace.Span)
	if !ok {
		return
	}
	defer span.End()
	if err != nil {
		instr.SetError(span, err)
		return
	}
	if resp == nil {
		return
	}
	span.SetAttributes(semconv.HTTPResponseStatusCode(resp.StatusCode))
	if resp.StatusCode >= 400 {
		span.SetStatus(codes.Error, "")
		span.SetAttributes(semconv.ErrorTypeKey.String(itoa(resp.StatusCode)))
	}
}

// redactedURL is url.full without credentials: user and password in the
// URL become "REDACTED", as the conventions ask.
func redactedURL(req *http.Request) string {
	if req.URL.User == nil {
		return req.URL.String()
	}
	u := *req.URL
	u.User = url.UserPassword("REDACTED", "REDACTED")
	return u.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
