package bench

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"testing"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// discard is a span exporter that drops everything: the benchmarks measure
// span creation and recording, not the network.
type discard struct{}

func (discard) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return nil }
func (discard) Shutdown(context.Context) error                             { return nil }

// TestMain installs the same SDK pipeline (batching into discard) for
// every variant. Under `otel go test` this replaces the provider that
// otel's setup started; otel's hooks follow the global provider. The same
// goes for metrics: an SDK meter provider whose manual reader is never
// collected (recording into the aggregations is the cost; exporting is
// not measured), except with BENCH_METRICS=off (traces only). otelgrpc's
// message-size histograms are dropped by a view: otel records the call
// durations only, and the comparison is of the same histograms (otelgrpc
// still computes its attributes for them).
func TestMain(m *testing.M) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(discard{}))
	otel.SetTracerProvider(tp)
	var mp *sdkmetric.MeterProvider
	if os.Getenv("BENCH_METRICS") != "off" {
		drop := func(name string) sdkmetric.View {
			return sdkmetric.NewView(sdkmetric.Instrument{Name: name}, sdkmetric.Stream{Aggregation: sdkmetric.AggregationDrop{}})
		}
		mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()),
			sdkmetric.WithView(drop("rpc.*.request.size"), drop("rpc.*.response.size")))
		otel.SetMeterProvider(mp)
	}
	code := m.Run()
	_ = tp.Shutdown(context.Background())
	if mp != nil {
		_ = mp.Shutdown(context.Background())
	}
	os.Exit(code)
}

func handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"id":`+r.PathValue("id")+`}`)
	})
	return mux
}

// roundTrip benchmarks GET requests from client to a loopback server.
func roundTrip(b *testing.B, h http.Handler, tr http.RoundTripper) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: tr}
	url := srv.URL + "/users/42"
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkRoundTrip/net_http: plain net/http. Built with `otel go test`
// this is the instrumented round trip (server and client spans by hooks).
// BenchmarkRoundTrip/otelhttp: the same with otelhttp's handler and
// transport wrappers, for comparison (meaningful in a plain build only);
// otelhttp records the same duration histograms as otel's hooks.
func BenchmarkRoundTrip(b *testing.B) {
	b.Run("net_http", func(b *testing.B) {
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		roundTrip(b, handler(), tr)
	})
	b.Run("otelhttp", func(b *testing.B) {
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		roundTrip(b, otelhttp.NewHandler(handler(), "server"), otelhttp.NewTransport(tr))
	})
}

// BenchmarkHookedCall calls signal.Stop on a channel that is not
// registered: a cheap standard-library function that otel's built-in
// rules hook (rule track_signal_stop). Plain build: the uninstrumented
// cost; with OTEL_SDK_DISABLED=true: the disabled fast path, which must
// add a few ns at most and no allocation.
func BenchmarkHookedCall(b *testing.B) {
	c := make(chan os.Signal, 1)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		signal.Stop(c)
	}
}

// BenchmarkGoroutine starts a goroutine and waits for it to finish. Under
// otel (GLS on) newproc1 copies the creator's two goroutine words and
// gdestroy clears them; the plain build is the runtime without them. A
// span is current on the creating goroutine in the otel builds (in the
// plain build the global tracer is a no-op), so the words copied are real
// pointers.
func BenchmarkGoroutine(b *testing.B) {
	_, span := otel.Tracer("bench").Start(context.Background(), "parent")
	defer span.End()
	done := make(chan struct{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		go func() { done <- struct{}{} }()
		<-done
	}
}
