#!/usr/bin/env bash
# A user module whose own requirements select a newer OpenTelemetry module
# than otel's libs module lists: the alternate go.mod must settle on the
# versions MVS selects (go refuses a readonly build otherwise), the build
# works, spans flow, and the user's go.mod and go.sum stay untouched.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/mvs
mkdir -p "$W" && cd "$W"
printf 'module example.com/mvs\n\ngo 1.24\n' > go.mod
cat > main.go <<'GO'
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"go.opentelemetry.io/otel/trace"
)

func main() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, trace.SpanContextFromContext(r.Context()).IsValid())
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println("status", resp.StatusCode)
}
GO
# otel's libs module pins v1.41.0; the user asks for a newer one.
go get go.opentelemetry.io/otel/trace@v1.45.0 >/dev/null 2>&1 || fail "go get (module proxy)"
go mod tidy >/dev/null 2>&1 || fail "go mod tidy"
grep -q 'go.opentelemetry.io/otel/trace v1.45.0' go.mod || fail "fixture does not require v1.45.0"
git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm mvs
"$OTEL_BIN" go build -o "$TMPROOT/mvsapp" . 2>"$TMPROOT/mvs.log" || { cat "$TMPROOT/mvs.log"; fail "otel build with a newer SDK module selected"; }
out=$(OTEL_TRACES_EXPORTER=console "$TMPROOT/mvsapp" 2>/dev/null)
grep -q '"SpanKind":2' <<<"$out" || fail "no server span"
grep -q '^status 200' <<<"$out" || fail "program output changed"
ok "newer SDK module selected by the user's requirements: builds, spans flow"
[ -z "$(git status --porcelain)" ] || fail "user's files changed: $(git status --porcelain)"
ok "user's go.mod and go.sum untouched"
echo "t_e2e_mvs: $pass_count checks passed"
