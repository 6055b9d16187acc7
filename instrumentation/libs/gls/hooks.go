package gls

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"otelgo.dev/instrumentation/hook"
)

// BeforeNewTracerProvider adds Processor to a tracer provider that the
// program builds itself (rule gls_user_provider).
func BeforeNewTracerProvider(ictx hook.HookContext, opts ...sdktrace.TracerProviderOption) {
	if !Enabled() {
		return
	}
	all := make([]sdktrace.TracerProviderOption, 0, len(opts)+1)
	all = append(append(all, opts...), sdktrace.WithSpanProcessor(Processor{}))
	ictx.SetParam(0, all)
}
