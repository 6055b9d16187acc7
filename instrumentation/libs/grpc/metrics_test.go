package grpc

import (
	"context"
	"net"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	grpclib "google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"
)

// setupMetrics installs a meter provider with a manual reader as the
// global one; collect returns the histograms recorded so far by name.
func setupMetrics(t *testing.T) (collect func() map[string]metricdata.Histogram[float64]) {
	t.Helper()
	r := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(r))
	otel.SetMeterProvider(mp)
	t.Cleanup(func() { otel.SetMeterProvider(noop.NewMeterProvider()); _ = mp.Shutdown(context.Background()) })
	return func() map[string]metricdata.Histogram[float64] {
		var rm metricdata.ResourceMetrics
		if err := r.Collect(context.Background(), &rm); err != nil {
			t.Fatal(err)
		}
		out := map[string]metricdata.Histogram[float64]{}
		for _, sm := range rm.ScopeMetrics {
			if sm.Scope.Name != ScopeName {
				continue // the fake otelgrpc below records nothing, but be strict only about ours
			}
			for _, m := range sm.Metrics {
				h, ok := m.Data.(metricdata.Histogram[float64])
				if !ok {
					t.Fatalf("%s: %T, want a float64 histogram", m.Name, m.Data)
				}
				if m.Unit != "s" {
					t.Errorf("%s: unit %q", m.Name, m.Unit)
				}
				out[m.Name] = h
			}
		}
		return out
	}
}

// points renders a histogram's points as "attr=value,... count" lines,
// sorted, with server.port replaced by PORT.
func points(t *testing.T, h metricdata.Histogram[float64], port string, wall time.Duration) []string {
	t.Helper()
	var out []string
	for _, p := range h.DataPoints {
		var kv []string
		for _, a := range p.Attributes.ToSlice() {
			v := a.Value.Emit()
			if a.Key == "server.port" && v == port {
				v = "PORT"
			}
			kv = append(kv, string(a.Key)+"="+v)
		}
		min, _ := p.Min.Value()
		max, _ := p.Max.Value()
		if min <= 0 || max >= wall.Seconds() || p.Sum <= 0 {
			t.Errorf("%v: implausible durations min %v max %v sum %v (wall %v)", kv, min, max, p.Sum, wall)
		}
		if len(p.Bounds) != 14 || p.Bounds[0] != 0.005 || p.Bounds[13] != 10 {
			t.Errorf("bucket boundaries %v", p.Bounds)
		}
		out = append(out, strings.Join(kv, ",")+" "+strconv.FormatUint(p.Count, 10))
	}
	sort.Strings(out)
	return out
}

func TestMetricsUnaryAndStream(t *testing.T) {
	t0 := time.Now()
	collect := setupMetrics(t)
	client, _, _ := setup(t)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := client.Check(ctx, &healthpb.HealthCheckRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := client.Check(ctx, &healthpb.HealthCheckRequest{Service: "nope"}); status.Code(err) != codes.NotFound {
		t.Fatalf("err %v, want NotFound", err)
	}
	wctx, cancel := context.WithCancel(ctx)
	w, err := client.Watch(wctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Recv(); err != nil {
		t.Fatal(err)
	}
	cancel()
	_, _ = w.Recv()
	// The server's stream ends when its handler returns, after the cancel.
	var got map[string]metricdata.Histogram[float64]
	for i := 0; i < 100; i++ {
		got = collect()
		if n := len(got["rpc.server.call.duration"].DataPoints); n == 3 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	wall := time.Since(t0)
	port := ""
	for _, p := range got["rpc.client.call.duration"].DataPoints {
		if v, ok := p.Attributes.Value("server.port"); ok {
			port = v.Emit()
		}
	}
	const base = "rpc.method=grpc.health.v1.Health/"
	wantClient := []string{
		"error.type=CANCELLED," + base + "Watch,rpc.response.status_code=CANCELLED,rpc.system.name=grpc,server.address=127.0.0.1,server.port=PORT 1",
		"error.type=NOT_FOUND," + base + "Check,rpc.response.status_code=NOT_FOUND,rpc.system.name=grpc,server.address=127.0.0.1,server.port=PORT 1",
		base + "Check,rpc.response.status_code=OK,rpc.system.name=grpc,server.address=127.0.0.1,server.port=PORT 3",
	}
	// The server: no server.address/port (opt-in); NOT_FOUND and CANCELLED
	// are not server errors (no error.type).
	wantServer := []string{
		base + "Check,rpc.response.status_code=NOT_FOUND,rpc.system.name=grpc 1",
		base + "Check,rpc.response.status_code=OK,rpc.system.name=grpc 3",
		base + "Watch,rpc.response.status_code=CANCELLED,rpc.system.name=grpc 1",
	}
	for name, want := range map[string][]string{"rpc.client.call.duration": wantClient, "rpc.server.call.duration": wantServer} {
		if g := points(t, got[name], port, wall); strings.Join(g, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\nwant\n%s", name, strings.Join(g, "\n"), strings.Join(want, "\n"))
		}
	}
}

// The metric of a server call to a method the server does not have, which
// gRPC refuses without reporting its end: _OTHER, UNIMPLEMENTED, once.
func TestMetricsUnknownMethodUnserved(t *testing.T) {
	collect := setupMetrics(t)
	otel.SetTracerProvider(sdktrace.NewTracerProvider())
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := newServerHandler()
	srv := grpclib.NewServer(grpclib.StatsHandler(h))
	h.srv.Store(srv)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	cc, err := grpclib.Dial(lis.Addr().String(), grpclib.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	for i := 0; i < 2; i++ {
		err = cc.Invoke(context.Background(), "/x.Y/Z", &healthpb.HealthCheckRequest{}, &healthpb.HealthCheckResponse{})
		if status.Code(err) != codes.Unimplemented {
			t.Fatalf("err %v", err)
		}
	}
	want := []string{"error.type=UNIMPLEMENTED,rpc.method=_OTHER,rpc.response.status_code=UNIMPLEMENTED,rpc.system.name=grpc 2"}
	if g := points(t, collect()["rpc.server.call.duration"], "", time.Hour); strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("server metric %v, want %v", g, want)
	}
}

// fakeOtelgrpc stands for otelgrpc's handlers, installed by the user before
// ours, whose tracer's sampler drops the call: its span is not recording
// (no name to compare), the client side still propagates it.
type fakeOtelgrpc struct {
	server bool
	tracer trace.Tracer
}

func (f fakeOtelgrpc) TagRPC(ctx context.Context, info *stats.RPCTagInfo) context.Context {
	kind := trace.SpanKindClient
	if f.server {
		kind = trace.SpanKindServer
	}
	ctx, _ = f.tracer.Start(ctx, strings.TrimPrefix(info.FullMethodName, "/"), trace.WithSpanKind(kind))
	if !f.server {
		md := metadata.MD{}
		otel.GetTextMapPropagator().Inject(ctx, mdCarrier(md))
		ctx = metadata.NewOutgoingContext(ctx, md)
	}
	return ctx
}
func (fakeOtelgrpc) HandleRPC(context.Context, stats.RPCStats)                         {}
func (fakeOtelgrpc) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }
func (fakeOtelgrpc) HandleConn(context.Context, stats.ConnStats)                       {}

// Under otelgrpc's handlers, ours record nothing, even when otelgrpc's
// spans are sampled out (otelgrpc records the same metrics itself).
func TestMetricsNotDuplicatedUnderOtelgrpc(t *testing.T) {
	collect := setupMetrics(t)
	client, _, _ := setup(t) // our handlers alone: recorded
	if _, err := client.Check(context.Background(), &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if got := collect(); len(got["rpc.client.call.duration"].DataPoints) != 1 || len(got["rpc.server.call.duration"].DataPoints) != 1 {
		t.Fatalf("without otelgrpc: %v", got)
	}

	collect = setupMetrics(t)
	dropping := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.NeverSample())).Tracer("otelgrpc")
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpclib.NewServer(withOption([]grpclib.ServerOption{grpclib.StatsHandler(fakeOtelgrpc{server: true, tracer: dropping})},
		grpclib.StatsHandler(newServerHandler()))...)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	cc, err := grpclib.Dial(lis.Addr().String(), grpclib.WithTransportCredentials(insecure.NewCredentials()),
		grpclib.WithStatsHandler(fakeOtelgrpc{tracer: dropping}), grpclib.WithStatsHandler(newClientHandler(lis.Addr().String())))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	if _, err := healthpb.NewHealthClient(cc).Check(context.Background(), &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	for name, h := range collect() {
		if len(h.DataPoints) != 0 {
			t.Errorf("%s recorded under otelgrpc's handler: %v", name, h.DataPoints)
		}
	}

	// A user's own sampled-out span around the call (not propagated by
	// anyone yet) is a parent, not otelgrpc's: the call is measured.
	ctx, _ := dropping.Start(context.Background(), "work")
	if _, ok := newClientHandler("x:1").TagRPC(ctx, &stats.RPCTagInfo{FullMethodName: "/p.S/M"}).Value(rpcKey{}).(*rpcCtx); !ok {
		t.Error("no call under a user's sampled-out span")
	}
}

// With the no-op meter provider (OTEL_METRICS_EXPORTER=none) the handler
// reads no clock for metrics and records nothing.
func TestMetricsOff(t *testing.T) {
	otel.SetMeterProvider(noop.NewMeterProvider())
	otel.SetTracerProvider(sdktrace.NewTracerProvider())
	c, ok := newClientHandler("x:1").TagRPC(context.Background(), &stats.RPCTagInfo{FullMethodName: "/p.S/M"}).Value(rpcKey{}).(*rpcCtx)
	if !ok || c.m != nil || !c.start.IsZero() {
		t.Errorf("metrics off: %+v", c)
	}
}
