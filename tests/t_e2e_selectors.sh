#!/usr/bin/env bash
# End to end on tests/fixtures/selectors: the selectors of RULES.md beyond
# an exact target and func/recv. A hook package with its own HookContext
# prints GetPackageName() (the target file's package clause: `main`, `http`,
# `a`, ...) and the function name; want.txt is the program's whole output,
# so every selector must reach exactly the functions the comments in
# rules.yaml name: `$root` (and a versioned `$root` rule that never matches
# the unversioned main module), glob targets with `*`, `**` and `{a,b}`,
# where.file predicates (has_func, has_struct under not, has_directive,
# has_package, is_test) and combinators, signature filters (param,
# signature, last_result, signature_contains under not, result). Also:
# `otel rules list` shows the selectors, and an edit of one selector is
# seen by the next build (the instrumented-file cache key covers it).
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS
W=$TMPROOT/selectors
T=$TMPROOT/selectors-out
fixture selectors "$W"
rm -rf "$T"; mkdir -p "$T"
cd "$W"

"$OTEL_BIN" --rules rules.yaml go build -o "$T/x" . 2> "$T/build.log" || { cat "$T/build.log"; fail "otel go build"; }
"$T/x" > "$T/out" 2> "$T/err" || fail "the program failed: $(cat "$T/err")"
diff -u want.txt "$T/out" || fail "program output differs from want.txt (diff above)"
[ ! -s "$T/err" ] || fail "unexpected stderr: $(cat "$T/err")"
ok "output matches want.txt ($(grep -c '^hook:' want.txt) hook lines)"
grep -qx 'hook: main.hello' "$T/out" || fail "GetPackageName in a main package"
grep -qx 'hook: http.StatusText(404)' "$T/out" || fail "GetPackageName in net/http"
ok "GetPackageName() is the package clause's name: main, http"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
ok "git status clean"

"$OTEL_BIN" --rules rules.yaml rules list ./... > "$T/list" 2>&1 || { cat "$T/list"; fail "rules list"; }
want_list() { grep -qxF -- "$1" "$T/list" || { cat "$T/list"; fail "rules list lacks: $1"; }; }
want_list 'root_tag (rules.yaml:11:1) target $root, Tag'
want_list '  example.com/sel/files: version (none) not in v0.0.1'
want_list 'alt_run (rules.yaml:24:1) target example.com/sel/{other,svc/**/a}, Run'
want_list 'files_not_struct (rules.yaml:40:1) target example.com/sel/files, one-of(C; D), file(not(has_struct Conn))'
want_list "    $W/files/two.go:8: func D"
want_list 'sig_last_result (rules.yaml:64:1) target example.com/sel/sig, one-of(*A.Do; *B.Do; *C.Do), last_result error, not(signature_contains(args [context.Context]))'
want_list "    $W/sig/sig.go:13: func (*C) Do"
ok "rules list shows \$root, globs, file predicates and signature filters with the functions they reach"

# Change one selector only: the next build must see it (C's file declares Conn).
sed -i 's/file: {not: {has_struct: Conn}}/file: {not: {has_struct: Nope}}/' rules.yaml
"$OTEL_BIN" --rules rules.yaml go build -o "$T/x2" . 2> "$T/build2.log" || { cat "$T/build2.log"; fail "otel go build after the edit"; }
"$T/x2" > "$T/out2"
grep -qx 'hook: files.C' "$T/out2" || { cat "$T/out2"; fail "edited selector not applied (stale cache?)"; }
[ "$(grep -c '^hook:' "$T/out2")" -eq $(( $(grep -c '^hook:' want.txt) + 1 )) ] || fail "the edit changed more than C"
ok "an edited file predicate is applied by the next build"
echo "e2e selectors: $pass_count checks passed"
