#!/usr/bin/env bash
# The Go toolchain matrix: the traces program (examples/demo, built-in rules,
# spans sent to tools/otlp-sink on loopback only by the flush at exit) and
# the basic fixture (tests/fixtures/basic with its rules, output compared
# with want.txt) are built with otel and run under every supported Go
# version, each in two ways:
#   installed  a Go tree on disk outside GOMODCACHE, its bin/go first on
#              PATH, GOTOOLCHAIN=local (go1.26.8 is /usr/local/go when that
#              is its version; the others are copies, made in $TMPROOT, of
#              the toolchains the go command downloads into the module cache)
#   toolchain  GOTOOLCHAIN=<version> with a go of another version first on
#              PATH, so go switches to the toolchain in GOMODCACHE (whose
#              standard library otel then reaches through -toolexec)
# Each cell checks, under its own environment, that `go env GOVERSION` is
# the intended version and `go env GOROOT` lies beneath GOMODCACHE exactly
# for toolchain cells, and that both binaries were linked by that version.
# The normal module cache and build cache are used (toolchains and modules
# are downloaded once and reused); every cell builds fresh copies.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
command -v jq >/dev/null || fail "jq is needed"
unset GOROOT OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
VERSIONS="go1.24.13 go1.25.7 go1.26.8 go1.27.3"
T=$TMPROOT/toolchains; rm -rf "$T"; mkdir -p "$T"
BASE_PATH=$PATH
t_start=$(date +%s)

# The go on PATH as the suite found it, used only to fetch toolchains, to
# build the sink and to read a binary's Go version.
HOST_GO=$(command -v go) || fail "no go on PATH"
hgo() { GOTOOLCHAIN=local "$HOST_GO" "$@"; }
MODCACHE=$(hgo env GOMODCACHE)
PLATFORM=$(hgo env GOHOSTOS)-$(hgo env GOHOSTARCH)
HOST_VERSION=$(hgo env GOVERSION)
HOST_ROOT=$(hgo env GOROOT)
under_modcache() { case "$1/" in "$MODCACHE"/*) return 0;; *) return 1;; esac; }

# -- the toolchains: one installed GOROOT per version -------------------------------
# fetch V GO: make GO switch to V, which downloads V into the module cache
# (GO must be of another version: a go does not switch to itself).
tc_of() { echo "$MODCACHE/golang.org/toolchain@v0.0.1-$1.$PLATFORM"; }
fetch() {
  if [ -x "$(tc_of "$1")/bin/go" ]; then return; fi
  (cd "$T" && GOTOOLCHAIN=$1 "$2" version >"$T/fetch-$1.log" 2>&1) \
    || { cat "$T/fetch-$1.log"; fail "cannot download $1 through the module proxy"; }
  [ -x "$(tc_of "$1")/bin/go" ] || fail "$1 downloaded, but $(tc_of "$1")/bin/go is missing"
}
other=
for v in $VERSIONS; do
  if [ "$v" != "$HOST_VERSION" ]; then fetch "$v" "$HOST_GO"; other=${other:-$v}; fi
done
for v in $VERSIONS; do
  if [ "$v" = "$HOST_VERSION" ]; then fetch "$v" "$(tc_of "$other")/bin/go"; fi
done
declare -A ROOT_OF
for v in $VERSIONS; do
  if [ "$HOST_VERSION" = "$v" ] && ! under_modcache "$HOST_ROOT"; then
    ROOT_OF[$v]=$HOST_ROOT
  else
    ROOT_OF[$v]=$T/goroot-$v
    cp -a "$(tc_of "$v")" "${ROOT_OF[$v]}" && chmod -R u+w "${ROOT_OF[$v]}"
  fi
done
# other_root V: an installed GOROOT of another version (the host's first).
other_root() {
  local w
  if [ "$HOST_VERSION" != "$1" ] && ! under_modcache "$HOST_ROOT"; then echo "$HOST_ROOT"; return; fi
  for w in $VERSIONS; do
    if [ "$w" != "$1" ]; then echo "${ROOT_OF[$w]}"; return; fi
  done
  fail "no toolchain other than $1"
}

# -- the receiver ---------------------------------------------------------------------
start_sink "$T" hgo
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"
export OTEL_SERVICE_NAME=e2e-toolchains
# A long batch delay: spans reach the sink only through otel's flush at exit.
export OTEL_BSP_SCHEDULE_DELAY=600000

q() { jq -s -r "$@" "$S"; }
WANT_NAMES='["BEGIN [CLIENT]","COMMIT [CLIENT]","CREATE users [CLIENT]","GET /users/{id} [SERVER]","GET [CLIENT]","INSERT users [CLIENT]","INSERT users [CLIENT]","INSERT users [CLIENT]","SELECT users [CLIENT]"]'
field() { jq -r ".$2" <<<"$1"; }
# one FILTER: the single span that FILTER selects (fails unless exactly one).
one() {
  local n; n=$(q "[.[] | select($1)] | length")
  [ "$n" = 1 ] || { q -c '.[] | [.name, .kind, .trace_id, .parent_span_id]' >&2; fail "$CELL: expected one span ($1), got $n"; }
  q -c ".[] | select($1)"
}
# linked_by BIN: the Go version that linked BIN.
linked_by() { hgo version "$1" | sed -E 's/^[^:]*: //'; }

# cell MODE VERSION: set up the cell's environment, check it selects VERSION,
# then build, run and check the demo and the basic fixture.
cell() {
  local mode=$1 v=$2 start; start=$(date +%s)
  CELL="$mode $v"
  local C=$T/$mode-$v; mkdir -p "$C"
  if [ "$mode" = installed ]; then
    export PATH="${ROOT_OF[$v]}/bin:$BASE_PATH" GOTOOLCHAIN=local
  else
    export PATH="$(other_root "$v")/bin:$BASE_PATH" GOTOOLCHAIN=$v
    local first; first=$(GOTOOLCHAIN=local go env GOVERSION)
    [ "$first" != "$v" ] || fail "$CELL: the go first on PATH is $v itself, nothing to switch from"
  fi
  local gv gr; gv=$(cd "$C" && go env GOVERSION) && gr=$(cd "$C" && go env GOROOT) || fail "$CELL: go env failed"
  [ "$gv" = "$v" ] || fail "$CELL: go env GOVERSION = $gv"
  if [ "$mode" = installed ]; then
    if under_modcache "$gr"; then fail "$CELL: GOROOT $gr is beneath GOMODCACHE"; fi
    [ "$gr" = "${ROOT_OF[$v]}" ] || fail "$CELL: GOROOT = $gr, want ${ROOT_OF[$v]}"
  else
    under_modcache "$gr" || fail "$CELL: GOROOT $gr is not beneath GOMODCACHE $MODCACHE"
  fi

  # The traces program: client -> server -> database in one trace.
  local D=$C/demo; cp -R "$ROOT/examples/demo" "$D"; rm -rf "$D/.otel-build"
  (cd "$D" && "$OTEL_BIN" go build -tags libsqlite3 -o "$C/demo-bin" .) >"$C/demo-build.log" 2>&1 \
    || { cat "$C/demo-build.log"; fail "$CELL: otel go build of the demo failed"; }
  [ "$(linked_by "$C/demo-bin")" = "$v" ] || fail "$CELL: demo linked by $(linked_by "$C/demo-bin")"
  : > "$S"
  "$C/demo-bin" -db "$C/demo.db" -get /users/1 >"$C/demo.out" 2>"$C/demo.err" \
    || { cat "$C/demo.err"; fail "$CELL: demo failed"; }
  grep -q '200 OK {"id":1,"name":"ada"}' "$C/demo.out" || fail "$CELL: demo output: $(cat "$C/demo.out")"
  local CLIENT SERVER DB
  CLIENT=$(one '.kind == "CLIENT" and .name == "GET"')
  SERVER=$(one '.name == "GET /users/{id}"')
  DB=$(one '.name == "SELECT users"')
  [ "$(field "$SERVER" kind)" = SERVER ] && [ "$(field "$DB" kind)" = CLIENT ] || fail "$CELL: span kinds"
  [ "$(field "$CLIENT" trace_id)" = "$(field "$SERVER" trace_id)" ] && [ "$(field "$SERVER" trace_id)" = "$(field "$DB" trace_id)" ] \
    || fail "$CELL: client, server and db spans are not one trace"
  [ "$(field "$CLIENT" parent_span_id)" = "" ] || fail "$CELL: client span has a parent"
  [ "$(field "$SERVER" parent_span_id)" = "$(field "$CLIENT" span_id)" ] || fail "$CELL: server span's parent is not the client span"
  [ "$(field "$DB" parent_span_id)" = "$(field "$SERVER" span_id)" ] || fail "$CELL: db span's parent is not the server span"
  [ "$(field "$SERVER" 'attributes["http.route"]')" = "/users/{id}" ] || fail "$CELL: server span http.route"
  [ "$(field "$DB" 'attributes["db.system.name"]')" = sqlite ] || fail "$CELL: db span db.system.name"
  [ "$(q '[.[] | select(.service_name != "e2e-toolchains")] | length')" = 0 ] || fail "$CELL: service.name"
  # The whole set of spans, by name and kind, is the same on every cell:
  # the seeding transaction (with no span for its Rollback after Commit)
  # and the request's three.
  local names nspans; names=$(q -c '[.[] | "\(.name) [\(.kind)]"] | sort')
  [ "$names" = "$WANT_NAMES" ] || fail "$CELL: spans $names, want $WANT_NAMES"
  nspans=$(q length)

  # The basic fixture: its output line by line, and the hook-panic line alone on stderr.
  local B=$C/basic; fixture basic "$B" >/dev/null
  local where_line; where_line=$(grep -n 'runtime.Caller(0)' "$B/lib/lib.go" | cut -d: -f1)
  sed "s/@WHERE_LINE@/$where_line/" "$ROOT/tests/fixtures/basic/want.txt" > "$C/basic.want"
  (cd "$B" && "$OTEL_BIN" --rules rules.yaml go build -o "$C/basic-bin" .) >"$C/basic-build.log" 2>&1 \
    || { cat "$C/basic-build.log"; fail "$CELL: otel go build of the basic fixture failed"; }
  [ "$(linked_by "$C/basic-bin")" = "$v" ] || fail "$CELL: basic fixture linked by $(linked_by "$C/basic-bin")"
  "$C/basic-bin" >"$C/basic.out" 2>"$C/basic.err" || { cat "$C/basic.err"; fail "$CELL: the basic fixture failed"; }
  diff -u "$C/basic.want" "$C/basic.out" >&2 || fail "$CELL: basic fixture output differs from want.txt (diff above)"
  printf 'otel: hook panic in rule fragile: boom\n' | diff -u - "$C/basic.err" >&2 || fail "$CELL: basic fixture stderr"

  ok "$mode $v (GOROOT $gr): demo trace GET [CLIENT] -> GET /users/{id} [SERVER] -> SELECT users, $nspans spans; basic fixture = want.txt ($(( $(date +%s) - start ))s)"
  export PATH=$BASE_PATH; unset GOTOOLCHAIN
}

for v in $VERSIONS; do
  cell installed "$v"
  cell toolchain "$v"
done
echo "toolchains: $pass_count cells passed in $(( $(date +%s) - t_start ))s"
