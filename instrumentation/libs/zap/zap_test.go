package zap

import (
	"testing"

	"go.uber.org/zap/zapcore"
)

// Without the runtime's goroutine words (a plain test binary) no span is
// current: the cores get the caller's very slice, and nothing allocates.
func TestFieldsWithoutSpan(t *testing.T) {
	fs := []zapcore.Field{{Key: "n", Type: zapcore.Int64Type, Integer: 1}}
	if got := fields(fs); len(got) != 1 || &got[0] != &fs[0] {
		t.Errorf("fields = %v", got)
	}
	if got := fields(nil); got != nil {
		t.Errorf("fields(nil) = %v", got)
	}
	if a := testing.AllocsPerRun(100, func() { fields(fs) }); a != 0 {
		t.Errorf("fields without a span allocates %v times", a)
	}
}
