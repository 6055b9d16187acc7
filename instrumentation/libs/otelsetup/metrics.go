package otelsetup

import (
	"io"

	"go.opentelemetry.io/contrib/instrumentation/runtime"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/stdout/stdoutmetric"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"

	"otelgo.dev/instrumentation/libs/internal/otlphttp"
	"otelgo.dev/instrumentation/libs/internal/selftraffic"
)

// runtimeGroup is the switch of the Go runtime metrics in
// OTEL_GO_ENABLED_INSTRUMENTATIONS / OTEL_GO_DISABLED_INSTRUMENTATIONS.
const runtimeGroup = "runtime"

// startMetrics builds the meter provider that cfg asks for and makes it
// the global one, with one periodic reader per exporter (OTLP by
// default; OTEL_METRIC_EXPORT_INTERVAL and _TIMEOUT are read by the
// reader). With OTEL_METRICS_EXPORTER=none the global provider is the
// no-op one, which the libraries' hooks recognise and skip (see
// instr.Instruments). The Go runtime metrics come from the contrib
// package (a callback on the provider, and a producer for the
// go.schedule.duration histogram); that costs four packages, fewer than
// a copy of its runtime/metrics reading would be worth.
func startMetrics(cfg config, res *resource.Resource, stdout io.Writer) (*sdkmetric.MeterProvider, error) {
	if len(cfg.metricExporters) == 0 {
		otel.SetMeterProvider(noop.NewMeterProvider())
		return nil, nil
	}
	opts := []sdkmetric.Option{sdkmetric.WithResource(res)}
	for _, name := range cfg.metricExporters {
		exp, err := newMetricExporter(name, cfg, stdout)
		if err != nil {
			return nil, err
		}
		var ropts []sdkmetric.PeriodicReaderOption
		if cfg.runtimeMetrics {
			ropts = append(ropts, sdkmetric.WithProducer(runtime.NewProducer()))
		}
		opts = append(opts, sdkmetric.WithReader(sdkmetric.NewPeriodicReader(exp, ropts...)))
	}
	mp := sdkmetric.NewMeterProvider(opts...)
	otel.SetMeterProvider(mp)
	if cfg.runtimeMetrics {
		if err := runtime.Start(runtime.WithMeterProvider(mp)); err != nil {
			otel.Handle(err)
		}
	}
	return mp, nil
}

// newMetricExporter returns the exporter for one name of
// OTEL_METRICS_EXPORTER: otel's own OTLP/HTTP one (the SDK's
// otlpmetrichttp would bring gRPC and protobuf, as otlptracehttp would),
// or the console.
func newMetricExporter(name string, cfg config, stdout io.Writer) (sdkmetric.Exporter, error) {
	if name == "console" {
		return stdoutmetric.New(stdoutmetric.WithWriter(stdout))
	}
	return otlphttp.NewMetricExporter(cfg.metricsOTLP, newExporterClient(cfg.metricsOTLP, selftraffic.MetricsTransport), cfg.temporality), nil
}
