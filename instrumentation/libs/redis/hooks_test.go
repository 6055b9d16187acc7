package redis

import (
	"context"
	"errors"
	"testing"

	goredis "github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hooktest"
)

// replyErr is an error reply of the server, as go-redis's own proto.RedisError.
type replyErr string

func (e replyErr) Error() string { return string(e) }
func (replyErr) RedisError()     {}

func setup(t *testing.T) *tracetest.InMemoryExporter {
	t.Helper()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	otel.SetTracerProvider(tp)
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	saved := clientOptions
	clientOptions = func(c interface{}) (string, string, int, bool) {
		if c != "client" {
			return "", "", 0, false
		}
		return "tcp", "redis.example:6380", 2, true
	}
	t.Cleanup(func() { clientOptions = saved })
	return exp
}

func attrs(s tracetest.SpanStub) map[string]interface{} {
	m := map[string]interface{}{}
	for _, kv := range s.Attributes {
		m[string(kv.Key)] = kv.Value.AsInterface()
	}
	return m
}

// process runs one command through the hooks, the body returning err.
func process(ctx context.Context, cmd goredis.Cmder, err error) {
	ictx := hooktest.New("redis", "process", 1, "client", ctx, cmd)
	BeforeProcess(ictx, "client", ctx, cmd)
	ictx.SetResults(err)
	AfterProcess(ictx, err)
}

func only(t *testing.T, exp *tracetest.InMemoryExporter) tracetest.SpanStub {
	t.Helper()
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans, want 1", len(spans))
	}
	exp.Reset()
	return spans[0]
}

func TestCommandSpan(t *testing.T) {
	exp := setup(t)
	ctx, parent := otel.Tracer("test").Start(context.Background(), "parent")
	exp.Reset()
	process(ctx, goredis.NewStatusCmd(ctx, "set", "k", "secret"), nil)
	parent.End()
	s := exp.GetSpans()[0]
	want := map[string]interface{}{
		"db.system.name": "redis", "db.operation.name": "SET", "db.query.text": "SET ? ?",
		"server.address": "redis.example", "server.port": int64(6380), "db.namespace": "2",
	}
	got := attrs(s)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("attributes %v, want exactly %v", got, want)
	}
	if s.Name != "SET" || s.SpanKind != trace.SpanKindClient || s.Parent.SpanID() != parent.SpanContext().SpanID() {
		t.Errorf("span %q kind %v parent %v", s.Name, s.SpanKind, s.Parent.SpanID())
	}
	if s.Status.Code != codes.Unset {
		t.Errorf("status %v", s.Status)
	}
}

func TestNilIsNotAnError(t *testing.T) {
	exp := setup(t)
	ctx := context.Background()
	process(ctx, goredis.NewStringCmd(ctx, "get", "missing"), goredis.Nil)
	if s := only(t, exp); s.Status.Code != codes.Unset || attrs(s)["error.type"] != nil {
		t.Errorf("redis.Nil: status %v, error.type %v", s.Status, attrs(s)["error.type"])
	}
}

func TestErrorSpans(t *testing.T) {
	exp := setup(t)
	ctx := context.Background()
	process(ctx, goredis.NewIntCmd(ctx, "lpush", "k", "v"), replyErr("WRONGTYPE Operation against a key holding the wrong kind of value"))
	s := only(t, exp)
	if s.Status.Code != codes.Error || attrs(s)["error.type"] != "WRONGTYPE" || attrs(s)["db.response.status_code"] != "WRONGTYPE" {
		t.Errorf("error reply: status %v, attributes %v", s.Status, attrs(s))
	}
	if len(s.Events) != 1 || s.Events[0].Name != "exception" {
		t.Errorf("error reply: events %v", s.Events)
	}
	process(ctx, goredis.NewIntCmd(ctx, "incr", "k"), errors.New("dial tcp: refused"))
	s = only(t, exp)
	if s.Status.Code != codes.Error || attrs(s)["error.type"] != "_OTHER" || attrs(s)["db.response.status_code"] != nil {
		t.Errorf("Go error: status %v, attributes %v", s.Status, attrs(s))
	}
}

func TestUnknownClientHasNoServer(t *testing.T) {
	exp := setup(t)
	ctx := context.Background()
	cmd := goredis.NewStringCmd(ctx, "get", "k")
	ictx := hooktest.New("redis", "process", 1, "other", ctx, cmd)
	BeforeProcess(ictx, "other", ctx, cmd)
	AfterProcess(ictx, nil)
	if a := attrs(only(t, exp)); a["server.address"] != nil || a["db.namespace"] != nil {
		t.Errorf("attributes %v for a client the accessor does not know", a)
	}
}

func TestConnectionSetUpHasNoSpan(t *testing.T) {
	exp := setup(t)
	ctx := context.Background()
	ictx := hooktest.New("redis", "initConn", 1, "client", ctx, nil)
	BeforeInitConn(ictx, "client", ctx, nil)
	initCtx, ok := ictx.Params[1].(context.Context)
	if !ok || initCtx == ctx {
		t.Fatal("BeforeInitConn did not mark the context")
	}
	process(initCtx, goredis.NewStatusCmd(initCtx, "hello", 3), nil)
	pipe := hooktest.New("redis", "processPipeline", 1, "client", initCtx, nil)
	BeforeProcessPipeline(pipe, "client", initCtx, []goredis.Cmder{goredis.NewStatusCmd(initCtx, "select", 2)})
	AfterProcessBatch(pipe, nil)
	if n := len(exp.GetSpans()); n != 0 {
		t.Errorf("%d spans for a connection's set-up, want 0", n)
	}
	process(ctx, goredis.NewStringCmd(ctx, "get", "k"), nil)
	only(t, exp)
}

// batch runs a pipeline (kind PIPELINE) or transaction through the hooks.
func runBatch(ctx context.Context, tx bool, cmds []goredis.Cmder, err error) {
	ictx := hooktest.New("redis", "processPipeline", 1, "client", ctx, cmds)
	if tx {
		BeforeProcessTxPipeline(ictx, "client", ctx, cmds)
	} else {
		BeforeProcessPipeline(ictx, "client", ctx, cmds)
	}
	AfterProcessBatch(ictx, err)
}

func TestBatches(t *testing.T) {
	exp := setup(t)
	ctx := context.Background()
	get := goredis.NewStringCmd(ctx, "get", "missing")
	get.SetErr(goredis.Nil)
	push := goredis.NewIntCmd(ctx, "lpush", "k", "v")
	push.SetErr(replyErr("WRONGTYPE Operation"))
	// go-redis returns the first command's error: redis.Nil; the span
	// takes the failure behind it.
	runBatch(ctx, false, []goredis.Cmder{get, push}, goredis.Nil)
	s := only(t, exp)
	if s.Name != "PIPELINE" || s.Status.Code != codes.Error || attrs(s)["error.type"] != "WRONGTYPE" {
		t.Errorf("pipeline: %q status %v attributes %v", s.Name, s.Status, attrs(s))
	}
	if a := attrs(s); a["db.query.text"] != "GET ?; LPUSH ? ?" || a["db.operation.batch.size"] != int64(2) {
		t.Errorf("pipeline attributes %v", a)
	}
	runBatch(ctx, false, []goredis.Cmder{get}, goredis.Nil)
	if s := only(t, exp); s.Name != "PIPELINE GET" || s.Status.Code != codes.Unset || attrs(s)["db.operation.batch.size"] != nil {
		t.Errorf("pipeline of one GET (redis.Nil): %q status %v attributes %v", s.Name, s.Status, attrs(s))
	}
	multi, exec := goredis.NewStatusCmd(ctx, "multi"), goredis.NewSliceCmd(ctx, "exec")
	runBatch(ctx, true, []goredis.Cmder{multi, goredis.NewIntCmd(ctx, "incr", "a"), goredis.NewIntCmd(ctx, "incr", "b"), exec}, nil)
	if s := only(t, exp); s.Name != "MULTI INCR" || attrs(s)["db.query.text"] != "INCR ?" || attrs(s)["db.operation.batch.size"] != int64(2) {
		t.Errorf("transaction: %q attributes %v", s.Name, attrs(s))
	}
}

func TestUnknownCommandName(t *testing.T) {
	exp := setup(t)
	ctx := context.Background()
	process(ctx, goredis.NewCmd(ctx, []byte("get"), "k"), nil)
	s := only(t, exp)
	if a := attrs(s); s.Name != "redis" || a["db.operation.name"] != nil || a["db.query.text"] != nil || a["db.system.name"] != "redis" {
		t.Errorf("a command whose name is not a string: %q %v", s.Name, a)
	}
}
