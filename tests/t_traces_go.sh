#!/usr/bin/env bash
# The Go side of the traces work: gofmt, go vet and go test in every Go
# module of instrumentation/, tools/otlp-sink and examples/demo, with plain
# go (no otel). (-race is left out to keep the suite fast on 2 cores: a
# cold race build of the SDK takes minutes; run it by hand after changing
# the hooks.)
set -euo pipefail
: "${ROOT:?}"
. "$ROOT/tests/lib.sh"
# Every library with a module of its own (instrumentation/libs/<name>/go.mod)
# is checked like the libs module: gofmt, vet, its tests, tidy go.mod/go.sum
# (otel copies its requirements and go.sum lines into the user's build).
lib_mods=()
for m in "$ROOT"/instrumentation/libs/*/go.mod; do lib_mods+=("instrumentation/libs/$(basename "$(dirname "$m")")"); done
bench_mods=()
for m in "$ROOT"/instrumentation/bench/*/go.mod; do [ -f "$m" ] && bench_mods+=("instrumentation/bench/$(basename "$(dirname "$m")")"); done
mods=(instrumentation instrumentation/libs "${lib_mods[@]}" instrumentation/bench "${bench_mods[@]}" tools/otlp-sink examples/demo)
for m in "${mods[@]}"; do
  cd "$ROOT/$m"
  bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.otel-build/*'))
  [ -z "$bad" ] || fail "$m: not gofmt'ed: $bad"
  go vet -tags libsqlite3 ./... || fail "$m: go vet"
  ok "$m: gofmt, go vet"
done
for m in instrumentation instrumentation/libs "${lib_mods[@]}" tools/otlp-sink; do
  cd "$ROOT/$m" && go test -count=1 ./... || fail "$m tests"
  ok "$m: go test"
done
cd "$ROOT/examples/demo" && go test -tags libsqlite3 -count=1 ./... || fail "demo tests"
ok "examples/demo: go test"
for m in instrumentation/libs "${lib_mods[@]}"; do
  cd "$ROOT/$m"
  cp go.mod "$TMPROOT/tidy.mod"; cp go.sum "$TMPROOT/tidy.sum"
  go mod tidy
  if ! cmp -s go.mod "$TMPROOT/tidy.mod" || ! cmp -s go.sum "$TMPROOT/tidy.sum"; then
    cp "$TMPROOT/tidy.mod" go.mod; cp "$TMPROOT/tidy.sum" go.sum
    fail "$m: go.mod/go.sum not tidy (run go mod tidy there)"
  fi
  ok "$m: go.mod and go.sum are tidy"
done
[ -z "$(cd "$ROOT/instrumentation" && go list -m all | grep -v '^otelgo.dev/instrumentation$')" ] || fail "instrumentation/ has dependencies"
ok "instrumentation/ (hook, otelrt) has zero dependencies"
