// Package redis holds otel's hooks for github.com/redis/go-redis/v9
// (rules.yaml): a CLIENT span for every command, pipeline and transaction,
// following the OpenTelemetry semantic conventions for Redis (semconv
// v1.39.0). Group "redis".
//
// The hooks sit on the innermost functions of go-redis's hook chain, so a
// span covers the command's round trips, its retries and, for the first
// command on a new connection, the connection's set-up. Argument values
// never reach a span: db.query.text is the command's name followed by one
// "?" per argument ("SET ? ?"). Each of them is also measured in
// db.client.operation.duration.
package redis

import (
	"context"
	"errors"
	"net"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/internal/instr"
)

// ScopeName is the instrumentation scope of the spans of this package.
const ScopeName = "otelgo.dev/instrumentation/libs/redis"

var tracer = instr.NewTracer(ScopeName)

// redisInstruments are the database client metrics of the conventions.
type redisInstruments struct {
	duration metric.Float64Histogram
}

var redisMetrics = instr.NewInstruments(ScopeName, func(m metric.Meter) *redisInstruments {
	return &redisInstruments{
		duration: instr.Histogram(m, "db.client.operation.duration", "s", "Duration of database client operations.", instr.DBDurationBuckets),
	}
})

// call is what a Before hook hands to its After hook: one command, or one
// pipeline or transaction (cmds).
type call struct {
	span trace.Span
	cmds []goredis.Cmder // a batch's commands, for its first real failure

	m      *redisInstruments    // nil: metrics are off
	ctx    context.Context      // with the span (for exemplars)
	start  time.Time            // for the duration metric
	op     string               // db.operation.name ("" when unknown)
	server []attribute.KeyValue // server.address, server.port, db.namespace (the span's, read-only)
}

// initKey marks the context go-redis sets a new connection up with.
type initKey struct{}

// BeforeInitConn marks the context of a connection's set-up, so that the
// commands go-redis sends itself then (HELLO, AUTH, SELECT, CLIENT
// SETINFO, and the user's OnConnect callback) get no span of their own:
// the span of the command that needed the connection covers them.
func BeforeInitConn(ictx hook.HookContext, c interface{}, ctx context.Context, cn interface{}) {
	if ctx == nil || ctx.Value(initKey{}) != nil {
		return
	}
	ictx.SetParam(1, context.WithValue(ctx, initKey{}, true))
}

// BeforeProcess starts the span of one command.
func BeforeProcess(ictx hook.HookContext, c interface{}, ctx context.Context, cmd goredis.Cmder) {
	if cmd == nil || ctx == nil || ctx.Value(initKey{}) != nil {
		return
	}
	args := cmd.Args()
	var name, text string
	if o := opOf(args); o != nil {
		name, text = o.name, o.text(len(args))
	}
	cl := start(ctx, c, name, text, -1)
	if cl.m == nil {
		// Without metrics the span is all the After hook needs: no
		// allocation for the call.
		ictx.SetData(cl.span)
		return
	}
	p := new(call)
	*p = cl
	ictx.SetData(p)
}

// AfterProcess ends the span of one command: redis.Nil (a missing key) is
// an answer, not a failure.
func AfterProcess(ictx hook.HookContext, err error) {
	switch c := ictx.GetData().(type) {
	case *call:
		c.end(err)
	case trace.Span:
		(&call{span: c}).end(err)
	}
}

// BeforeProcessPipeline starts the span of a pipeline.
func BeforeProcessPipeline(ictx hook.HookContext, c interface{}, ctx context.Context, cmds []goredis.Cmder) {
	beginBatch(ictx, c, ctx, cmds, "PIPELINE")
}

// BeforeProcessTxPipeline starts the span of a transaction (MULTI/EXEC).
func BeforeProcessTxPipeline(ictx hook.HookContext, c interface{}, ctx context.Context, cmds []goredis.Cmder) {
	beginBatch(ictx, c, ctx, cmds, "MULTI")
}

func beginBatch(ictx hook.HookContext, c interface{}, ctx context.Context, cmds []goredis.Cmder, kind string) {
	if ctx == nil || ctx.Value(initKey{}) != nil {
		return
	}
	b := summarize(kind, func(i int) []interface{} {
		if cmds[i] == nil {
			return nil
		}
		return cmds[i].Args()
	}, len(cmds))
	size := -1
	if b.size != 1 { // a batch of one is a single operation (no batch size)
		size = b.size
	}
	cl := start(ctx, c, b.name, b.text, size)
	cl.cmds = cmds
	ictx.SetData(&cl)
}

// AfterProcessBatch ends the span of a pipeline or transaction. go-redis
// returns the first command's error, which may be redis.Nil while a later
// command failed: then the first real failure is the span's.
func AfterProcessBatch(ictx hook.HookContext, err error) {
	c, ok := ictx.GetData().(*call)
	if !ok {
		return
	}
	if err != nil && !failed(err) {
		err = firstFailure(c.cmds)
	}
	c.end(err)
}

// end ends the span and records the duration of the command or batch,
// failed when err is a failure.
func (c *call) end(err error) {
	if !failed(err) {
		err = nil
	}
	if err != nil {
		setError(c.span, err)
	}
	if c.m != nil {
		c.record(err)
	}
	c.span.End()
}

// record adds the duration to db.client.operation.duration with the span's
// attributes of low cardinality (never the query text, nor the batch
// size): db.system.name, db.operation.name, server.address, server.port,
// db.namespace and, on failure, db.response.status_code and error.type.
func (c *call) record(err error) {
	var buf [8]attribute.KeyValue // stays on the stack (RecordDuration makes the set)
	attrs := append(buf[:0], semconv.DBSystemNameRedis)
	if c.op != "" {
		attrs = append(attrs, semconv.DBOperationName(c.op))
	}
	attrs = append(attrs, c.server...)
	if err != nil {
		attrs = appendErrorAttrs(attrs, err)
	}
	instr.RecordDuration(c.ctx, c.m.duration, c.start, attrs)
}

func firstFailure(cmds []goredis.Cmder) error {
	for _, cmd := range cmds {
		if cmd == nil {
			continue
		}
		if err := cmd.Err(); failed(err) {
			return err
		}
	}
	return nil
}

// start begins a CLIENT span named op (db.operation.name), or "redis"
// (db.system.name) when the command's name is unknown, and the clock of
// its duration metric when metrics are on. batchSize < 0: not a batch.
func start(ctx context.Context, c interface{}, op, text string, batchSize int) call {
	attrs := make([]attribute.KeyValue, 0, 7)
	attrs = append(attrs, semconv.DBSystemNameRedis)
	name := "redis"
	if op != "" {
		name = op
		attrs = append(attrs, semconv.DBOperationName(op))
	}
	if text != "" {
		attrs = append(attrs, semconv.DBQueryText(text))
	}
	if batchSize >= 0 {
		attrs = append(attrs, semconv.DBOperationBatchSize(batchSize))
	}
	common := len(attrs)
	attrs = appendServer(attrs, c)
	cl := call{op: op}
	if cl.m = redisMetrics.Get(); cl.m != nil {
		cl.server, cl.start = attrs[common:], time.Now()
	}
	cl.ctx, cl.span = tracer.Get().Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	return cl
}

// appendServer adds server.address, server.port and db.namespace (the DB
// index the client was configured with: a SELECT sent by the user later is
// not followed) from the client's options.
func appendServer(attrs []attribute.KeyValue, c interface{}) []attribute.KeyValue {
	if clientOptions == nil {
		return attrs
	}
	network, addr, db, ok := clientOptions(c)
	if !ok {
		return attrs
	}
	if network == "unix" {
		attrs = append(attrs, semconv.ServerAddress(addr))
	} else if host, port, err := net.SplitHostPort(addr); err == nil {
		attrs = append(attrs, semconv.ServerAddress(host))
		if p, err := strconv.Atoi(port); err == nil {
			attrs = append(attrs, semconv.ServerPort(p))
		}
	} else if addr != "" {
		attrs = append(attrs, semconv.ServerAddress(addr))
	}
	return append(attrs, semconv.DBNamespace(strconv.Itoa(db)))
}

// failed reports whether err is a failure: redis.Nil, the answer for a
// missing key, is not.
func failed(err error) bool {
	return err != nil && !errors.Is(err, goredis.Nil)
}

// setError marks span as failed by err: status Error with err's message,
// an exception event, and error.type: for an error reply of the server,
// its prefix ("ERR", "WRONGTYPE"), which is also db.response.status_code;
// otherwise the Go type of the error (instr.ErrorType).
func setError(span trace.Span, err error) {
	span.SetStatus(codes.Error, err.Error())
	var buf [2]attribute.KeyValue
	span.SetAttributes(appendErrorAttrs(buf[:0], err)...)
	span.RecordError(err)
}

// appendErrorAttrs appends what says how err failed: for an error reply of
// the server, db.response.status_code and error.type, both its prefix;
// otherwise error.type, the Go type of the error.
func appendErrorAttrs(attrs []attribute.KeyValue, err error) []attribute.KeyValue {
	if code := replyCode(err); code != "" {
		return append(attrs, semconv.DBResponseStatusCode(code), semconv.ErrorTypeKey.String(code))
	}
	return append(attrs, semconv.ErrorTypeKey.String(instr.ErrorType(err)))
}

// replyCode returns the prefix of a Redis error reply ("WRONGTYPE
// Operation against a key ..." -> "WRONGTYPE"), or "" when err is not one.
func replyCode(err error) string {
	var re goredis.Error
	if !errors.As(err, &re) {
		return ""
	}
	return errorPrefix(re.Error())
}

// errorPrefix is the first word of msg when it is an upper-case error code.
func errorPrefix(msg string) string {
	end := 0
	for end < len(msg) && msg[end] != ' ' {
		c := msg[end]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return ""
		}
		end++
	}
	return msg[:end]
}
