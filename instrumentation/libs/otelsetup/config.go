package otelsetup

import (
	"os"
	"strings"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"

	"otelgo.dev/instrumentation/libs/internal/otlphttp"
	"otelgo.dev/instrumentation/otelrt"
)

// config is what the standard OTEL_* environment variables ask for, in the
// parts that otel decides itself, and the settings of otel's own OTLP
// exporter (OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT, _HEADERS, _TIMEOUT,
// _COMPRESSION, _CERTIFICATE, _CLIENT_CERTIFICATE, _CLIENT_KEY; see
// internal/otlphttp). The SDK reads the rest on its own: OTEL_SERVICE_NAME
// and OTEL_RESOURCE_ATTRIBUTES (resource), OTEL_TRACES_SAMPLER and
// OTEL_TRACES_SAMPLER_ARG (provider), OTEL_BSP_* (batch processor).
//
// Metrics: OTEL_METRICS_EXPORTER, the OTLP variables with METRICS_ in
// place of TRACES_ and OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE
// are read here; the SDK's periodic reader reads
// OTEL_METRIC_EXPORT_INTERVAL and OTEL_METRIC_EXPORT_TIMEOUT.
type config struct {
	disabled        bool     // OTEL_SDK_DISABLED=true: start nothing
	exporters       []string // "otlp", "console"; empty for "none"
	metricExporters []string // the same for OTEL_METRICS_EXPORTER
	propagators     []string // "tracecontext", "baggage"; empty for "none"
	otlp            otlphttp.Config
	metricsOTLP     otlphttp.Config
	temporality     sdkmetric.TemporalitySelector // nil: cumulative
	runtimeMetrics  bool                          // group "runtime" is enabled (OTEL_GO_*_INSTRUMENTATIONS)
	warnings        []string                      // settings that otel cannot honour, one line each
}

// configFromEnv reads the environment through getenv. It never fails: a
// setting it cannot honour becomes a warning and a documented fallback.
func configFromEnv(getenv func(string) string) config {
	var c config
	if otelrt.SDKDisabled(getenv) {
		c.disabled = true
		return c
	}
	c.exporters = c.parseExporters("OTEL_TRACES_EXPORTER", getenv("OTEL_TRACES_EXPORTER"))
	c.metricExporters = c.parseExporters("OTEL_METRICS_EXPORTER", getenv("OTEL_METRICS_EXPORTER"))
	c.runtimeMetrics = otelrt.GroupEnabled(runtimeGroup, getenv)
	c.propagators = c.parsePropagators(getenv("OTEL_PROPAGATORS"))
	for _, name := range c.exporters {
		if name == "otlp" {
			c.checkProtocol(getenv, "TRACES")
			var warnings []string
			c.otlp, warnings = otlphttp.ConfigFromEnv(getenv, os.ReadFile)
			c.warnings = append(c.warnings, warnings...)
		}
	}
	for _, name := range c.metricExporters {
		if name == "otlp" {
			c.checkProtocol(getenv, "METRICS")
			var warnings []string
			c.metricsOTLP, warnings = otlphttp.SignalConfigFromEnv(otlphttp.Metrics, getenv, os.ReadFile)
			for _, w := range warnings { // the general variables' warnings are the traces' too
				c.warnings = appendUnique(c.warnings, w)
			}
			v := getenv("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE")
			var ok bool
			if c.temporality, ok = otlphttp.ParseTemporality(v); !ok {
				c.warnings = append(c.warnings, "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE="+v+
					" is not supported (use cumulative, delta or lowmemory); using cumulative")
			}
		}
	}
	return c
}

// parseExporters reads OTEL_TRACES_EXPORTER or OTEL_METRICS_EXPORTER
// (variable): a comma list of otlp (the default), console and none.
func (c *config) parseExporters(variable, v string) []string {
	var out []string
	for _, name := range splitList(v, "otlp") {
		switch name {
		case "otlp", "console":
			out = appendUnique(out, name)
		case "none":
			return nil
		default:
			c.warnings = append(c.warnings, variable+"="+name+" is not supported (use otlp, console or none); ignored")
		}
	}
	return out
}

// parsePropagators reads OTEL_PROPAGATORS: tracecontext,baggage by default.
func (c *config) parsePropagators(v string) []string {
	var out []string
	for _, name := range splitList(v, "tracecontext,baggage") {
		switch name {
		case "tracecontext", "baggage":
			out = appendUnique(out, name)
		case "none":
			return nil
		default:
			c.warnings = append(c.warnings, "OTEL_PROPAGATORS="+name+" is not supported (use tracecontext, baggage or none); ignored")
		}
	}
	return out
}

// checkProtocol accepts OTLP over HTTP with protobuf only: otel links no
// gRPC (it would add megabytes and seconds of compile time to every
// instrumented program). Any other protocol is a warning and falls back.
func (c *config) checkProtocol(getenv func(string) string, signal string) {
	p := strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_" + signal + "_PROTOCOL"))
	if p == "" {
		p = strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_PROTOCOL"))
	}
	if p != "" && p != "http/protobuf" {
		c.warnings = appendUnique(c.warnings, "OTLP protocol "+p+" is not supported; using http/protobuf")
	}
}

// splitList splits a comma list into lower-case trimmed items, using def
// when the value is empty.
func splitList(v, def string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		v = def
	}
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.ToLower(strings.TrimSpace(item)); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
