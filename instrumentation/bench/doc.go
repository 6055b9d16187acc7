// Package bench measures what otel's instrumentation costs at run time. It
// is a separate module so that its comparison dependency (otelhttp, the
// hand-written middleware from opentelemetry-go-contrib) never enters the
// requirements that otel adds to a user's build. run.sh builds and runs
// the same benchmarks plain, with `otel go test` (hooks on) and with
// OTEL_SDK_DISABLED=true (hooks off); see ../README.md for the numbers.
package bench
