package otlphttp

import (
	"context"
	"net/http"
	"strings"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// MetricExporter sends metrics to an OTLP/HTTP endpoint (/v1/metrics). It
// implements sdkmetric.Exporter for the SDK's periodic reader: the
// SDK's otlpmetrichttp would bring the generated protobuf types and gRPC
// into every instrumented build, as otlptracehttp would (see the package
// comment and instrumentation/README.md for the package counts).
type MetricExporter struct {
	sender
	temporality sdkmetric.TemporalitySelector
}

var _ sdkmetric.Exporter = (*MetricExporter)(nil)

// NewMetricExporter returns an exporter that sends with client and asks the
// SDK for the temporality that sel chooses (see ParseTemporality).
func NewMetricExporter(cfg Config, client *http.Client, sel sdkmetric.TemporalitySelector) *MetricExporter {
	if sel == nil {
		sel = sdkmetric.DefaultTemporalitySelector
	}
	return &MetricExporter{sender: newSender(cfg, client, "data points"), temporality: sel}
}

// Temporality implements sdkmetric.Exporter.
func (e *MetricExporter) Temporality(k sdkmetric.InstrumentKind) metricdata.Temporality {
	return e.temporality(k)
}

// Aggregation implements sdkmetric.Exporter: the SDK's defaults (explicit
// bucket histograms; instruments carry their own boundaries as advice).
func (e *MetricExporter) Aggregation(k sdkmetric.InstrumentKind) sdkmetric.Aggregation {
	return sdkmetric.DefaultAggregationSelector(k)
}

// Export sends one collection in one request (nothing when it is empty),
// retrying like the span exporter.
func (e *MetricExporter) Export(ctx context.Context, rm *metricdata.ResourceMetrics) error {
	body := encodeMetrics(rm)
	if len(body) == 0 {
		return nil
	}
	return e.export(ctx, body)
}

// ForceFlush implements sdkmetric.Exporter: nothing is buffered here.
func (e *MetricExporter) ForceFlush(ctx context.Context) error { return ctx.Err() }

// ParseTemporality reads OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE
// ("" or cumulative, delta, lowmemory; any case) as the specification
// defines it: delta makes counters, histograms and observable counters
// delta; lowmemory only synchronous counters and histograms; up-down
// counters stay cumulative. ok is false for another value (cumulative is
// then used).
func ParseTemporality(v string) (sel sdkmetric.TemporalitySelector, ok bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "cumulative":
		return sdkmetric.DefaultTemporalitySelector, true
	case "delta":
		return deltaTemporality, true
	case "lowmemory":
		return lowMemoryTemporality, true
	}
	return sdkmetric.DefaultTemporalitySelector, false
}

func deltaTemporality(k sdkmetric.InstrumentKind) metricdata.Temporality {
	switch k {
	case sdkmetric.InstrumentKindCounter, sdkmetric.InstrumentKindHistogram, sdkmetric.InstrumentKindObservableCounter:
		return metricdata.DeltaTemporality
	}
	return metricdata.CumulativeTemporality
}

func lowMemoryTemporality(k sdkmetric.InstrumentKind) metricdata.Temporality {
	switch k {
	case sdkmetric.InstrumentKindCounter, sdkmetric.InstrumentKindHistogram:
		return metricdata.DeltaTemporality
	}
	return metricdata.CumulativeTemporality
}
