module example.com/fastpath

go 1.24

require otelgo.dev/instrumentation v0.0.0

replace otelgo.dev/instrumentation => ../../../instrumentation
