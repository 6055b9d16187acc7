#!/usr/bin/env bash
# Smoke test of the benchmark generator (bench/gen), at N=20 so it stays
# fast. Timing is never checked here (that is `make bench`); this checks
# that the generated module is what the runner relies on:
#  - the generator refuses a non-empty output directory;
#  - the output is deterministic (two runs, same bytes);
#  - there are N library packages, some using net/http (ServeHTTP and a
#    client call) and some using database/sql (Query/Exec with context);
#  - every package has the "bench:edit" marker and bench.env names an
#    existing package to edit and plain packages for the import scenario;
#  - the module builds and vets with plain go, and cmd/server runs;
#  - the runner's two edits (body edit, import added) still build.
set -u
cd "$ROOT" || exit 1
fail=0
check() { # check DESCRIPTION COMMAND...
  if "${@:2}" >/dev/null 2>&1; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}

gen=$TMPROOT/bench_gen
(cd bench/gen && go build -o "$gen" .) || { echo "FAIL: cannot build bench/gen"; exit 1; }

a=$TMPROOT/bench_a; b=$TMPROOT/bench_b
"$gen" -n 20 -o "$a" || { echo "FAIL: generator failed"; exit 1; }
"$gen" -n 20 -o "$b" || { echo "FAIL: generator failed (second run)"; exit 1; }
check "generator is deterministic" diff -r "$a" "$b"
if "$gen" -n 20 -o "$a" 2>/dev/null; then echo "FAIL: generator wrote into a non-empty directory"; fail=1
else echo "ok: generator refuses a non-empty directory"; fi

npkg=$(find "$a/pkg" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$npkg" -eq 20 ] && echo "ok: 20 packages" || { echo "FAIL: $npkg packages, want 20"; fail=1; }
check "a package serves HTTP" grep -rq 'func (h \*Handler) ServeHTTP(w http.ResponseWriter' "$a/pkg"
check "a package calls an HTTP client" grep -rq 'client.Do(req)' "$a/pkg"
check "a package queries a database" grep -rq 'QueryContext(ctx' "$a/pkg"
check "a package executes a statement" grep -rq 'ExecContext(ctx' "$a/pkg"
nmark=$(grep -rl 'seed := 0 // bench:edit' "$a/pkg" | wc -l)
[ "$nmark" -eq 20 ] && echo "ok: every package has the edit marker" || { echo "FAIL: $nmark edit markers, want 20"; fail=1; }
check "go.mod has no requirements" bash -c "! grep -q require '$a/go.mod'"

# shellcheck disable=SC1091
. "$a/bench.env"
check "BENCH_EDIT_PKG names a package" test -f "$a/pkg/$BENCH_EDIT_PKG/logic.go"
first_plain=${BENCH_PLAIN_PKGS%% *}
check "BENCH_PLAIN_PKGS names plain packages" bash -c "[ -n '$first_plain' ] && ! grep -q 'net/http\|database/sql' '$a/pkg/$first_plain/'*.go"

cd "$a" || exit 1
check "generated module builds with go build ./..." go build ./...
check "generated module passes go vet" go vet ./...
out=$(go run ./cmd/server 2>&1)
[ "$out" = "registered 80" ] && echo "ok: cmd/server runs" || { echo "FAIL: cmd/server printed: $out"; fail=1; }

# The runner's edits must keep the module building.
# shellcheck source=../bench/edits.sh
. "$ROOT/bench/edits.sh"
check "body_edit finds its marker" body_edit "$a" "$BENCH_EDIT_PKG" 7
check "body_edit changed the line" grep -q 'seed := 7 // bench:edit' "pkg/$BENCH_EDIT_PKG/logic.go"
check "add_import adds the import" add_import "$a" "$first_plain"
check "add_import refuses a second time" bash -c ". '$ROOT/bench/edits.sh'; ! add_import '$a' '$first_plain'"
check "module builds after the body edit and the added import" go build ./...
mkdir -p "$TMPROOT/bench_rules/x" && echo 'a: 1' >"$TMPROOT/bench_rules/x/rules.yaml"
check "rule_edit appends a comment" rule_edit "$TMPROOT/bench_rules" 3
check "rule_edit wrote the comment" grep -q '^# bench edit 3$' "$TMPROOT/bench_rules/x/rules.yaml"

# With -uuid-every, the module calls github.com/google/uuid and the
# benchmark's rule on it instruments that package through the wrapper.
u=$TMPROOT/bench_uuid
"$gen" -n 20 -uuid-every 10 -o "$u" || { echo "FAIL: generator failed (-uuid-every)"; exit 1; }
cd "$u" || exit 1
check "-uuid-every: go.mod requires github.com/google/uuid" grep -q 'require github.com/google/uuid v1.6.0' go.mod
check "-uuid-every: a package calls uuid.NewString" grep -rq 'uuid.NewString()' pkg
check "-uuid-every: go mod tidy" go mod tidy
mkdir -p "$TMPROOT/bench_rules_u/thirdparty" && cp "$ROOT/bench/thirdparty-rules.yaml" "$TMPROOT/bench_rules_u/thirdparty/rules.yaml"
# (Checked on otel's own exec line: with a warm build cache go may compile
# nothing.)
if "$OTEL_BIN" -vv --rules "$TMPROOT/bench_rules_u" go build -o "$TMPROOT/bench_uuid_bin/" ./... 2>"$TMPROOT/bench_uuid.log" \
   && grep -q -- '-toolexec=.* -gcflags=github.com/google/uuid=-otelmark=' "$TMPROOT/bench_uuid.log"; then
  echo "ok: the third-party rule instruments github.com/google/uuid through the wrapper"
else
  echo "FAIL: the benchmark's third-party rule did not apply: $(tail -5 "$TMPROOT/bench_uuid.log")"; fail=1
fi
exit $fail
