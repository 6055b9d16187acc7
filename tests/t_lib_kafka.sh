#!/usr/bin/env bash
# kafka-go instrumentation (issue 10, instrumentation/libs/kafka): a small
# program (tests/fixtures/lib-kafka/app) built with `otel go build` at the
# oldest and the newest kafka-go the rules claim (v0.4.40, v0.4.51) runs a
# real Kafka-protocol broker in-process (franz-go's kfake, on loopback),
# produces and consumes through it, and sends its spans to tools/otlp-sink.
# Checked: one PRODUCER span per WriteMessages call (batch and single
# message, from a context span and from the goroutine's current span, and a
# refused write as an error), one CONSUMER span per message ReadMessage or
# FetchMessage returns (none for ReadMessage's inner FetchMessage, none for
# a fetch the caller stopped waiting for), names, kinds, attributes; the
# consumer span's trace and parent are the producer span's; the traceparent
# header reaches the consumer next to the user's header, while the caller's
# own messages are unchanged; OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka gives
# no kafka span; below v0.4.40 the rules match nothing.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/lib-kafka; rm -rf "$T"; mkdir -p "$T"
F=$ROOT/tests/fixtures/lib-kafka
command -v jq >/dev/null || fail "jq is needed"

start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR" OTEL_SERVICE_NAME=lib-kafka
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
export GOFLAGS=-mod=mod

# q FILTER: jq over all spans as one array.
q() { jq -s -r "$@" "$S"; }
kafka_spans='[.[] | select(.scope == "otelgo.dev/instrumentation/libs/kafka")]'

# check_spans VERSION PORT: the spans of one run of the program.
check_spans() {
  local v=$1 port=$2
  local produce; produce=$(q -c '[.[] | select(.name == "produce")]')
  [ "$(jq length <<<"$produce")" = 1 ] || fail "$v: want one manual span 'produce', got $(jq length <<<"$produce")"
  local tid pid; tid=$(jq -r '.[0].trace_id' <<<"$produce"); pid=$(jq -r '.[0].span_id' <<<"$produce")

  # name|kind|parent (producer spans by position, consumer spans by the producer they continue)
  local rows; rows=$(q -r --arg p "$pid" "$kafka_spans"' as $k | $k[] |
      (.parent_span_id) as $par |
      [.name, .kind, (if $par == $p then "produce" else (($k[] | select(.span_id == $par) | .name) // "other:\($par)") end),
       .status_code, (.attributes["messaging.kafka.offset"] // "-" | tostring),
       (.attributes["messaging.consumer.group.name"] // "-")] | join("|")' | sort)
  local want
  want=$(sort <<'ROWS'
send orders|PRODUCER|produce|UNSET|-|-
send orders|PRODUCER|produce|ERROR|-|-
send events|PRODUCER|produce|UNSET|-|-
receive orders|CONSUMER|send orders|UNSET|0|-
receive orders|CONSUMER|send orders|UNSET|1|-
receive orders|CONSUMER|send orders|UNSET|0|g1
receive orders|CONSUMER|send orders|UNSET|1|g1
receive events|CONSUMER|send events|UNSET|0|-
ROWS
)
  [ "$rows" = "$want" ] || { diff <(echo "$want") <(echo "$rows") >&2 || true; q -c "$kafka_spans"'[] | [.name, .kind, .span_id, .parent_span_id]' >&2; fail "$v: kafka spans differ (want, got above)"; }
  ok "$v: 3 PRODUCER spans under 'produce' (ctx span and goroutine's current span), 5 CONSUMER spans (ReadMessage and FetchMessage, with and without group), none for ReadMessage's inner fetch or a fetch given up"

  [ "$(q -r --arg t "$tid" "$kafka_spans"' | map(select(.trace_id != $t)) | length')" = 0 ] || fail "$v: a kafka span outside the producer's trace"
  # the consumer spans of "orders" continue the one successful "send orders"
  local send; send=$(q -c "$kafka_spans"' | map(select(.name == "send orders" and .status_code == "UNSET")) | .[0]')
  local sid; sid=$(jq -r .span_id <<<"$send")
  [ "$(q -r --arg s "$sid" "$kafka_spans"' | map(select(.name == "receive orders" and .parent_span_id == $s)) | length')" = 4 ] \
    || fail "$v: the receive orders spans' parent is not the send orders span $sid"
  ok "$v: every consumer span has the producer's trace id and the producer span as parent"

  # attributes
  local p; p=$port
  jq -e --arg p "$p" '.attributes == {"messaging.system": "kafka", "messaging.operation.type": "send", "messaging.operation.name": "send",
      "messaging.destination.name": "orders", "messaging.batch.message_count": 2, "server.address": "127.0.0.1", "server.port": ($p | tonumber)}' <<<"$send" >/dev/null \
    || fail "$v: send orders attributes: $(jq -c .attributes <<<"$send")"
  local ev; ev=$(q -c "$kafka_spans"' | map(select(.name == "send events")) | .[0]')
  jq -e --arg p "$p" '.attributes == {"messaging.system": "kafka", "messaging.operation.type": "send", "messaging.operation.name": "send",
      "messaging.destination.name": "events", "messaging.kafka.message.key": "e1", "messaging.message.body.size": 5,
      "server.address": "127.0.0.1", "server.port": ($p | tonumber)}' <<<"$ev" >/dev/null \
    || fail "$v: send events attributes: $(jq -c .attributes <<<"$ev")"
  local err; err=$(q -c "$kafka_spans"' | map(select(.name == "send orders" and .status_code == "ERROR")) | .[0]')
  jq -e '(.status_message | test("Topic must not be specified for both")) and .attributes["error.type"] == "_OTHER"' <<<"$err" >/dev/null \
    || fail "$v: the refused write's span: $(jq -c '[.status_message, .attributes]' <<<"$err")"
  ok "$v: producer attributes (batch count for 2 messages; key and body size for one; server.address/port); the refused write is an error"

  local g
  for g in - g1; do
    local r; r=$(q -c --arg g "$g" "$kafka_spans"' | map(select(.name == "receive orders" and (.attributes["messaging.consumer.group.name"] // "-") == $g
        and .attributes["messaging.kafka.offset"] == 0)) | .[0]')
    local want_attrs='{"messaging.system": "kafka", "messaging.operation.type": "receive", "messaging.operation.name": "receive",
        "messaging.destination.name": "orders", "messaging.destination.partition.id": "0", "messaging.kafka.offset": 0,
        "messaging.kafka.message.key": "k1", "messaging.message.body.size": 2, "server.address": "127.0.0.1", "server.port": ($p | tonumber)}'
    [ $g = - ] || want_attrs="$want_attrs + {\"messaging.consumer.group.name\": \"g1\"}"
    jq -e --arg p "$p" ".attributes == ($want_attrs)" <<<"$r" >/dev/null || fail "$v: receive orders (group $g, offset 0) attributes: $(jq -c .attributes <<<"$r")"
  done
  ok "$v: consumer attributes (topic, partition, offset, key, body size, consumer group, server)"

  # the headers the consumers saw: the user's header kept, traceparent of the producer span added
  local tp="traceparent=00-$tid-$sid-01"
  grep -qx "caller's headers after write: 1 \"user-header\"=\"u1\", 0" "$T/out" || fail "$v: the caller's messages changed: $(grep "caller's" "$T/out")"
  local who
  for who in plain group; do
    grep -qx "$who read: topic=orders partition=0 offset=0 key=k1 value=v1 headers=$tp,user-header=u1" "$T/out" \
      && grep -qx "$who fetch: topic=orders partition=0 offset=1 key=k2 value=v2 headers=$tp" "$T/out" \
      || fail "$v: $who reader's messages: $(grep "^$who" "$T/out"), want headers $tp"
  done
  ok "$v: each received message carries the producer span's traceparent next to the user's header; the caller's own messages are unchanged"
}

# build_and_check VERSION: build the app at kafka-go VERSION and check it.
build_and_check() {
  local v=$1 W=$T/app-$1
  mkdir -p "$W"; cp "$F/app/main.go" "$F/$v/go.mod" "$F/$v/go.sum" "$W/"
  (cd "$W" && "$OTEL_BIN" go build -o "$T/app-$v.bin" .) >"$T/build-$v.log" 2>&1 || { tail -30 "$T/build-$v.log"; fail "$v: otel go build failed"; }
  go version -m "$T/app-$v.bin" | awk '$1 == "dep" {print $2, $3}' | grep -qx "github.com/segmentio/kafka-go $v" || fail "$v: the binary is not built with kafka-go $v"
  grep -q '^require otelgo.dev/instrumentation/libs/kafka v0.0.0$' "$W"/.otel-build/setups/*/go.mod || fail "$v: the alternate go.mod lacks otel's kafka module"
  ok "$v: built with otel go build (built-in rules)"

  : > "$S"
  "$T/app-$v.bin" >"$T/out" 2>"$T/err" || { cat "$T/out" "$T/err"; fail "$v: the program failed"; }
  grep -qx 'events: nothing more' "$T/out" || fail "$v: program output: $(cat "$T/out" "$T/err")"
  local port; port=$(sed -nE 's/^brokers: 127\.0\.0\.1:([0-9]+)$/\1/p' "$T/out")
  [ -n "$port" ] || fail "$v: no broker address in the output: $(cat "$T/out")"
  check_spans "$v" "$port"

  : > "$S"
  OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka "$T/app-$v.bin" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "$v: the program failed with kafka disabled"; }
  [ "$(q "$kafka_spans"' | length')" = 0 ] || fail "$v: kafka spans with OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka"
  [ "$(q '[.[] | select(.name == "produce")] | length')" = 1 ] || fail "$v: with kafka disabled the manual span is gone too (the check above would prove nothing)"
  if grep -q traceparent "$T/out"; then fail "$v: traceparent headers with kafka disabled: $(grep traceparent "$T/out")"; fi
  ok "$v: OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka: no kafka span and no traceparent header, the manual span still there"
}

build_and_check v0.4.40
build_and_check v0.4.51

# -- below the claimed range, the rules match nothing ------------------------------
O=$T/app-v0.4.39; mkdir -p "$O"; cp "$F/app/main.go" "$F/v0.4.40/go.mod" "$F/v0.4.40/go.sum" "$O/"
(cd "$O" && go mod edit -require=github.com/segmentio/kafka-go@v0.4.39 && "$OTEL_BIN" rules list) >"$T/list-v0.4.39" 2>&1 || { tail -20 "$T/list-v0.4.39"; fail "otel rules list at kafka-go v0.4.39 failed"; }
[ "$(grep -c '^  github.com/segmentio/kafka-go: version v0.4.39 not in v0.4.40$' "$T/list-v0.4.39")" = 4 ] \
  || { grep -A3 '^kafka_' "$T/list-v0.4.39" >&2; fail "v0.4.39: the four kafka rules do not say the version is out of range"; }
ok "v0.4.39 (below the claimed range): otel rules list says the four kafka rules do not match"
