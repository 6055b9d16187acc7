//go:build ignore

// This file is not part of otel's package zap. The rule zap_fields_file
// (rules.yaml) adds it to go.uber.org/zap/zapcore, whose injected line in
// (*CheckedEntry).Write calls otel_zapFields. zapcore is beneath
// GOMODCACHE, compiled through otel's -toolexec wrapper: no import can be
// added there but unsafe.

package zapcore

import _ "unsafe"

//go:linkname otel_zapFields otelgo.dev/instrumentation/libs/zap.fields
func otel_zapFields(fields []Field) []Field
