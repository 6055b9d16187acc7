#!/usr/bin/env bash
# cgo files (import "C") are instrumented like any other (issue 9): a cgo
# main package in the user's tree (overlay: go runs cgo on the overlay's
# copy with -trimpath copy=>original) and a cgo module beneath GOMODCACHE
# (the -toolexec wrapper hands cgo the instrumented copy, docs/REACH.md).
# Checked: the hooks run (SetParam on a function whose body calls C),
# runtime.Caller, a panic's stack trace, compiler and cgo errors name the
# original file and line (also with -trimpath), the user's tree and the
# module cache are untouched, cache keys (a plain build afterwards compiles
# nothing, an unchanged otel build compiles nothing), go test, coverage
# (same profile as a plain build), Go 1.24 and 1.27; both preambles include
# a header of their package directory.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
command -v gcc >/dev/null || fail "gcc is needed (scripts/install-deps.sh installs it)"
T=$TMPROOT/cgo; rm -rf "$T"; mkdir -p "$T/bin"
F=$ROOT/tests/fixtures/cgo

# -- a file-system module proxy with the cgo module example.com/cgreet ----------
P=$T/proxy
python3 "$F/mkproxy.py" "$F/mods" "$P"
export GOPROXY=file://$P GOMODCACHE=$T/modcache GOSUMDB=off GOFLAGS=-modcacherw GOTOOLCHAIN=local CGO_ENABLED=1
trap 'chmod -R u+w "$T" 2>/dev/null || true' EXIT

W=$T/app; cp -R "$F/app" "$W"; cd "$W"
go mod tidy >/dev/null 2>&1 || fail "go mod tidy against the file proxy failed"
git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm fixture
CGREET=$GOMODCACHE/example.com/cgreet@v1.0.0/cgreet.go
[ -f "$CGREET" ] || fail "example.com/cgreet is not in the module cache"
[ "$(go list -f '{{.CgoFiles}}' .)" = '[main.go]' ] || fail "main.go is not a cgo file: $(go list -f '{{.CgoFiles}}' .)"
[ "$(go list -f '{{.CgoFiles}}' example.com/cgreet)" = '[cgreet.go]' ] || fail "cgreet.go is not a cgo file"
CALLER_LINE=$(grep -n 'runtime.Caller(0)' main.go | cut -d: -f1)
PANIC_LINE=$(grep -n 'panic("boom")' main.go | cut -d: -f1)
CG_LINE=$(grep -n 'runtime.Caller(0)' "$CGREET" | cut -d: -f1)

snap() { (cd "$GOMODCACHE" && find . -path ./cache -prune -o -printf '%p %m %s\n' | sort && find . -path ./cache -prune -o -type f -print0 | sort -z | xargs -0 sha256sum); }
compiled() { grep -oE '/compile .* -p [^ ]+' "$1" | sed -E 's/.* -p ([^ ]+).*/\1/' | sort -u || true; }

go build -o "$T/bin/plain" . || fail "plain build failed"
"$T/bin/plain" > "$T/plain.out"
grep -qx 'Sum: 5' "$T/plain.out" && grep -qx 'Twice: 8 Greeting: plain' "$T/plain.out" || fail "plain program output: $(cat "$T/plain.out")"
snap > "$T/modcache.before"

# -- instrumented: hooks in both cgo files ---------------------------------------
"$OTEL_BIN" -v --rules rules.yaml go build -o "$T/bin/otel" . 2>"$T/build.log" || { cat "$T/build.log"; fail "otel go build failed"; }
grep -q 'instrumented [0-9]* functions in 2 files' "$T/build.log" || fail "expected the 2 cgo files instrumented: $(cat "$T/build.log")"
"$T/bin/otel" > "$T/out" || fail "instrumented program failed"
cat > "$T/want" <<WANT
hook: before main.Sum(2, 3)
code: in Sum
hook: after Sum = 43
Sum: 43
hook: before Mul(3, 4)
hook: after Mul = 12
Mul: 12
Where: $W/main.go:$CALLER_LINE
Mode: assigned Upper: <C>
hook: before cgreet.Twice(4)
Twice: 10 Greeting: assigned
cgreet.Where: $CGREET:$CG_LINE
WANT
diff "$T/want" "$T/out" >&2 || fail "instrumented program output differs (want, got above)"
ok "hooks ran in a cgo main package (SetParam into a C call, C-typed parameters and result boxed) and in a cgo module beneath GOMODCACHE; inject_code, assign_value, wrap_call too; runtime.Caller gives the original file:line in both"

if "$T/bin/otel" panic > "$T/panic.out" 2>&1; then fail "the panic run exited 0"; fi
grep -qx 'hook: before crash' "$T/panic.out" || fail "the hook of the panicking function did not run: $(cat "$T/panic.out")"
grep -A1 -x 'main.crash()' "$T/panic.out" > "$T/panic.frame" || true
grep -q "^	$W/main.go:$PANIC_LINE " "$T/panic.frame" || fail "panic stack trace does not give main.go:$PANIC_LINE: $(cat "$T/panic.out")"
ok "a panic in an instrumented cgo function: the stack trace gives main.go:$PANIC_LINE"

"$OTEL_BIN" --rules rules.yaml go build -trimpath -o "$T/bin/trim" . || fail "otel go build -trimpath failed"
"$T/bin/trim" > "$T/trim.out"
grep -qx "Where: example.com/capp/main.go:$CALLER_LINE" "$T/trim.out" \
  && grep -qx "cgreet.Where: example.com/cgreet@v1.0.0/cgreet.go:$CG_LINE" "$T/trim.out" \
  || fail "-trimpath positions: $(grep Where "$T/trim.out")"
if "$T/bin/trim" panic > "$T/trimpanic.out" 2>&1; then fail "the -trimpath panic run exited 0"; fi
grep -q "^	example.com/capp/main.go:$PANIC_LINE " "$T/trimpanic.out" || fail "-trimpath stack trace: $(cat "$T/trimpanic.out")"
ok "-trimpath: example.com/capp/main.go and example.com/cgreet@v1.0.0/cgreet.go, as go gives them"

snap > "$T/modcache.after"
cmp -s "$T/modcache.before" "$T/modcache.after" || { diff "$T/modcache.before" "$T/modcache.after" | head >&2; fail "the module cache changed"; }
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
diff -r -x .git -x .otel-build -x go.sum "$F/app" "$W" >&2 || fail "the user's files changed"
ok "user tree byte-for-byte unchanged (git status clean), module cache unchanged"

# -- cache keys ---------------------------------------------------------------------
go build -x -o "$T/bin/plain2" . 2>"$T/plain2.log"
[ -z "$(compiled "$T/plain2.log")" ] || fail "a plain build after otel's recompiled: $(compiled "$T/plain2.log" | tr '\n' ' ')"
cmp -s "$T/bin/plain" "$T/bin/plain2" || fail "the plain binary after an otel build differs from the first plain binary"
"$OTEL_BIN" --rules rules.yaml go build -x -o "$T/bin/otel2" . 2>"$T/x2.log"
[ -z "$(compiled "$T/x2.log")" ] || fail "an unchanged otel build recompiled: $(compiled "$T/x2.log" | tr '\n' ' ')"
"$T/bin/otel2" > "$T/out2"; diff "$T/want" "$T/out2" >&2 || fail "the cached otel build's output differs"
ok "plain build afterwards compiles nothing (identical binary); unchanged otel build compiles nothing"

# -- errors name the original file ---------------------------------------------------
E=$T/err; cp -R "$W" "$E"; rm -rf "$E/.otel-build"; cd "$E"
sed -i "${CALLER_LINE}i\\	var _ int = \"x\"" main.go
if "$OTEL_BIN" --rules rules.yaml go build -o /dev/null . > "$T/err.log" 2>&1; then fail "a type error built"; fi
grep -q "^\./main.go:$CALLER_LINE:14: cannot use \"x\"" "$T/err.log" || fail "compiler error position: $(cat "$T/err.log")"
sed -i "${CALLER_LINE}s/.*/	_ = C.nope/" main.go
if "$OTEL_BIN" --rules rules.yaml go build -o /dev/null . > "$T/err.log" 2>&1; then fail "an unknown C name built"; fi
grep -q "^\./main.go:$CALLER_LINE:6: could not determine what C.nope refers to" "$T/err.log" || fail "cgo error position: $(cat "$T/err.log")"
grep -q '\.otel-build' "$T/err.log" && fail "an error names otel's copy: $(cat "$T/err.log")"
cd "$W"
ok "compiler and cgo errors in an instrumented cgo file: ./main.go:$CALLER_LINE"

# -- go test ------------------------------------------------------------------------
"$OTEL_BIN" --rules rules.yaml go test -count=1 -v . > "$T/test.out" 2>&1 || { cat "$T/test.out"; fail "otel go test failed"; }
grep -q 'hook: after Sum = 41' "$T/test.out" && grep -q "test Sum: 41 Where: $W/main.go:$CALLER_LINE Twice: 4\$" "$T/test.out" \
  || { cat "$T/test.out"; fail "go test: the cgo files were not instrumented"; }
ok "otel go test: the hooks of both cgo files (main's, the module's) run in the test binary"

# -- coverage: the user's blocks only, as in a plain build ----------------------------
# covrun NAME CMD...: CMD test -coverprofile into $T/cov.NAME.out, its
# per-function report into $T/func.NAME.
covrun() { local name=$1; shift
  "$@" test -count=1 -v -coverpkg=example.com/capp,example.com/cgreet -coverprofile="$T/cov.$name.out" . > "$T/cov.$name.log" 2>&1 \
    || { cat "$T/cov.$name.log"; fail "$* test -cover failed"; }
  go tool cover -func="$T/cov.$name.out" > "$T/func.$name"; }
covrun plain go
covrun otel "$OTEL_BIN" --rules rules.yaml go
grep -q 'hook: after Sum = 41' "$T/cov.otel.log" || { cat "$T/cov.otel.log"; fail "go test -cover: the hooks did not run"; }
diff "$T/func.plain" "$T/func.otel" >&2 || fail "coverage of the cgo packages differs from a plain build's"
grep -q 'cgreet.go' "$T/func.otel" && grep -q 'main.go' "$T/func.otel" || fail "coverage does not list the cgo files: $(cat "$T/func.otel")"
"$OTEL_BIN" --rules rules.yaml go build -cover -coverpkg=example.com/cgreet -o "$T/bin/cover" . || fail "otel go build -cover failed"
"$T/bin/cover" > "$T/cover.out"; grep -qx 'Twice: 10 Greeting: assigned' "$T/cover.out" || fail "the -cover build lost the module's hook: $(cat "$T/cover.out")"
ok "coverage builds with cgo files: hooks run, go tool cover -func identical to the plain build's"

# -- other Go releases (their toolchains, where the machine has them) ---------------------
for v in 1.24.13 1.27.3; do
  gobin=
  for d in "$(env -u GOMODCACHE go env GOMODCACHE)" "$HOME/go/pkg/mod"; do
    [ -x "$d/golang.org/toolchain@v0.0.1-go$v.linux-amd64/bin/go" ] && { gobin=$d/golang.org/toolchain@v0.0.1-go$v.linux-amd64/bin; break; }
  done
  [ -x "$gobin/go" ] || { echo "skip: go$v is not on this machine"; continue; }
  PATH=$gobin:$PATH "$OTEL_BIN" --rules rules.yaml go build -o "$T/bin/otel-$v" . || fail "go$v: otel go build failed"
  "$T/bin/otel-$v" > "$T/out-$v"
  diff "$T/want" "$T/out-$v" >&2 || fail "go$v: instrumented program output differs"
  ok "go$v: both cgo files instrumented, positions exact"
done
