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
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
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
// goes for metrics: an SDK meter provider whose manual reader is collected
// only by TestRoundTripLikeForLike (recording into the aggregations is the
// cost; exporting is not measured), except with BENCH_METRICS=off (traces
// only). otelgrpc's message-size histograms are dropped by a view: otel
// records the call durations only, and the comparison is of the same
// histograms (otelgrpc still computes its attributes for them). The
// propagators are the ones otel's setup installs by default (tracecontext,
// baggage): without them otelhttp, in the plain build, would neither
// inject nor extract a traceparent.
func TestMain(m *testing.M) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(discard{}))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
		propagation.TraceContext{}, propagation.Baggage{}))
	var mp *sdkmetric.MeterProvider
	if os.Getenv("BENCH_METRICS") != "off" {
		drop := func(name string) sdkmetric.View {
			return sdkmetric.NewView(sdkmetric.Instrument{Name: name}, sdkmetric.Stream{Aggregation: sdkmetric.AggregationDrop{}})
		}
		reader = sdkmetric.NewManualReader()
		mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader),
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

// reader is the meter provider's reader (nil with BENCH_METRICS=off).
var reader *sdkmetric.ManualReader

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

// TestRoundTripLikeForLike checks that the two round trips compared do the
// same work: the server gets a traceparent (the client span's context,
// propagated), and each records the duration histograms of the
// conventions: otelhttp under its own scope in every build; otel's hooks
// under theirs when the build is otel's (BENCH_OTEL=1, set by run.sh),
// nothing in a plain build.
func TestRoundTripLikeForLike(t *testing.T) {
	if reader == nil {
		t.Skip("BENCH_METRICS=off")
	}
	otelBuild := os.Getenv("BENCH_OTEL") == "1"
	const n = 3
	for _, v := range []struct {
		name         string
		wrap         func(http.Handler, http.RoundTripper) (http.Handler, http.RoundTripper)
		scope        string
		instrumented bool
	}{
		{"net_http", func(h http.Handler, tr http.RoundTripper) (http.Handler, http.RoundTripper) { return h, tr },
			"otelgo.dev/instrumentation/libs/nethttp", otelBuild},
		{"otelhttp", func(h http.Handler, tr http.RoundTripper) (http.Handler, http.RoundTripper) {
			return otelhttp.NewHandler(h, "server"), otelhttp.NewTransport(tr)
		}, "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", true},
	} {
		t.Run(v.name, func(t *testing.T) {
			var traceparents int
			inner := handler()
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("traceparent") != "" {
					traceparents++
				}
				inner.ServeHTTP(w, r)
			})
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			wh, wtr := v.wrap(h, tr)
			srv := httptest.NewServer(wh)
			defer srv.Close()
			client := &http.Client{Transport: wtr}
			before := histogramCounts(t, v.scope)
			for i := 0; i < n; i++ {
				resp, err := client.Get(srv.URL + "/users/42")
				if err != nil {
					t.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			after := histogramCounts(t, v.scope)
			want := uint64(0)
			if v.instrumented {
				want = n
			}
			for _, name := range []string{"http.server.request.duration", "http.client.request.duration"} {
				if got := after[name] - before[name]; got != want {
					t.Errorf("%s in scope %s: %d points recorded, want %d", name, v.scope, got, want)
				}
			}
			if v.instrumented && traceparents != n {
				t.Errorf("the server got %d traceparents in %d requests", traceparents, n)
			}
		})
	}
}

// histogramCounts collects the reader and returns, per histogram of
// scope, the number of values recorded into it.
func histogramCounts(t *testing.T, scope string) map[string]uint64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]uint64{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != scope {
			continue
		}
		for _, m := range sm.Metrics {
			if h, ok := m.Data.(metricdata.Histogram[float64]); ok {
				for _, dp := range h.DataPoints {
					out[m.Name] += dp.Count
				}
			}
		}
	}
	return out
}
