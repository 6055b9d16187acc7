#!/usr/bin/env bash
# A team's shared build cache through GOCACHEPROG (issue 12), with an
# implementation that is not ours: github.com/bradfitz/go-tool-cache's
# go-cacher-server on loopback and its go-cacher client as GOCACHEPROG.
# "Machine A" and "machine B" each have an empty GOCACHE, an empty go-cacher
# directory, an empty module cache (filled from a file-system module proxy)
# and a clone of the module at a different path; they share only the
# server. A builds with `otel go build -trimpath`; B's same build then
# compiles nothing (-x: no compile, asm, cgo or C compiler step; only the
# link, which `go build` always reruns: it caches no executables, only
# `go run` and `go tool` do) and gives the byte-identical binary. Three
# builds: the built-in rules (net/http, the SDK, GLS in runtime), a
# third-party module a rule hooks (beneath GOMODCACHE: the -toolexec
# wrapper; tests/t_e2e_thirdparty.sh's fixture) and the built-in rules under
# GOTOOLCHAIN=go1.25.7 (its standard library beneath GOMODCACHE too; here
# both machines use the user's module cache, where that toolchain is).
# Also: with GOCACHE unset the setup cache (.otel-build/) still hits; otel
# installed at another path costs a recompile of main only.
# B's go-cacher still misses a few entries (its -verbose line in B's logs):
# cmd/go's module index, keyed by each module's directory; no compilation.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/gocacheprog; rm -rf "$T"; mkdir -p "$T/bin"
GTC=github.com/bradfitz/go-tool-cache
GTC_VERSION=v0.0.0-20260722201841-0bb331e19f64 # the proxy's latest (no tagged release)

# -- the cache server and client, built from the pinned version ------------------
# (with the installed Go and the user's caches: they are tools, not the subject)
(cd "$T" && GOBIN=$T/bin GOFLAGS= GOTOOLCHAIN=local \
  go install "$GTC/cmd/go-cacher@$GTC_VERSION" "$GTC/cmd/go-cacher-server@$GTC_VERSION") \
  || fail "cannot build go-cacher and go-cacher-server $GTC_VERSION"
PORT=$(free_port)
"$T/bin/go-cacher-server" -cache-dir "$T/server" -listen "127.0.0.1:$PORT" 2>"$T/server.log" &
SERVER_PID=$!
trap 'stop_pid "$SERVER_PID"; chmod -R u+w "$T" 2>/dev/null || true' EXIT
up() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && grep -q '^hi' <&3) 2>/dev/null; }
for _ in $(seq 100); do up && break; kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
up || fail "go-cacher-server did not start on 127.0.0.1:$PORT: $(cat "$T/server.log")"

# -- the machines -----------------------------------------------------------------
# Modules come from one file-system proxy: the third-party fixture's module
# and, linked in, the user's module download cache, which gets the SDK
# modules and the go1.25.7 toolchain first (no-ops when they are there).
# (One file:// proxy and nothing else: go verifies a downloaded toolchain
# against the checksum database unless GOPROXY is a single file:// proxy.)
(cd "$ROOT/instrumentation/libs" && GOFLAGS= go mod download) || fail "cannot download the SDK modules"
GOTOOLCHAIN=go1.25.7 go env GOVERSION >/dev/null || fail "cannot download go1.25.7"
F=$ROOT/tests/fixtures/thirdparty
python3 "$F/mkproxy.py" "$F/mods" "$T/proxy"
DL_MODCACHE=$(go env GOMODCACHE); DL=$DL_MODCACHE/cache/download
for e in "$DL"/*; do
  n=$(basename "$e"); [ "$n" = sumdb ] || [ -e "$T/proxy/$n" ] || ln -s "$e" "$T/proxy/$n"
done
export GOPROXY=file://$T/proxy GOSUMDB=off GOFLAGS=-modcacherw GOTOOLCHAIN=local
CACHER="$T/bin/go-cacher -verbose -cache-server http://127.0.0.1:$PORT -cache-dir"
# on M CMD...: run CMD on machine M (its build cache, cacher directory and
# module cache, or SHARED_MODCACHE when set; go's default cache directory,
# should GOCACHE be unset, below M too).
on() {
  local m=$T/$1; shift
  GOCACHE=$m/gocache GOMODCACHE=${SHARED_MODCACHE:-$m/modcache} XDG_CACHE_HOME=$m/xdg GOCACHEPROG="$CACHER $m/cacher" "$@"
}
# steps LOG: the tools a go -x log ran (compile, asm, cgo, link ..., and
# the C compiler as "cc"), counted.
steps() {
  { grep -oE '(^| )[^ ]*/pkg/tool/[^/ ]+/[a-z0-9]+( |$)' "$1" | sed -E 's/ +$//; s|.*/||'
    grep -oE '(^| )(gcc|cc|clang) ' "$1" | sed 's/.*/cc/'; } | sort | uniq -c || true
}
# compiled LOG: the packages a go -x log compiled, one a line.
compiled() { grep -oE '/compile .* -p [^ ]+' "$1" | sed -E 's/.* -p ([^ ]+).*/\1/' | sort -u || true; }

# share NAME DIR [otel flags]: clone DIR to A's and B's (different) paths,
# build on A, then on B; check that B compiled nothing and that the
# binaries are identical. Leaves $T/A/NAME.bin and $T/B/NAME.bin.
share() {
  local name=$1 src=$2; shift 2
  local a=$T/A/src/$name/app b=$T/B/ci/work/$name/app
  mkdir -p "$(dirname "$a")" "$(dirname "$b")"
  cp -R "$src" "$a"; cp -R "$src" "$b"
  local t0=$SECONDS
  (cd "$a" && on A "$OTEL_BIN" -v "$@" go build -trimpath -x -o "$T/A/$name.bin" . 2>"$T/A/$name.log") \
    || { tail -20 "$T/A/$name.log"; fail "$name: otel go build on machine A failed"; }
  local t1=$SECONDS
  (cd "$b" && on B "$OTEL_BIN" -v "$@" go build -trimpath -x -o "$T/B/$name.bin" . 2>"$T/B/$name.log") \
    || { tail -20 "$T/B/$name.log"; fail "$name: otel go build on machine B failed"; }
  local t2=$SECONDS
  compiled "$T/A/$name.log" > "$T/A/$name.compiled"
  grep -qx main "$T/A/$name.compiled" || fail "$name: machine A compiled no main package (not a cold build?)"
  steps "$T/B/$name.log" > "$T/B/$name.steps"
  [ "$(awk '{print $2}' "$T/B/$name.steps")" = link ] \
    || fail "$name: machine B ran more than the link: $(tr -s ' \n' ' ' < "$T/B/$name.steps")"
  [ "$(awk '{print $1}' "$T/B/$name.steps")" = 1 ] || fail "$name: machine B linked more than once"
  grep -q "$T/B/cacher/" "$T/B/$name.log" || fail "$name: machine B's link read nothing from its go-cacher directory"
  cmp -s "$T/A/$name.bin" "$T/B/$name.bin" || fail "$name: machines A and B built different binaries"
  local setup_ms; setup_ms=$(sed -nE 's/^otel: setup: instrumented .* in ([0-9]+) ms$/\1/p' "$T/B/$name.log")
  [ -n "$setup_ms" ] || fail "$name: no setup line in B's log"
  ok "$name: A compiled $(wc -l < "$T/A/$name.compiled") packages; B, another path and empty caches, compiled none (only the link) and built the byte-identical binary (A $((t1 - t0)) s, B $((t2 - t1)) s, of which setup $setup_ms ms)"
}

# -- 1. the built-in rules: net/http, the SDK, runtime (GLS) --------------------------
mkdir -p "$T/src/http"
printf 'module example.com/app\n\ngo 1.24\n' > "$T/src/http/go.mod"
cat > "$T/src/http/main.go" <<'GO'
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

func main() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/ping")
	if err != nil {
		panic(err)
	}
	res.Body.Close()
	fmt.Println("status:", res.StatusCode)
}
GO
share http "$T/src/http"
# The binary B got is instrumented: a client span and its server child.
# spans BIN: "name kind parent-is-a-client-span" of each span the console
# exporter printed, sorted, ";"-joined,
# after checking the program's own output.
spans() {
  local out; out=$(OTEL_TRACES_EXPORTER=console OTEL_METRICS_EXPORTER=none "$1") || fail "$1 failed"
  grep -qx 'status: 200' <<<"$out" || fail "$1: program output: $out"
  grep '^{' <<<"$out" | jq -rs 'map(select(.SpanKind == 3) | .SpanContext.SpanID) as $c
    | map("\(.Name) \(.SpanKind) \(.Parent.SpanID | IN($c[]))") | sort | join(";")'
}
got=$(spans "$T/B/http.bin")
[ "$got" = "GET 2 true;GET 3 false" ] || fail "http: machine B's binary did not trace the request: $got"
ok "http: machine B's binary traces the request (a client and a server span)"

# otel's own setup cache is .otel-build/ in each clone, never GOCACHE: B's
# setup ran in B's clone, and with GOCACHE unset (go's default cache
# directory is then beneath XDG_CACHE_HOME) the next build is a setup hit,
# compiles nothing and gives the same binary.
[ -f "$T/B/ci/work/http/app/.otel-build/.gitignore" ] || fail "http: no .otel-build/ in machine B's clone"
(cd "$T/B/ci/work/http/app" && on B env -u GOCACHE "$OTEL_BIN" -v go build -trimpath -x -o "$T/B/http2.bin" . 2>"$T/B/http2.log") \
  || { tail -20 "$T/B/http2.log"; fail "http: the build with GOCACHE unset failed"; }
grep -q '^otel: setup: cache hit' "$T/B/http2.log" || fail "http: GOCACHE unset: no setup cache hit: $(grep '^otel:' "$T/B/http2.log")"
[ -z "$(compiled "$T/B/http2.log")" ] || fail "http: GOCACHE unset: B compiled $(compiled "$T/B/http2.log" | tr '\n' ' ')"
cmp -s "$T/B/http.bin" "$T/B/http2.bin" || fail "http: GOCACHE unset: a different binary"
ok "http: with GOCACHE unset and GOCACHEPROG set: setup cache hit, nothing compiled, the same binary"

# The one path that does reach the build: a binary's build info names the
# directory otel's hook modules are replaced by (go writes it even under
# -trimpath). Machine C, with otel's instrumentation/ installed elsewhere,
# recompiles only main, and its binary differs from A's only there.
cp -R "$ROOT/instrumentation" "$T/C-share"
c=$T/C/src/app; mkdir -p "$T/C/src"; cp -R "$T/src/http" "$c"
(cd "$c" && on C env OTEL_GO_INSTRUMENTATION_DIR="$T/C-share" "$OTEL_BIN" go build -trimpath -x -o "$T/C/http.bin" . 2>"$T/C/http.log") \
  || { tail -20 "$T/C/http.log"; fail "http: the build with otel installed elsewhere failed"; }
[ "$(compiled "$T/C/http.log")" = main ] || fail "http: otel installed elsewhere: C compiled $(compiled "$T/C/http.log" | tr '\n' ' ')"
bi=$(go version -m "$T/C/http.bin"); grep -qE "=>[[:space:]]+$T/C-share/" <<<"$bi" || fail "http: C's build info does not name its instrumentation directory"
ok "http: otel installed at another path: only main recompiles (its build info names otel's directory)"

# -- 2. a third-party module beneath GOMODCACHE (the -toolexec wrapper) -----------
# Each machine's module cache is its own, at its own path.
mkdir -p "$T/src/thirdparty"; cp -R "$F/app/." "$T/src/thirdparty/"
(cd "$T/src/thirdparty" && on A go mod tidy >/dev/null 2>&1) || fail "go mod tidy against the file proxy failed"
share thirdparty "$T/src/thirdparty" --rules rules.yaml
grep -qx example.com/greet "$T/A/thirdparty.compiled" || fail "thirdparty: machine A did not compile example.com/greet"
grep -q -- '-otelmark=' "$T/A/thirdparty.log" || fail "thirdparty: example.com/greet was not compiled through the wrapper"
out=$("$T/B/thirdparty.bin")
grep -qx 'Hello: hello hooked world' <<<"$out" || fail "thirdparty: machine B's binary is not instrumented: $out"
grep -qE '^Where: example.com/greet@v1.0.0/greet.go:[0-9]+$' <<<"$out" || fail "thirdparty: -trimpath position: $out"
ok "thirdparty: machine B's binary runs the hooks; positions read example.com/greet@v1.0.0/greet.go"

# -- 3. a toolchain GOTOOLCHAIN selects ---------------------------------------------
# Its standard library is beneath GOMODCACHE, so net/http is compiled
# through the wrapper. Both machines use the user's module cache here, where
# go1.25.7 already is (a private copy each would add 2 x 275 MB to unpack
# and delete; scenario 2 has the per-machine module caches).
export GOTOOLCHAIN=go1.25.7 SHARED_MODCACHE=$DL_MODCACHE
(cd "$T/src/http" && on A go env GOVERSION GOROOT) > "$T/tc.env"
[ "$(sed -n 1p "$T/tc.env")" = go1.25.7 ] || fail "GOTOOLCHAIN=go1.25.7 did not select go1.25.7: $(cat "$T/tc.env")"
case "$(sed -n 2p "$T/tc.env")" in "$DL_MODCACHE/"*) ;; *) fail "go1.25.7's GOROOT is not beneath GOMODCACHE: $(cat "$T/tc.env")";; esac
share toolchain "$T/src/http"
grep -qx net/http "$T/A/toolchain.compiled" || fail "toolchain: machine A did not compile net/http"
grep -qE '/compile .* -p net/http .*-otelmark=' "$T/A/toolchain.log" || fail "toolchain: net/http was not compiled through the wrapper"
[ "$(go version "$T/B/toolchain.bin" | awk '{print $2}')" = go1.25.7 ] || fail "toolchain: B's binary is not built by go1.25.7"
got=$(spans "$T/B/toolchain.bin")
[ "$got" = "GET 2 true;GET 3 false" ] || fail "toolchain: machine B's binary did not trace the request: $got"
ok "toolchain: go1.25.7 binary from B traces the request"
unset GOTOOLCHAIN SHARED_MODCACHE

# -- everything went through GOCACHEPROG ------------------------------------------
# cmd/go still opens GOCACHE (for the fuzzing corpus) but keeps no build
# output there when GOCACHEPROG is set.
for d in "$T/A/gocache" "$T/B/gocache" "$T/B/xdg/go-build" "$T/C/gocache"; do
  [ -d "$d" ] || fail "no go cache directory $d"
  left=$(find "$d" -type f ! -name README ! -name trim.txt)
  [ -z "$left" ] || fail "build output in $d: $(head -3 <<<"$left")"
done
ok "GOCACHE directories hold no build output: it all went through go-cacher and the server"
echo "t_e2e_gocacheprog: $pass_count checks passed"
