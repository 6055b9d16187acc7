#!/usr/bin/env bash
# Third-party targets (issue 8): a module served from a local file-system
# module proxy lives beneath GOMODCACHE, where go refuses the overlay; otel
# instruments it through its -toolexec wrapper (docs/REACH.md). Checked:
# the hooks run (plain function with SetParam, method, unexported function
# with SetSkipCall), line positions, the user's tree and the module cache
# are untouched, cache keys (only instrumented packages recompile; plain
# builds afterwards reuse the plain cache), build info, never stale (rule
# edit, hook edit, module version bump), go test.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/thirdparty; rm -rf "$T"; mkdir -p "$T"
F=$ROOT/tests/fixtures/thirdparty

# -- a file-system module proxy with example.com/greet v1.0.0 and v1.1.0 ------
P=$T/proxy
python3 "$F/mkproxy.py" "$F/mods" "$P"
export GOPROXY=file://$P GOMODCACHE=$T/modcache GOSUMDB=off GOFLAGS=-modcacherw GOTOOLCHAIN=local
trap 'chmod -R u+w "$T" 2>/dev/null || true' EXIT

# -- the user's module, a git repository with a tidy go.sum ----------------------
W=$T/app; cp -R "$F/app" "$W"; mkdir -p "$T/bin"; cd "$W"
go mod tidy >/dev/null 2>&1 || fail "go mod tidy against the file proxy failed"
git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm fixture
GREET=$GOMODCACHE/example.com/greet@v1.0.0/greet.go
[ -f "$GREET" ] || fail "example.com/greet is not in the module cache"
WHERE_LINE=$(grep -n 'runtime.Caller(0)' "$GREET" | cut -d: -f1)

# snap: a listing of the module cache, with every file's mode and hash.
snap() { (cd "$GOMODCACHE" && find . -printf '%p %m %s\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
# compiled LOG: the packages a go -x log compiled, one a line.
compiled() { grep -oE '/compile .* -p [^ ]+' "$1" | sed -E 's/.* -p ([^ ]+).*/\1/' | sort -u || true; }

go build -o "$T/bin/plain" . || fail "plain build failed"
"$T/bin/plain" > "$T/plain.out"
grep -qx 'Hello: hello world' "$T/plain.out" || fail "plain program output: $(cat "$T/plain.out")"
snap > "$T/modcache.before"

# -- instrumented: only instrumented packages and their dependents recompile ----
"$OTEL_BIN" --rules rules.yaml go build -x -o "$T/bin/otel" . 2>"$T/x.log" || { tail -20 "$T/x.log"; fail "otel go build failed"; }
compiled "$T/x.log" > "$T/recompiled"
allowed='^(example.com/greet|main|example.com/app/hooks|otelgo.dev/instrumentation/otelrt)$'
extra=$(grep -vE "$allowed" "$T/recompiled" || true)
[ -z "$extra" ] || fail "recompiled packages no rule touched: $extra"
grep -qx 'example.com/greet' "$T/recompiled" || fail "example.com/greet was not recompiled"
grep -qx 'main' "$T/recompiled" || fail "main was not recompiled"
ok "after a plain build, otel recompiles only: $(tr '\n' ' ' < "$T/recompiled")"

"$T/bin/otel" > "$T/out" || fail "instrumented program failed"
cat > "$T/want" <<WANT
version: v1.0.0
hook: before greet.Hello("world")
Hello: hello hooked world
hook: before (*Counter).Add(2)
hook: after (*Counter).Add = 2
Add: 2
hook: before secret
Secret: skipped by the hook
Where: $GREET:$WHERE_LINE
WANT
diff "$T/want" "$T/out" >&2 || fail "instrumented program output differs (want, got above)"
ok "hooks ran on a plain function (SetParam), a method and an unexported function (SetSkipCall); runtime.Caller gives the module cache file and line"

snap > "$T/modcache.after"
cmp -s "$T/modcache.before" "$T/modcache.after" || { diff "$T/modcache.before" "$T/modcache.after" | head >&2; fail "the module cache changed"; }
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
ok "module cache byte-for-byte unchanged, git status clean"

# -- the plain cache is not poisoned; an unchanged instrumented build is free ----
go build -x -o "$T/bin/plain2" . 2>"$T/plain2.log"
[ -z "$(compiled "$T/plain2.log")" ] || fail "a plain build after otel's recompiled: $(compiled "$T/plain2.log" | tr '\n' ' ')"
cmp -s "$T/bin/plain" "$T/bin/plain2" || fail "the plain binary after an otel build differs from the first plain binary"
"$OTEL_BIN" --rules rules.yaml go build -x -o "$T/bin/otel2" . 2>"$T/x2.log"
[ -z "$(compiled "$T/x2.log")" ] || fail "an unchanged otel build recompiled: $(compiled "$T/x2.log" | tr '\n' ' ')"
cmp -s "$T/bin/otel" "$T/bin/otel2" || fail "two unchanged otel builds gave different binaries"
ok "plain build afterwards compiles nothing (identical binary); unchanged otel build compiles nothing"
# Another clone of the module (a CI checkout, a second work dir) shares the
# instrumented package's cache entry: its key follows content, not paths.
# (Same directory name: a rule's group is its rule file's directory name.)
W2=$T/clone/app; mkdir -p "$T/clone"; cp -R "$W" "$W2"; rm -rf "$W2/.otel-build"
(cd "$W2" && "$OTEL_BIN" --rules rules.yaml go build -x -o "$T/bin/clone" . 2>"$T/clone.log") || fail "otel build in a second clone failed"
if compiled "$T/clone.log" | grep -qx 'example.com/greet'; then fail "a second clone recompiled example.com/greet (its key depends on the work dir)"; fi
ok "a second clone reuses the instrumented example.com/greet from the build cache"

# -- build info: the user's modules keep their versions, nothing replaced -------
# deps BIN: one line per module of the binary's build info: path version [=> replacement]
deps() { go version -m "$1" | awk '$1 == "dep" {if (l) print l; l = $2 " " $3} $1 == "=>" {l = l " => " $2 " " $3} END {if (l) print l}'; }
deps "$T/bin/plain" > "$T/deps.plain"; deps "$T/bin/otel" > "$T/deps.otel"
grep -qx 'example.com/greet v1.0.0' "$T/deps.otel" || fail "build info lacks example.com/greet v1.0.0: $(cat "$T/deps.otel")"
missing=$(comm -23 <(sort "$T/deps.plain") <(sort "$T/deps.otel"))
[ -z "$missing" ] || fail "build info lost: $missing"
extra=$(comm -13 <(sort "$T/deps.plain") <(sort "$T/deps.otel") | grep -v '^otelgo.dev/' || true)
[ -z "$extra" ] || fail "build info has modules other than otel's added: $extra"
ok "go version -m: every module of the plain build, same version, none replaced; only otel's own added"

# -- -trimpath: positions read as module@version/file ---------------------------
"$OTEL_BIN" --rules rules.yaml go build -trimpath -o "$T/bin/trim" . || fail "otel go build -trimpath failed"
trim_out=$("$T/bin/trim"); grep -qx "Where: example.com/greet@v1.0.0/greet.go:$WHERE_LINE" <<<"$trim_out" \
  || fail "-trimpath position: $trim_out"
ok "-trimpath: example.com/greet@v1.0.0/greet.go:$WHERE_LINE"

# -- the user's own -gcflags still apply to the instrumented package ------------
"$OTEL_BIN" --rules rules.yaml go build -gcflags=all=-N -x -o "$T/bin/N" . 2>"$T/xN.log" || fail "otel go build -gcflags=all=-N failed"
grep -E '/compile .* -p example.com/greet ' "$T/xN.log" | grep -q -- ' -N ' || fail "-gcflags=all=-N did not reach example.com/greet"
n_out=$("$T/bin/N"); grep -qx 'Hello: hello hooked world' <<<"$n_out" || fail "-N build lost the hooks"
ok "-gcflags=all=-N reaches the instrumented package, hooks still run"

# -- go test: the test variant is instrumented too --------------------------------
"$OTEL_BIN" --rules rules.yaml go test -count=1 -v -run TestHello . > "$T/test.out" 2>&1 || { cat "$T/test.out"; fail "otel go test failed"; }
grep -q 'test Hello: hello hooked test' "$T/test.out" || { cat "$T/test.out"; fail "go test: the module was not instrumented"; }
ok "otel go test: hooks run in the test binary"

# -- never stale ------------------------------------------------------------------
rebuild() { "$OTEL_BIN" --rules rules.yaml go build -o "$T/bin/otel" . || fail "rebuild failed"; "$T/bin/otel" > "$T/out"; }
sed -i 's/"skipped by the hook"/"skipped by the edited hook"/' hooks/hooks.go
rebuild; grep -qx 'Secret: skipped by the edited hook' "$T/out" || fail "hook edit not seen: $(grep Secret "$T/out")"
ok "hook edit: seen on the next build"
python3 - rules.yaml <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
start = s.index("hello:"); end = s.index("add:")
open(p, "w").write(s[:start] + s[end:])
PY
rebuild; grep -qx 'Hello: hello world' "$T/out" || fail "rule removal not seen: $(grep Hello "$T/out")"
grep -q 'hook: before secret' "$T/out" || fail "other rules lost after the rule edit"
ok "rule edit: seen on the next build"
git checkout -q rules.yaml
go get example.com/greet@v1.1.0 >/dev/null 2>&1 || fail "go get example.com/greet@v1.1.0 failed"
rebuild
grep -qx 'version: v1.1.0' "$T/out" && grep -qx 'Hello: hi hooked world' "$T/out" \
  || fail "version bump not seen: $(cat "$T/out")"
ok "module version bump: the new version is built and instrumented"

# -- vendored: the module vendored into the user's tree ---------------------------
# otel builds vendored modules with -mod=mod (its hook modules are not in
# vendor/modules.txt), so the module comes from the module cache and is
# instrumented through the wrapper like any third-party module.
go mod vendor >/dev/null 2>&1 || fail "go mod vendor failed"
git add -A && git -c user.email=t@t -c user.name=t commit -qm vendor
[ -f vendor/example.com/greet/greet.go ] || fail "go mod vendor did not vendor example.com/greet"
"$OTEL_BIN" -v --rules rules.yaml go build -o "$T/bin/vendored" . 2>"$T/vendor.log" || { cat "$T/vendor.log"; fail "otel go build of the vendored module failed"; }
"$T/bin/vendored" > "$T/out"
grep -qx 'Hello: hi hooked world' "$T/out" || fail "vendored build not instrumented: $(cat "$T/out")"
[ -z "$(git status --porcelain)" ] || fail "git status not clean after the vendored build: $(git status --porcelain)"
ok "vendored module: instrumented (built with -mod=mod from the module cache), tree untouched"
