// Package kafka holds otel's hooks for github.com/segmentio/kafka-go
// (rules.yaml): a PRODUCER span for every (*Writer).WriteMessages call and
// a CONSUMER span for every message (*Reader).ReadMessage or
// (*Reader).FetchMessage returns, following the OpenTelemetry semantic
// conventions for messaging (semconv v1.39.0, Kafka). The producer writes
// the W3C trace context of its span into each message's headers; the
// consumer span of a message that carries one is a child of that producer
// span, so one trace runs from the producer to the consumer. A synchronous
// producer span learns the partition and offset the broker acknowledged
// (produced.go). The same hooks record the messaging client metrics
// (metrics.go).
package kafka

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kafkago "github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/gls"
	"otelgo.dev/instrumentation/libs/internal/instr"
)

// ScopeName is the instrumentation scope of the spans of this package.
const ScopeName = "otelgo.dev/instrumentation/libs/kafka"

var tracer = instr.NewTracer(ScopeName)

// The operation names of the spans (messaging.operation.name, and the
// first word of the span name).
const (
	opSend    = "send"
	opReceive = "receive"
)

// Parameter indexes (the receiver is 0).
const (
	paramCtx  = 1
	paramMsgs = 2
)

// sendCall is one WriteMessages call, from its Before hook to its After.
type sendCall struct {
	span  trace.Span
	ctx   context.Context   // with the span
	msgs  []kafkago.Message // the call's copy, when it is tracked
	acks  *acks             // nil: not tracked (see BeforeWriteMessages)
	start time.Time

	m      *kafkaInstruments // nil: metrics are off
	n      int
	topic  string
	server string
}

// BeforeWriteMessages starts the PRODUCER span of one WriteMessages call
// and hands the call a copy of its messages whose headers also carry the
// span's trace context. The copy (a new slice, each message with new
// Headers) keeps the caller's slice and its messages' Headers exactly as
// the caller built them: WriteMessages keeps no reference to the caller's
// slice, so nothing of ours becomes visible to the caller. A propagation
// field the caller set in a message's headers is kept and not written
// again (the caller's context wins, as for net/http). A synchronous call
// whose span is recorded is tracked: its span learns the partition and
// offset the broker acknowledged (produced.go). An Async Writer's call
// returns before anything is sent, and is not tracked.
func BeforeWriteMessages(ictx hook.HookContext, w *kafkago.Writer, ctx context.Context, msgs []kafkago.Message) {
	if w == nil || len(msgs) == 0 {
		return // kafka-go sends nothing
	}
	topic, start := writeTopic(w, msgs), time.Now()
	ctx, span := tracer.Get().Start(ctx, spanName(opSend, topic),
		trace.WithSpanKind(trace.SpanKindProducer),
		trace.WithTimestamp(start), // the duration metric's start too
		trace.WithAttributes(sendAttributes(w, msgs, topic)...))
	c := &sendCall{span: span, ctx: ctx, start: start, n: len(msgs), topic: topic}
	if c.m = kafkaMetrics.Get(); c.m != nil && w.Addr != nil {
		c.server = w.Addr.String()
	}
	tracked := span.IsRecording() && !w.Async && batchMessages != nil
	if out := withTraceContext(ctx, msgs, tracked); out != nil {
		ictx.SetParam(paramMsgs, out)
		if tracked {
			c.msgs, c.acks = out, track(out)
		}
	}
	ictx.SetData(c)
}

// AfterWriteMessages ends the span BeforeWriteMessages started, with the
// partition and offset of its messages when the broker acknowledged them
// all. For an asynchronous Writer (Async: true) that is when the messages
// were queued.
func AfterWriteMessages(ictx hook.HookContext, err error) {
	c, ok := ictx.GetData().(*sendCall)
	if !ok {
		return
	}
	end := time.Now()
	if c.acks != nil {
		if attrs := untrack(c.msgs, c.acks).attributes(c.n); attrs != nil {
			c.span.SetAttributes(attrs...)
		}
	}
	if err != nil {
		instr.SetError(c.span, err)
	}
	c.span.End(trace.WithTimestamp(end))
	if c.m != nil {
		c.m.recordSend(c.ctx, c.topic, c.server, c.n, end.Sub(c.start), err)
	}
}

// writeTopic is the topic of a WriteMessages call: the Writer's, else the
// one every message names ("" when they name different ones).
func writeTopic(w *kafkago.Writer, msgs []kafkago.Message) string {
	if w.Topic != "" {
		return w.Topic
	}
	t := msgs[0].Topic
	for i := range msgs[1:] {
		if msgs[i+1].Topic != t {
			return ""
		}
	}
	return t
}

// spanName is "{operation} {topic}", or the operation alone when the
// topic is not one.
func spanName(op, topic string) string {
	if topic == "" {
		return op
	}
	return op + " " + topic
}

// sendAttributes are the producer span's attributes at its start (topic:
// writeTopic's).
func sendAttributes(w *kafkago.Writer, msgs []kafkago.Message, topic string) []attribute.KeyValue {
	attrs := make([]attribute.KeyValue, 0, 9)
	attrs = append(attrs, semconv.MessagingSystemKafka,
		semconv.MessagingOperationTypeSend,
		semconv.MessagingOperationName(opSend))
	if topic != "" {
		attrs = append(attrs, semconv.MessagingDestinationName(topic))
	}
	if len(msgs) == 1 {
		attrs = messageAttributes(attrs, &msgs[0])
	} else {
		attrs = append(attrs, semconv.MessagingBatchMessageCount(len(msgs)))
	}
	if w.Addr != nil {
		attrs = serverAttributes(attrs, w.Addr.String())
	}
	return attrs
}

// messageAttributes appends what one message says about itself: its key,
// whether it is a tombstone (no value), its body size. A key that is not
// UTF-8 text (a binary key) is left out: OTLP carries attribute strings as
// protobuf strings, which must be valid UTF-8.
func messageAttributes(attrs []attribute.KeyValue, m *kafkago.Message) []attribute.KeyValue {
	if len(m.Key) > 0 && utf8.Valid(m.Key) {
		attrs = append(attrs, semconv.MessagingKafkaMessageKey(string(m.Key)))
	}
	if m.Value == nil {
		attrs = append(attrs, semconv.MessagingKafkaMessageTombstone(true))
	}
	return append(attrs, semconv.MessagingMessageBodySize(len(m.Value)))
}

// serverAttributes appends server.address and server.port of the first
// broker in addrs ("host:port[,host:port...]", kafka-go's address form).
func serverAttributes(attrs []attribute.KeyValue, addrs string) []attribute.KeyValue {
	first, _, _ := strings.Cut(addrs, ",")
	host, port, err := net.SplitHostPort(strings.TrimSpace(first))
	if err != nil {
		if first == "" {
			return attrs
		}
		return append(attrs, semconv.ServerAddress(first))
	}
	attrs = append(attrs, semconv.ServerAddress(host))
	if p, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, semconv.ServerPort(p))
	}
	return attrs
}

// readState is one ReadMessage call: its inner FetchMessage hands it the
// message it fetched, so that the call makes one span, and one for the
// message even when the commit that follows the fetch fails.
type readState struct {
	consume consumeCall
	fetched bool
	msg     kafkago.Message
	err     error
}

// readKey marks the context ReadMessage passes to its FetchMessage.
type readKey struct{}

// consumeCall is what the Before hook of a read or fetch keeps for its
// After hook, which starts the span: only then is the message, and with it
// the producer's context, known.
type consumeCall struct {
	r     *kafkago.Reader
	ctx   context.Context
	start time.Time
}

// BeforeReadMessage notes the call's start and marks the context that
// ReadMessage passes to its FetchMessage (and CommitMessages).
func BeforeReadMessage(ictx hook.HookContext, r *kafkago.Reader, ctx context.Context) {
	gls.Release() // the previous message's span is no longer current
	if r == nil || ctx == nil {
		return
	}
	st := &readState{consume: consumeCall{r: r, ctx: ctx, start: time.Now()}}
	ictx.SetData(st)
	ictx.SetParam(paramCtx, context.WithValue(ctx, readKey{}, st))
}

// AfterReadMessage records the CONSUMER span of the message ReadMessage
// fetched (with the commit's error, if that failed).
func AfterReadMessage(ictx hook.HookContext, msg kafkago.Message, err error) {
	st, ok := ictx.GetData().(*readState)
	if !ok {
		return
	}
	got := err == nil
	if st.fetched && st.err == nil {
		msg, got = st.msg, true
	}
	st.consume.record(msg, got, err)
}

// BeforeFetchMessage notes the call's start, or, inside ReadMessage, that
// ReadMessage makes the span.
func BeforeFetchMessage(ictx hook.HookContext, r *kafkago.Reader, ctx context.Context) {
	if r == nil || ctx == nil {
		return
	}
	if st, ok := ctx.Value(readKey{}).(*readState); ok && st.consume.r == r {
		ictx.SetData(st)
		return
	}
	gls.Release() // the previous message's span is no longer current
	ictx.SetData(&consumeCall{r: r, ctx: ctx, start: time.Now()})
}

// AfterFetchMessage records the CONSUMER span of the fetched message, or
// hands the message to the ReadMessage that called FetchMessage.
func AfterFetchMessage(ictx hook.HookContext, msg kafkago.Message, err error) {
	switch d := ictx.GetData().(type) {
	case *readState:
		d.fetched, d.msg, d.err = true, msg, err
	case *consumeCall:
		d.record(msg, err == nil, err)
	}
}

// stopped reports whether err only says the caller stopped waiting or
// closed the Reader: no message was asked for in vain, so no span.
func stopped(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// record makes the CONSUMER span of one read or fetch, from its start to
// now. got says whether msg is a received message. Its parent is the
// producer span whose context msg's headers carry; without one, the span in
// the caller's context, if any (never the goroutine's current span: see
// instr.Tracer).
func (c *consumeCall) record(msg kafkago.Message, got bool, err error) {
	if !got && stopped(err) {
		return
	}
	cfg := c.r.Config()
	topic := cfg.Topic
	if got && msg.Topic != "" {
		topic = msg.Topic
	}
	parent := c.ctx
	if got {
		if pc := otel.GetTextMapPropagator().Extract(context.Background(), headerCarrier{&msg.Headers}); trace.SpanContextFromContext(pc).IsValid() {
			parent = pc
		}
	}
	attrs := make([]attribute.KeyValue, 0, 12)
	attrs = append(attrs, semconv.MessagingSystemKafka,
		semconv.MessagingOperationTypeReceive,
		semconv.MessagingOperationName(opReceive))
	if topic != "" {
		attrs = append(attrs, semconv.MessagingDestinationName(topic))
	}
	if cfg.GroupID != "" {
		attrs = append(attrs, semconv.MessagingConsumerGroupName(cfg.GroupID))
	}
	if got {
		attrs = append(attrs, semconv.MessagingDestinationPartitionID(strconv.Itoa(msg.Partition)),
			semconv.MessagingKafkaOffset(int(msg.Offset)))
		attrs = messageAttributes(attrs, &msg)
	}
	if len(cfg.Brokers) > 0 {
		attrs = serverAttributes(attrs, cfg.Brokers[0])
	}
	end := time.Now()
	sctx, span := tracer.Get().Start(parent, spanName(opReceive, topic),
		trace.WithSpanKind(trace.SpanKindConsumer),
		trace.WithTimestamp(c.start),
		trace.WithAttributes(attrs...))
	if err != nil {
		instr.SetError(span, err)
	}
	span.End(trace.WithTimestamp(end))
	if m := kafkaMetrics.Get(); m != nil {
		server := ""
		if len(cfg.Brokers) > 0 {
			server = cfg.Brokers[0]
		}
		m.recordReceive(sctx, topic, cfg.GroupID, server, got, end.Sub(c.start), err)
	}
	if got {
		// The code that handles the message runs after the call returned:
		// it logs and starts spans in the message's span (docs/GLS.md).
		gls.Hold(span.SpanContext())
	}
}

// BeforeReaderClose ends the currency of the last message's span on the
// goroutine that closes the Reader.
func BeforeReaderClose(ictx hook.HookContext, r *kafkago.Reader) {
	gls.Release()
}
