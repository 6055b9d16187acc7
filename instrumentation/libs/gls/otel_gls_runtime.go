//go:build ignore

// This file is not part of package gls. The rule gls_accessors (rules.yaml)
// adds it to package runtime, where the goroutine record is, and hands the
// accessors to package gls while the runtime initializes. It imports only
// what runtime already imports: a runtime reached through otel's -toolexec
// wrapper (a toolchain beneath GOMODCACHE) cannot get new imports.

package gls

import "unsafe"

//go:linkname otel_glsRegister otelgo.dev/instrumentation/libs/gls.register
func otel_glsRegister(getSpan func() unsafe.Pointer, setSpan func(unsafe.Pointer), getBaggage func() unsafe.Pointer, setBaggage func(unsafe.Pointer))

func init() {
	otel_glsRegister(otel_glsGetSpan, otel_glsSetSpan, otel_glsGetBaggage, otel_glsSetBaggage)
}

// The user goroutine running now (getg() is g0 on the system stack).
func otel_glsGetSpan() unsafe.Pointer     { return getg().m.curg.otel_span }
func otel_glsSetSpan(p unsafe.Pointer)    { getg().m.curg.otel_span = p }
func otel_glsGetBaggage() unsafe.Pointer  { return getg().m.curg.otel_baggage }
func otel_glsSetBaggage(p unsafe.Pointer) { getg().m.curg.otel_baggage = p }
