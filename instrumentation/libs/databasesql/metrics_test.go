package databasesql

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"otelgo.dev/instrumentation/hooktest"
)

// db.client.operation.duration: one point per operation and collection,
// without the query text; a failure adds error.type.
func TestOperationDurationMetric(t *testing.T) {
	setup(t)
	r := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(r))
	otel.SetMeterProvider(mp)
	defer otel.SetMeterProvider(noop.NewMeterProvider())
	db := open(t, "file:/var/data/app.db")
	ctx := context.Background()
	for _, q := range []string{"SELECT name FROM users WHERE id = 1", "SELECT name FROM users WHERE id = 2", "INSERT INTO FAIL_log VALUES (1)"} {
		ictx := hooktest.New("database/sql", "ExecContext", 2)
		BeforeDBExec(ictx, db, ctx, q)
		res, err := db.ExecContext(ctx, q)
		AfterExec(ictx, res, err)
	}
	var rm metricdata.ResourceMetrics
	if err := r.Collect(ctx, &rm); err != nil {
		t.Fatal(err)
	}
	if len(rm.ScopeMetrics) != 1 || rm.ScopeMetrics[0].Scope.Name != ScopeName || len(rm.ScopeMetrics[0].Metrics) != 1 {
		t.Fatalf("metrics %+v", rm.ScopeMetrics)
	}
	m := rm.ScopeMetrics[0].Metrics[0]
	h, ok := m.Data.(metricdata.Histogram[float64])
	if m.Name != "db.client.operation.duration" || m.Unit != "s" || !ok || len(h.DataPoints) != 2 {
		t.Fatalf("metric %+v", m)
	}
	for _, dp := range h.DataPoints {
		got := map[string]interface{}{}
		for _, kv := range dp.Attributes.ToSlice() {
			got[string(kv.Key)] = kv.Value.AsInterface()
		}
		if _, ok := got["db.query.text"]; ok {
			t.Error("query text in a metric attribute")
		}
		if got["db.system.name"] != "sqlite" || got["db.namespace"] != "/var/data/app.db" || dp.Sum <= 0 || len(dp.Bounds) != 9 {
			t.Errorf("point %v sum %v bounds %v", got, dp.Sum, dp.Bounds)
		}
		switch got["db.operation.name"] {
		case "SELECT":
			if dp.Count != 2 || got["db.collection.name"] != "users" || got["error.type"] != nil {
				t.Errorf("SELECT point %v count %d", got, dp.Count)
			}
		case "INSERT":
			if dp.Count != 1 || got["db.collection.name"] != "FAIL_log" || got["error.type"] == nil {
				t.Errorf("INSERT point %v count %d", got, dp.Count)
			}
		default:
			t.Errorf("point %v", got)
		}
	}
}
