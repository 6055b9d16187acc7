#!/usr/bin/env bash
# End to end on tests/fixtures/setfields: set_fields built with
# `otel --rules`, proven by the program's output, on
#  - the main module: its own type (bare Options{} and a multi-line
#    &Options{...}: a field added, one wrapped through an added import, a
#    multi-line value overridden) and net/http.Client through a renamed
#    import (nh.Client{...}, wrapped);
#  - a third-party module beneath GOMODCACHE (a file-system module proxy,
#    compiled through otel's -toolexec wrapper): example.com/greet's own
#    &Config{...}, values that need no new import;
#  - the standard library: &http.Server{Handler: handler} in
#    net/http/httptest.NewUnstartedServer, its Handler wrapped (a response
#    header proves it) and MaxHeaderBytes added (a big header gets 431);
#    net/http's own `var DefaultTransport RoundTripper = &Transport{...}`
#    (bare Transport{...} in the package that declares it, a package-level
#    initializer): MaxIdleConns overridden, MaxIdleConnsPerHost added,
#    IdleConnTimeout wrapped.
# Also: the warning for a wrap of an absent field, line numbers (runtime.
# Caller after the multi-line literal, the copy's line count), the module
# cache untouched, and a -cover build (plan re-applied) gives the same output.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/setfields; rm -rf "$T"; mkdir -p "$T/bin"
F=$ROOT/tests/fixtures/setfields

P=$T/proxy
python3 "$ROOT/tests/fixtures/thirdparty/mkproxy.py" "$F/mods" "$P"
export GOPROXY=file://$P GOMODCACHE=$T/modcache GOSUMDB=off GOFLAGS=-modcacherw GOTOOLCHAIN=local
trap 'chmod -R u+w "$T" 2>/dev/null || true' EXIT

W=$T/app; cp -R "$F/app" "$W"; cd "$W"
go mod tidy >/dev/null 2>&1 || fail "go mod tidy against the file proxy failed"
git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm fixture
GREET=$GOMODCACHE/example.com/greet@v1.0.0/greet.go
[ -f "$GREET" ] || fail "example.com/greet is not in the module cache"
greet_sum=$(sha256sum "$GREET")

go build -o "$T/bin/plain" . || fail "plain build failed"
"$T/bin/plain" > "$T/plain.out" || fail "the plain program failed"
LINE=$(sed -n 's/^line: //p' "$T/plain.out")
[ -n "$LINE" ] || fail "the plain program printed no line: $(cat "$T/plain.out")"
cat > "$T/plain.want" <<WANT
defaults: {Name: Retries:0 Timeout:0s}
named: {Name:svc Retries:0 Timeout:2s}
line: $LINE
client timeout: 1s
greet: hello world (loud false)
default transport: 100 0 1m30s
small: 200 "" "ok"
big: 200 "" "ok"
WANT
diff -u "$T/plain.want" "$T/plain.out" >&2 || fail "the plain program's output is not what the test expects"

"$OTEL_BIN" --rules rules.yaml go build -o "$T/bin/otel" . 2> "$T/build.log" || { cat "$T/build.log"; fail "otel go build"; }
ok "otel go build"
"$T/bin/otel" > "$T/out" 2> "$T/err" || fail "the instrumented program failed: $(cat "$T/err")"
cat > "$T/want" <<WANT
defaults: {Name: Retries:3 Timeout:5s}
named: {Name:"svc" Retries:3 Timeout:5s}
line: $LINE
client timeout: 3s
greet: hi set world (loud true)
default transport: 7 3 45s
small: 200 "wrapped" "ok"
big: 431 "" "431 Request Header Fields Too Large"
WANT
diff -u "$T/want" "$T/out" >&2 || fail "instrumented program output differs (want, got above)"
ok "main module: Options{} gains Retries/Timeout, the multi-line &Options{...} has Name wrapped (added import strconv) and Timeout overridden; nh.Client{...} wrapped"
ok "third-party (module cache, -toolexec): greet's own &Config{...} overridden, wrapped, a field added"
ok "standard library: net/http/httptest's &http.Server{...} has Handler wrapped (X-Set-Fields header) and MaxHeaderBytes added (431)"
ok "standard library, own package, package-level initializer: net/http's DefaultTransport = &Transport{...} overridden, added, wrapped"
grep -q 'warning: [^ ]*/main.go:25:34: rule options: func defaults: a literal of example.com/sf.Options has no field Name to wrap; skipped' "$T/build.log" \
  || { cat "$T/build.log"; fail "no warning for the wrap of the absent field Name"; }
[ "$(grep -c 'warning:' "$T/build.log")" = 1 ] || { cat "$T/build.log"; fail "other warnings than the one expected"; }
ok "a wrap of an absent field is skipped with a warning naming rule, function and position (and no other warning)"

copy=$(jq -r '.Replace | to_entries[] | select(.key | endswith("/main.go")) | .value' .otel-build/setups/*/overlay.json)
[ "$(printf '%s\n' "$copy" | wc -l)" = 1 ] && [ -f "$copy" ] || fail "not one instrumented copy of main.go: $copy"
grep -q 'Retries: 3' "$copy" || fail "the copy of main.go has no Retries: 3"
[ "$(wc -l < "$copy")" = "$(wc -l < main.go)" ] || fail "main.go: line count changed"
ok "line count kept, runtime.Caller after the multi-line literal gives the plain build's line ($LINE)"
[ "$(sha256sum "$GREET")" = "$greet_sum" ] || fail "the module cache's greet.go changed"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
ok "module cache file and the user's tree unchanged"

"$OTEL_BIN" --rules rules.yaml go build -cover -o "$T/bin/cover" . 2> "$T/cover.log" || { cat "$T/cover.log"; fail "otel go build -cover"; }
GOCOVERDIR=$T "$T/bin/cover" > "$T/outc" 2>/dev/null || fail "the cover build failed"
diff -u "$T/want" "$T/outc" >&2 || fail "cover build output differs"
ok "-cover build gives the same output"

"$OTEL_BIN" --rules rules.yaml rules list > "$T/list" 2> "$T/list.err" || { cat "$T/list.err"; fail "otel rules list"; }
grep -q '^greet_config (rules.yaml:[0-9]*:1) target example.com/greet, struct_literal example.com/greet.Config$' "$T/list" \
  || { cat "$T/list"; fail "rules list: no struct_literal selector for greet_config"; }
grep -q '^    set_fields on literals of net/http.Transport: MaxIdleConns = 7; MaxIdleConnsPerHost = 3; IdleConnTimeout wrapped as {{ . }} / 2$' "$T/list" \
  || { cat "$T/list"; fail "rules list: no set_fields line for default_transport"; }
ok "otel rules list shows the struct_literal selector and what set_fields does"
