#!/usr/bin/env bash
# Never stale (issue 4): every input change re-runs setup and gives the
# right program; unchanged inputs hit the cache; only what rules touch is
# recompiled after a plain build.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/cachefix
fixture cache "$W"
cd "$W"
T=$TMPROOT/cache-out; mkdir -p "$T"

# -- only instrumented packages, their dependents and hooks recompile --------
go build -o "$T/app-plain" .
"$OTEL_BIN" --rules rules.yaml go build -x -o "$T/app" . 2>"$T/x.log"
grep -oE '/compile .* -p [^ ]+' "$T/x.log" | sed -E 's/.* -p ([^ ]+).*/\1/' | sort -u > "$T/recompiled"
# Allowed: the instrumented packages (greet; main, which also depends on
# it) and the hook packages (hooks, otelrt; these may already be cached).
allowed='^(example.com/cachefix/greet|main|example.com/cachefix/hooks|otelgo.dev/instrumentation/otelrt)$'
extra=$(grep -vE "$allowed" "$T/recompiled" || true)
[ -z "$extra" ] || fail "recompiled packages no rule touched: $extra"
grep -qx 'example.com/cachefix/greet' "$T/recompiled" || fail "greet was not recompiled"
grep -qx 'main' "$T/recompiled" || fail "main was not recompiled"
ok "after a plain build, otel recompiles only: $(tr '\n' ' ' < "$T/recompiled")"
grep -q -- '-p runtime ' "$T/x.log" && fail "runtime was recompiled"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
ok "git status clean after otel build"

# has LINE: the program's output contains LINE. The whole output is taken
# first: a pipe into grep -q could be closed early and, with pipefail, the
# writer's SIGPIPE would count as a failure.
has() { local o; o=$("$T/app"); grep -qxF -- "$1" <<<"$o"; }
# build: one otel build; sets $STATE to hit or setup.
# build [otel flags]: one otel build (go flags in $GOARGS); sets $STATE.
build() {
  "$OTEL_BIN" -vv "$@" --rules rules.yaml go build ${GOARGS:-} -o "$T/app" . 2>"$T/log" || { cat "$T/log"; fail "build failed"; }
  if grep -q 'setup: cache hit' "$T/log"; then STATE=hit; elif grep -q 'setup: instrumented' "$T/log"; then STATE=setup; else cat "$T/log"; fail "no setup line"; fi
}
expect() { # expect hit|setup WHAT
  [ "$STATE" = "$1" ] || { cat "$T/log"; fail "$2: expected $1, got $STATE"; }
  ok "$2 -> $1"
}

build; expect hit "no change"
has 'hook: Hello("world")' || fail "hook missing"
has 'hello v1 world' || fail "wrong output"

sed -i 's/return 1/return 2/' util/util.go
build; expect hit "body edit in a package no rule reaches"
has 'greetings, you 2' || fail "body edit not built"

sed -i 's/hello v1/hello v2/' main.go
build -vv; expect setup "edit of a rule-targeted file"
grep -q "instrumented $W/main.go (1 function)" "$T/log" || { cat "$T/log"; fail "main.go not instrumented afresh"; }
grep -q "instrumented $W/greet/greet.go (1 function, cached)" "$T/log" || { cat "$T/log"; fail "unchanged greet.go not reused from the instrumented-file cache"; }
ok "only the edited file is instrumented again; the other comes from the instrumented-file cache"
grep -q 'packages from the saved graph' "$T/log" || { cat "$T/log"; fail "go list ran again for a body edit"; }
grep -q 'go list output reused' "$T/log" || fail "graph reuse not reported"
ok "a body edit of a rule-targeted file re-instruments without running go list"
has 'hello v2 world' || fail "stale instrumented copy after edit"
has 'hook: Hello("world")' || fail "hook lost after edit"

# Several quick edits of the same size, the last two within one second.
for v in 3 4 5; do
  sed -i "s/hello v[0-9]/hello v$v/" main.go
  build
  has "hello v$v world" || fail "stale output after quick edit v$v: $("$T/app" | head -1)"
done
ok "quick same-size edits within one second are each seen"
# Same size and the very same mtime as the version the last build saw (as
# on a filesystem with coarse timestamps): the edit must still be seen.
touch -d '2001-01-01 00:00:00' main.go
build
sed -i "s/hello v[0-9]/hello v6/" main.go
touch -d '2001-01-01 00:00:00' main.go
build
has "hello v6 world" || fail "edit hidden behind an equal size and mtime"
ok "edit with equal size and mtime is seen"

sed -i 's|^package util|package util\n\nimport _ "database/sql"|' util/util.go
build; expect setup "import added (go.mod unchanged)"
grep -q 'packages listed' "$T/log" || fail "an import added did not run go list"

printf 'package util\n\n// Extra is new.\nfunc Extra() {}\n' > util/extra.go
build; expect setup "new file"
rm util/old.go
build; expect setup "removed file"

echo "// a comment" >> go.mod
build; expect setup "go.mod edit"
echo "" > go.sum
build; expect setup "go.sum edit"

sed -i 's/^hello:/hello:\n  name: hello2/' rules.yaml
build; expect setup "rule file edit"
grep -q 'packages from the saved graph' "$T/log" || { cat "$T/log"; fail "a rule edit ran go list (rules do not change the graph)"; }

sed -i 's/hook: Hello/HOOK: Hello/' hooks/hooks.go
build; expect setup "hook source edit"
has 'HOOK: Hello("world")' || fail "hook edit not built"

GOARGS="-tags sometag" build; expect setup "-tags change"
GOARGS="-tags sometag" build; expect hit "same -tags again"

GOOS=windows "$OTEL_BIN" -v --rules rules.yaml go build -n -o "$T/app.exe" . >/dev/null 2>"$T/log"
grep -q 'setup: instrumented' "$T/log" || fail "GOOS change did not re-run setup"
ok "GOOS change -> setup"

mkdir -p "$TMPROOT/otherbin"
printf '#!/bin/sh\nexec %s "$@"\n' "$(command -v go)" > "$TMPROOT/otherbin/go"
chmod +x "$TMPROOT/otherbin/go"
PATH="$TMPROOT/otherbin:$PATH" "$OTEL_BIN" -v --rules rules.yaml go build -o "$T/app" . 2>"$T/log"
grep -q 'setup: instrumented' "$T/log" || fail "a different go binary did not re-run setup"
ok "different go on PATH -> setup"

# Back to a state seen before: its setup is still valid and is reused.
build; expect hit "back to the first go (earlier setup reused)"

GODEBUG=gocacheverify=1 "$OTEL_BIN" --rules rules.yaml go build -o "$T/app" . || fail "gocacheverify build failed"
has 'HOOK: Hello("world")' || fail "gocacheverify build lacks the hook"
ok "GODEBUG=gocacheverify=1 build succeeds"

echo "t_e2e_cache: $pass_count checks passed"
