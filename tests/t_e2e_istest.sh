#!/usr/bin/env bash
# where.file.is_test (tests/fixtures/istest): under `otel go test` a
# package's test files are candidates, so a rule with is_test: true
# instruments a function of an internal test file (target: the package) and
# of an external test file (target: <package>_test, as go compiles it), and
# is_test: false keeps a rule out of them. `otel go build` never touches a
# test file. Positions in the instrumented test files stay exact (t.Logf's
# file:line), the user's tree is untouched, and an edit of an instrumented
# test file is seen by the next run.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/istest
T=$TMPROOT/istest-out
fixture istest "$W"
rm -rf "$T"; mkdir -p "$T"
cd "$W"

# gotest LOG: otel go test -v ./lib into LOG.
gotest() { "$OTEL_BIN" -v --rules rules.yaml go test -count=1 -v ./lib > "$1" 2>&1 || { cat "$1"; fail "otel go test failed"; }; }
has() { grep -qxF -- "$1" "$2" || { cat "$2"; fail "missing line: $1"; }; }
hasnt() { ! grep -qF -- "$1" "$2" || { cat "$2"; fail "unexpected: $1"; }; }

gotest "$T/test.log"
has 'hook test_files: lib.checkT' "$T/test.log"
has 'hook xtest: lib_test.Check' "$T/test.log"
[ "$(grep -c 'hook not_tests: lib.Check$' "$T/test.log")" = 2 ] || { cat "$T/test.log"; fail "not_tests should hook lib.Check, called once by each test"; }
hasnt 'hook not_tests: lib.checkT' "$T/test.log"
hasnt 'hook not_tests: lib_test.' "$T/test.log"
grep -q 'instrumented 3 functions in 3 files' "$T/test.log" || { cat "$T/test.log"; fail "expected lib.go, lib_test.go and x_test.go instrumented"; }
ok "is_test: true instruments the internal (lib_test.go) and external (x_test.go) test files; is_test: false leaves them alone"

has '    lib_test.go:9: internal: internal v1 lib.Check' "$T/test.log"
has '    x_test.go:13: external: lib_test.Check lib.Check' "$T/test.log"
ok "positions in the instrumented test files are exact (t.Logf gives lib_test.go:9, x_test.go:13)"

"$OTEL_BIN" -v --rules rules.yaml go build -o "$T/prog" . 2> "$T/build.log" || { cat "$T/build.log"; fail "otel go build failed"; }
grep -q 'instrumented 1 function in 1 file' "$T/build.log" || { cat "$T/build.log"; fail "otel go build should instrument lib.go only"; }
"$T/prog" > "$T/prog.out"
printf 'hook not_tests: lib.Check\nmain: lib.Check\n' | diff - "$T/prog.out" >&2 || fail "program output (want, got above)"
ok "otel go build: only the non-test file is instrumented"

# -cover: test files are never covered; the instrumented ones still run.
go test -count=1 -cover ./lib > "$T/plaincover.log" 2>&1 || { cat "$T/plaincover.log"; fail "plain go test -cover failed"; }
"$OTEL_BIN" --rules rules.yaml go test -count=1 -v -cover ./lib > "$T/cover.log" 2>&1 || { cat "$T/cover.log"; fail "otel go test -cover failed"; }
has 'hook test_files: lib.checkT' "$T/cover.log"
has 'hook xtest: lib_test.Check' "$T/cover.log"
want=$(grep -m1 -o 'coverage: [0-9.]*% of statements' "$T/plaincover.log")
grep -q "$want" "$T/cover.log" || { cat "$T/cover.log"; fail "coverage differs from the plain run's ($want)"; }
ok "otel go test -cover: the test-file hooks run, $want as in a plain run"

[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
ok "git status clean"

# -- never stale: an edit of an instrumented test file ------------------------------
gotest "$T/hit.log"
grep -q 'setup: cache hit' "$T/hit.log" || { cat "$T/hit.log"; fail "an unchanged otel go test missed the setup cache"; }
sed -i 's/internal v1/internal v2/' lib/lib_test.go
gotest "$T/edit.log"
grep -q 'setup: cache hit' "$T/edit.log" && { cat "$T/edit.log"; fail "a test file edit was answered by the setup cache"; }
has '    lib_test.go:9: internal: internal v2 lib.Check' "$T/edit.log"
has 'hook test_files: lib.checkT' "$T/edit.log"
ok "an edit of an instrumented test file is seen by the next otel go test, still instrumented"
git checkout -q lib/lib_test.go

# -- a new test file: the function moves to it (go list's answer changes) -----------
python3 - lib/lib_test.go <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
fn = 'func checkT() string { return "internal v1" }\n'
assert fn in s
open(p, "w").write(s.replace(fn, ""))
open("lib/moved_test.go", "w").write("package lib\n\n" + fn.replace("v1", "moved"))
PY
gotest "$T/moved.log"
has 'hook test_files: lib.checkT' "$T/moved.log"
grep -q "internal: internal moved lib.Check" "$T/moved.log" || { cat "$T/moved.log"; fail "the moved function did not run"; }
ok "a function moved to a new test file is instrumented there on the next otel go test"
rm lib/moved_test.go; git checkout -q lib/lib_test.go
