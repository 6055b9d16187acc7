package logrus

import (
	"context"
	"testing"

	"github.com/sirupsen/logrus"
	"go.opentelemetry.io/otel/trace"
)

func spanCtx() (context.Context, trace.SpanContext) {
	sc := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    trace.TraceID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		SpanID:     trace.SpanID{1, 2, 3, 4, 5, 6, 7, 8},
		TraceFlags: trace.FlagsSampled,
	})
	return trace.ContextWithSpanContext(context.Background(), sc), sc
}

// The entry's context gives the ids; the caller's Data map (shared by the
// entry of the call in logrus before v1.8) is not changed.
func TestWriteAddsIDsToACopy(t *testing.T) {
	ctx, sc := spanCtx()
	shared := logrus.Fields{"k": "v"}
	e := &logrus.Entry{Logger: logrus.New(), Data: shared, Context: ctx}
	ids(e)
	if e.Data[TraceIDKey] != sc.TraceID().String() || e.Data[SpanIDKey] != sc.SpanID().String() || e.Data[TraceFlagsKey] != "01" || e.Data["k"] != "v" {
		t.Errorf("Data = %v", e.Data)
	}
	if len(shared) != 1 {
		t.Errorf("the caller's map changed: %v", shared)
	}
}

func TestWriteKeepsProgramsTraceID(t *testing.T) {
	ctx, _ := spanCtx()
	e := &logrus.Entry{Logger: logrus.New(), Data: logrus.Fields{TraceIDKey: "mine"}, Context: ctx}
	ids(e)
	if e.Data[TraceIDKey] != "mine" || len(e.Data) != 1 {
		t.Errorf("Data = %v", e.Data)
	}
}

func TestWriteWithoutSpan(t *testing.T) {
	e := &logrus.Entry{Logger: logrus.New(), Data: logrus.Fields{}}
	ids(e)
	ids(nil)
	if len(e.Data) != 0 {
		t.Errorf("Data = %v", e.Data)
	}
}

func TestSwitch(t *testing.T) {
	t.Setenv("OTEL_GO_DISABLED_INSTRUMENTATIONS", Group)
	site = 0
	defer func() { site = 0 }()
	ctx, _ := spanCtx()
	e := &logrus.Entry{Logger: logrus.New(), Data: logrus.Fields{}, Context: ctx}
	ids(e)
	if len(e.Data) != 0 {
		t.Errorf("logrus switched off: Data = %v", e.Data)
	}
}
