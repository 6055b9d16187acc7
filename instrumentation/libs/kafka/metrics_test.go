package kafka

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"

	kafkago "github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"otelgo.dev/instrumentation/hooktest"
)

func meter(t *testing.T) *sdkmetric.ManualReader {
	t.Helper()
	r := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(r)))
	t.Cleanup(func() { otel.SetMeterProvider(noop.NewMeterProvider()) })
	return r
}

// points returns "name{k=v,...}" -> count (histograms) or value (sums).
func points(t *testing.T, r *sdkmetric.ManualReader) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := r.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	key := func(name string, set attribute.Set) string {
		var kv []string
		for _, a := range set.ToSlice() {
			kv = append(kv, string(a.Key)+"="+a.Value.Emit())
		}
		sort.Strings(kv)
		return name + "{" + strings.Join(kv, ",") + "}"
	}
	got := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != ScopeName {
			t.Errorf("scope %q", sm.Scope.Name)
		}
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Histogram[float64]:
				if m.Unit != "s" {
					t.Errorf("%s unit %q", m.Name, m.Unit)
				}
				for _, dp := range d.DataPoints {
					if dp.Sum <= 0 || len(dp.Bounds) != 14 || dp.Bounds[0] != 0.005 || dp.Bounds[13] != 10 {
						t.Errorf("%s: sum %v bounds %v", m.Name, dp.Sum, dp.Bounds)
					}
					got[key(m.Name, dp.Attributes)] = int64(dp.Count)
				}
			case metricdata.Sum[int64]:
				if m.Unit != "{message}" || !d.IsMonotonic {
					t.Errorf("%s unit %q monotonic %v", m.Name, m.Unit, d.IsMonotonic)
				}
				for _, dp := range d.DataPoints {
					got[key(m.Name, dp.Attributes)] = dp.Value
				}
			default:
				t.Errorf("%s: %T", m.Name, m.Data)
			}
		}
	}
	return got
}

func TestMetrics(t *testing.T) {
	setup(t)
	r := meter(t)
	w := &kafkago.Writer{Addr: kafkago.TCP("broker:9093"), Topic: "orders"}
	three := []kafkago.Message{{Value: []byte("a")}, {Value: []byte("b")}, {Value: []byte("c")}}
	nothing := func([]kafkago.Message) {}
	write(w, three, nothing, nil)
	// One message of three failed in its partition writer.
	write(w, three, nothing, kafkago.WriteErrors{nil, kafkago.NotLeaderForPartition, nil})
	// Refused before anything was sent: a failed call, no message sent.
	write(w, three[:1], nothing, errors.New("refused"))

	reader := newReader("g1")
	defer reader.Close()
	readMessage(reader, received(), nil, received(), nil)
	readMessage(reader, received(), nil, kafkago.Message{}, errors.New("commit failed"))
	fetch := hooktest.New("kafka", "FetchMessage", 2, reader, context.Background())
	BeforeFetchMessage(fetch, reader, context.Background())
	AfterFetchMessage(fetch, kafkago.Message{}, context.Canceled) // the caller gave up: nothing

	send := "messaging.destination.name=orders,messaging.operation.name=send,"
	recv := "messaging.consumer.group.name=g1,messaging.destination.name=orders,messaging.operation.name=receive,"
	want := map[string]int64{
		"messaging.client.operation.duration{" + send + "messaging.operation.type=send,messaging.system=kafka,server.address=broker,server.port=9093}":                              1,
		"messaging.client.operation.duration{error.type=kafka.WriteErrors," + send + "messaging.operation.type=send,messaging.system=kafka,server.address=broker,server.port=9093}": 1,
		"messaging.client.operation.duration{error.type=_OTHER," + send + "messaging.operation.type=send,messaging.system=kafka,server.address=broker,server.port=9093}":            1,
		"messaging.client.sent.messages{" + send + "messaging.system=kafka,server.address=broker,server.port=9093}":                                                                 5,
		"messaging.client.sent.messages{error.type=kafka.Error," + send + "messaging.system=kafka,server.address=broker,server.port=9093}":                                          1,
		"messaging.client.operation.duration{" + recv + "messaging.operation.type=receive,messaging.system=kafka,server.address=127.0.0.1,server.port=9092}":                        1,
		"messaging.client.operation.duration{error.type=_OTHER," + recv + "messaging.operation.type=receive,messaging.system=kafka,server.address=127.0.0.1,server.port=9092}":      1,
		"messaging.client.consumed.messages{" + recv + "messaging.system=kafka,server.address=127.0.0.1,server.port=9092}":                                                          1,
		"messaging.client.consumed.messages{error.type=_OTHER," + recv + "messaging.system=kafka,server.address=127.0.0.1,server.port=9092}":                                        1,
	}
	got := points(t, r)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected point %s = %d", k, v)
		}
	}
}

// With metrics off the hooks make spans as before and record nothing.
func TestMetricsOff(t *testing.T) {
	exp := setup(t)
	otel.SetMeterProvider(noop.NewMeterProvider())
	if kafkaMetrics.Get() != nil {
		t.Fatal("instruments with the no-op provider")
	}
	w := &kafkago.Writer{Addr: kafkago.TCP("broker:9093"), Topic: "orders"}
	write(w, []kafkago.Message{{Value: []byte("a")}}, func([]kafkago.Message) {}, nil)
	if n := len(exp.GetSpans()); n != 1 {
		t.Fatalf("%d spans", n)
	}
}
