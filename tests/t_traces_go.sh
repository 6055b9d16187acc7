#!/usr/bin/env bash
# The Go side of the traces work: gofmt, go vet and go test in every Go
# module of instrumentation/, tools/otlp-sink and examples/demo, with plain
# go (no otel). (-race is left out to keep the suite fast on 2 cores: a
# cold race build of the SDK takes minutes; run it by hand after changing
# the hooks.)
set -euo pipefail
: "${ROOT:?}"
. "$ROOT/tests/lib.sh"
mods=(instrumentation instrumentation/libs instrumentation/libs/redis instrumentation/bench instrumentation/bench/redis tools/otlp-sink examples/demo)
for m in "${mods[@]}"; do
  cd "$ROOT/$m"
  bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.otel-build/*'))
  [ -z "$bad" ] || fail "$m: not gofmt'ed: $bad"
  go vet -tags libsqlite3 ./... || fail "$m: go vet"
  ok "$m: gofmt, go vet"
done
cd "$ROOT/instrumentation" && go test -count=1 ./... || fail "instrumentation tests"
ok "instrumentation: go test"
cd "$ROOT/instrumentation/libs" && go test -count=1 ./... || fail "instrumentation/libs tests"
ok "instrumentation/libs: go test"
cd "$ROOT/instrumentation/libs/redis" && go test -count=1 ./... || fail "instrumentation/libs/redis tests"
ok "instrumentation/libs/redis: go test"
cd "$ROOT/tools/otlp-sink" && go test -count=1 ./... || fail "otlp-sink tests"
ok "tools/otlp-sink: go test"
cd "$ROOT/examples/demo" && go test -tags libsqlite3 -count=1 ./... || fail "demo tests"
ok "examples/demo: go test"
# go.mod/go.sum of the libs module must be tidy: otel copies its
# requirements and go.sum lines into the user's build.
cd "$ROOT/instrumentation/libs"
cp go.mod "$TMPROOT/libs.mod"; cp go.sum "$TMPROOT/libs.sum"
go mod tidy
if ! cmp -s go.mod "$TMPROOT/libs.mod" || ! cmp -s go.sum "$TMPROOT/libs.sum"; then
  cp "$TMPROOT/libs.mod" go.mod; cp "$TMPROOT/libs.sum" go.sum
  fail "instrumentation/libs: go.mod/go.sum not tidy (run go mod tidy there)"
fi
ok "instrumentation/libs: go.mod and go.sum are tidy"
cd "$ROOT/instrumentation/libs/redis"
cp go.mod "$TMPROOT/redis.mod"; cp go.sum "$TMPROOT/redis.sum"
go mod tidy
if ! cmp -s go.mod "$TMPROOT/redis.mod" || ! cmp -s go.sum "$TMPROOT/redis.sum"; then
  cp "$TMPROOT/redis.mod" go.mod; cp "$TMPROOT/redis.sum" go.sum
  fail "instrumentation/libs/redis: go.mod/go.sum not tidy (run go mod tidy there)"
fi
ok "instrumentation/libs/redis: go.mod and go.sum are tidy"
[ -z "$(cd "$ROOT/instrumentation" && go list -m all | grep -v '^otelgo.dev/instrumentation$')" ] || fail "instrumentation/ has dependencies"
ok "instrumentation/ (hook, otelrt) has zero dependencies"
