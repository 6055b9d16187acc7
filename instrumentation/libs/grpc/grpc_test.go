package grpc

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	grpclib "google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"
)

// setup starts a real health server on loopback with the server handler,
// a client with the client handler, and records spans in memory.
func setup(t *testing.T) (healthpb.HealthClient, *tracetest.InMemoryExporter, *health.Server) {
	t.Helper()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpclib.NewServer(withOption(nil, grpclib.StatsHandler(newServerHandler()))...)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(srv, hs)
	go func() { _ = srv.Serve(lis) }()
	target := "dns:///" + lis.Addr().String()
	cc, err := grpclib.Dial(target, grpclib.WithTransportCredentials(insecure.NewCredentials()),
		grpclib.WithStatsHandler(newClientHandler(target)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close(); srv.Stop(); _ = tp.Shutdown(context.Background()) })
	return healthpb.NewHealthClient(cc), exp, hs
}

// waitSpans returns the spans once there are n (the server's span ends
// after the client got its answer), or what there is after a second.
func waitSpans(exp *tracetest.InMemoryExporter, n int) tracetest.SpanStubs {
	for i := 0; i < 100 && len(exp.GetSpans()) < n; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	return exp.GetSpans()
}

func attrsOf(s tracetest.SpanStub) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, a := range s.Attributes {
		m[a.Key] = a.Value
	}
	return m
}

func byKind(t *testing.T, spans tracetest.SpanStubs, kind trace.SpanKind) tracetest.SpanStub {
	t.Helper()
	for _, s := range spans {
		if s.SpanKind == kind {
			return s
		}
	}
	t.Fatalf("no %v span in %d spans", kind, len(spans))
	return tracetest.SpanStub{}
}

func TestUnaryOK(t *testing.T) {
	client, exp, _ := setup(t)
	if _, err := client.Check(context.Background(), &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	spans := waitSpans(exp, 2)
	if len(spans) != 2 {
		t.Fatalf("got %d spans, want 2", len(spans))
	}
	c, s := byKind(t, spans, trace.SpanKindClient), byKind(t, spans, trace.SpanKindServer)
	const name = "grpc.health.v1.Health/Check"
	if c.Name != name || s.Name != name {
		t.Errorf("names %q, %q; want %q", c.Name, s.Name, name)
	}
	if s.Parent.SpanID() != c.SpanContext.SpanID() || s.SpanContext.TraceID() != c.SpanContext.TraceID() {
		t.Errorf("server span's parent %v is not the client span %v", s.Parent.SpanID(), c.SpanContext.SpanID())
	}
	for _, sp := range []tracetest.SpanStub{c, s} {
		a := attrsOf(sp)
		if a["rpc.system.name"].AsString() != "grpc" || a["rpc.method"].AsString() != name ||
			a["rpc.response.status_code"].AsString() != "OK" || a["server.address"].AsString() != "127.0.0.1" ||
			a["server.port"].AsInt64() == 0 || a["network.peer.address"].AsString() != "127.0.0.1" {
			t.Errorf("%v span attributes: %v", sp.SpanKind, sp.Attributes)
		}
		if sp.Status.Code != otelcodes.Unset {
			t.Errorf("%v span status %v", sp.SpanKind, sp.Status)
		}
	}
}

func TestUnaryNotFound(t *testing.T) {
	client, exp, _ := setup(t)
	_, err := client.Check(context.Background(), &healthpb.HealthCheckRequest{Service: "nope"})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("err %v, want NotFound", err)
	}
	spans := waitSpans(exp, 2)
	c, s := byKind(t, spans, trace.SpanKindClient), byKind(t, spans, trace.SpanKindServer)
	if c.Status.Code != otelcodes.Error || attrsOf(c)["error.type"].AsString() != "NOT_FOUND" {
		t.Errorf("client span: status %v, attributes %v", c.Status, c.Attributes)
	}
	if s.Status.Code != otelcodes.Unset || attrsOf(s)["error.type"].Type() != attribute.INVALID {
		t.Errorf("server span (NOT_FOUND is not a server error): status %v, attributes %v", s.Status, s.Attributes)
	}
	for _, sp := range []tracetest.SpanStub{c, s} {
		if got := attrsOf(sp)["rpc.response.status_code"].AsString(); got != "NOT_FOUND" {
			t.Errorf("%v span status code %q", sp.SpanKind, got)
		}
	}
}

func TestServerStream(t *testing.T) {
	client, exp, _ := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	w, err := client.Watch(ctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Recv(); err != nil {
		t.Fatal(err)
	}
	cancel()
	_, _ = w.Recv()
	// The server's span ends when its handler returns, after the cancel.
	spans := waitSpans(exp, 2)
	c, s := byKind(t, spans, trace.SpanKindClient), byKind(t, spans, trace.SpanKindServer)
	if c.Name != "grpc.health.v1.Health/Watch" || s.Parent.SpanID() != c.SpanContext.SpanID() {
		t.Errorf("stream spans: %q, parent %v of %v", c.Name, s.Parent.SpanID(), c.SpanContext.SpanID())
	}
	if got := attrsOf(c)["rpc.response.status_code"].AsString(); got != "CANCELLED" {
		t.Errorf("client stream status code %q, want CANCELLED", got)
	}
}

func TestNoDuplicate(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp)))
	h1, h2 := newClientHandler("x:1"), newClientHandler("x:1")
	info := &stats.RPCTagInfo{FullMethodName: "/p.S/M"}
	ctx := h2.TagRPC(h1.TagRPC(context.Background(), info), info)
	if ctx.Value(rpcKey{}).(*rpcCtx).h != h1 {
		t.Error("a second handler started its own span for the same call")
	}
}

func TestTargetAttrs(t *testing.T) {
	for target, want := range map[string]string{
		"localhost:50051":              "localhost 50051",
		"dns:///example.com:443":       "example.com 443",
		"dns://8.8.8.8/example.com:80": "example.com 80",
		"passthrough:///[::1]:9000":    "::1 9000",
		"example.com":                  "example.com 0",
		"unix:///tmp/s.sock":           "/tmp/s.sock 0",
		"unix:rel.sock":                "rel.sock 0",
	} {
		var host string
		var port int64
		for _, a := range targetAttrs(target) {
			switch a.Key {
			case "server.address":
				host = a.Value.AsString()
			case "server.port":
				port = a.Value.AsInt64()
			}
		}
		if got := host + " " + strconv.FormatInt(port, 10); got != want {
			t.Errorf("targetAttrs(%q) = %q, want %q", target, got, want)
		}
	}
}

// A method the server has not registered is _OTHER (its name in
// rpc.method_original); here an UnknownServiceHandler serves it.
func TestUnknownMethod(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	otel.SetTracerProvider(tp)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := newServerHandler()
	srv := grpclib.NewServer(grpclib.StatsHandler(h), grpclib.UnknownServiceHandler(
		func(any, grpclib.ServerStream) error { return status.Error(codes.NotFound, "no such thing") }))
	h.srv.Store(srv)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	cc, err := grpclib.Dial(lis.Addr().String(), grpclib.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	if _, err := healthpb.NewHealthClient(cc).Check(context.Background(), &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	err = cc.Invoke(context.Background(), "/x.Y/Z", &healthpb.HealthCheckRequest{}, &healthpb.HealthCheckResponse{})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("err %v", err)
	}
	spans := waitSpans(exp, 2)
	names := map[string]tracetest.SpanStub{}
	for _, sp := range spans {
		names[sp.Name] = sp
	}
	other, ok := names["_OTHER"]
	if _, known := names["grpc.health.v1.Health/Check"]; len(spans) != 2 || !ok || !known {
		t.Fatalf("spans %v", spans)
	}
	a := attrsOf(other)
	if a["rpc.method"].AsString() != "_OTHER" || a["rpc.method_original"].AsString() != "x.Y/Z" {
		t.Errorf("unknown method attributes %v", other.Attributes)
	}
}

// A call whose context already has the call's span, as otelgrpc's handler
// (installed by the user before ours) leaves it, gets no second span.
func TestOtelgrpcSpanKept(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp)))
	ctx, theirs := otel.Tracer("otelgrpc").Start(context.Background(), "p.S/M", trace.WithSpanKind(trace.SpanKindClient))
	h := newClientHandler("x:1")
	got := h.TagRPC(ctx, &stats.RPCTagInfo{FullMethodName: "/p.S/M"})
	if got != ctx || trace.SpanFromContext(got) != theirs {
		t.Error("a span was started under otelgrpc's span of the same call")
	}
	// A client span of another name (the user's own) is a parent, not a duplicate.
	ctx2, _ := otel.Tracer("user").Start(context.Background(), "work", trace.WithSpanKind(trace.SpanKindClient))
	if _, ok := h.TagRPC(ctx2, &stats.RPCTagInfo{FullMethodName: "/p.S/M"}).Value(rpcKey{}).(*rpcCtx); !ok {
		t.Error("no span under a user's span")
	}
}

// Without an UnknownServiceHandler gRPC reports no end for a method the
// server does not have: the SERVER span ends at once, UNIMPLEMENTED.
func TestUnknownMethodUnserved(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp)))
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := newServerHandler()
	srv := grpclib.NewServer(grpclib.StatsHandler(h))
	if hasUnknownHandler(srv) {
		t.Fatal("hasUnknownHandler: true for a server without one")
	}
	h.srv.Store(srv)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	cc, err := grpclib.Dial(lis.Addr().String(), grpclib.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	err = cc.Invoke(context.Background(), "/x.Y/Z", &healthpb.HealthCheckRequest{}, &healthpb.HealthCheckResponse{})
	if status.Code(err) != codes.Unimplemented {
		t.Fatalf("err %v", err)
	}
	spans := exp.GetSpans()
	if len(spans) != 1 || spans[0].Name != "_OTHER" || spans[0].Status.Code != otelcodes.Error ||
		attrsOf(spans[0])["rpc.response.status_code"].AsString() != "UNIMPLEMENTED" {
		t.Fatalf("spans %v", spans)
	}
	withHandler := grpclib.NewServer(grpclib.UnknownServiceHandler(func(any, grpclib.ServerStream) error { return nil }))
	if !hasUnknownHandler(withHandler) {
		t.Error("hasUnknownHandler: false for a server with one")
	}
}
