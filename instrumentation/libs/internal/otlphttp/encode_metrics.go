package otlphttp

import (
	"encoding/binary"
	"math"
	"time"

	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// Field numbers of opentelemetry-proto (collector/metrics/v1/
// metrics_service.proto, metrics/v1/metrics.proto). Resource, scope and
// KeyValue are the trace encoder's (encode.go).
const (
	reqResourceMetrics = 1 // ExportMetricsServiceRequest

	rmResource     = 1 // ResourceMetrics
	rmScopeMetrics = 2
	rmSchemaURL    = 3

	smScope     = 1 // ScopeMetrics
	smMetrics   = 2
	smSchemaURL = 3

	metricName        = 1 // Metric
	metricDescription = 2
	metricUnit        = 3
	metricGauge       = 5 // the data oneof
	metricSum         = 7
	metricHistogram   = 9
	metricExpHisto    = 10
	metricSummary     = 11

	aggDataPoints  = 1 // Gauge, Sum, Histogram, ExponentialHistogram, Summary
	aggTemporality = 2 // Sum, Histogram, ExponentialHistogram
	sumMonotonic   = 3 // Sum

	ndpStart      = 2 // NumberDataPoint
	ndpTime       = 3
	ndpAsDouble   = 4
	ndpExemplars  = 5
	ndpAsInt      = 6
	ndpAttributes = 7

	hdpStart        = 2 // HistogramDataPoint
	hdpTime         = 3
	hdpCount        = 4
	hdpSum          = 5
	hdpBucketCounts = 6
	hdpBounds       = 7
	hdpExemplars    = 8
	hdpAttributes   = 9
	hdpMin          = 11
	hdpMax          = 12

	edpAttributes    = 1 // ExponentialHistogramDataPoint
	edpStart         = 2
	edpTime          = 3
	edpCount         = 4
	edpSum           = 5
	edpScale         = 6
	edpZeroCount     = 7
	edpPositive      = 8
	edpNegative      = 9
	edpExemplars     = 11
	edpMin           = 12
	edpMax           = 13
	edpZeroThreshold = 14

	bucketsOffset = 1 // ExponentialHistogramDataPoint.Buckets
	bucketsCounts = 2

	sdpStart      = 2 // SummaryDataPoint
	sdpTime       = 3
	sdpCount      = 4
	sdpSum        = 5
	sdpQuantiles  = 6
	sdpAttributes = 7

	quantileQuantile = 1 // SummaryDataPoint.ValueAtQuantile
	quantileValue    = 2

	exTime          = 2 // Exemplar
	exAsDouble      = 3
	exSpanID        = 4
	exTraceID       = 5
	exAsInt         = 6
	exFilteredAttrs = 7

	// AggregationTemporality
	temporalityDelta      = 1
	temporalityCumulative = 2
)

// encodeMetrics returns one collection as a binary
// ExportMetricsServiceRequest; empty when it holds no metric.
func encodeMetrics(rm *metricdata.ResourceMetrics) []byte {
	if rm == nil || !hasMetrics(rm) {
		return nil
	}
	w := &writer{b: make([]byte, 0, 4096)}
	m := w.begin(reqResourceMetrics)
	if rm.Resource != nil {
		r := w.begin(rmResource)
		w.attrIter(resAttributes, rm.Resource.Iter())
		w.end(r)
	}
	for i := range rm.ScopeMetrics {
		w.scopeMetrics(&rm.ScopeMetrics[i])
	}
	if rm.Resource != nil {
		w.str(rmSchemaURL, rm.Resource.SchemaURL())
	}
	w.end(m)
	return w.b
}

func hasMetrics(rm *metricdata.ResourceMetrics) bool {
	for _, sm := range rm.ScopeMetrics {
		if len(sm.Metrics) > 0 {
			return true
		}
	}
	return false
}

func (w *writer) scopeMetrics(sm *metricdata.ScopeMetrics) {
	if len(sm.Metrics) == 0 {
		return
	}
	m := w.begin(rmScopeMetrics)
	if sm.Scope != (instrumentation.Scope{}) {
		s := w.begin(smScope)
		w.str(scopeName, sm.Scope.Name)
		w.str(scopeVersion, sm.Scope.Version)
		w.attrIter(scopeAttributes, sm.Scope.Attributes.Iter())
		w.end(s)
	}
	for i := range sm.Metrics {
		w.metric(&sm.Metrics[i])
	}
	w.str(smSchemaURL, sm.Scope.SchemaURL)
	w.end(m)
}

func (w *writer) metric(mt *metricdata.Metrics) {
	m := w.begin(smMetrics)
	w.str(metricName, mt.Name)
	w.str(metricDescription, mt.Description)
	w.str(metricUnit, mt.Unit)
	switch d := mt.Data.(type) {
	case metricdata.Gauge[int64]:
		gauge(w, d.DataPoints)
	case metricdata.Gauge[float64]:
		gauge(w, d.DataPoints)
	case metricdata.Sum[int64]:
		sum(w, d)
	case metricdata.Sum[float64]:
		sum(w, d)
	case metricdata.Histogram[int64]:
		histogram(w, d)
	case metricdata.Histogram[float64]:
		histogram(w, d)
	case metricdata.ExponentialHistogram[int64]:
		expHistogram(w, d)
	case metricdata.ExponentialHistogram[float64]:
		expHistogram(w, d)
	case metricdata.Summary:
		w.summary(d)
	}
	// Another aggregation (none exists in this SDK version) is sent
	// without data, as a metric the collector can see but not use.
	w.end(m)
}

func gauge[N int64 | float64](w *writer, dps []metricdata.DataPoint[N]) {
	g := w.begin(metricGauge)
	for i := range dps {
		numberPoint(w, &dps[i])
	}
	w.end(g)
}

func sum[N int64 | float64](w *writer, s metricdata.Sum[N]) {
	m := w.begin(metricSum)
	for i := range s.DataPoints {
		numberPoint(w, &s.DataPoints[i])
	}
	w.uvarint(aggTemporality, temporalityNumber(s.Temporality))
	w.uvarint(sumMonotonic, boolNumber(s.IsMonotonic))
	w.end(m)
}

func numberPoint[N int64 | float64](w *writer, dp *metricdata.DataPoint[N]) {
	m := w.begin(aggDataPoints)
	w.fixed64(ndpStart, timeNanos(dp.StartTime))
	w.fixed64(ndpTime, timeNanos(dp.Time))
	number(w, ndpAsInt, ndpAsDouble, dp.Value)
	for i := range dp.Exemplars {
		exemplar(w, ndpExemplars, &dp.Exemplars[i])
	}
	w.attrIter(ndpAttributes, dp.Attributes.Iter())
	w.end(m)
}

// number writes a oneof value: as_int (sfixed64) or as_double, present
// even when zero.
func number[N int64 | float64](w *writer, intField, doubleField int, v N) {
	switch x := any(v).(type) {
	case int64:
		w.fixed64Always(intField, uint64(x))
	case float64:
		w.double(doubleField, x)
	}
}

func histogram[N int64 | float64](w *writer, h metricdata.Histogram[N]) {
	m := w.begin(metricHistogram)
	for i := range h.DataPoints {
		dp := &h.DataPoints[i]
		p := w.begin(aggDataPoints)
		w.fixed64(hdpStart, timeNanos(dp.StartTime))
		w.fixed64(hdpTime, timeNanos(dp.Time))
		w.fixed64(hdpCount, dp.Count)
		w.double(hdpSum, float64(dp.Sum)) // optional: present, as the SDK's exporter sends it
		w.packedFixed64(hdpBucketCounts, dp.BucketCounts)
		w.packedDoubles(hdpBounds, dp.Bounds)
		for j := range dp.Exemplars {
			exemplar(w, hdpExemplars, &dp.Exemplars[j])
		}
		w.attrIter(hdpAttributes, dp.Attributes.Iter())
		extrema(w, hdpMin, dp.Min)
		extrema(w, hdpMax, dp.Max)
		w.end(p)
	}
	w.uvarint(aggTemporality, temporalityNumber(h.Temporality))
	w.end(m)
}

func expHistogram[N int64 | float64](w *writer, h metricdata.ExponentialHistogram[N]) {
	m := w.begin(metricExpHisto)
	for i := range h.DataPoints {
		dp := &h.DataPoints[i]
		p := w.begin(aggDataPoints)
		w.attrIter(edpAttributes, dp.Attributes.Iter())
		w.fixed64(edpStart, timeNanos(dp.StartTime))
		w.fixed64(edpTime, timeNanos(dp.Time))
		w.fixed64(edpCount, dp.Count)
		w.double(edpSum, float64(dp.Sum))
		w.uvarint(edpScale, zigzag32(dp.Scale))
		w.fixed64(edpZeroCount, dp.ZeroCount)
		w.buckets(edpPositive, dp.PositiveBucket)
		w.buckets(edpNegative, dp.NegativeBucket)
		for j := range dp.Exemplars {
			exemplar(w, edpExemplars, &dp.Exemplars[j])
		}
		extrema(w, edpMin, dp.Min)
		extrema(w, edpMax, dp.Max)
		if dp.ZeroThreshold != 0 {
			w.double(edpZeroThreshold, dp.ZeroThreshold)
		}
		w.end(p)
	}
	w.uvarint(aggTemporality, temporalityNumber(h.Temporality))
	w.end(m)
}

// buckets writes one side of an exponential histogram; the message is
// present even when empty, as the SDK's exporter sends it.
func (w *writer) buckets(field int, b metricdata.ExponentialBucket) {
	m := w.begin(field)
	w.uvarint(bucketsOffset, zigzag32(b.Offset))
	if len(b.Counts) > 0 {
		p := w.begin(bucketsCounts)
		for _, c := range b.Counts {
			w.b = binary.AppendUvarint(w.b, c)
		}
		w.end(p)
	}
	w.end(m)
}

func (w *writer) summary(s metricdata.Summary) {
	m := w.begin(metricSummary)
	for i := range s.DataPoints {
		dp := &s.DataPoints[i]
		p := w.begin(aggDataPoints)
		w.fixed64(sdpStart, timeNanos(dp.StartTime))
		w.fixed64(sdpTime, timeNanos(dp.Time))
		w.fixed64(sdpCount, dp.Count)
		if dp.Sum != 0 {
			w.double(sdpSum, dp.Sum)
		}
		for _, q := range dp.QuantileValues {
			qm := w.begin(sdpQuantiles)
			if q.Quantile != 0 {
				w.double(quantileQuantile, q.Quantile)
			}
			if q.Value != 0 {
				w.double(quantileValue, q.Value)
			}
			w.end(qm)
		}
		w.attrIter(sdpAttributes, dp.Attributes.Iter())
		w.end(p)
	}
	w.end(m)
}

func exemplar[N int64 | float64](w *writer, field int, e *metricdata.Exemplar[N]) {
	m := w.begin(field)
	w.fixed64(exTime, timeNanos(e.Time))
	number(w, exAsInt, exAsDouble, e.Value)
	w.bytes(exSpanID, e.SpanID)
	w.bytes(exTraceID, e.TraceID)
	for _, kv := range e.FilteredAttributes {
		w.keyValue(exFilteredAttrs, kv)
	}
	w.end(m)
}

// extrema writes an optional min or max when the SDK recorded one.
func extrema[N int64 | float64](w *writer, field int, e metricdata.Extrema[N]) {
	if v, ok := e.Value(); ok {
		w.double(field, float64(v))
	}
}

func (w *writer) packedFixed64(field int, vs []uint64) {
	if len(vs) == 0 {
		return
	}
	w.tag(field, wireBytes)
	w.b = binary.AppendUvarint(w.b, uint64(8*len(vs)))
	for _, v := range vs {
		w.b = binary.LittleEndian.AppendUint64(w.b, v)
	}
}

func (w *writer) packedDoubles(field int, vs []float64) {
	if len(vs) == 0 {
		return
	}
	w.tag(field, wireBytes)
	w.b = binary.AppendUvarint(w.b, uint64(8*len(vs)))
	for _, v := range vs {
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v))
	}
}

func temporalityNumber(t metricdata.Temporality) uint64 {
	switch t {
	case metricdata.DeltaTemporality:
		return temporalityDelta
	case metricdata.CumulativeTemporality:
		return temporalityCumulative
	}
	return 0 // AGGREGATION_TEMPORALITY_UNSPECIFIED
}

func zigzag32(n int32) uint64 {
	return uint64(uint32(n<<1) ^ uint32(n>>31))
}

// timeNanos is a point's time in Unix nanoseconds; the zero time (a gauge's
// absent start) and times before 1970 are 0.
func timeNanos(t time.Time) uint64 {
	if t.IsZero() {
		return 0
	}
	return unixNanos(t.UnixNano())
}
