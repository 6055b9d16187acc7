package kafka

import (
	"context"
	"strings"

	kafkago "github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel"
)

// headerCarrier reads and writes propagation fields in a message's
// headers. Kafka header keys are case-sensitive; the W3C fields are
// lowercase, a key differing only in case is taken as the same field.
type headerCarrier struct{ h *[]kafkago.Header }

func (c headerCarrier) Get(key string) string {
	for _, h := range *c.h {
		if strings.EqualFold(h.Key, key) {
			return string(h.Value)
		}
	}
	return ""
}

// Set adds key unless the headers have it already (the caller's wins).
func (c headerCarrier) Set(key, value string) {
	if c.has(key) {
		return
	}
	*c.h = append(*c.h, kafkago.Header{Key: key, Value: []byte(value)})
}

func (c headerCarrier) has(key string) bool {
	for _, h := range *c.h {
		if strings.EqualFold(h.Key, key) {
			return true
		}
	}
	return false
}

func (c headerCarrier) Keys() []string {
	keys := make([]string, len(*c.h))
	for i, h := range *c.h {
		keys[i] = h.Key
	}
	return keys
}

// withTraceContext returns a copy of msgs whose messages' headers also
// carry the propagation fields of ctx, or nil when ctx has nothing to
// propagate and own is false. In the copy every message has Headers of its
// own (the caller's headers first, unchanged), with room for at least one
// more, so that the first element's address names the message (see
// produced.go); they share one array otel allocates, each message's part
// capped so that an append to one never writes into the next.
func withTraceContext(ctx context.Context, msgs []kafkago.Message, own bool) []kafkago.Message {
	prop := otel.GetTextMapPropagator()
	fields := map[string]string{}
	prop.Inject(ctx, mapCarrier(fields))
	if len(fields) == 0 && !own {
		return nil
	}
	room := max(len(fields), 1)
	total := 0
	for i := range msgs {
		total += len(msgs[i].Headers) + room
	}
	all := make([]kafkago.Header, total)
	keys := prop.Fields() // a fixed order
	out := make([]kafkago.Message, len(msgs))
	copy(out, msgs)
	for i := range out {
		n := len(out[i].Headers)
		h := all[: n : n+room]
		all = all[n+room:]
		copy(h, out[i].Headers)
		c := headerCarrier{&h}
		for _, k := range keys {
			if v, ok := fields[k]; ok {
				c.Set(k, v)
			}
		}
		out[i].Headers = h
	}
	return out
}

// mapCarrier collects what a propagator injects.
type mapCarrier map[string]string

func (m mapCarrier) Get(key string) string { return m[key] }
func (m mapCarrier) Set(key, value string) { m[key] = value }
func (m mapCarrier) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}
