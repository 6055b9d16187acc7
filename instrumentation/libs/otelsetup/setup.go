// Package otelsetup starts the OpenTelemetry Go SDK in a program built with
// `otel go build`, and flushes it when the program ends.
//
// The generated otel_runtime.go of every main package imports this package
// blank, so its init runs before the user's main. It configures the global
// tracer provider, meter provider (metrics.go) and propagator from the
// standard OTEL_* environment variables (see config.go), with OTLP over
// HTTP/protobuf to localhost:4318 by default.
//
// Go has no exit hook, so spans are flushed by hooks that otel injects with
// the rules in rules.yaml next to this file:
//   - after main.main returns (rule on target `main`, func `main`): the
//     runtime calls exit(0) right after main.main, so this is the last point
//     where Go code runs on a normal return;
//   - before os.Exit runs (rule on `os`, func `Exit`), which also covers
//     log.Fatal and the exit of a test binary;
//   - on SIGINT and SIGTERM (signal.go), unless the program handles them.
package otelsetup

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"otelgo.dev/instrumentation/libs/gls"
	"otelgo.dev/instrumentation/libs/internal/otlphttp"
	"otelgo.dev/instrumentation/libs/internal/selftraffic"
)

// flushTimeout bounds the flush at exit: a program must not hang long
// because its collector does not answer.
const flushTimeout = 5 * time.Second

// sdk is the running SDK of this process.
type sdk struct {
	tp       *sdktrace.TracerProvider
	mp       *sdkmetric.MeterProvider // nil when OTEL_METRICS_EXPORTER=none
	warn     *warnOnce
	shutdown sync.Once
}

// active is the SDK started by init, nil when none was (disabled or
// failed). It is read by the exit hooks, which may run on any goroutine.
var active atomic.Pointer[sdk]

func init() {
	s, err := start(configFromEnv(os.Getenv), os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "otel: warning: tracing is off: %v\n", err)
		return
	}
	if s == nil {
		return
	}
	active.Store(s)
	watchSignals()
}

// start builds the SDK that cfg asks for and installs it as the global
// tracer provider and propagator. It returns nil, nil when the SDK is
// disabled.
func start(cfg config, stdout, stderr io.Writer) (*sdk, error) {
	if cfg.disabled {
		return nil, nil
	}
	warn := &warnOnce{w: stderr}
	for _, w := range cfg.warnings {
		fmt.Fprintf(stderr, "otel: warning: %s\n", w)
	}
	otel.SetErrorHandler(warn)
	// gls.Processor first: a span is current on its goroutine from its start
	// (so also for the other processors' OnStart) until its end.
	res := newResource()
	opts := []sdktrace.TracerProviderOption{sdktrace.WithResource(res),
		sdktrace.WithSpanProcessor(gls.Processor{})}
	for _, name := range cfg.exporters {
		p, err := newProcessor(name, cfg.otlp, stdout)
		if err != nil {
			return nil, err
		}
		opts = append(opts, sdktrace.WithSpanProcessor(p))
	}
	tp := sdktrace.NewTracerProvider(opts...)
	mp, err := startMetrics(cfg, res, stdout)
	if err != nil {
		return nil, err
	}
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(newPropagator(cfg.propagators))
	return &sdk{tp: tp, mp: mp, warn: warn}, nil
}

// newProcessor returns the span processor for one exporter name: batching
// for OTLP (OTEL_BSP_* apply), synchronous for the console so that the
// output appears next to the program's own.
func newProcessor(name string, otlp otlphttp.Config, stdout io.Writer) (sdktrace.SpanProcessor, error) {
	switch name {
	case "console":
		exp, err := stdouttrace.New(stdouttrace.WithWriter(stdout))
		if err != nil {
			return nil, err
		}
		return sdktrace.NewSimpleSpanProcessor(exp), nil
	default: // "otlp"
		// otel's own exporter, not the SDK's otlptracehttp, which would
		// add ~300 packages (gRPC, protobuf) to every instrumented build.
		// No connection is made before the first export, so an absent
		// collector does not delay start-up.
		return sdktrace.NewBatchSpanProcessor(otlphttp.New(otlp, newExporterClient(otlp, selftraffic.Transport))), nil
	}
}

// newExporterClient is the exporter's HTTP client. Its transport is the one
// that the net/http client hook skips, so exports produce no spans; it
// gets the certificates of OTEL_EXPORTER_OTLP_*CERTIFICATE, if any, before
// its first request. The exporter bounds each export by
// OTEL_EXPORTER_OTLP_TIMEOUT itself.
func newExporterClient(otlp otlphttp.Config, t *http.Transport) *http.Client {
	if otlp.TLS != nil {
		t.TLSClientConfig = otlp.TLS
	}
	return &http.Client{Transport: t}
}

// newResource describes the process: service.name from OTEL_SERVICE_NAME
// (else unknown_service:<executable>), OTEL_RESOURCE_ATTRIBUTES, the SDK's
// name and version, and this distribution's name. The environment is read
// here, not only through resource.Default, which caches its first answer.
func newResource() *resource.Resource {
	own, err := resource.New(context.Background(), resource.WithFromEnv(),
		resource.WithAttributes(attribute.String("telemetry.distro.name", "otel")))
	if err != nil { // a malformed OTEL_RESOURCE_ATTRIBUTES: keep what parsed
		otel.Handle(err)
	}
	r, err := resource.Merge(resource.Default(), own)
	if err != nil { // only on conflicting schema URLs
		return resource.Default()
	}
	return r
}

// newPropagator builds the composite propagator from the names in
// OTEL_PROPAGATORS (already validated).
func newPropagator(names []string) propagation.TextMapPropagator {
	var ps []propagation.TextMapPropagator
	for _, n := range names {
		switch n {
		case "tracecontext":
			ps = append(ps, propagation.TraceContext{})
		case "baggage":
			ps = append(ps, propagation.Baggage{})
		}
	}
	return propagation.NewCompositeTextMapPropagator(ps...)
}

// flush exports every span still buffered, makes a last collection and
// export of the metrics, and stops the SDK. Only the first
// call does anything; it is safe from any goroutine.
func (s *sdk) flush() {
	s.shutdown.Do(func() {
		s.eachProvider(func(ctx context.Context, p provider) error { return p.Shutdown(ctx) })
	})
}

// provider is what flushing needs of the tracer and the meter provider.
type provider interface {
	Shutdown(context.Context) error
	ForceFlush(context.Context) error
}

// eachProvider runs f on the tracer and the meter provider at the same
// time, both within one flushTimeout: a program's exit waits for the
// slower of the two exports, not for their sum.
func (s *sdk) eachProvider(f func(context.Context, provider) error) {
	ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	ps := []provider{s.tp}
	if s.mp != nil {
		ps = append(ps, s.mp)
	}
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx, p); err != nil {
				s.warn.Handle(err)
			}
		}()
	}
	wg.Wait()
}

// forceFlush exports buffered spans without stopping the SDK (used when the
// program handles a signal itself and goes on running for a while).
func (s *sdk) forceFlush() {
	s.eachProvider(func(ctx context.Context, p provider) error { return p.ForceFlush(ctx) })
}

// Flush exports all buffered spans and shuts the SDK down. The exit hooks
// call it; a program may call it too. It does nothing when no SDK runs.
func Flush() {
	if s := active.Load(); s != nil {
		s.flush()
	}
}

// warnOnce is the SDK's error handler: it prints the first error only. A
// program whose collector is down runs on with one line on stderr, not one
// per export attempt.
type warnOnce struct {
	w    io.Writer
	done atomic.Bool
}

// Handle implements otel.ErrorHandler.
func (h *warnOnce) Handle(err error) {
	if err == nil || !h.done.CompareAndSwap(false, true) {
		return
	}
	fmt.Fprintf(h.w, "otel: warning: %v (further OpenTelemetry errors are not shown)\n", err)
}
