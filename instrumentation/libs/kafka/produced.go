package kafka

import (
	"strconv"
	"sync"
	"sync/atomic"

	kafkago "github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"

	"otelgo.dev/instrumentation/hook"
)

// Where a synchronous WriteMessages call's messages went, for its PRODUCER
// span. kafka-go picks the partition (the Writer's Balancer) and learns the
// offset (the produce response) inside its partition writers, which work
// on copies of the messages, in batches that may hold messages of several
// calls; WriteMessages returns neither. Before a batch completes (the hook
// of (*writeBatch).complete, before kafka-go closes the channel the calls
// wait on), kafka-go has set Topic, Partition and Offset on the batch's
// messages. The hook finds the call of each message by its Headers slice:
// the call's copy of its messages (BeforeWriteMessages) gives every message
// headers of its own in an array otel allocated, so the first element's
// address names the message, whatever the message and its headers hold.

// batchMessages is what the file otel adds to kafka-go (otel_kafka.go,
// rule kafka_internals) hands over at kafka-go's init: the messages of a
// *writeBatch. nil when kafka-go is not instrumented (this package's own
// unit tests set it): producer spans then have no partition or offset. No
// initializer on purpose: register runs during kafka-go's init, before
// this package's own initialization.
var batchMessages func(b interface{}) ([]kafkago.Message, bool)

// register is called by kafka-go's init through //go:linkname. Its
// signature must match the declaration in otel_kafka.go exactly.
func register(msgs func(interface{}) ([]kafkago.Message, bool)) {
	batchMessages = msgs
}

// acks is what the broker acknowledged of one call's messages.
type acks struct {
	n         int   // messages acknowledged
	partition int   // the partition of the first one acknowledged
	spread    bool  // acknowledged in more than one partition
	offset    int64 // the offset of the last one acknowledged
}

// inFlight maps the first header (of otel's array) of every message a
// tracked WriteMessages call is writing to that call's acks. count is the
// number of entries, read without the lock: a batch completes with no
// lookup at all while no call is tracked (Async writers, spans not
// recorded).
var inFlight struct {
	mu    sync.Mutex
	msgs  map[*kafkago.Header]*acks
	count atomic.Int64
}

// firstHeader names a message by its Headers' array (nil: no array).
func firstHeader(h []kafkago.Header) *kafkago.Header {
	if cap(h) == 0 {
		return nil
	}
	return &h[:1][0]
}

// track starts collecting the acknowledgements of msgs (a call's copy,
// every message with its own header array).
func track(msgs []kafkago.Message) *acks {
	a := &acks{}
	inFlight.mu.Lock()
	defer inFlight.mu.Unlock()
	if inFlight.msgs == nil {
		inFlight.msgs = map[*kafkago.Header]*acks{}
	}
	for i := range msgs {
		if h := firstHeader(msgs[i].Headers); h != nil {
			inFlight.msgs[h] = a
		}
	}
	inFlight.count.Store(int64(len(inFlight.msgs)))
	return a
}

// untrack stops collecting for msgs and returns what was acknowledged. A
// batch that completes later (WriteMessages returned early because its
// context ended) finds nothing.
func untrack(msgs []kafkago.Message, a *acks) acks {
	inFlight.mu.Lock()
	defer inFlight.mu.Unlock()
	for i := range msgs {
		if h := firstHeader(msgs[i].Headers); h != nil && inFlight.msgs[h] == a {
			delete(inFlight.msgs, h)
		}
	}
	inFlight.count.Store(int64(len(inFlight.msgs)))
	return *a
}

// BeforeBatchComplete notes, for the tracked calls whose messages a
// completed batch holds, the partition and offset kafka-go set from the
// broker's response. Nothing when the batch failed: kafka-go then sets
// neither. It runs on kafka-go's partition writer goroutine and never
// blocks beyond the map's lock.
func BeforeBatchComplete(ictx hook.HookContext, b interface{}, err error) {
	if err != nil || inFlight.count.Load() == 0 || batchMessages == nil {
		return
	}
	msgs, ok := batchMessages(b)
	if !ok {
		return
	}
	inFlight.mu.Lock()
	defer inFlight.mu.Unlock()
	for i := range msgs {
		m := &msgs[i]
		h := firstHeader(m.Headers)
		if h == nil {
			continue
		}
		if a := inFlight.msgs[h]; a != nil {
			a.add(m.Partition, m.Offset)
		}
	}
}

func (a *acks) add(partition int, offset int64) {
	if a.n == 0 {
		a.partition = partition
	} else if partition != a.partition {
		a.spread = true
	}
	a.n++
	a.offset = offset
}

// attributes are what the producer span says of where its n messages
// went, once every one was acknowledged: the partition when they all went
// to one (the conventions' "partition the message (or batch) is sent to"),
// and the offset for a single message (the conventions recommend it "if
// span describes operation on a single message"; a batch's offsets need
// not be consecutive: other calls' messages may be between them).
func (a acks) attributes(n int) []attribute.KeyValue {
	if a.n != n || a.spread {
		return nil
	}
	attrs := []attribute.KeyValue{semconv.MessagingDestinationPartitionID(strconv.Itoa(a.partition))}
	if n == 1 {
		attrs = append(attrs, semconv.MessagingKafkaOffset(int(a.offset)))
	}
	return attrs
}
