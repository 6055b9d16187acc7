package main

import (
	"encoding/json"
	"net/http"

	colmetricpb "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	metricpb "go.opentelemetry.io/proto/otlp/metrics/v1"
	"google.golang.org/protobuf/proto"
)

// Point is one line of the metrics output file: one data point of one
// metric, with what identifies it (name, attributes, resource, scope).
// Fields that the metric's type does not have are left out.
type Point struct {
	Name        string                 `json:"name"`
	Description string                 `json:"description,omitempty"`
	Unit        string                 `json:"unit"`
	Type        string                 `json:"type"` // gauge, sum, histogram, exponential_histogram, summary
	Temporality string                 `json:"temporality,omitempty"`
	Monotonic   *bool                  `json:"monotonic,omitempty"` // sums only
	Attributes  map[string]interface{} `json:"attributes"`
	ServiceName string                 `json:"service_name"`
	Scope       string                 `json:"scope"`
	StartNanos  uint64                 `json:"start_unix_nano"`
	TimeNanos   uint64                 `json:"time_unix_nano"`
	Value       *float64               `json:"value,omitempty"` // gauge, sum (as_int as a number)
	Count       *uint64                `json:"count,omitempty"`
	Sum         *float64               `json:"sum,omitempty"`
	Min         *float64               `json:"min,omitempty"`
	Max         *float64               `json:"max,omitempty"`
	Bounds      []float64              `json:"explicit_bounds,omitempty"`
	Buckets     []uint64               `json:"bucket_counts,omitempty"`
	Exemplars   int                    `json:"exemplars,omitempty"`
}

// metrics answers POST /v1/metrics. Without -metrics-out the request is
// decoded (malformed ones are still rejected) and dropped, so that
// programs exporting metrics by default see a working collector.
func (s *sink) metrics(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var req colmetricpb.ExportMetricsServiceRequest
	if err := proto.Unmarshal(body, &req); err != nil {
		http.Error(w, "bad protobuf: "+err.Error(), http.StatusBadRequest)
		return
	}
	if s.metricsOut != nil {
		if err := s.writeMetrics(&req); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	resp, _ := proto.Marshal(&colmetricpb.ExportMetricsServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(resp)
}

// writeMetrics appends one JSON line per data point, in one write.
func (s *sink) writeMetrics(req *colmetricpb.ExportMetricsServiceRequest) error {
	var buf []byte
	for _, rm := range req.GetResourceMetrics() {
		service, _ := attrMap(rm.GetResource().GetAttributes())["service.name"].(string)
		for _, sm := range rm.GetScopeMetrics() {
			for _, m := range sm.GetMetrics() {
				for _, p := range points(m) {
					p.ServiceName, p.Scope = service, sm.GetScope().GetName()
					line, err := json.Marshal(p)
					if err != nil {
						return err
					}
					buf = append(append(buf, line...), '\n')
				}
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.metricsOut.Write(buf)
	return err
}

// points flattens a metric into its data points.
func points(m *metricpb.Metric) []Point {
	base := Point{Name: m.GetName(), Description: m.GetDescription(), Unit: m.GetUnit()}
	var out []Point
	number := func(typ string, t metricpb.AggregationTemporality, mono *bool, dps []*metricpb.NumberDataPoint) {
		for _, dp := range dps {
			p := base
			p.Type, p.Monotonic = typ, mono
			p.Temporality = temporalityName(t)
			p.Attributes = attrMap(dp.GetAttributes())
			p.StartNanos, p.TimeNanos = dp.GetStartTimeUnixNano(), dp.GetTimeUnixNano()
			v := dp.GetAsDouble()
			if x, ok := dp.GetValue().(*metricpb.NumberDataPoint_AsInt); ok {
				v = float64(x.AsInt)
			}
			p.Value = &v
			p.Exemplars = len(dp.GetExemplars())
			out = append(out, p)
		}
	}
	switch d := m.GetData().(type) {
	case *metricpb.Metric_Gauge:
		number("gauge", 0, nil, d.Gauge.GetDataPoints())
	case *metricpb.Metric_Sum:
		mono := d.Sum.GetIsMonotonic()
		number("sum", d.Sum.GetAggregationTemporality(), &mono, d.Sum.GetDataPoints())
	case *metricpb.Metric_Histogram:
		for _, dp := range d.Histogram.GetDataPoints() {
			p := base
			p.Type, p.Temporality = "histogram", temporalityName(d.Histogram.GetAggregationTemporality())
			p.Attributes = attrMap(dp.GetAttributes())
			p.StartNanos, p.TimeNanos = dp.GetStartTimeUnixNano(), dp.GetTimeUnixNano()
			count := dp.GetCount()
			p.Count, p.Sum, p.Min, p.Max = &count, dp.Sum, dp.Min, dp.Max
			p.Bounds, p.Buckets = dp.GetExplicitBounds(), dp.GetBucketCounts()
			p.Exemplars = len(dp.GetExemplars())
			out = append(out, p)
		}
	case *metricpb.Metric_ExponentialHistogram:
		for _, dp := range d.ExponentialHistogram.GetDataPoints() {
			p := base
			p.Type, p.Temporality = "exponential_histogram", temporalityName(d.ExponentialHistogram.GetAggregationTemporality())
			p.Attributes = attrMap(dp.GetAttributes())
			p.StartNanos, p.TimeNanos = dp.GetStartTimeUnixNano(), dp.GetTimeUnixNano()
			count := dp.GetCount()
			p.Count, p.Sum, p.Min, p.Max = &count, dp.Sum, dp.Min, dp.Max
			out = append(out, p)
		}
	case *metricpb.Metric_Summary:
		for _, dp := range d.Summary.GetDataPoints() {
			p := base
			p.Type = "summary"
			p.Attributes = attrMap(dp.GetAttributes())
			p.StartNanos, p.TimeNanos = dp.GetStartTimeUnixNano(), dp.GetTimeUnixNano()
			count, sum := dp.GetCount(), dp.GetSum()
			p.Count, p.Sum = &count, &sum
			out = append(out, p)
		}
	}
	return out
}

func temporalityName(t metricpb.AggregationTemporality) string {
	switch t {
	case metricpb.AggregationTemporality_AGGREGATION_TEMPORALITY_DELTA:
		return "DELTA"
	case metricpb.AggregationTemporality_AGGREGATION_TEMPORALITY_CUMULATIVE:
		return "CUMULATIVE"
	}
	return ""
}
