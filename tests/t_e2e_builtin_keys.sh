#!/usr/bin/env bash
# With the built-in rules, only what the rules reach gets a new build-cache
# key: after a plain build, `otel go build -x` recompiles net/http and the
# packages above it (plus the SDK, new to the build), but not os, fmt or
# runtime: the flush at exit is a runtime exit hook, not a hook in package os.
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
