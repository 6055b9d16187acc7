#!/usr/bin/env bash
# Loggers (issue 10): log/slog (and log through a slog handler), logrus and
# zap records written while a span is current carry trace_id, span_id and
# trace_flags equal to that span's: the span of the call's context (slog's
# *Context methods, logrus WithContext) or else the goroutine's current
# span (an HTTP server span, a manual OpenTelemetry API span, inherited by
# a goroutine). Records outside any span carry none. Built-in rules, at the
# oldest (logrus v1.4.0, zap v1.13.0) and newest (logrus v1.10.2, zap
# v1.28.0) versions the rules claim; each library's switch
# (OTEL_GO_DISABLED_INSTRUMENTATIONS=slog|logrus|zap) removes its ids only.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/loggers; mkdir -p "$T"
command -v jq >/dev/null || fail "jq is needed"
start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"
export OTEL_BSP_SCHEDULE_DELAY=600000
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER OTEL_GO_GLS
W=$TMPROOT/loggers-src
fixture lib-loggers "$W"
cd "$W"

q() { jq -s -r "$@" "$S"; }
# span NAME: the one exported span with that name.
span() {
  local n; n=$(q --arg n "$1" '[.[] | select(.name == $n)] | length')
  [ "$n" = 1 ] || { q -c '.[] | [.name, .kind, .span_id, .parent_span_id]' >&2; fail "expected one span '$1', got $n"; }
  q -c --arg n "$1" '.[] | select(.name == $n)'
}
f() { jq -r ".$2" <<<"$1"; }
# rec MSG: the one JSON log line whose msg is MSG.
rec() {
  local n; n=$(jq -R -s --arg m "$1" '[split("\n")[] | fromjson? | select(.msg == $m)] | length' "$T/out")
  [ "$n" = 1 ] || { cat "$T/out" >&2; fail "$LABEL: expected one log line '$1', got $n"; }
  jq -R -c --arg m "$1" 'fromjson? | select(.msg == $m)' "$T/out"
}
# has_ids MSG SPAN: the line carries SPAN's trace and span id (and flags 01).
has_ids() {
  local r; r=$(rec "$1")
  [ "$(f "$r" trace_id)" = "$(f "$2" trace_id)" ] && [ "$(f "$r" span_id)" = "$(f "$2" span_id)" ] && [ "$(f "$r" trace_flags)" = 01 ] \
    || fail "$LABEL: '$1' has trace_id=$(f "$r" trace_id) span_id=$(f "$r" span_id) trace_flags=$(f "$r" trace_flags), want $(f "$2" name)'s $(f "$2" trace_id) $(f "$2" span_id) 01"
}
# no_ids MSG: the line carries none of the three fields.
no_ids() {
  local r; r=$(rec "$1")
  [ "$(jq -r 'has("trace_id") or has("span_id") or has("trace_flags")' <<<"$r")" = false ] || fail "$LABEL: '$1' has ids: $r"
}
run() { : > "$S"; "$1" > "$T/out" 2>"$T/err" || { cat "$T/err"; fail "$1 failed"; }; grep -qx done "$T/err" || fail "program stderr: $(cat "$T/err")"; }

SLOG_SERVER="slog/ctx slog/noctx slog/attrs slog/attrs-noctx slog/default log/printf slog/goroutine slog/manual-serverctx slog/after-manual"
SLOG_MANUAL="slog/manual-ctx slog/manual-noctx"
SLOG_NONE="slog/outside log/outside slog/after"
LOGRUS_SERVER="logrus/ctx logrus/noctx logrus/fields logrus/shared logrus/goroutine logrus/manual-serverctx"
LOGRUS_MANUAL="logrus/manual-ctx logrus/manual-noctx"
LOGRUS_NONE="logrus/outside logrus/shared-outside logrus/shared-after"
ZAP_SERVER="zap/noctx zap/sugar zap/sugarf zap/check zap/goroutine"
ZAP_MANUAL="zap/manual"
ZAP_NONE="zap/outside zap/sugar-outside zap/after"

# check LIB WANT: LIB's lines carry the ids (WANT=ids) or none (WANT=none).
check() {
  local lib=$1 want=$2 server manual m up
  server=$(span "GET /log"); manual=$(span manual)
  [ "$(f "$manual" parent_span_id)" = "$(f "$server" span_id)" ] || fail "$LABEL: the manual span is not the server span's child"
  up=$(tr a-z A-Z <<<"$lib")
  local sv=${up}_SERVER mv=${up}_MANUAL nv=${up}_NONE
  for m in ${!sv}; do if [ "$want" = ids ]; then has_ids "$m" "$server"; else no_ids "$m"; fi; done
  for m in ${!mv}; do if [ "$want" = ids ]; then has_ids "$m" "$manual"; else no_ids "$m"; fi; done
  for m in ${!nv}; do no_ids "$m"; done
}

# build LABEL OUT: otel go build of the fixture as it is now.
build() {
  "$OTEL_BIN" go build -o "$2" . 2>"$T/build.log" || { tail -30 "$T/build.log"; fail "$1: otel go build failed"; }
}

# -- oldest claimed versions (the fixture's go.mod) ---------------------------
LABEL="logrus v1.4.0, zap v1.13.0"
build "$LABEL" "$T/app-old"
run "$T/app-old"
for lib in slog logrus zap; do check $lib ids; done
ok "$LABEL: every slog/log, logrus and zap line in the handler, its goroutine and the manual span has that span's ids; none outside"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"

# Each switch takes away its library's ids only.
for off in slog logrus zap; do
  LABEL="logrus v1.4.0, zap v1.13.0, OTEL_GO_DISABLED_INSTRUMENTATIONS=$off"
  OTEL_GO_DISABLED_INSTRUMENTATIONS=$off run "$T/app-old"
  for lib in slog logrus zap; do
    if [ $lib = $off ]; then check $lib none; else check $lib ids; fi
  done
  ok "$LABEL: no $off line has ids, the other loggers' lines do"
done

# -- newest claimed versions ----------------------------------------------------
go get github.com/sirupsen/logrus@v1.10.2 go.uber.org/zap@v1.28.0 >/dev/null 2>"$T/get.log" || { cat "$T/get.log"; fail "go get of the newest versions failed"; }
[ "$(go list -m -f '{{.Version}}' github.com/sirupsen/logrus) $(go list -m -f '{{.Version}}' go.uber.org/zap)" = "v1.10.2 v1.28.0" ] \
  || fail "the fixture is not at logrus v1.10.2, zap v1.28.0"
LABEL="logrus v1.10.2, zap v1.28.0"
build "$LABEL" "$T/app-new"
run "$T/app-new"
for lib in slog logrus zap; do check $lib ids; done
ok "$LABEL: every line has the ids of the span current where it was written; none outside"

# -- a downloaded toolchain: log/slog beneath GOMODCACHE (through the wrapper) --
export GOTOOLCHAIN=go1.25.7
[ "$(go env GOVERSION)" = go1.25.7 ] || fail "GOTOOLCHAIN=go1.25.7 did not select go1.25.7"
LABEL="go1.25.7 (downloaded), logrus v1.10.2, zap v1.28.0"
build "$LABEL" "$T/app-125"
run "$T/app-125"
for lib in slog logrus zap; do check $lib ids; done
ok "$LABEL: the same (log/slog reached through the -toolexec wrapper)"
unset GOTOOLCHAIN
echo "t_lib_loggers: $pass_count checks passed"
