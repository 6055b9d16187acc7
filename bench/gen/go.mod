module otelgo.dev/bench/gen

go 1.24
