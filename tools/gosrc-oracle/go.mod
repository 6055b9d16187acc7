module otel/tools/gosrc-oracle

go 1.22
