package kafka

import (
	"context"
	"errors"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"

	"otelgo.dev/instrumentation/libs/internal/instr"
)

// kafkaInstruments are the messaging client metrics of the conventions
// (semconv v1.39.0, messaging metrics). Their attributes are the spans'
// low-cardinality ones: system, operation, topic, consumer group, the
// first broker, error.type; never a key, an offset or a partition (the
// partition, which the conventions recommend, is left out: a producer
// learns it only when the broker acknowledged the call, and only for a
// synchronous Writer, so the series would depend on the Writer's mode).
type kafkaInstruments struct {
	duration metric.Float64Histogram // messaging.client.operation.duration
	sent     metric.Int64Counter     // messaging.client.sent.messages
	consumed metric.Int64Counter     // messaging.client.consumed.messages
}

var kafkaMetrics = instr.NewInstruments(ScopeName, func(m metric.Meter) *kafkaInstruments {
	return &kafkaInstruments{
		// The conventions' buckets for this metric are the HTTP ones.
		duration: instr.Histogram(m, "messaging.client.operation.duration", "s",
			"Duration of messaging operation initiated by a producer or consumer client.", instr.HTTPDurationBuckets),
		sent: instr.Counter(m, "messaging.client.sent.messages", "{message}",
			"Number of messages producer attempted to send to the broker."),
		consumed: instr.Counter(m, "messaging.client.consumed.messages", "{message}",
			"Number of messages that were delivered to the application."),
	}
})

// metricBase is what every point of one call carries: system, operation
// name, topic, consumer group, server. At most 6 attributes.
func metricBase(buf []attribute.KeyValue, op, topic, group, server string) []attribute.KeyValue {
	attrs := append(buf[:0], semconv.MessagingSystemKafka, semconv.MessagingOperationName(op))
	if topic != "" {
		attrs = append(attrs, semconv.MessagingDestinationName(topic))
	}
	if group != "" {
		attrs = append(attrs, semconv.MessagingConsumerGroupName(group))
	}
	if server != "" {
		attrs = serverAttributes(attrs, server)
	}
	return attrs
}

func withErrorType(attrs []attribute.KeyValue, err error) []attribute.KeyValue {
	if err == nil {
		return attrs
	}
	return append(attrs, semconv.ErrorTypeKey.String(instr.ErrorType(err)))
}

// add adds n to c with attrs (sorted in place, as instr.RecordDuration).
func add(ctx context.Context, c metric.Int64Counter, n int64, attrs []attribute.KeyValue) {
	opt := [1]metric.AddOption{metric.WithAttributeSet(attribute.NewSet(attrs...))}
	c.Add(ctx, n, opt[:]...)
}

// recordOperation adds one call's duration: the span's, from start to end.
func (k *kafkaInstruments) recordOperation(ctx context.Context, opType attribute.KeyValue, base []attribute.KeyValue, d time.Duration, err error) {
	var buf [9]attribute.KeyValue
	attrs := withErrorType(append(append(buf[:0], base...), opType), err)
	opt := [1]metric.RecordOption{metric.WithAttributeSet(attribute.NewSet(attrs...))}
	k.duration.Record(ctx, d.Seconds(), opt[:]...)
}

// recordSend records one WriteMessages call of n messages that ended with
// err after d. Sent messages are those kafka-go took on to send: all of
// a call that succeeded (for an Async Writer: that were queued), or that
// failed in its partition writers (kafka.WriteErrors: each message with
// its own error, nil for those that were written) or while the caller
// waited for them (the context's error). A call kafka-go refused before
// it handed anything to a partition writer (no address, closed Writer, a
// message too large, a topic conflict, no metadata) sent nothing.
func (k *kafkaInstruments) recordSend(ctx context.Context, topic, server string, n int, d time.Duration, err error) {
	var buf [6]attribute.KeyValue
	base := metricBase(buf[:], opSend, topic, "", server)
	k.recordOperation(ctx, semconv.MessagingOperationTypeSend, base, d, err)
	var werr kafkago.WriteErrors
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		k.addSent(ctx, base, int64(n), err)
	case errors.As(err, &werr) && len(werr) == n:
		k.addSentPerMessage(ctx, base, werr)
	}
}

func (k *kafkaInstruments) addSent(ctx context.Context, base []attribute.KeyValue, n int64, err error) {
	var buf [7]attribute.KeyValue
	add(ctx, k.sent, n, withErrorType(append(buf[:0], base...), err))
}

// addSentPerMessage counts the messages of a call that kafka-go reports
// one error per message for, by error type (nil: written).
func (k *kafkaInstruments) addSentPerMessage(ctx context.Context, base []attribute.KeyValue, werr kafkago.WriteErrors) {
	counts := map[string]int64{}
	firstOf := map[string]error{}
	for _, e := range werr {
		t := ""
		if e != nil {
			t = instr.ErrorType(e)
		}
		counts[t]++
		if _, ok := firstOf[t]; !ok {
			firstOf[t] = e
		}
	}
	for t, n := range counts {
		k.addSent(ctx, base, n, firstOf[t])
	}
}

// recordReceive records one ReadMessage or FetchMessage call that made a
// span: its duration, and the message it delivered, if any (got).
func (k *kafkaInstruments) recordReceive(ctx context.Context, topic, group, server string, got bool, d time.Duration, err error) {
	var buf [6]attribute.KeyValue
	base := metricBase(buf[:], opReceive, topic, group, server)
	k.recordOperation(ctx, semconv.MessagingOperationTypeReceive, base, d, err)
	if got {
		var cbuf [7]attribute.KeyValue
		add(ctx, k.consumed, 1, withErrorType(append(cbuf[:0], base...), err))
	}
}
