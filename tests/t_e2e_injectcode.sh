#!/usr/bin/env bash
# End to end on tests/fixtures/injectcode: add_struct_fields on a struct
# whose closing brace shares a line with a field, inject_code after a
# statement matched by where.pattern (a template, multi-line raw code with
# a comment and a multi-line raw string, new imports) that sets the new
# fields, and inject_code before a matched statement of another function
# that reads them. Built with otel, run, output compared with want.txt; the
# line runtime.Caller reports after the injection is the original one; the
# plain build still builds and prints no tag; a -cover build gives the
# same output; `otel rules list` shows both
# kinds; a pattern that matches nothing is a setup error naming rule and
# function.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/injectcode
T=$TMPROOT/injectcode-out
fixture injectcode "$W"
rm -rf "$T"; mkdir -p "$T"
cd "$W"

line=$(grep -n 'return where()' lib/lib.go | cut -d: -f1)
sed "s/@LINE@/$line/" "$ROOT/tests/fixtures/injectcode/want.txt" > "$T/want"

"$OTEL_BIN" --rules rules.yaml go build -o "$T/x" . 2> "$T/build.log" || { cat "$T/build.log"; fail "otel go build"; }
ok "otel go build"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
"$T/x" > "$T/out" 2> "$T/err" || fail "the program failed: $(cat "$T/err")"
diff -u "$T/want" "$T/out" || fail "output differs from want.txt (diff above)"
ok "injected code sets the added fields and other injected code reads them ($(wc -l < "$T/want") lines)"
ok "runtime.Caller after injected code reports the original line lib.go:$line"

# The instrumented copy: same line count, the fields on the brace's line.
copy=$(jq -r '.Replace | to_entries[] | select(.key | endswith("/lib/lib.go")) | .value' .otel-build/setups/*/overlay.json | head -1)
[ -f "$copy" ] || fail "no instrumented copy of lib/lib.go in the overlay"
brace=$(grep -n 'Path string }' lib/lib.go | cut -d: -f1)
sed -n "${brace}p" "$copy" | grep -q 'Path string ; otelTag string; otelSeen map\[string\]int }' ||
  fail "fields not on the struct's closing line: $(sed -n "${brace}p" "$copy")"
grep "^package lib" "$copy" | grep -q 'import strings "strings"; import strconv "strconv"' || fail "imports not on the package line: $(grep "^package" "$copy")"
grep "^package lib" "$copy" | grep -q "import fmt" && fail "fmt is imported already and must not be added again"
ok "fields on the closing brace's line, imports added once on the package clause's line"

# Coverage builds re-apply both kinds to the cover tool's output (plans).
"$OTEL_BIN" --rules rules.yaml go build -cover -o "$T/xc" . 2> "$T/cover.log" || { cat "$T/cover.log"; fail "otel go build -cover"; }
mkdir -p "$T/covdata"
GOCOVERDIR=$T/covdata "$T/xc" > "$T/cover.out" || fail "the coverage binary failed"
diff -u "$T/want" "$T/cover.out" || fail "coverage build output differs from want.txt"
ok "go build -cover: same output (the plan re-applies inject_code and add_struct_fields)"

go build -o "$T/plain" . && "$T/plain" > "$T/plain.out"
grep -q '^tag' "$T/plain.out" && fail "the plain build printed a tag"
ok "plain go build unaffected"

"$OTEL_BIN" --rules rules.yaml rules list ./... > "$T/list" 2>&1 || { cat "$T/list"; fail "rules list"; }
grep -q 'add_struct_fields otelTag string; otelSeen map\[string\]int to:' "$T/list" || { cat "$T/list"; fail "rules list: add_struct_fields"; }
grep -q 'lib.go:[0-9]*: type Request struct' "$T/list" || { cat "$T/list"; fail "rules list: the struct"; }
grep -q 'inject_code after the statement matching /.*/ (template) into:' "$T/list" || { cat "$T/list"; fail "rules list: inject_code"; }
grep -q 'imports strconv "strconv"' "$T/list" || { cat "$T/list"; fail "rules list: imports"; }
ok "otel rules list shows add_struct_fields, inject_code and imports"

# No statement matches: a setup error naming the rule and the function.
sed 's/placement: before/placement: after/; s/\^return where/^return nowhere/' rules.yaml > "$T/bad.yaml"
if "$OTEL_BIN" --rules "$T/bad.yaml" go build -o "$T/y" . 2> "$T/bad.log"; then fail "a pattern matching nothing built"; fi
grep -q 'rule read_tag: where.pattern "\^return nowhere\\(\\)\$" matches no statement of func Report' "$T/bad.log" || { cat "$T/bad.log"; fail "message"; }
ok "a pattern that matches no statement is a setup error naming rule and function"
echo "$pass_count checks passed"
