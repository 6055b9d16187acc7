module otelgo.dev/instrumentation

go 1.18
