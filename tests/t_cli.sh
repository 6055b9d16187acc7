#!/usr/bin/env bash
# The otel command line: help, version, pass-through of go subcommands that
# build nothing, otel flags after `go`, environment twins, rules list, clean.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/clifix
fixture cache "$W"
cd "$W"

help=$("$OTEL_BIN" --help); grep -q '^usage: otel' <<<"$help" || fail "--help"
ok "--help prints usage"
ver=$("$OTEL_BIN" version); grep -qE '^otel version [0-9]+\.[0-9]+\.[0-9]+' <<<"$ver" || fail "version"
ok "version: $("$OTEL_BIN" version)"
if "$OTEL_BIN" frobnicate 2>/dev/null; then fail "unknown command accepted"; fi
ok "unknown command: exit status $("$OTEL_BIN" frobnicate >/dev/null 2>&1; echo $?)"

[ "$("$OTEL_BIN" go env GOVERSION)" = "$(go env GOVERSION)" ] || fail "go env not passed through"
[ ! -e .otel-build ] || fail "go env created .otel-build"
ok "otel go env is go env, and writes nothing"

# otel flags right after `go`, and the environment twin of --rules.
"$OTEL_BIN" go -v --rules rules.yaml build -o "$TMPROOT/cliapp" . 2>"$TMPROOT/cli.log"
grep -q 'setup: instrumented 2 functions' "$TMPROOT/cli.log" || { cat "$TMPROOT/cli.log"; fail "flags after go"; }
ok "otel flags after go: $(grep setup: "$TMPROOT/cli.log")"
OTEL_GO_RULES=rules.yaml OTEL_GO_LOG_LEVEL=info "$OTEL_BIN" go build -o "$TMPROOT/cliapp" . 2>"$TMPROOT/cli.log"
grep -q 'setup: cache hit (2 instrumented files)' "$TMPROOT/cli.log" || { cat "$TMPROOT/cli.log"; fail "OTEL_GO_RULES / OTEL_GO_LOG_LEVEL"; }
out=$("$TMPROOT/cliapp"); grep -qxF 'hook: Hello("world")' <<<"$out" || fail "hooks missing with OTEL_GO_RULES"
ok "OTEL_GO_RULES and OTEL_GO_LOG_LEVEL"
# Silent on success by default.
"$OTEL_BIN" --rules rules.yaml go build -o "$TMPROOT/cliapp" . 2>"$TMPROOT/cli.log"
[ ! -s "$TMPROOT/cli.log" ] || { cat "$TMPROOT/cli.log"; fail "output on a quiet successful build"; }
ok "silent on success without -v"

"$OTEL_BIN" --rules rules.yaml rules list ./... > "$TMPROOT/list.txt"
grep -qE "^hello \(rules.yaml:1:1\) target main, Hello" "$TMPROOT/list.txt" || { cat "$TMPROOT/list.txt"; fail "rules list: rule line"; }
grep -qE "^    $W/main.go:11: func Hello" "$TMPROOT/list.txt" || { cat "$TMPROOT/list.txt"; fail "rules list: function found"; }
grep -qE "^    $W/greet/greet.go:4: func Greet" "$TMPROOT/list.txt" || { cat "$TMPROOT/list.txt"; fail "rules list: greet"; }
ok "rules list shows each rule's package and function with file:line"

# --force-rebuild passes -a; --work-dir moves otel's files.
"$OTEL_BIN" -vv --force-rebuild --work-dir "$TMPROOT/wd" --rules rules.yaml go build -n -o "$TMPROOT/cliapp" . >/dev/null 2>"$TMPROOT/cli.log"
grep -qE 'otel: exec go build .* -a( |$)' "$TMPROOT/cli.log" || { cat "$TMPROOT/cli.log"; fail "--force-rebuild did not pass -a"; }
grep -q "overlay=$TMPROOT/wd/setups/" "$TMPROOT/cli.log" || fail "--work-dir not used"
[ -f "$TMPROOT/wd/.gitignore" ] || fail "--work-dir has no .gitignore"
ok "--force-rebuild passes -a; --work-dir holds the setup"

# go build -C DIR: otel changes directory first, like go.
cp rules.yaml "$TMPROOT/c-rules.yaml"
(cd "$TMPROOT" && "$OTEL_BIN" --rules c-rules.yaml go build -C "$W" -o "$TMPROOT/capp" .) || fail "-C build"
out=$("$TMPROOT/capp"); grep -qxF 'hook: Hello("world")' <<<"$out" || fail "-C build lacks the hook"
ok "go build -C DIR"

# Old setups are pruned: at most 16 are kept, the current one among them.
for i in $(seq 1 18); do
  "$OTEL_BIN" --rules rules.yaml go build -n -tags "prune$i" -o "$TMPROOT/cliapp" . >/dev/null 2>&1 || fail "prune build $i"
done
kept=$(ls .otel-build/setups | wc -l)
[ "$kept" -le 16 ] || fail "$kept setups kept"
"$OTEL_BIN" -v --rules rules.yaml go build -n -tags prune18 -o "$TMPROOT/cliapp" . >/dev/null 2>"$TMPROOT/prune.log"
grep -q 'cache hit' "$TMPROOT/prune.log" || fail "the newest setup was pruned"
ok "old setups pruned ($kept kept), the newest still hits"

"$OTEL_BIN" clean
[ ! -e .otel-build ] || fail "clean left .otel-build"
ok "clean removes .otel-build"
[ -z "$(git status --porcelain)" ] || fail "git status not clean"
echo "t_cli: $pass_count checks passed"
