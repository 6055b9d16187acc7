#!/usr/bin/env bash
# Go workspaces: -modfile is refused there, so otel writes an alternate
# go.work (the user's, paths made absolute, plus its own modules) and points
# GOWORK at it. A rule on a package of another workspace module, hooks in
# the main one; an import added in the other module re-runs setup.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/ws
fixture workspace "$W"
cd "$W/app"
run() { "$OTEL_BIN" -v --rules rules.yaml go build -o "$TMPROOT/wsapp" . 2>"$TMPROOT/ws.log" || { cat "$TMPROOT/ws.log"; fail "build failed"; }; }
run
out=$("$TMPROOT/wsapp")
[ "$out" = "$(printf 'hook: Twice 21\n42')" ] || fail "unexpected output: $out"
ok "workspace build: hook in app runs around lib.Twice"
[ -z "$(git -C "$W" status --porcelain)" ] || fail "git status not clean: $(git -C "$W" status --porcelain)"
ok "user's go.work, go.mod files untouched"
run; grep -q 'cache hit' "$TMPROOT/ws.log" || fail "no cache hit on an unchanged workspace"
ok "unchanged workspace: cache hit"
sed -i 's|^package lib|package lib\n\nimport _ "strings"|' "$W/lib/lib.go"
run; grep -q 'setup: instrumented' "$TMPROOT/ws.log" || fail "import added in another workspace module did not re-run setup"
grep -q 'packages listed' "$TMPROOT/ws.log" || fail "import added in another workspace module did not re-run go list"
ok "import added in the other workspace module: setup re-runs"
echo "t_e2e_workspace: $pass_count checks passed"
