#!/usr/bin/env bash
# Routers (issue 10): gin, echo, chi and gorilla/mux add no span; the
# net/http SERVER span of a routed request is named "METHOD <route>" with
# http.route the router's template (groups, subrouters and mounts
# included) and the raw path in url.path; a 404 is named just METHOD; each
# router's switch (OTEL_GO_DISABLED_INSTRUMENTATIONS=<group>) leaves it
# METHOD. At the oldest and the newest version the rules claim (the
# fixture's go.mod/go.sum and newest.mod/newest.sum).
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/lib-routers; rm -rf "$T"; mkdir -p "$T"
command -v jq >/dev/null || fail "jq is needed"

start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR" OTEL_SERVICE_NAME=routers
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
export GOFLAGS=-mod=mod

# server PATH: the one SERVER span whose url.path is PATH, as JSON.
server() {
  local n; n=$(jq -s --arg p "$1" '[.[] | select(.kind == "SERVER" and .attributes["url.path"] == $p)] | length' "$S")
  [ "$n" = 1 ] || { jq -c '[.name, .kind, .attributes["url.path"]]' "$S" >&2; fail "$LABEL: expected one SERVER span for $1, got $n"; }
  jq -c --arg p "$1" 'select(.kind == "SERVER" and .attributes["url.path"] == $p)' "$S"
}
# expect PATH NAME ROUTE STATUS: the SERVER span of PATH is named NAME, has
# http.route ROUTE ("<absent>" for none) and the response status STATUS.
expect() {
  local s got; s=$(server "$1")
  got=$(jq -r '[.name, (.attributes["http.route"] // "<absent>"), (.attributes["http.response.status_code"] | tostring)] | join("|")' <<<"$s")
  [ "$got" = "$2|$3|$4" ] || fail "$LABEL: $1: name|http.route|status = '$got', want '$2|$3|$4'"
}
# run BIN PATH...: the program's requests, with the spans it exports.
run() {
  local bin=$1; shift; : > "$S"
  "$bin" "$@" >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "$LABEL: $bin failed"; }
  [ "$(jq -s '[.[] | select(.kind == "INTERNAL")] | length' "$S")" = 0 ] || fail "$LABEL: a router made a span of its own"
}

# check VERSIONS ROUTER GROUP PARAM: build fixture main ROUTER, request a
# parameterized route, one through a group/subrouter/mount and a 404; then
# the same with the router's group switched off.
check() {
  local vers=$1 router=$2 group=$3 users items bin=$T/bin/$1-$2
  case $router in
    gin|echo) users=/users/:id items=/api/items/:item ;;
    *) users=/users/{id} items=/api/items/{item} ;;
  esac
  LABEL="$router ($vers)"
  # The oldest fixture requires golang.org/x/sys below what both the libs
  # module and the router's module require: setup raises it once (two
  # overlapping go.mod edits once made otel loop forever; hence the timeout).
  (cd "$W" && timeout 900 "$OTEL_BIN" go build -o "$bin" "./$router") >"$T/build.log" 2>&1 \
    || { tail -30 "$T/build.log" >&2; fail "$LABEL: otel go build failed (or hung)"; }
  go version -m "$bin" | grep -qE "^[[:space:]]+dep[[:space:]]+${MODS[$router]}[[:space:]]+${VERSIONS[$vers-$router]}[[:space:]]" \
    || fail "$LABEL: the binary lacks ${MODS[$router]} ${VERSIONS[$vers-$router]}"
  run "$bin" /users/42 /api/items/7 /nope
  grep -qx '/users/42 200 user 42' "$T/out" && grep -qx '/api/items/7 200 item 7' "$T/out" && grep -q '^/nope 404' "$T/out" \
    || fail "$LABEL: program output: $(cat "$T/out")"
  expect /users/42 "GET $users" "$users" 200
  expect /api/items/7 "GET $items" "$items" 200
  expect /nope GET "<absent>" 404
  ok "$LABEL: GET $users, GET $items (url.path raw), 404 named GET without http.route"
  # Behind a ServeMux (pattern "/"): the router's route wins, its 404 is GET.
  ROUTERS_SERVEMUX=1 run "$bin" /users/42 /nope
  expect /users/42 "GET $users" "$users" 200
  expect /nope GET "<absent>" 404
  ok "$LABEL: behind a ServeMux, the router's route wins over the pattern \"/\"; its 404 is GET"
  if [ "$router" = chi ]; then
    # A 404 inside the mounted subrouter: the mount's "/api/*" is no route.
    run "$bin" /api/nope
    expect /api/nope GET "<absent>" 404
    ok "$LABEL: a 404 inside a mounted subrouter is named GET"
  fi
  OTEL_GO_DISABLED_INSTRUMENTATIONS=$group run "$bin" /users/42
  expect /users/42 GET "<absent>" 200
  ok "$LABEL: OTEL_GO_DISABLED_INSTRUMENTATIONS=$group leaves the span named GET"
}

declare -A MODS=([gin]=github.com/gin-gonic/gin [echo]=github.com/labstack/echo/v4
                 [chi]=github.com/go-chi/chi/v5 [gorillamux]=github.com/gorilla/mux)
# The ends of the rules' version ranges (rules.yaml; newest = latest release).
declare -A VERSIONS=([oldest-gin]=v1.9.0 [oldest-echo]=v4.10.0 [oldest-chi]=v5.0.0 [oldest-gorillamux]=v1.8.0
                     [newest-gin]=v1.12.0 [newest-echo]=v4.16.5 [newest-chi]=v5.5.0 [newest-gorillamux]=v1.8.1)
F=$ROOT/tests/fixtures/lib-routers
for vers in oldest newest; do
  W=$T/app-$vers; rm -rf "$W"; cp -R "$F" "$W"
  if [ "$vers" = newest ]; then mv "$W/newest.mod" "$W/go.mod"; mv "$W/newest.sum" "$W/go.sum"; else rm "$W/newest.mod" "$W/newest.sum"; fi
  check $vers gin gin
  check $vers echo echo
  check $vers chi chi
  check $vers gorillamux gorillamux
done
