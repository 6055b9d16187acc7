package redis

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"testing"

	goredis "github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hooktest"
)

// collectPoints installs a meter provider with a manual reader; the
// function it returns renders db.client.operation.duration's points as
// sorted "attr=value,... count" lines.
func collectPoints(t *testing.T) func() []string {
	t.Helper()
	r := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(r))
	otel.SetMeterProvider(mp)
	t.Cleanup(func() { otel.SetMeterProvider(noop.NewMeterProvider()); _ = mp.Shutdown(context.Background()) })
	return func() []string {
		var rm metricdata.ResourceMetrics
		if err := r.Collect(context.Background(), &rm); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, sm := range rm.ScopeMetrics {
			for _, m := range sm.Metrics {
				h, ok := m.Data.(metricdata.Histogram[float64])
				if sm.Scope.Name != ScopeName || m.Name != "db.client.operation.duration" || m.Unit != "s" || !ok {
					t.Fatalf("metric %s %s (%s) %T", sm.Scope.Name, m.Name, m.Unit, m.Data)
				}
				for _, p := range h.DataPoints {
					if min, _ := p.Min.Value(); min <= 0 || len(p.Bounds) != 9 || p.Bounds[0] != 0.001 {
						t.Errorf("point %v: min %v, bounds %v", p.Attributes, min, p.Bounds)
					}
					var kv []string
					for _, a := range p.Attributes.ToSlice() {
						kv = append(kv, string(a.Key)+"="+a.Value.Emit())
					}
					out = append(out, strings.Join(kv, ",")+" "+strconv.FormatUint(p.Count, 10))
				}
			}
		}
		sort.Strings(out)
		return out
	}
}

func TestMetrics(t *testing.T) {
	setup(t)
	points := collectPoints(t)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		process(ctx, goredis.NewStatusCmd(ctx, "set", "k", "secret"), nil)
	}
	get := goredis.NewStringCmd(ctx, "get", "missing")
	process(ctx, get, goredis.Nil) // an answer: no error.type
	process(ctx, goredis.NewIntCmd(ctx, "lpush", "k", "v"), replyErr("WRONGTYPE Operation against a key"))
	process(ctx, goredis.NewIntCmd(ctx, "incr", "k"), errors.New("i/o timeout"))
	push := goredis.NewIntCmd(ctx, "lpush", "k", "v")
	push.SetErr(replyErr("WRONGTYPE Operation"))
	get.SetErr(goredis.Nil)
	runBatch(ctx, false, []goredis.Cmder{get, push}, goredis.Nil) // the failure behind redis.Nil
	runBatch(ctx, false, []goredis.Cmder{goredis.NewStringCmd(ctx, "get", "a"), goredis.NewStringCmd(ctx, "get", "b")}, nil)
	multi, exec := goredis.NewStatusCmd(ctx, "multi"), goredis.NewSliceCmd(ctx, "exec")
	runBatch(ctx, true, []goredis.Cmder{multi, goredis.NewIntCmd(ctx, "incr", "a"), goredis.NewIntCmd(ctx, "set", "b", "v"), exec}, nil)
	// A client whose options are unknown: no server attributes.
	ictx := hooktest.New("redis", "process", 1, "other", ctx, get)
	BeforeProcess(ictx, "other", ctx, goredis.NewStringCmd(ctx, "get", "k"))
	AfterProcess(ictx, nil)

	const srv = ",server.address=redis.example,server.port=6380"
	want := []string{
		"db.namespace=2,db.operation.name=GET,db.system.name=redis" + srv + " 1",
		"db.namespace=2,db.operation.name=INCR,db.system.name=redis,error.type=_OTHER" + srv + " 1",
		"db.namespace=2,db.operation.name=LPUSH,db.response.status_code=WRONGTYPE,db.system.name=redis,error.type=WRONGTYPE" + srv + " 1",
		"db.namespace=2,db.operation.name=MULTI,db.system.name=redis" + srv + " 1",
		"db.namespace=2,db.operation.name=PIPELINE GET,db.system.name=redis" + srv + " 1",
		"db.namespace=2,db.operation.name=PIPELINE,db.response.status_code=WRONGTYPE,db.system.name=redis,error.type=WRONGTYPE" + srv + " 1",
		"db.namespace=2,db.operation.name=SET,db.system.name=redis" + srv + " 3",
		"db.operation.name=GET,db.system.name=redis 1",
	}
	if got := points(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("points:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// With the no-op meter provider (OTEL_METRICS_EXPORTER=none) no clock is
// read and nothing is kept for metrics: a command's hooks share its span
// only; a batch's call has no instruments.
func TestMetricsOff(t *testing.T) {
	exp := setup(t)
	otel.SetMeterProvider(noop.NewMeterProvider())
	ctx := context.Background()
	cmd := goredis.NewStringCmd(ctx, "get", "k")
	ictx := hooktest.New("redis", "process", 1, "client", ctx, cmd)
	BeforeProcess(ictx, "client", ctx, cmd)
	if _, ok := ictx.GetData().(trace.Span); !ok {
		t.Errorf("metrics off: the hooks share %T, want the span", ictx.GetData())
	}
	AfterProcess(ictx, replyErr("ERR boom"))
	if s := only(t, exp); s.Status.Code != codes.Error || attrs(s)["error.type"] != "ERR" {
		t.Errorf("metrics off: span %v %v", s.Status, attrs(s))
	}
	cmds := []goredis.Cmder{cmd, cmd}
	bctx := hooktest.New("redis", "processPipeline", 1, "client", ctx, cmds)
	BeforeProcessPipeline(bctx, "client", ctx, cmds)
	if c, ok := bctx.GetData().(*call); !ok || c.m != nil || !c.start.IsZero() || c.server != nil {
		t.Errorf("metrics off: batch call %+v", bctx.GetData())
	}
	AfterProcessBatch(bctx, nil)
	only(t, exp)
}
