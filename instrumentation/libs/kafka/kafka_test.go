package kafka

import (
	"context"
	"errors"
	"io"
	"testing"

	kafkago "github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hooktest"
)

func setup(t *testing.T) *tracetest.InMemoryExporter {
	t.Helper()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	return exp
}

func attrs(s tracetest.SpanStub) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes {
		m[kv.Key] = kv.Value
	}
	return m
}

func header(hs []kafkago.Header, key string) (string, bool) {
	for _, h := range hs {
		if h.Key == key {
			return string(h.Value), true
		}
	}
	return "", false
}

// A producer's traceparent, as a consumer would find it.
const (
	producerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
	producerSpan  = "00f067aa0ba902b7"
	producerTP    = "00-" + producerTrace + "-" + producerSpan + "-01"
)

func TestWriteMessagesGivesTheCallACopyWithTraceparent(t *testing.T) {
	exp := setup(t)
	w := &kafkago.Writer{Addr: kafkago.TCP("broker-a:9093", "broker-b:9094"), Topic: "orders"}
	theirs := "00-11111111111111111111111111111111-2222222222222222-01"
	// Spare capacity: an append in place would write into the caller's array.
	user := make([]kafkago.Header, 1, 4)
	user[0] = kafkago.Header{Key: "user-header", Value: []byte("u1")}
	msgs := []kafkago.Message{
		{Key: []byte("k1"), Value: []byte("v1"), Headers: user},
		{Key: []byte("k2"), Value: []byte("v2"), Headers: []kafkago.Header{{Key: "Traceparent", Value: []byte(theirs)}}},
	}
	ictx := hooktest.New("kafka", "WriteMessages", 1, w, context.Background(), msgs)
	BeforeWriteMessages(ictx, w, context.Background(), msgs)
	out, ok := ictx.Params[paramMsgs].([]kafkago.Message)
	if !ok || len(out) != 2 {
		t.Fatalf("the call's messages: %#v", ictx.Params[paramMsgs])
	}
	ictx.SetResults(nil)
	AfterWriteMessages(ictx, nil)

	if len(msgs[0].Headers) != 1 || len(msgs[1].Headers) != 1 || &out[0] == &msgs[0] || user[:2][1].Key != "" {
		t.Fatalf("the caller's messages changed: %+v", msgs)
	}
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans, want 1", len(spans))
	}
	s := spans[0]
	if s.Name != "send orders" || s.SpanKind != trace.SpanKindProducer {
		t.Errorf("span %q kind %v", s.Name, s.SpanKind)
	}
	want := "00-" + s.SpanContext.TraceID().String() + "-" + s.SpanContext.SpanID().String() + "-01"
	if out[0].Headers[0].Key != "user-header" {
		t.Errorf("the user's header is not first: %+v", out[0].Headers)
	}
	if got, _ := header(out[0].Headers, "traceparent"); got != want {
		t.Errorf("message 1 traceparent %q, want %q", got, want)
	}
	if _, ok := header(out[1].Headers, "traceparent"); ok || len(out[1].Headers) != 1 {
		t.Errorf("the caller's own Traceparent was not kept alone: %+v", out[1].Headers)
	}
	a := attrs(s)
	if a["messaging.batch.message_count"].AsInt64() != 2 || a["server.address"].AsString() != "broker-a" ||
		a["server.port"].AsInt64() != 9093 || a["messaging.destination.name"].AsString() != "orders" {
		t.Errorf("attributes %v", a)
	}
	if _, ok := a["messaging.kafka.message.key"]; ok {
		t.Errorf("a key on a batch span")
	}
}

func TestWriteMessagesErrorAndNoMessages(t *testing.T) {
	exp := setup(t)
	w := &kafkago.Writer{Addr: kafkago.TCP("b:9092")}
	none := hooktest.New("kafka", "WriteMessages", 1, w, context.Background(), []kafkago.Message(nil))
	BeforeWriteMessages(none, w, context.Background(), nil)
	AfterWriteMessages(none, nil)
	if n := len(exp.GetSpans()); n != 0 {
		t.Fatalf("%d spans for no messages", n)
	}
	msgs := []kafkago.Message{{Topic: "a"}, {Topic: "b", Value: []byte("x")}}
	ictx := hooktest.New("kafka", "WriteMessages", 1, w, context.Background(), msgs)
	BeforeWriteMessages(ictx, w, context.Background(), msgs)
	AfterWriteMessages(ictx, errors.New("refused"))
	s := exp.GetSpans()[0]
	if s.Name != "send" || s.Status.Code != codes.Error || s.Status.Description != "refused" {
		t.Errorf("span %q status %+v", s.Name, s.Status)
	}
	if _, ok := attrs(s)["messaging.destination.name"]; ok {
		t.Errorf("a destination for messages to two topics")
	}
}

func newReader(group string) *kafkago.Reader {
	// NewReader connects on the first fetch only; the hooks read its Config.
	cfg := kafkago.ReaderConfig{Brokers: []string{"127.0.0.1:9092"}, Topic: "orders", GroupID: group}
	if group == "" {
		cfg.Partition = 3
	}
	return kafkago.NewReader(cfg)
}

func received() kafkago.Message {
	return kafkago.Message{Topic: "orders", Partition: 3, Offset: 41, Key: []byte("k"), Value: []byte("value"),
		Headers: []kafkago.Header{{Key: "traceparent", Value: []byte(producerTP)}}}
}

// readMessage runs the hooks of one ReadMessage call whose FetchMessage
// returns fetched, fetchErr and which then returns ret, retErr.
func readMessage(r *kafkago.Reader, fetched kafkago.Message, fetchErr error, ret kafkago.Message, retErr error) {
	read := hooktest.New("kafka", "ReadMessage", 2, r, context.Background())
	BeforeReadMessage(read, r, context.Background())
	inner, _ := read.Params[paramCtx].(context.Context)
	fetch := hooktest.New("kafka", "FetchMessage", 2, r, inner)
	BeforeFetchMessage(fetch, r, inner)
	AfterFetchMessage(fetch, fetched, fetchErr)
	AfterReadMessage(read, ret, retErr)
}

func TestReadMessageIsOneSpanChildOfTheProducer(t *testing.T) {
	exp := setup(t)
	r := newReader("g1")
	defer r.Close()
	readMessage(r, received(), nil, received(), nil)
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans, want 1 (none for the inner FetchMessage)", len(spans))
	}
	s := spans[0]
	if s.Name != "receive orders" || s.SpanKind != trace.SpanKindConsumer {
		t.Errorf("span %q kind %v", s.Name, s.SpanKind)
	}
	if s.SpanContext.TraceID().String() != producerTrace || s.Parent.SpanID().String() != producerSpan || !s.Parent.IsRemote() {
		t.Errorf("trace %s parent %s, want %s %s", s.SpanContext.TraceID(), s.Parent.SpanID(), producerTrace, producerSpan)
	}
	a := attrs(s)
	if a["messaging.consumer.group.name"].AsString() != "g1" || a["messaging.destination.partition.id"].AsString() != "3" ||
		a["messaging.kafka.offset"].AsInt64() != 41 || a["messaging.kafka.message.key"].AsString() != "k" ||
		a["messaging.operation.type"].AsString() != "receive" || a["server.port"].AsInt64() != 9092 {
		t.Errorf("attributes %v", a)
	}
}

func TestReadMessageCommitFailureKeepsTheMessage(t *testing.T) {
	exp := setup(t)
	r := newReader("g1")
	defer r.Close()
	readMessage(r, received(), nil, kafkago.Message{}, errors.New("commit failed"))
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans, want 1", len(spans))
	}
	s := spans[0]
	if s.Status.Code != codes.Error || s.Parent.SpanID().String() != producerSpan || attrs(s)["messaging.kafka.offset"].AsInt64() != 41 {
		t.Errorf("status %+v parent %s attributes %v", s.Status, s.Parent.SpanID(), attrs(s))
	}
}

func TestFetchMessage(t *testing.T) {
	exp := setup(t)
	r := newReader("")
	defer r.Close()
	fetch := func(ctx context.Context, m kafkago.Message, err error) {
		ictx := hooktest.New("kafka", "FetchMessage", 2, r, ctx)
		BeforeFetchMessage(ictx, r, ctx)
		AfterFetchMessage(ictx, m, err)
	}
	// The caller stopped waiting or closed the Reader: no span.
	for _, err := range []error{io.EOF, context.Canceled, context.DeadlineExceeded} {
		fetch(context.Background(), kafkago.Message{}, err)
	}
	if n := len(exp.GetSpans()); n != 0 {
		t.Fatalf("%d spans for fetches the caller gave up", n)
	}
	// A message without a producer context: the caller's span is the parent.
	tp := otel.GetTracerProvider()
	ctx, caller := tp.Tracer("test").Start(context.Background(), "caller")
	m := received()
	m.Headers = nil
	fetch(ctx, m, nil)
	caller.End()
	// A binary key is not an attribute (OTLP strings are UTF-8).
	m.Key = []byte{0xff, 0xfe, 0x00}
	fetch(context.Background(), m, nil)
	// A failed fetch: an error span.
	fetch(context.Background(), kafkago.Message{}, io.ErrUnexpectedEOF)
	spans := exp.GetSpans()
	if len(spans) != 4 {
		t.Fatalf("%d spans, want 4", len(spans))
	}
	if spans[0].Parent.SpanID() != caller.SpanContext().SpanID() || attrs(spans[0])["messaging.destination.partition.id"].AsString() != "3" {
		t.Errorf("message without context: parent %s attributes %v", spans[0].Parent.SpanID(), attrs(spans[0]))
	}
	if _, ok := attrs(spans[1])["messaging.kafka.message.key"]; ok {
		t.Errorf("a binary key recorded: %v", attrs(spans[1]))
	}
	if s := spans[3]; s.Status.Code != codes.Error || s.Name != "receive orders" || s.Parent.IsValid() {
		t.Errorf("failed fetch: %q status %+v parent %v", s.Name, s.Status, s.Parent)
	}
	if _, ok := attrs(spans[3])["messaging.kafka.offset"]; ok {
		t.Errorf("an offset on a failed fetch")
	}
}
