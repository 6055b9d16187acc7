package kafka

import (
	"context"
	"strconv"
	"testing"

	kafkago "github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"otelgo.dev/instrumentation/hooktest"
)

// testBatch stands for kafka-go's *writeBatch in these tests: the accessor
// otel_kafka.go hands over reads the real one.
type testBatch struct{ msgs []kafkago.Message }

func withTestBatches(t *testing.T) {
	t.Helper()
	prev := batchMessages
	batchMessages = func(b interface{}) ([]kafkago.Message, bool) {
		tb, ok := b.(*testBatch)
		if !ok {
			return nil, false
		}
		return tb.msgs, true
	}
	t.Cleanup(func() { batchMessages = prev })
}

// write runs the hooks of one WriteMessages call of w with msgs; in
// between, produce gets the messages the call handed to kafka-go.
func write(w *kafkago.Writer, msgs []kafkago.Message, produce func(sent []kafkago.Message), err error) {
	ictx := hooktest.New("kafka", "WriteMessages", 1, w, context.Background(), msgs)
	BeforeWriteMessages(ictx, w, context.Background(), msgs)
	sent, ok := ictx.Params[paramMsgs].([]kafkago.Message)
	if !ok {
		sent = msgs
	}
	produce(sent)
	AfterWriteMessages(ictx, err)
}

// batch is what kafka-go's partition writer holds: copies of the messages,
// with the partition and offset set from the produce response.
func batch(partition int, base int64, msgs ...kafkago.Message) *testBatch {
	b := &testBatch{}
	for i, m := range msgs {
		m.Partition, m.Offset = partition, base+int64(i)
		b.msgs = append(b.msgs, m)
	}
	return b
}

func complete(b *testBatch, err error) {
	BeforeBatchComplete(hooktest.New("kafka", "complete", 0, b, err), b, err)
}

func where(s tracetest.SpanStub) (partition string, offset int64, hasOffset bool) {
	a := attrs(s)
	if v, ok := a["messaging.kafka.offset"]; ok {
		offset, hasOffset = v.AsInt64(), true
	}
	return a["messaging.destination.partition.id"].AsString(), offset, hasOffset
}

func TestProducerSpanLearnsWhereItsMessagesWent(t *testing.T) {
	exp := setup(t)
	withTestBatches(t)
	w := &kafkago.Writer{Addr: kafkago.TCP("b:9092"), Topic: "t"}
	two := []kafkago.Message{{Value: []byte("a")}, {Value: []byte("b"), Headers: []kafkago.Header{{Key: "h", Value: []byte("1")}}}}
	one := []kafkago.Message{{Value: []byte("c")}}
	other := kafkago.Message{Value: []byte("someone else's"), Headers: []kafkago.Header{{Key: "x"}}}

	// A batch in one partition, shared with a message of another call:
	// the partition, no offset (a batch's offsets need not be consecutive).
	write(w, two, func(sent []kafkago.Message) { complete(batch(4, 10, sent[0], other, sent[1]), nil) }, nil)
	// One message: partition and offset.
	write(w, one, func(sent []kafkago.Message) { complete(batch(2, 7, other, sent[0]), nil) }, nil)
	// Two partitions: neither.
	write(w, two, func(sent []kafkago.Message) {
		complete(batch(0, 3, sent[0]), nil)
		complete(batch(1, 5, sent[1]), nil)
	}, nil)
	// A failed batch: kafka-go set nothing, neither.
	write(w, one, func(sent []kafkago.Message) { complete(batch(0, 0, sent[0]), kafkago.RequestTimedOut) }, kafkago.WriteErrors{kafkago.RequestTimedOut})
	// The call returned before its batch completed (its context ended).
	var late []kafkago.Message
	write(w, one, func(sent []kafkago.Message) { late = sent }, context.Canceled)
	complete(batch(0, 9, late[0]), nil)

	spans := exp.GetSpans()
	if len(spans) != 5 {
		t.Fatalf("%d spans", len(spans))
	}
	type pos struct {
		partition string
		offset    int64
		hasOffset bool
	}
	want := []pos{{"4", 0, false}, {"2", 8, true}, {"", 0, false}, {"", 0, false}, {"", 0, false}}
	for i, s := range spans {
		p, o, ok := where(s)
		if got := (pos{p, o, ok}); got != want[i] {
			t.Errorf("span %d: partition %q offset %d (%v), want %+v", i, p, o, ok, want[i])
		}
	}
	if n := inFlight.count.Load(); n != 0 || len(inFlight.msgs) != 0 {
		t.Errorf("%d messages still tracked", n)
	}
	if len(two[1].Headers) != 1 || two[0].Headers != nil {
		t.Errorf("the caller's messages changed: %+v", two)
	}
}

func TestNotTracked(t *testing.T) {
	exp := setup(t)
	withTestBatches(t)
	one := []kafkago.Message{{Value: []byte("c")}}
	// An Async Writer's call returns before anything is sent: no tracking,
	// nothing for the partition writer to look up.
	async := &kafkago.Writer{Addr: kafkago.TCP("b:9092"), Topic: "t", Async: true}
	write(async, one, func(sent []kafkago.Message) {
		if n := inFlight.count.Load(); n != 0 {
			t.Errorf("an async call is tracked (%d)", n)
		}
	}, nil)
	// Without the accessor (kafka-go not instrumented) neither.
	batchMessages = nil
	w := &kafkago.Writer{Addr: kafkago.TCP("b:9092"), Topic: "t"}
	write(w, one, func(sent []kafkago.Message) {
		if n := inFlight.count.Load(); n != 0 {
			t.Errorf("tracked without the accessor (%d)", n)
		}
	}, nil)
	for _, s := range exp.GetSpans() {
		if p, _, ok := where(s); p != "" || ok {
			t.Errorf("%s: partition %q offset %v", s.Name, p, ok)
		}
	}
}

// Every message of a tracked call has headers of its own, with room for
// one more, also when there is nothing to propagate; capped, so that an
// append to one message's headers never writes into the next one's.
func TestTrackedCopyHeaders(t *testing.T) {
	msgs := []kafkago.Message{{}, {Headers: []kafkago.Header{{Key: "a"}}}, {}}
	out := withTraceContext(context.Background(), msgs, true)
	if len(out) != 3 {
		t.Fatalf("no copy: %v", out)
	}
	seen := map[*kafkago.Header]bool{}
	for i := range out {
		h := firstHeader(out[i].Headers)
		if h == nil || seen[h] || cap(out[i].Headers) != len(msgs[i].Headers)+1 {
			t.Fatalf("message %d: headers %v cap %d", i, out[i].Headers, cap(out[i].Headers))
		}
		seen[h] = true
	}
	out[1].Headers = append(out[1].Headers, kafkago.Header{Key: "b"}, kafkago.Header{Key: "c"})
	if len(out[2].Headers) != 0 || out[2].Headers[:1][0].Key != "" {
		t.Errorf("an append ran into the next message's headers")
	}
	if withTraceContext(context.Background(), msgs, false) != nil {
		t.Errorf("a copy with nothing to propagate, untracked")
	}
}

// The hooks of one synchronous WriteMessages call and the completion of
// its batch, with the span recorded (tracked) and with an Async Writer
// (not tracked): what tracking costs.
func BenchmarkWriteTracked(b *testing.B) { benchmarkWrite(b, false) }
func BenchmarkWriteAsync(b *testing.B)   { benchmarkWrite(b, true) }

func benchmarkWrite(b *testing.B, async bool) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	defer func() { _ = tp.Shutdown(context.Background()) }()
	prev := batchMessages
	batchMessages = func(v interface{}) ([]kafkago.Message, bool) { tb, ok := v.(*testBatch); return tb.msgs, ok }
	defer func() { batchMessages = prev }()
	w := &kafkago.Writer{Addr: kafkago.TCP("b:9092"), Topic: "t", Async: async}
	for _, n := range []int{1, 100} {
		msgs := make([]kafkago.Message, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			tb := &testBatch{msgs: make([]kafkago.Message, n)}
			for i := 0; i < b.N; i++ {
				write(w, msgs, func(sent []kafkago.Message) {
					copy(tb.msgs, sent)
					complete(tb, nil)
				}, nil)
			}
		})
	}
}
