package grpc

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"
	grpclib "google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"

	"otelgo.dev/instrumentation/libs/internal/instr"
	"otelgo.dev/instrumentation/otelrt"
)

// ScopeName is the instrumentation scope of the spans of this package.
const ScopeName = "otelgo.dev/instrumentation/libs/grpc"

var tracer = instr.NewTracer(ScopeName)

// rpcInstruments are the RPC duration metrics of the conventions (semconv
// v1.39.0: rpc.client.call.duration and rpc.server.call.duration, in
// seconds, with the buckets the conventions recommend, those of HTTP).
type rpcInstruments struct {
	client metric.Float64Histogram
	server metric.Float64Histogram
}

var rpcMetrics = instr.NewInstruments(ScopeName, func(m metric.Meter) *rpcInstruments {
	return &rpcInstruments{
		client: instr.Histogram(m, "rpc.client.call.duration", "s", "Measures the duration of outbound remote procedure calls (RPC).", instr.HTTPDurationBuckets),
		server: instr.Histogram(m, "rpc.server.call.duration", "s", "Measures the duration of inbound remote procedure calls (RPC).", instr.HTTPDurationBuckets),
	}
})

// handler is the stats.Handler the hooks install: one per Server, one per
// ClientConn (which knows its target, hence server.address/port).
type handler struct {
	server bool
	kind   trace.SpanKind
	// target holds the client's server.address and server.port.
	target []attribute.KeyValue
	// srv is the handler's Server (stored by AfterNewServer). known holds
	// its methods ("/pkg.Service/Method"), read at the first call: gRPC
	// refuses RegisterService once Serve has started, so the set does
	// not change afterwards.
	srv atomic.Pointer[grpclib.Server]
	// unknownServed: the Server has an UnknownServiceHandler (written
	// before srv is stored, read after it is loaded).
	unknownServed bool
	knownOnce     sync.Once
	known         map[string]struct{}
}

// isKnown reports whether the server has method (true when the Server is
// not known to the handler: then every method counts as known).
func (h *handler) isKnown(method string) bool {
	h.knownOnce.Do(func() {
		srv := h.srv.Load()
		if srv == nil {
			return
		}
		h.known = map[string]struct{}{}
		for svc, info := range srv.GetServiceInfo() {
			for _, m := range info.Methods {
				h.known["/"+svc+"/"+m.Name] = struct{}{}
			}
		}
	})
	if h.known == nil {
		return true
	}
	_, ok := h.known[method]
	return ok
}

func newServerHandler() *handler {
	return &handler{server: true, kind: trace.SpanKindServer}
}

func newClientHandler(target string) *handler {
	return &handler{kind: trace.SpanKindClient, target: targetAttrs(target)}
}

// rpcCtx is the context of one call after TagRPC: the caller's context
// (with the span in it) plus what HandleRPC needs, in one allocation.
type rpcCtx struct {
	context.Context
	h      *handler
	span   trace.Span
	method string          // rpc.method ("_OTHER" for a method the server does not have)
	m      *rpcInstruments // nil: metrics are off
	start  time.Time       // the span's start, for the duration metric
}

type rpcKey struct{}

func (c *rpcCtx) Value(k any) any {
	if _, ok := k.(rpcKey); ok {
		return c
	}
	return c.Context.Value(k)
}

// TagRPC starts the call's span. On the client it injects the span's
// context into the outgoing metadata; on the server the span's parent is
// the context extracted from the incoming metadata.
func (h *handler) TagRPC(ctx context.Context, info *stats.RPCTagInfo) (out context.Context) {
	if ctx == nil || info == nil {
		return ctx
	}
	// gRPC calls the handler outside the hooks' panic guard: a failure
	// here must leave the call as it was, never crash it.
	orig := ctx
	defer func() {
		if p := recover(); p != nil {
			otelrt.ReportPanic("grpc stats handler", p)
			out = orig
		}
	}()
	name := strings.TrimPrefix(info.FullMethodName, "/")
	if h.alreadyTraced(ctx, name) {
		return ctx
	}
	attrs := make([]attribute.KeyValue, 0, 8)
	attrs = append(attrs, semconv.RPCSystemNameGRPC)
	unknown := h.server && !h.isKnown(info.FullMethodName)
	if unknown {
		// A method the server does not have (an UnknownServiceHandler
		// serves it, or the call fails UNIMPLEMENTED): the conventions'
		// _OTHER, which keeps rpc.method and the span name bounded.
		attrs = append(attrs, semconv.RPCMethod("_OTHER"), semconv.RPCMethodOriginal(name))
		name = "_OTHER"
	} else {
		attrs = append(attrs, semconv.RPCMethod(name))
	}
	if h.server {
		ctx = otel.GetTextMapPropagator().Extract(ctx, incomingCarrier{ctx})
		attrs = appendServerAttrs(attrs, ctx)
	} else {
		attrs = append(attrs, h.target...)
	}
	c := &rpcCtx{h: h, method: name}
	if c.m = rpcMetrics.Get(); c.m != nil {
		c.start = time.Now()
	}
	ctx, c.span = tracer.Get().Start(ctx, name, trace.WithSpanKind(h.kind), trace.WithAttributes(attrs...))
	c.Context = ctx
	if unknown && !h.unknownServed {
		// gRPC answers UNIMPLEMENTED without telling stats handlers
		// that the call ended: the span ends here, with that answer.
		h.end(c, &stats.End{Error: status.Error(codes.Unimplemented, "unknown method "+info.FullMethodName)})
		return orig
	}
	if !h.server {
		// A copy of the caller's metadata with the propagation fields
		// set (not appended: a traceparent the caller set is replaced).
		md, _ := metadata.FromOutgoingContext(ctx)
		if md == nil {
			md = metadata.MD{}
		}
		otel.GetTextMapPropagator().Inject(ctx, mdCarrier(md))
		c.Context = metadata.NewOutgoingContext(ctx, md)
	}
	return c
}

// alreadyTraced reports whether a handler that ran before ours (otelgrpc's,
// or a second one of ours) already instruments this very call: the call
// then keeps that handler's span and metrics instead of getting duplicates.
// That is so when the span current in ctx is a recording span of our kind
// and name, or, for a span the sampler dropped (which has no name to
// compare), when it is a span gRPC did not put there: on the server gRPC
// hands stats handlers a context without a span; on the client the span
// was already propagated in the call's outgoing metadata, which only
// instrumentation of the call does.
func (h *handler) alreadyTraced(ctx context.Context, name string) bool {
	s := trace.SpanFromContext(ctx)
	if s.IsRecording() {
		ro, ok := s.(interface {
			SpanKind() trace.SpanKind
			Name() string
		})
		return ok && ro.SpanKind() == h.kind && ro.Name() == name
	}
	sc := s.SpanContext()
	if !sc.IsValid() {
		return false
	}
	if h.server {
		return true
	}
	md, _ := metadata.FromOutgoingContext(ctx)
	if len(md) == 0 {
		return false
	}
	sent := trace.SpanContextFromContext(otel.GetTextMapPropagator().Extract(context.Background(), mdCarrier(md)))
	return sent.TraceID() == sc.TraceID() && sent.SpanID() == sc.SpanID()
}

// HandleRPC records the peer's address and, at the end of the call, the
// status code and the span's status.
func (h *handler) HandleRPC(ctx context.Context, rs stats.RPCStats) {
	if ctx == nil {
		return
	}
	c, _ := ctx.Value(rpcKey{}).(*rpcCtx)
	if c == nil || c.h != h {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			otelrt.ReportPanic("grpc stats handler", p)
		}
	}()
	switch s := rs.(type) {
	case *stats.OutHeader:
		if !h.server && s.RemoteAddr != nil {
			c.span.SetAttributes(appendPeerAttrs(nil, s.RemoteAddr)...)
		}
	case *stats.End:
		h.end(c, s)
	}
}

// end ends the call's span and records its duration: both end at the
// time gRPC reports (now, when it reports none).
func (h *handler) end(c *rpcCtx, s *stats.End) {
	st, _ := status.FromError(s.Error)
	if s.Error != nil && st.Code() == codes.OK {
		st = status.New(codes.Unknown, s.Error.Error())
	}
	code := st.Code()
	name := codeName(code)
	failed := isError(code, h.server)
	span := c.span
	span.SetAttributes(semconv.RPCResponseStatusCode(name))
	if failed {
		span.SetAttributes(semconv.ErrorTypeKey.String(name))
		span.SetStatus(otelcodes.Error, st.Message())
	}
	endTime := s.EndTime
	if endTime.IsZero() {
		endTime = time.Now()
	}
	if c.m != nil {
		h.record(c, name, failed, endTime)
	}
	span.End(trace.WithTimestamp(endTime))
}

// record adds the call's duration to rpc.client.call.duration or
// rpc.server.call.duration, with the span's attributes of low cardinality:
// rpc.system.name, rpc.method (_OTHER for a method the server does not
// have), rpc.response.status_code, error.type when the call failed, and on
// the client server.address and server.port of the target (on the server
// they are opt-in in the conventions, and not recorded).
func (h *handler) record(c *rpcCtx, code string, failed bool, end time.Time) {
	var buf [6]attribute.KeyValue // stays on the stack (RecordSeconds makes the set)
	attrs := append(buf[:0], semconv.RPCSystemNameGRPC, semconv.RPCMethod(c.method), semconv.RPCResponseStatusCode(code))
	if failed {
		attrs = append(attrs, semconv.ErrorTypeKey.String(code))
	}
	hist := c.m.server
	if !h.server {
		hist = c.m.client
		attrs = append(attrs, h.target...)
	}
	instr.RecordSeconds(c.Context, hist, end.Sub(c.start).Seconds(), attrs)
}

// isError tells which codes fail a span: on the client every code but OK;
// on the server only those that say the server failed (the conventions'
// list), not those that say the request was refused (NOT_FOUND, ...).
func isError(c codes.Code, server bool) bool {
	if !server {
		return c != codes.OK
	}
	switch c {
	case codes.Unknown, codes.DeadlineExceeded, codes.Unimplemented,
		codes.Internal, codes.Unavailable, codes.DataLoss:
		return true
	}
	return false
}

// TagConn and HandleConn: connections get no span.
func (h *handler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }
func (h *handler) HandleConn(context.Context, stats.ConnStats)                       {}

// appendServerAttrs appends the server span's address attributes:
// server.address and server.port from the :authority the client sent (the
// name it called the server by), else the connection's local address;
// network.peer.* from the client's address.
func appendServerAttrs(attrs []attribute.KeyValue, ctx context.Context) []attribute.KeyValue {
	p, _ := peer.FromContext(ctx)
	if a := metadata.ValueFromIncomingContext(ctx, ":authority"); len(a) > 0 && a[0] != "" {
		attrs = hostPortAttrs(attrs, a[0])
	} else if p != nil && p.LocalAddr != nil {
		attrs = hostPortAttrs(attrs, p.LocalAddr.String())
	}
	if p != nil && p.Addr != nil {
		attrs = appendPeerAttrs(attrs, p.Addr)
	}
	return attrs
}

// incomingCarrier lets the propagator read the incoming metadata of ctx
// one key at a time, without the copy of all of it that
// metadata.FromIncomingContext makes.
type incomingCarrier struct{ ctx context.Context }

func (c incomingCarrier) Get(key string) string {
	if v := metadata.ValueFromIncomingContext(c.ctx, key); len(v) > 0 {
		return v[0]
	}
	return ""
}

func (c incomingCarrier) Set(string, string) {}

func (c incomingCarrier) Keys() []string {
	md, _ := metadata.FromIncomingContext(c.ctx)
	return mdCarrier(md).Keys()
}

// mdCarrier lets the propagator read and write gRPC metadata.
type mdCarrier metadata.MD

func (c mdCarrier) Get(key string) string {
	if v := metadata.MD(c).Get(key); len(v) > 0 {
		return v[0]
	}
	return ""
}

func (c mdCarrier) Set(key, value string) { metadata.MD(c).Set(key, value) }

func (c mdCarrier) Keys() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	return keys
}
