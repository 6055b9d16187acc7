#!/usr/bin/env bash
# With the built-in rules and OTEL_GO_GLS=off, only what the rules reach
# gets a new build-cache key: after a plain build, `otel go build -x`
# recompiles net/http and the packages above it (plus the SDK, new to the
# build), but not os, fmt or runtime: the flush at exit is a runtime exit
# hook, not a hook in package os. With GLS on (the default) runtime changes,
# so every package gets a new key, once: another module's instrumented
# build with the same toolchain recompiles none of the standard library.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/keys
mkdir -p "$W" && cd "$W"
printf 'module example.com/keys\n\ngo 1.24\n' > go.mod
cat > main.go <<'GO'
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	fmt.Println(http.StatusText(http.StatusTeapot))
	if len(os.Args) > 1 {
		os.Exit(3)
	}
}
GO
# A build cache of its own, so "recompiled" means exactly what otel changed.
export GOCACHE=$TMPROOT/keys-gocache
export OTEL_GO_GLS=off
go build -o "$TMPROOT/keys-plain" .
"$OTEL_BIN" -vv go build -x -o "$TMPROOT/keys-otel" . 2>"$TMPROOT/keys.log"
grep -oE '/compile .* -p [^ ]+' "$TMPROOT/keys.log" | sed -E 's/.* -p ([^ ]+).*/\1/' | sort -u > "$TMPROOT/keys.recompiled"
for p in os fmt runtime syscall io strings; do
  grep -qx "$p" "$TMPROOT/keys.recompiled" && fail "$p was recompiled"
done
grep -q 'otel: instrumented .*/src/net/http/server.go' "$TMPROOT/keys.log" || fail "net/http was not instrumented"
grep -q 'otel: instrumented .*/src/os/' "$TMPROOT/keys.log" && fail "package os was instrumented"
grep -qx 'net/http' "$TMPROOT/keys.recompiled" || fail "net/http was not recompiled"
ok "after a plain build: net/http instrumented; os, fmt, runtime, syscall, io, strings kept their plain keys"
out=$(OTEL_TRACES_EXPORTER=console "$TMPROOT/keys-otel" x 2>/dev/null) && fail "exit status lost" || [ $? = 3 ] || fail "exit status not 3"
ok "os.Exit(3) keeps its status with the exit hook"
# The same through a toolchain GOTOOLCHAIN downloads (its GOROOT is beneath
# GOMODCACHE, so net/http and the exit hook's package are compiled through
# otel's -toolexec wrapper): only what the rules reach recompiles, a plain
# build afterwards compiles nothing and gives the same binary, an unchanged
# instrumented build compiles nothing. The toolchain comes from the module
# proxy into the normal module cache (kept across runs).
cd "$W"
export GOTOOLCHAIN=go1.25.7
[ "$(go env GOVERSION)" = go1.25.7 ] || fail "GOTOOLCHAIN=go1.25.7 did not select go1.25.7"
case "$(go env GOROOT)" in "$(go env GOMODCACHE)"/*) ;; *) fail "go1.25.7's GOROOT is not beneath GOMODCACHE";; esac
compiled() { grep -oE '/compile .* -p [^ ]+' "$1" | sed -E 's/.* -p ([^ ]+).*/\1/' | sort -u || true; }
go build -o "$TMPROOT/tc-plain" .
"$OTEL_BIN" -vv go build -x -o "$TMPROOT/tc-otel" . 2>"$TMPROOT/tc.log" || { tail -20 "$TMPROOT/tc.log"; fail "otel go build with go1.25.7 failed"; }
compiled "$TMPROOT/tc.log" > "$TMPROOT/tc.recompiled"
for p in os fmt runtime syscall io strings net crypto/tls; do
  grep -qx "$p" "$TMPROOT/tc.recompiled" && fail "go1.25.7: $p was recompiled"
done
grep -qx 'net/http' "$TMPROOT/tc.recompiled" || fail "go1.25.7: net/http was not recompiled"
grep -q -- '-otelmark=' "$TMPROOT/tc.log" || fail "go1.25.7: net/http was not compiled through the wrapper"
# Every recompiled package of the plain graph is instrumented or imports
# (transitively) an instrumented one; the others are new to the build.
go list -deps -f '{{.ImportPath}} {{join .Deps " "}}' . > "$TMPROOT/tc.graph"
while read -r p; do
  line=$(grep -E "^$p( |\$)" "$TMPROOT/tc.graph" || true)
  [ -z "$line" ] && continue
  case " $line " in *" net/http "*|*" internal/coverage/cfile "*) ;; *) fail "go1.25.7: $p was recompiled but uses nothing instrumented";; esac
done < "$TMPROOT/tc.recompiled"
ok "go1.25.7 (downloaded): after a plain build, only net/http and what uses it recompile ($(wc -l < "$TMPROOT/tc.recompiled") packages)"
OTEL_BSP_SCHEDULE_DELAY=600000 OTEL_TRACES_EXPORTER=console "$TMPROOT/tc-otel" > /dev/null 2>&1 || fail "go1.25.7 instrumented program failed"
go build -x -o "$TMPROOT/tc-plain2" . 2>"$TMPROOT/tc-plain2.log"
[ -z "$(compiled "$TMPROOT/tc-plain2.log")" ] || fail "go1.25.7: a plain build after otel's compiled: $(compiled "$TMPROOT/tc-plain2.log" | tr '\n' ' ')"
cmp -s "$TMPROOT/tc-plain" "$TMPROOT/tc-plain2" || fail "go1.25.7: the plain binary changed after an otel build"
"$OTEL_BIN" go build -x -o "$TMPROOT/tc-otel2" . 2>"$TMPROOT/tc2.log"
[ -z "$(compiled "$TMPROOT/tc2.log")" ] || fail "go1.25.7: an unchanged otel build compiled: $(compiled "$TMPROOT/tc2.log" | tr '\n' ' ')"
cmp -s "$TMPROOT/tc-otel" "$TMPROOT/tc-otel2" || fail "go1.25.7: two unchanged otel builds differ"
ok "go1.25.7 (downloaded): plain build afterwards compiles nothing (same binary); unchanged otel build compiles nothing"
unset GOTOOLCHAIN

# GLS on: runtime changes, so every package above it has a new key, once
# per toolchain: in the shared build cache (which the first instrumented
# build of any module fills), another module's instrumented build then
# recompiles only its own package.
unset OTEL_GO_GLS GOCACHE
cd "$W"
"$OTEL_BIN" go build -o "$TMPROOT/keys-gls" . 2>"$TMPROOT/gls1.log" || { cat "$TMPROOT/gls1.log"; fail "GLS build failed"; }
W2=$TMPROOT/keys-second; rm -rf "$W2"; mkdir -p "$W2"
sed 's|example.com/keys|example.com/second|' "$W/go.mod" > "$W2/go.mod"; cp "$W/main.go" "$W2/"
cd "$W2"
"$OTEL_BIN" -vv go build -x -o "$TMPROOT/keys-gls2" . 2>"$TMPROOT/gls2.log"
grep -q 'otel: instrumented .*/src/runtime/proc.go' "$TMPROOT/gls2.log" || fail "GLS on: runtime was not instrumented"
compiled "$TMPROOT/gls2.log" > "$TMPROOT/gls2.recompiled"
[ "$(cat "$TMPROOT/gls2.recompiled")" = main ] || fail "GLS on: a second module recompiled more than its main: $(tr '\n' ' ' < "$TMPROOT/gls2.recompiled")"
OTEL_TRACES_EXPORTER=none "$TMPROOT/keys-gls2" > /dev/null || fail "GLS build does not run"
ok "GLS on: runtime instrumented; another module with the same imports then recompiles only main"

# A program that uses no instrumented library is built plainly: no SDK is
# linked for nothing (only otel's own flush rules would match its main).
S=$TMPROOT/keys-small; mkdir -p "$S"; cd "$S"
printf 'module example.com/small\n\ngo 1.24\n' > go.mod
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n' > main.go
"$OTEL_BIN" -v go build -x -o "$TMPROOT/small" . 2>"$TMPROOT/small.log"
grep -q 'no instrumented library in this build' "$TMPROOT/small.log" || { cat "$TMPROOT/small.log"; fail "stdlib-only program was instrumented"; }
grep -q -- '-overlay=' "$TMPROOT/small.log" && fail "stdlib-only program built with an overlay"
ok "a program with no instrumented library builds plainly"
echo "t_e2e_builtin_keys: $pass_count checks passed"
