package zap

import (
	"testing"

	"go.uber.org/zap/zapcore"

	"otelgo.dev/instrumentation/hooktest"
)

// Without the runtime's goroutine words (a plain test binary) no span is
// current: the fields stay the caller's, a nil entry is fine.
func TestWriteWithoutSpan(t *testing.T) {
	fields := []zapcore.Field{{Key: "n", Type: zapcore.Int64Type, Integer: 1}}
	ce := &zapcore.CheckedEntry{}
	c := hooktest.New("zapcore", "Write", 0, ce, fields)
	BeforeWrite(c, ce, fields)
	if f := c.Params[1].([]zapcore.Field); len(f) != 1 {
		t.Errorf("fields = %v", f)
	}
	BeforeWrite(hooktest.New("zapcore", "Write", 0, nil, fields), nil, fields)
}
