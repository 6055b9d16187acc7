package otelsetup

import (
	"os"
	"strings"

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
type config struct {
	disabled    bool     // OTEL_SDK_DISABLED=true: start nothing
	exporters   []string // "otlp", "console"; empty for "none"
	propagators []string // "tracecontext", "baggage"; empty for "none"
	otlp        otlphttp.Config
	warnings    []string // settings that otel cannot honour, one line each
}

// configFromEnv reads the environment through getenv. It never fails: a
// setting it cannot honour becomes a warning and a documented fallback.
func configFromEnv(getenv func(string) string) config {
	var c config
	if otelrt.SDKDisabled(getenv) {
		c.disabled = true
		return c
	}
	c.exporters = c.parseExporters(getenv("OTEL_TRACES_EXPORTER"))
	c.propagators = c.parsePropagators(getenv("OTEL_PROPAGATORS"))
	for _, name := range c.exporters {
		if name == "otlp" {
			c.checkProtocol(getenv)
			var warnings []string
			c.otlp, warnings = otlphttp.ConfigFromEnv(getenv, os.ReadFile)
			c.warnings = append(c.warnings, warnings...)
		}
	}
	return c
}

// parseExporters reads OTEL_TRACES_EXPORTER: a comma list of otlp (the
// default), console and none.
func (c *config) parseExporters(v string) []string {
	var out []string
	for _, name := range splitList(v, "otlp") {
		switch name {
		case "otlp", "console":
			out = appendUnique(out, name)
		case "none":
			return nil
		default:
			c.warnings = append(c.warnings, "OTEL_TRACES_EXPORTER="+name+" is not supported (use otlp, console or none); ignored")
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
func (c *config) checkProtocol(getenv func(string) string) {
	p := strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"))
	if p == "" {
		p = strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_PROTOCOL"))
	}
	if p != "" && p != "http/protobuf" {
		c.warnings = append(c.warnings, "OTLP protocol "+p+" is not supported; using http/protobuf")
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
