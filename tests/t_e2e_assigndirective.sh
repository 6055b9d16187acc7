#!/usr/bin/env bash
# End to end on tests/fixtures/assigndirective: assign_value on the
# standard library (net/http's DefaultMaxHeaderBytes const and
# ErrBodyNotAllowed var wrapped, path's ErrBadPattern var replaced, which
# path.Match returns) and on the module's own package (one name of
# `var Greeting, Target = "hi", "world"` replaced, another var wrapped),
# and expand_directive with quoted and bare arguments. Built with otel,
# run, output compared with want.txt; runtime.Caller in the marked
# function reports its original line; the instrumented copies keep their
# line count; a -cover build gives the same output; the plain build is
# unaffected; `otel rules list` shows both kinds; a tuple initializer and
# a malformed directive argument are setup errors naming the rule.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/assigndirective
T=$TMPROOT/assigndirective-out
fixture assigndirective "$W"
rm -rf "$T"; mkdir -p "$T"
cd "$W"

line=$(grep -n 'runtime.Caller(0)' main.go | cut -d: -f1)
sed "s/@LINE@/$line/" "$ROOT/tests/fixtures/assigndirective/want.txt" > "$T/want"

"$OTEL_BIN" --rules rules.yaml go build -o "$T/x" . 2> "$T/build.log" || { cat "$T/build.log"; fail "otel go build"; }
ok "otel go build"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
"$T/x" > "$T/out" 2> "$T/err" || fail "the program failed: $(cat "$T/err")"
diff -u "$T/want" "$T/out" || fail "output differs from want.txt (diff above)"
ok "std and own vars/consts replaced and wrapped, directive expanded ($(wc -l < "$T/want") lines)"
ok "runtime.Caller in the marked function reports the original line main.go:$line"

# The copies: same line count as the originals.
for f in main.go; do
  copy=$(jq -r --arg f "/$f" '.Replace | to_entries[] | select(.key | endswith($f)) | .value' .otel-build/setups/*/overlay.json | head -1)
  [ -f "$copy" ] || fail "no instrumented copy of $f"
  [ "$(wc -l < "$copy")" = "$(wc -l < "$f")" ] || fail "$f: line count changed"
  grep -q '^var Greeting, Target = "hi", "otel"$' "$copy" || fail "Target not replaced alone: $(grep '^var Greeting' "$copy")"
done
goroot=$(go env GOROOT)
for f in net/http/server.go path/match.go; do
  copy=$(jq -r --arg f "$goroot/src/$f" '.Replace[$f] // empty' .otel-build/setups/*/overlay.json | head -1)
  [ -f "$copy" ] || fail "no instrumented copy of $f"
  [ "$(wc -l < "$copy")" = "$(wc -l < "$goroot/src/$f")" ] || fail "$f: line count changed"
done
ok "instrumented copies keep every line (main.go, net/http/server.go, path/match.go)"

"$OTEL_BIN" --rules rules.yaml go build -cover -o "$T/xc" . 2> "$T/cover.log" || { cat "$T/cover.log"; fail "otel go build -cover"; }
mkdir -p "$T/covdata"
GOCOVERDIR=$T/covdata "$T/xc" > "$T/cover.out" || fail "the coverage binary failed"
diff -u "$T/want" "$T/cover.out" || fail "coverage build output differs from want.txt"
ok "go build -cover: same output (the plan re-applies assign_value and expand_directive)"

go build -o "$T/plain" . && "$T/plain" > "$T/plain.out"
grep -q '^hi world 3$' "$T/plain.out" || fail "the plain build changed: $(head -1 "$T/plain.out")"
grep -q 'span' "$T/plain.out" && fail "the plain build printed a span line"
ok "plain go build unaffected"

"$OTEL_BIN" --rules rules.yaml rules list . > "$T/list" 2>&1 || { cat "$T/list"; fail "rules list"; }
grep -q 'assign_value wrap as {{ . }} \* 2 to:' "$T/list" || { cat "$T/list"; fail "rules list: assign_value"; }
grep -q 'server.go:[0-9]*: const DefaultMaxHeaderBytes' "$T/list" || { cat "$T/list"; fail "rules list: the const"; }
grep -q 'main.go:11: var Target' "$T/list" || { cat "$T/list"; fail "rules list: the var"; }
grep -q 'expand_directive //otel:span (template) into:' "$T/list" || { cat "$T/list"; fail "rules list: expand_directive"; }
grep -q "main.go:$((line - 1)): func work" "$T/list" || { cat "$T/list"; fail "rules list: the marked function"; }
ok "otel rules list shows assign_value and expand_directive with what they reach"

# A tuple initializer: a setup error naming the rule and the name.
sed 's/^var Greeting, Target = "hi", "world"$/func two() (string, string) { return "hi", "world" }; var Greeting, Target = two()/' main.go > "$T/main.go"
cp "$T/main.go" main.go
if "$OTEL_BIN" --rules rules.yaml go build -o "$T/y" . 2> "$T/bad.log"; then fail "a tuple initializer built"; fi
grep -q 'rule target: var Target gets its value from a tuple initializer' "$T/bad.log" || { cat "$T/bad.log"; fail "tuple message"; }
git checkout -q main.go
ok "a tuple initializer is a setup error naming rule and name"

sed -i 's|^//otel:span name:"do work" kind:internal$|//otel:span name:"do work kind:internal|' main.go
if "$OTEL_BIN" --rules rules.yaml go build -o "$T/y" . 2> "$T/bad2.log"; then fail "a malformed directive argument built"; fi
grep -q 'rule span: //otel:span above func work: argument name:"do is not key:value' "$T/bad2.log" || { cat "$T/bad2.log"; fail "directive message"; }
git checkout -q main.go
ok "a malformed directive argument is a setup error naming rule and function"
echo "$pass_count checks passed"
