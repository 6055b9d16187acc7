package main

import (
	"os"
	"testing"

	colmetricpb "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	metricpb "go.opentelemetry.io/proto/otlp/metrics/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
)

// goldenMetrics is what otel's OTLP metric exporter encodes for its
// fixtureMetrics (instrumentation/libs/internal/otlphttp, kept current by
// TestEncodeMetricsMatchesGolden); the official decoder reads it here.
const goldenMetrics = "../../instrumentation/libs/internal/otlphttp/testdata/metrics.binpb"

func fp(f float64) *float64 { return &f }

func expectedMetrics() *colmetricpb.ExportMetricsServiceRequest {
	const t0, t1 = uint64(1700000000123456789), uint64(1700000001623456789)
	get := []*commonpb.KeyValue{kv("http.request.method", sv("GET")), kv("http.response.status_code", iv(200))}
	post := []*commonpb.KeyValue{kv("http.request.method", sv("POST"))}
	cum, delta := metricpb.AggregationTemporality_AGGREGATION_TEMPORALITY_CUMULATIVE, metricpb.AggregationTemporality_AGGREGATION_TEMPORALITY_DELTA
	intPoint := func(attrs []*commonpb.KeyValue, start, v int64) *metricpb.NumberDataPoint {
		return &metricpb.NumberDataPoint{Attributes: attrs, StartTimeUnixNano: uint64(start), TimeUnixNano: t1,
			Value: &metricpb.NumberDataPoint_AsInt{AsInt: v}}
	}
	scopeM := []*metricpb.Metric{
		{Name: "http.server.request.duration", Description: "Duration of HTTP server requests.", Unit: "s",
			Data: &metricpb.Metric_Histogram{Histogram: &metricpb.Histogram{AggregationTemporality: cum, DataPoints: []*metricpb.HistogramDataPoint{
				{Attributes: get, StartTimeUnixNano: t0, TimeUnixNano: t1, Count: 3, Sum: fp(0.75),
					BucketCounts: []uint64{1, 0, 2, 0}, ExplicitBounds: []float64{0.005, 0.01, 2.5}, Min: fp(0.001), Max: fp(0.5),
					Exemplars: []*metricpb.Exemplar{{FilteredAttributes: []*commonpb.KeyValue{kv("url.path", sv("/x"))},
						TimeUnixNano: t0 + 1000000, Value: &metricpb.Exemplar_AsDouble{AsDouble: 0.5}, SpanId: rep(2, 8), TraceId: rep(1, 16)}}},
				{Attributes: post, StartTimeUnixNano: t0, TimeUnixNano: t1, Count: 0, Sum: fp(0),
					BucketCounts: []uint64{0, 0, 0, 0}, ExplicitBounds: []float64{0.005, 0.01, 2.5}},
			}}}},
		{Name: "http.server.active_requests", Unit: "{request}",
			Data: &metricpb.Metric_Sum{Sum: &metricpb.Sum{AggregationTemporality: cum, IsMonotonic: false,
				DataPoints: []*metricpb.NumberDataPoint{intPoint(get, int64(t0), 0), intPoint(post, int64(t0), -2)}}}},
		{Name: "requests", Unit: "1",
			Data: &metricpb.Metric_Sum{Sum: &metricpb.Sum{AggregationTemporality: delta, IsMonotonic: true,
				DataPoints: []*metricpb.NumberDataPoint{{StartTimeUnixNano: t0, TimeUnixNano: t1,
					Value:     &metricpb.NumberDataPoint_AsDouble{AsDouble: 2.5},
					Exemplars: []*metricpb.Exemplar{{TimeUnixNano: t1, Value: &metricpb.Exemplar_AsDouble{AsDouble: 1}}}}}}}},
		{Name: "go.goroutine.count", Description: "Count of live goroutines.", Unit: "{goroutine}",
			Data: &metricpb.Metric_Gauge{Gauge: &metricpb.Gauge{DataPoints: []*metricpb.NumberDataPoint{{TimeUnixNano: t1,
				Value:     &metricpb.NumberDataPoint_AsInt{AsInt: 12},
				Exemplars: []*metricpb.Exemplar{{TimeUnixNano: t1, Value: &metricpb.Exemplar_AsInt{AsInt: -3}}}}}}}},
		{Name: "temperature", Unit: "Cel",
			Data: &metricpb.Metric_Gauge{Gauge: &metricpb.Gauge{DataPoints: []*metricpb.NumberDataPoint{{StartTimeUnixNano: t0, TimeUnixNano: t1,
				Value: &metricpb.NumberDataPoint_AsDouble{AsDouble: -1.25}}}}}},
		{Name: "sizes", Unit: "By",
			Data: &metricpb.Metric_Histogram{Histogram: &metricpb.Histogram{AggregationTemporality: delta, DataPoints: []*metricpb.HistogramDataPoint{
				{StartTimeUnixNano: t0, TimeUnixNano: t1, Count: 2, Sum: fp(303), BucketCounts: []uint64{1, 1},
					ExplicitBounds: []float64{10}, Min: fp(3), Max: fp(300)}}}}},
	}
	otherM := []*metricpb.Metric{
		{Name: "latency.exp", Unit: "ms",
			Data: &metricpb.Metric_ExponentialHistogram{ExponentialHistogram: &metricpb.ExponentialHistogram{AggregationTemporality: cum,
				DataPoints: []*metricpb.ExponentialHistogramDataPoint{{
					Attributes: post, StartTimeUnixNano: t0, TimeUnixNano: t1, Count: 6, Sum: fp(20), Scale: -2, ZeroCount: 1,
					Positive:  &metricpb.ExponentialHistogramDataPoint_Buckets{Offset: -3, BucketCounts: []uint64{1, 0, 300}},
					Negative:  &metricpb.ExponentialHistogramDataPoint_Buckets{},
					Exemplars: []*metricpb.Exemplar{{TimeUnixNano: t1, Value: &metricpb.Exemplar_AsDouble{AsDouble: 8}}},
					Min:       fp(-0.5), Max: fp(8), ZeroThreshold: 0.001,
				}}}}},
		{Name: "latency.exp.int", Unit: "ms",
			Data: &metricpb.Metric_ExponentialHistogram{ExponentialHistogram: &metricpb.ExponentialHistogram{AggregationTemporality: delta,
				DataPoints: []*metricpb.ExponentialHistogramDataPoint{{
					StartTimeUnixNano: t0, TimeUnixNano: t1, Count: 1, Sum: fp(40), Scale: 3,
					Positive: &metricpb.ExponentialHistogramDataPoint_Buckets{Offset: 5, BucketCounts: []uint64{1}},
					Negative: &metricpb.ExponentialHistogramDataPoint_Buckets{},
				}}}}},
		{Name: "rpc.summary", Unit: "s",
			Data: &metricpb.Metric_Summary{Summary: &metricpb.Summary{DataPoints: []*metricpb.SummaryDataPoint{{
				Attributes: get, StartTimeUnixNano: t0, TimeUnixNano: t1, Count: 4, Sum: 2.5,
				QuantileValues: []*metricpb.SummaryDataPoint_ValueAtQuantile{{Quantile: 0, Value: 0.1}, {Quantile: 0.99, Value: 1.5}},
			}}}}},
	}
	return &colmetricpb.ExportMetricsServiceRequest{ResourceMetrics: []*metricpb.ResourceMetrics{{
		Resource: &resourcepb.Resource{Attributes: []*commonpb.KeyValue{kv("pid", iv(7)), kv("service.name", sv("svc-m"))}},
		ScopeMetrics: []*metricpb.ScopeMetrics{
			{Scope: &commonpb.InstrumentationScope{Name: "scope-m", Version: "v0.1.0",
				Attributes: []*commonpb.KeyValue{kv("scope.attr", bv(true))}}, Metrics: scopeM, SchemaUrl: "https://example.com/m"},
			{Metrics: otherM},
		},
		SchemaUrl: "https://opentelemetry.io/schemas/1.39.0",
	}}}
}

func TestMetricExporterGolden(t *testing.T) {
	body, err := os.ReadFile(goldenMetrics)
	if err != nil {
		t.Fatal(err)
	}
	var got colmetricpb.ExportMetricsServiceRequest
	if err := proto.Unmarshal(body, &got); err != nil {
		t.Fatalf("official decoder rejects otel's metric encoding: %v", err)
	}
	if len(got.ProtoReflect().GetUnknown()) != 0 {
		t.Error("unknown fields at the top level")
	}
	want := expectedMetrics()
	if !proto.Equal(&got, want) {
		t.Fatalf("decoded request differs\ngot:\n%s\nwant:\n%s", prototext.Format(&got), prototext.Format(want))
	}
	off, _ := proto.Marshal(want)
	if len(off) != len(body) {
		t.Errorf("official encoding is %d bytes, otel's %d", len(off), len(body))
	}
}
