#!/usr/bin/env bash
# Coverage builds (issue 13): go gives the cover tool the files on disk, so
# otel's -toolexec wrapper runs cover on the user's files and instruments
# cover's output (docs/COVERAGE.md). For each coverage flag: the build
# works, the hooks run, the profile names only the user's files, and
# `go tool cover -func` is byte-identical to the plain run's. Also: a
# third-party target in the module cache, `go build -cover`, and a user's
# own -toolexec under otel.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/cover; rm -rf "$T"; mkdir -p "$T"
W=$T/mod
cp -R "$ROOT/tests/fixtures/cover-hooks" "$T/covhooks"
fixture cover "$W"
cd "$W"
OTEL=("$OTEL_BIN" --rules rules.yaml)

# same_func NAME PLAIN-PROFILE OTEL-PROFILE: -func outputs byte-identical,
# the otel profile names only the module's own files and real lines.
same_func() {
  go tool cover -func="$2" > "$T/$1.plain.func"
  go tool cover -func="$3" > "$T/$1.otel.func"
  diff "$T/$1.plain.func" "$T/$1.otel.func" >&2 || fail "$1: go tool cover -func differs (plain, otel above)"
  if grep -v '^mode:' "$3" | grep -vE '^example.com/covfix/(lib/lib|main)\.go:[0-9]+\.[0-9]+,[0-9]+\.[0-9]+ ' | grep -vE '^(path|example.com/greet)/' | grep -q .; then
    fail "$1: the profile names files that are not the user's: $(grep -v '^mode:' "$3" | grep -v covfix | head -3)"
  fi
  # Every block's end line exists in its file.
  local lines
  lines=$(wc -l < lib/lib.go)
  awk -F'[:,.]' -v n="$lines" '$1 ~ /lib\/lib$/ && $5 > n + 0 {bad = 1} END {exit bad}' <(grep 'lib/lib.go' "$3") \
    || fail "$1: a block ends past the last line of lib.go"
}
hooks_ran() { # LOG
  grep -q 'hook: Add(1, 2)' "$1" && grep -q 'hook: Inc = 3' "$1" && grep -q 'hook: path.Base("/a/b")' "$1" \
    || { cat "$1"; fail "hooks did not run"; }
}

# -- go test -cover, each mode, -coverprofile ---------------------------------
go test -count=1 -cover ./lib > "$T/plain-cover.log" 2>&1 || { cat "$T/plain-cover.log"; fail "plain go test -cover failed"; }
"${OTEL[@]}" go test -count=1 -v -cover ./lib > "$T/otel-cover.log" 2>&1 || { cat "$T/otel-cover.log"; fail "otel go test -cover failed"; }
hooks_ran "$T/otel-cover.log"
want=$(grep -o 'coverage: [0-9.]*% of statements' "$T/plain-cover.log" | head -1)
grep -q "$want" "$T/otel-cover.log" || fail "-cover: $(grep -o 'coverage: .*' "$T/otel-cover.log" | head -1), plain: $want"
ok "go test -cover: hooks ran, $want as plain"

for mode in set count atomic; do
  go test -count=1 -covermode=$mode -coverprofile="$T/p-$mode.out" ./lib >/dev/null 2>&1 || fail "plain -covermode=$mode failed"
  "${OTEL[@]}" go test -count=1 -v -covermode=$mode -coverprofile="$T/o-$mode.out" ./lib > "$T/o-$mode.log" 2>&1 \
    || { cat "$T/o-$mode.log"; fail "otel go test -covermode=$mode failed"; }
  hooks_ran "$T/o-$mode.log"
  same_func "covermode-$mode" "$T/p-$mode.out" "$T/o-$mode.out"
  cmp -s <(sort "$T/p-$mode.out") <(sort "$T/o-$mode.out") || fail "-covermode=$mode: the profiles' blocks or counts differ"
done
ok "-covermode=set|count|atomic -coverprofile: hooks ran; profiles and go tool cover -func identical to plain"

# -- -coverpkg: the module's packages, and a standard-library package ---------
for pkgs in ./... ./...,path; do
  go test -count=1 -coverpkg=$pkgs -coverprofile="$T/p-pkg.out" ./... >/dev/null 2>&1 || fail "plain -coverpkg=$pkgs failed"
  "${OTEL[@]}" go test -count=1 -v -coverpkg=$pkgs -coverprofile="$T/o-pkg.out" ./... > "$T/o-pkg.log" 2>&1 \
    || { cat "$T/o-pkg.log"; fail "otel go test -coverpkg=$pkgs failed"; }
  hooks_ran "$T/o-pkg.log"
  same_func "coverpkg-$(tr -c 'a-z' _ <<<"$pkgs")" "$T/p-pkg.out" "$T/o-pkg.out"
done
grep -q '^path/match.go' "$T/o-pkg.out" || fail "-coverpkg=./...,path: the standard library's path is not in the profile"
ok "-coverpkg=./... and ./...,path (standard library): hooks ran, go tool cover -func identical to plain"

# -- go build -cover ---------------------------------------------------------------
go build -cover -o "$T/app-plain" . || fail "plain go build -cover failed"
"${OTEL[@]}" go build -cover -o "$T/app-otel" . || fail "otel go build -cover failed"
mkdir -p "$T/gcd-plain" "$T/gcd-otel"
GOCOVERDIR=$T/gcd-plain "$T/app-plain" > "$T/app-plain.out"
GOCOVERDIR=$T/gcd-otel "$T/app-otel" > "$T/app-otel.out"
grep -q 'hook: Add(2, 3)' "$T/app-otel.out" && grep -q 'hook: path.Base("/x/y")' "$T/app-otel.out" || fail "go build -cover: hooks did not run: $(cat "$T/app-otel.out")"
go tool covdata textfmt -i="$T/gcd-plain" -o "$T/b-plain.out"
go tool covdata textfmt -i="$T/gcd-otel" -o "$T/b-otel.out"
same_func "build-cover" "$T/b-plain.out" "$T/b-otel.out"
ok "go build -cover: hooks ran; the binary's coverage data gives the same go tool cover -func"

# -- a user's own -toolexec --------------------------------------------------------
cat > "$T/logger" <<'SH'
#!/bin/sh
# Logs every tool call, then runs it.
echo "$*" >> "$LOGGER_OUT"
exec "$@"
SH
chmod +x "$T/logger"
export LOGGER_OUT=$T/logger.log; : > "$LOGGER_OUT"
# -gcflags=./...=-l gives the module's packages keys of their own, so that
# they compile (and are covered) again under the logger.
"${OTEL[@]}" go test -count=1 -v -cover -gcflags=./...=-l -toolexec="$T/logger" -x ./lib > "$T/o-tx.log" 2>&1 || { tail -20 "$T/o-tx.log"; fail "otel go test -toolexec failed"; }
hooks_ran "$T/o-tx.log"
compiles=$(grep -cE '/compile .* -p ' "$T/o-tx.log" || true)
logged=$(grep -cE '/compile .* -p ' "$LOGGER_OUT" || true)
[ "$compiles" -gt 0 ] && [ "$compiles" = "$logged" ] || fail "-toolexec wrapper saw $logged compiles, go ran $compiles"
grep -q '/cover ' "$LOGGER_OUT" || fail "-toolexec wrapper did not see the cover tool"
unset LOGGER_OUT
ok "a user's -toolexec runs under otel's: it saw all $compiles compiles and the cover calls; hooks ran"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"

# -- a third-party target in the module cache ---------------------------------------
F=$ROOT/tests/fixtures/thirdparty
P=$T/proxy
python3 "$F/mkproxy.py" "$F/mods" "$P"
(
  export GOPROXY=file://$P GOMODCACHE=$T/modcache GOSUMDB=off GOFLAGS=-modcacherw GOTOOLCHAIN=local
  A=$T/tp; cp -R "$F/app" "$A"; cd "$A"
  go mod tidy >/dev/null 2>&1 || fail "go mod tidy against the file proxy failed"
  go test -count=1 -coverpkg=example.com/greet -coverprofile="$T/p-tp.out" . >/dev/null 2>&1 || fail "plain third-party -coverpkg failed"
  "$OTEL_BIN" --rules rules.yaml go test -count=1 -v -coverpkg=example.com/greet -coverprofile="$T/o-tp.out" . > "$T/o-tp.log" 2>&1 \
    || { cat "$T/o-tp.log"; fail "otel go test -coverpkg=example.com/greet failed"; }
  grep -q 'test Hello: hello hooked test' "$T/o-tp.log" || { cat "$T/o-tp.log"; fail "third-party hooks did not run under -coverpkg"; }
  go tool cover -func="$T/p-tp.out" > "$T/p-tp.func"
  go tool cover -func="$T/o-tp.out" > "$T/o-tp.func"
  diff "$T/p-tp.func" "$T/o-tp.func" >&2 || fail "third-party: go tool cover -func differs"
  grep -q 'example.com/greet@v1.0.0/greet.go\|example.com/greet/greet.go' "$T/o-tp.func" || fail "third-party file not in the profile"
  chmod -R u+w "$T/modcache"
)
ok "third-party target (-coverpkg=example.com/greet): hooks ran, go tool cover -func identical to plain"
