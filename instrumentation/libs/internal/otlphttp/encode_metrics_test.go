package otlphttp

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/resource"
)

// The golden metrics request, decoded with the official protobuf types in
// tools/otlp-sink (TestMetricExporterGolden), which spells out the same
// data in those types.
const goldenMetricsPath = "testdata/metrics.binpb"

// fixtureMetrics covers every aggregation and field the encoder writes:
// int and float gauges and sums (monotonic or not, both temporalities),
// histograms with and without min/max, an exponential histogram with
// negative offset and scale, a summary, exemplars of both number kinds,
// a scope with version, schema URL and attributes, an empty scope (left
// out) and zero values that must still be sent (oneof, optional).
func fixtureMetrics() *metricdata.ResourceMetrics {
	t0 := time.Unix(1700000000, 123456789)
	t1 := t0.Add(1500 * time.Millisecond)
	get := attribute.NewSet(attribute.String("http.request.method", "GET"), attribute.Int("http.response.status_code", 200))
	post := attribute.NewSet(attribute.String("http.request.method", "POST"))
	return &metricdata.ResourceMetrics{
		Resource: resource.NewWithAttributes("https://opentelemetry.io/schemas/1.39.0",
			attribute.String("service.name", "svc-m"), attribute.Int("pid", 7)),
		ScopeMetrics: []metricdata.ScopeMetrics{
			{
				Scope: instrumentation.Scope{Name: "scope-m", Version: "v0.1.0", SchemaURL: "https://example.com/m",
					Attributes: attribute.NewSet(attribute.Bool("scope.attr", true))},
				Metrics: []metricdata.Metrics{
					{Name: "http.server.request.duration", Description: "Duration of HTTP server requests.", Unit: "s",
						Data: metricdata.Histogram[float64]{Temporality: metricdata.CumulativeTemporality, DataPoints: []metricdata.HistogramDataPoint[float64]{
							{Attributes: get, StartTime: t0, Time: t1, Count: 3, Bounds: []float64{0.005, 0.01, 2.5},
								BucketCounts: []uint64{1, 0, 2, 0}, Min: metricdata.NewExtrema(0.001), Max: metricdata.NewExtrema(0.5), Sum: 0.75,
								Exemplars: []metricdata.Exemplar[float64]{{FilteredAttributes: []attribute.KeyValue{attribute.String("url.path", "/x")},
									Time: t0.Add(time.Millisecond), Value: 0.5, SpanID: bytes.Repeat([]byte{2}, 8), TraceID: bytes.Repeat([]byte{1}, 16)}}},
							{Attributes: post, StartTime: t0, Time: t1, Count: 0, Bounds: []float64{0.005, 0.01, 2.5},
								BucketCounts: []uint64{0, 0, 0, 0}, Sum: 0},
						}}},
					{Name: "http.server.active_requests", Unit: "{request}",
						Data: metricdata.Sum[int64]{Temporality: metricdata.CumulativeTemporality, IsMonotonic: false,
							DataPoints: []metricdata.DataPoint[int64]{{Attributes: get, StartTime: t0, Time: t1, Value: 0},
								{Attributes: post, StartTime: t0, Time: t1, Value: -2}}}},
					{Name: "requests", Unit: "1",
						Data: metricdata.Sum[float64]{Temporality: metricdata.DeltaTemporality, IsMonotonic: true,
							DataPoints: []metricdata.DataPoint[float64]{{StartTime: t0, Time: t1, Value: 2.5,
								Exemplars: []metricdata.Exemplar[float64]{{Time: t1, Value: 1}}}}}},
					{Name: "go.goroutine.count", Description: "Count of live goroutines.", Unit: "{goroutine}",
						Data: metricdata.Gauge[int64]{DataPoints: []metricdata.DataPoint[int64]{{Time: t1, Value: 12,
							Exemplars: []metricdata.Exemplar[int64]{{Time: t1, Value: -3}}}}}},
					{Name: "temperature", Unit: "Cel",
						Data: metricdata.Gauge[float64]{DataPoints: []metricdata.DataPoint[float64]{{StartTime: t0, Time: t1, Value: -1.25}}}},
					{Name: "sizes", Unit: "By",
						Data: metricdata.Histogram[int64]{Temporality: metricdata.DeltaTemporality, DataPoints: []metricdata.HistogramDataPoint[int64]{
							{StartTime: t0, Time: t1, Count: 2, Bounds: []float64{10}, BucketCounts: []uint64{1, 1},
								Min: metricdata.NewExtrema[int64](3), Max: metricdata.NewExtrema[int64](300), Sum: 303}}}},
				},
			},
			{Scope: instrumentation.Scope{Name: "empty-scope"}}, // no metrics: not sent
			{
				Metrics: []metricdata.Metrics{
					{Name: "latency.exp", Unit: "ms",
						Data: metricdata.ExponentialHistogram[float64]{Temporality: metricdata.CumulativeTemporality,
							DataPoints: []metricdata.ExponentialHistogramDataPoint[float64]{{
								Attributes: post, StartTime: t0, Time: t1, Count: 6, Scale: -2, ZeroCount: 1,
								PositiveBucket: metricdata.ExponentialBucket{Offset: -3, Counts: []uint64{1, 0, 300}},
								NegativeBucket: metricdata.ExponentialBucket{},
								ZeroThreshold:  0.001, Min: metricdata.NewExtrema(-0.5), Max: metricdata.NewExtrema(8.0), Sum: 20,
								Exemplars: []metricdata.Exemplar[float64]{{Time: t1, Value: 8}},
							}}}},
					{Name: "latency.exp.int", Unit: "ms",
						Data: metricdata.ExponentialHistogram[int64]{Temporality: metricdata.DeltaTemporality,
							DataPoints: []metricdata.ExponentialHistogramDataPoint[int64]{{
								StartTime: t0, Time: t1, Count: 1, Scale: 3,
								PositiveBucket: metricdata.ExponentialBucket{Offset: 5, Counts: []uint64{1}}, Sum: 40,
							}}}},
					{Name: "rpc.summary", Unit: "s",
						Data: metricdata.Summary{DataPoints: []metricdata.SummaryDataPoint{{
							Attributes: get, StartTime: t0, Time: t1, Count: 4, Sum: 2.5,
							QuantileValues: []metricdata.QuantileValue{{Quantile: 0, Value: 0.1}, {Quantile: 0.99, Value: 1.5}},
						}}}},
				},
			},
		},
	}
}

func TestEncodeMetricsMatchesGolden(t *testing.T) {
	got := encodeMetrics(fixtureMetrics())
	if *update {
		if err := os.WriteFile(goldenMetricsPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenMetricsPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encoding differs from %s (%d vs %d bytes); if the change is intended, run go test -update "+
			"and check it with tools/otlp-sink's TestMetricExporterGolden", goldenMetricsPath, len(got), len(want))
	}
}

func TestEncodeMetricsStructure(t *testing.T) {
	req := fields(t, encodeMetrics(fixtureMetrics()))
	rm := req[reqResourceMetrics]
	if len(rm) != 1 {
		t.Fatalf("%d ResourceMetrics", len(rm))
	}
	r := fields(t, rm[0].payload)
	if n := len(r[rmScopeMetrics]); n != 2 {
		t.Fatalf("%d ScopeMetrics, want 2 (the empty scope is left out)", n)
	}
	sm := fields(t, r[rmScopeMetrics][0].payload)
	active := fields(t, sm[smMetrics][1].payload)
	sum := fields(t, active[metricSum][0].payload)
	if sum[aggTemporality][0].num != temporalityCumulative || len(sum[sumMonotonic]) != 0 {
		t.Errorf("up-down sum: %v", sum)
	}
	// Value 0 is present (oneof), -2 is a two's complement sfixed64.
	p0, p1 := fields(t, sum[aggDataPoints][0].payload), fields(t, sum[aggDataPoints][1].payload)
	if len(p0[ndpAsInt]) != 1 || p0[ndpAsInt][0].wt != wireFixed64 || p0[ndpAsInt][0].num != 0 || int64(p1[ndpAsInt][0].num) != -2 {
		t.Errorf("int values: %v %v", p0, p1)
	}
	if zigzag32(-2) != 3 || zigzag32(3) != 6 || zigzag32(-3) != 5 {
		t.Error("zigzag")
	}
	if encodeMetrics(&metricdata.ResourceMetrics{ScopeMetrics: []metricdata.ScopeMetrics{{}}}) != nil || encodeMetrics(nil) != nil {
		t.Error("an empty collection is not empty")
	}
}

func TestParseTemporality(t *testing.T) {
	kinds := []sdkmetric.InstrumentKind{sdkmetric.InstrumentKindCounter, sdkmetric.InstrumentKindHistogram,
		sdkmetric.InstrumentKindUpDownCounter, sdkmetric.InstrumentKindObservableCounter,
		sdkmetric.InstrumentKindObservableUpDownCounter, sdkmetric.InstrumentKindObservableGauge}
	c, d := metricdata.CumulativeTemporality, metricdata.DeltaTemporality
	for _, tc := range []struct {
		v    string
		ok   bool
		want []metricdata.Temporality
	}{
		{"", true, []metricdata.Temporality{c, c, c, c, c, c}},
		{"Cumulative", true, []metricdata.Temporality{c, c, c, c, c, c}},
		{"delta", true, []metricdata.Temporality{d, d, c, d, c, c}},
		{" LowMemory ", true, []metricdata.Temporality{d, d, c, c, c, c}},
		{"weekly", false, []metricdata.Temporality{c, c, c, c, c, c}},
	} {
		sel, ok := ParseTemporality(tc.v)
		if ok != tc.ok {
			t.Errorf("%q: ok %v", tc.v, ok)
		}
		for i, k := range kinds {
			if got := sel(k); got != tc.want[i] {
				t.Errorf("%q: %v is %v, want %v", tc.v, k, got, tc.want[i])
			}
		}
	}
}

// TestMetricExporterSends: the SDK's reader with this exporter posts
// protobuf to /v1/metrics, with the configured headers, and a final
// collection at Shutdown.
func TestMetricExporterSends(t *testing.T) {
	bodies := make(chan []byte, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/metrics" || r.Header.Get("Content-Type") != "application/x-protobuf" || r.Header.Get("K") != "v" {
			t.Errorf("request %s %v", r.URL.Path, r.Header)
		}
		b, _ := io.ReadAll(r.Body)
		bodies <- b
	}))
	defer srv.Close()
	cfg, warnings := SignalConfigFromEnv(Metrics, func(k string) string {
		return map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL, "OTEL_EXPORTER_OTLP_METRICS_HEADERS": "K=v"}[k]
	}, os.ReadFile)
	if len(warnings) != 0 || cfg.URL != srv.URL+"/v1/metrics" {
		t.Fatalf("config %+v %v", cfg, warnings)
	}
	sel, _ := ParseTemporality("delta")
	exp := NewMetricExporter(cfg, srv.Client(), sel)
	reader := sdkmetric.NewPeriodicReader(exp, sdkmetric.WithInterval(time.Hour))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	c, _ := mp.Meter("m").Int64Counter("hits")
	c.Add(context.Background(), 3)
	if err := mp.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-bodies:
		if !bytes.Contains(b, []byte("hits")) {
			t.Errorf("body without the counter: %x", b)
		}
	default:
		t.Fatal("no export at Shutdown")
	}
	if exp.Temporality(sdkmetric.InstrumentKindCounter) != metricdata.DeltaTemporality {
		t.Error("temporality preference not used")
	}
}
