package otelsetup

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"

	"otelgo.dev/instrumentation/hooktest"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigFromEnv(t *testing.T) {
	cases := []struct {
		env         map[string]string
		exporters   []string
		propagators []string
		nwarn       int
		disabled    bool
	}{
		{nil, []string{"otlp"}, []string{"tracecontext", "baggage"}, 0, false},
		{map[string]string{"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "bogus"}, nil, nil, 0, true},
		{map[string]string{"OTEL_TRACES_EXPORTER": "console, otlp,console"}, []string{"console", "otlp"}, []string{"tracecontext", "baggage"}, 0, false},
		{map[string]string{"OTEL_TRACES_EXPORTER": "none"}, nil, []string{"tracecontext", "baggage"}, 0, false},
		{map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}, nil, []string{"tracecontext", "baggage"}, 1, false},
		{map[string]string{"OTEL_PROPAGATORS": "b3,tracecontext"}, []string{"otlp"}, []string{"tracecontext"}, 1, false},
		{map[string]string{"OTEL_PROPAGATORS": "none"}, []string{"otlp"}, nil, 0, false},
		{map[string]string{"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, []string{"otlp"}, []string{"tracecontext", "baggage"}, 1, false},
		{map[string]string{"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/protobuf", "OTEL_METRICS_EXPORTER": "none"}, []string{"otlp"}, []string{"tracecontext", "baggage"}, 0, false},
	}
	for _, c := range cases {
		got := configFromEnv(envOf(c.env))
		if got.disabled != c.disabled || !reflect.DeepEqual(got.exporters, c.exporters) ||
			!reflect.DeepEqual(got.propagators, c.propagators) || len(got.warnings) != c.nwarn {
			t.Errorf("%v: got %+v", c.env, got)
		}
	}
}

// TestStartMetrics: the console exporter gets the final collection at
// flush, with the runtime metrics; "none" installs the no-op provider.
func TestStartMetrics(t *testing.T) {
	t.Setenv("OTEL_METRIC_EXPORT_INTERVAL", "600000")
	var out, errs bytes.Buffer
	s, err := start(config{metricExporters: []string{"console"}, runtimeMetrics: true}, &out, &errs)
	if err != nil || s == nil || s.mp == nil {
		t.Fatalf("start: %v %v", s, err)
	}
	h, _ := otel.Meter("m").Float64Histogram("test.duration")
	h.Record(context.Background(), 0.25)
	s.flush()
	for _, name := range []string{`"test.duration"`, `"go.goroutine.count"`, `"go.memory.used"`, `"go.schedule.duration"`} {
		if !strings.Contains(out.String(), name) {
			t.Errorf("console metrics lack %s:\n%.2000s", name, out.String())
		}
	}
	if errs.Len() != 0 {
		t.Errorf("stderr: %s", errs.String())
	}
	if _, err := start(config{}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if _, ok := otel.GetMeterProvider().(noop.MeterProvider); !ok {
		t.Errorf("OTEL_METRICS_EXPORTER=none: provider %T", otel.GetMeterProvider())
	}
}

func TestMetricsConfigFromEnv(t *testing.T) {
	cases := []struct {
		env       map[string]string
		exporters []string
		url       string
		nwarn     int
		runtime   bool
	}{
		{nil, []string{"otlp"}, "http://localhost:4318/v1/metrics", 0, true},
		{map[string]string{"OTEL_METRICS_EXPORTER": "none", "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE": "bogus"}, nil, "", 0, true},
		{map[string]string{"OTEL_METRICS_EXPORTER": "console,prometheus"}, []string{"console"}, "", 1, true},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://h:1", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://t:2/x"},
			[]string{"otlp"}, "http://h:1/v1/metrics", 0, true},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://h:1", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "http://m:3/m"},
			[]string{"otlp"}, "http://m:3/m", 0, true},
		{map[string]string{"OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE": "weekly"}, []string{"otlp"}, "http://localhost:4318/v1/metrics", 1, true},
		// A bad general variable is one warning, not one per signal.
		{map[string]string{"OTEL_EXPORTER_OTLP_TIMEOUT": "soon", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, []string{"otlp"}, "http://localhost:4318/v1/metrics", 2, true},
		{map[string]string{"OTEL_GO_DISABLED_INSTRUMENTATIONS": "nethttp,runtime"}, []string{"otlp"}, "http://localhost:4318/v1/metrics", 0, false},
		{map[string]string{"OTEL_TRACES_EXPORTER": "none"}, []string{"otlp"}, "http://localhost:4318/v1/metrics", 0, true},
	}
	for _, c := range cases {
		got := configFromEnv(envOf(c.env))
		if !reflect.DeepEqual(got.metricExporters, c.exporters) || got.metricsOTLP.URL != c.url ||
			len(got.warnings) != c.nwarn || got.runtimeMetrics != c.runtime {
			t.Errorf("%v: got %+v", c.env, got)
		}
	}
}

func TestStartConsoleExportsWithServiceName(t *testing.T) {
	t.Setenv("OTEL_SERVICE_NAME", "svc-under-test")
	var out, errs bytes.Buffer
	s, err := start(config{exporters: []string{"console"}, propagators: []string{"tracecontext"}}, &out, &errs)
	if err != nil || s == nil {
		t.Fatalf("start: %v %v", s, err)
	}
	_, span := otel.Tracer("t").Start(context.Background(), "hello-span")
	span.End()
	s.flush()
	s.flush() // second call is a no-op
	if !strings.Contains(out.String(), `"hello-span"`) || !strings.Contains(out.String(), "svc-under-test") {
		t.Errorf("console output lacks span or service name:\n%s", out.String())
	}
	if _, ok := otel.GetTextMapPropagator().(propagation.TraceContext); ok {
		t.Error("propagator is not the composite one")
	}
	fields := otel.GetTextMapPropagator().Fields()
	sort.Strings(fields) // the composite propagator returns them in map order
	if !reflect.DeepEqual(fields, []string{"traceparent", "tracestate"}) {
		t.Errorf("propagator fields %v", fields)
	}
	if errs.Len() != 0 {
		t.Errorf("stderr: %s", errs.String())
	}
}

func TestDisabledStartsNothing(t *testing.T) {
	s, err := start(config{disabled: true}, nil, nil)
	if s != nil || err != nil {
		t.Fatalf("got %v %v", s, err)
	}
}

func TestWarnOnce(t *testing.T) {
	var buf bytes.Buffer
	h := &warnOnce{w: &buf}
	h.Handle(nil)
	h.Handle(errors.New("connection refused"))
	h.Handle(errors.New("again"))
	if got := strings.Count(buf.String(), "\n"); got != 1 || !strings.Contains(buf.String(), "connection refused") {
		t.Fatalf("got %q", buf.String())
	}
}

func TestResourceHasDistro(t *testing.T) {
	r := newResource()
	v, ok := r.Set().Value("telemetry.distro.name")
	if !ok || v.AsString() != "otel" {
		t.Fatalf("resource %v", r)
	}
	if _, ok := r.Set().Value("service.name"); !ok {
		t.Fatal("no service.name")
	}
	_ = resource.Default()
}

func TestProgramSignalRegistry(t *testing.T) {
	var h handled
	a, b := make(chan os.Signal, 1), make(chan os.Signal, 1)
	if h.has(syscall.SIGINT) {
		t.Fatal("empty registry has SIGINT")
	}
	h.add((chan<- os.Signal)(a), []os.Signal{syscall.SIGTERM})
	if h.has(syscall.SIGINT) || !h.has(syscall.SIGTERM) {
		t.Fatal("SIGTERM only")
	}
	h.add((chan<- os.Signal)(b), nil) // all signals
	if !h.has(syscall.SIGINT) {
		t.Fatal("Notify without signals means all")
	}
	h.remove((chan<- os.Signal)(b))
	if h.has(syscall.SIGINT) || !h.has(syscall.SIGTERM) {
		t.Fatal("Stop(b) removed the wrong entry")
	}
	// The hooks ignore otel's own channel.
	BeforeNotify(hooktest.New("os/signal", "Notify", 0), (chan<- os.Signal)(sigCh), []os.Signal{syscall.SIGINT})
	if programSignals.has(syscall.SIGINT) {
		t.Fatal("otel's own channel counted as the program's")
	}
	BeforeNotify(hooktest.New("os/signal", "Notify", 0), (chan<- os.Signal)(nil), []os.Signal{syscall.SIGINT})
	if programSignals.has(syscall.SIGINT) {
		t.Fatal("a nil channel (Notify panics) counted as the program's")
	}
}

// TestSignalFlushesThenDies runs this test binary as a child that starts
// the SDK with the console exporter, ends a span and sends itself SIGTERM.
// The child must die of SIGTERM (as without otel) after printing the span.
func TestSignalFlushesThenDies(t *testing.T) {
	if os.Getenv("OTELSETUP_CHILD") == "1" {
		childMain()
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalFlushesThenDies$")
	cmd.Env = append(os.Environ(), "OTELSETUP_CHILD=1")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child did not fail: %v\n%s", err, out.String())
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Fatalf("child ended with %v, want death by SIGTERM\n%s", ws, out.String())
	}
	if !strings.Contains(out.String(), `"span-before-signal"`) {
		t.Fatalf("span not flushed before death:\n%s", out.String())
	}
	if !strings.Contains(out.String(), `"counter-before-signal"`) {
		t.Fatalf("metric not exported before death:\n%s", out.String())
	}
}

func childMain() {
	// Batch processor with a long delay: only the flush can export it.
	os.Setenv("OTEL_BSP_SCHEDULE_DELAY", "600000")
	s, err := start(config{exporters: []string{"console"}, metricExporters: []string{"console"}}, os.Stdout, os.Stderr)
	if err != nil {
		panic(err)
	}
	active.Store(s)
	watchSignals()
	_, span := otel.Tracer("t").Start(context.Background(), "span-before-signal")
	span.End()
	c, _ := otel.Meter("m").Int64Counter("counter-before-signal")
	c.Add(context.Background(), 1)
	_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
	time.Sleep(10 * time.Second)
	os.Exit(3)
}
