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
# own messages are unchanged; the partition and offset on a PRODUCER span
# are those its messages' CONSUMER spans report (a batch in one partition:
# the partition; a single message: both; a batch over several partitions
# or through an Async Writer: neither), also for 4 calls whose messages
# kafka-go sends in one request; the messaging metrics (duration per call,
# sent and consumed messages) count what the program did, with plausible
# durations; OTEL_METRICS_EXPORTER=none leaves the spans as they are;
# OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka gives no kafka span and no kafka
# metric; below v0.4.40 the rules match nothing.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/lib-kafka; rm -rf "$T"; mkdir -p "$T"
F=$ROOT/tests/fixtures/lib-kafka
command -v jq >/dev/null || fail "jq is needed"

start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR" OTEL_SERVICE_NAME=lib-kafka
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER \
  OTEL_METRICS_EXPORTER OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE
# One export of the metrics, at exit.
export OTEL_METRIC_EXPORT_INTERVAL=600000
export GOFLAGS=-mod=mod

# q FILTER: jq over all spans as one array.
q() { jq -s -r "$@" "$S"; }
kafka_spans='[.[] | select(.scope == "otelgo.dev/instrumentation/libs/kafka")]'
# the spans of topics orders and events (the first part of the program)
oe_spans="$kafka_spans"' | map(select(.name | test(" (orders|events)$")))'
# qm FILTER: jq over all metric points as one array.
qm() { jq -s -r "$@" "$M"; }
kafka_points='[.[] | select(.scope == "otelgo.dev/instrumentation/libs/kafka")]'

# check_spans VERSION PORT: the spans of one run of the program.
check_spans() {
  local v=$1 port=$2
  local produce; produce=$(q -c '[.[] | select(.name == "produce")]')
  [ "$(jq length <<<"$produce")" = 1 ] || fail "$v: want one manual span 'produce', got $(jq length <<<"$produce")"
  local tid pid; tid=$(jq -r '.[0].trace_id' <<<"$produce"); pid=$(jq -r '.[0].span_id' <<<"$produce")

  # name|kind|parent (producer spans by position, consumer spans by the producer they continue)
  local rows; rows=$(q -r --arg p "$pid" "$oe_spans"' as $k | $k[] |
      (.parent_span_id) as $par |
      [.name, .kind, (if $par == $p then "produce" else (($k[] | select(.span_id == $par) | .name) // "other:\($par)") end),
       .status_code, (.attributes["messaging.kafka.offset"] // "-" | tostring),
       (.attributes["messaging.consumer.group.name"] // "-")] | join("|")' | sort)
  local want
  want=$(sort <<'ROWS'
send orders|PRODUCER|produce|UNSET|-|-
send orders|PRODUCER|produce|ERROR|-|-
send events|PRODUCER|produce|UNSET|0|-
receive orders|CONSUMER|send orders|UNSET|0|-
receive orders|CONSUMER|send orders|UNSET|1|-
receive orders|CONSUMER|send orders|UNSET|0|g1
receive orders|CONSUMER|send orders|UNSET|1|g1
receive events|CONSUMER|send events|UNSET|0|-
ROWS
)
  [ "$rows" = "$want" ] || { diff <(echo "$want") <(echo "$rows") >&2 || true; q -c "$oe_spans"'[] | [.name, .kind, .span_id, .parent_span_id]' >&2; fail "$v: kafka spans differ (want, got above)"; }
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
      "messaging.destination.name": "orders", "messaging.batch.message_count": 2, "messaging.destination.partition.id": "0",
      "server.address": "127.0.0.1", "server.port": ($p | tonumber)}' <<<"$send" >/dev/null \
    || fail "$v: send orders attributes: $(jq -c .attributes <<<"$send")"
  local ev; ev=$(q -c "$kafka_spans"' | map(select(.name == "send events")) | .[0]')
  jq -e --arg p "$p" '.attributes == {"messaging.system": "kafka", "messaging.operation.type": "send", "messaging.operation.name": "send",
      "messaging.destination.name": "events", "messaging.kafka.message.key": "e1", "messaging.message.body.size": 5,
      "messaging.destination.partition.id": "0", "messaging.kafka.offset": 0, "server.address": "127.0.0.1", "server.port": ($p | tonumber)}' <<<"$ev" >/dev/null \
    || fail "$v: send events attributes: $(jq -c .attributes <<<"$ev")"
  local err; err=$(q -c "$kafka_spans"' | map(select(.name == "send orders" and .status_code == "ERROR")) | .[0]')
  jq -e '(.status_message | test("Topic must not be specified for both")) and .attributes["error.type"] == "_OTHER"
      and .attributes["messaging.destination.partition.id"] == null and .attributes["messaging.kafka.offset"] == null' <<<"$err" >/dev/null \
    || fail "$v: the refused write's span: $(jq -c '[.status_message, .attributes]' <<<"$err")"
  ok "$v: producer attributes (batch count and partition for 2 messages; key, body size, partition and offset for one; server.address/port); the refused write is an error without partition"

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

# check_where VERSION: where the messages of the producer spans went. A
# span says the partition when all its messages went to one, and the
# offset when it sent one message; every CONSUMER span of such a message
# (its child) reports the same.
check_where() {
  local v=$1
  grep -qx 'many: 1 produce requests, 4 messages' "$T/out" || fail "$v: the 4 'many' calls were not one produce request: $(grep '^many:' "$T/out")"
  grep -qx 'async: 2 messages written' "$T/out" || fail "$v: the Async Writer wrote: $(grep '^async:' "$T/out")"
  local rows; rows=$(q -r "$kafka_spans"' | map(select(.kind == "PRODUCER"))[] |
      [.name, (.attributes["messaging.batch.message_count"] // "-" | tostring),
       (if .attributes["messaging.destination.partition.id"] then "partition" else "-" end),
       (if .attributes["messaging.kafka.offset"] != null then "offset" else "-" end), .status_code] | join("|")' | sort)
  local want; want=$(sort <<'ROWS'
send orders|2|partition|-|UNSET
send orders|-|-|-|ERROR
send events|-|partition|offset|UNSET
send spread|3|-|-|UNSET
send spread|2|partition|-|UNSET
send many|-|partition|offset|UNSET
send many|-|partition|offset|UNSET
send many|-|partition|offset|UNSET
send many|-|partition|offset|UNSET
send async|2|-|-|UNSET
ROWS
)
  [ "$rows" = "$want" ] || { diff <(echo "$want") <(echo "$rows") >&2 || true; fail "$v: partition/offset on the producer spans differ (want, got above)"; }
  ok "$v: PRODUCER spans: partition for a batch in one partition, partition and offset for one message, neither for a batch over 3 partitions, a refused write or an Async Writer"

  # every producer span with a partition: its consumers' partition and
  # offset are the span's
  local bad; bad=$(q -r "$kafka_spans"' as $k | $k[] | select(.kind == "PRODUCER" and .attributes["messaging.destination.partition.id"]) as $p |
      [$k[] | select(.parent_span_id == $p.span_id)] as $c |
      if ($c | length) == 0 then "\($p.name) \($p.span_id): no consumer span"
      else $c[] | select(.attributes["messaging.destination.partition.id"] != $p.attributes["messaging.destination.partition.id"]
          or ($p.attributes["messaging.kafka.offset"] != null and .attributes["messaging.kafka.offset"] != $p.attributes["messaging.kafka.offset"]))
        | "\($p.name) \($p.attributes | tostring) vs \(.name) \(.attributes | tostring)" end')
  [ -z "$bad" ] || fail "$v: producer and consumer spans disagree on where messages went: $bad"
  [ "$(q -r "$kafka_spans"' | map(select(.name == "send many") | .attributes["messaging.kafka.offset"]) | sort | map(tostring) | join(",")')" = 0,1,2,3 ] \
    || fail "$v: the 4 'send many' spans' offsets: $(q -c "$kafka_spans"' | map(select(.name == "send many") | .attributes["messaging.kafka.offset"])')"
  local hash; hash=$(q -r "$kafka_spans"' | map(select(.name == "send spread" and .attributes["messaging.batch.message_count"] == 2)) | .[0].span_id')
  [ "$(q -r --arg h "$hash" "$kafka_spans"' | map(select(.parent_span_id == $h)) | length')" = 2 ] || fail "$v: the one-key batch to 'spread' has not 2 consumer spans"
  # kafka-go's Hash balancer (FNV-1a) puts key "same" in partition 2 of 3
  [ "$(q -r --arg h "$hash" "$kafka_spans"' | map(select(.span_id == $h)) | .[0].attributes["messaging.destination.partition.id"]')" = 2 ] \
    || fail "$v: the one-key batch to 'spread' is not in partition 2"
  local rr; rr=$(q -r "$kafka_spans"' | map(select(.name == "send spread" and .attributes["messaging.batch.message_count"] == 3)) | .[0].span_id')
  [ "$(q -r --arg r "$rr" "$kafka_spans"' | map(select(.parent_span_id == $r) | .attributes["messaging.destination.partition.id"]) | sort | join(",")')" = 0,1,2 ] \
    || fail "$v: the round-robin batch's messages did not go to partitions 0,1,2"
  ok "$v: partition and offset of each PRODUCER span equal its messages' CONSUMER spans' (4 calls in one produce request: offsets 0-3, one each; the round-robin batch's consumers in partitions 0,1,2)"
}

# check_metrics VERSION PORT WALL: the kafka metric points of one run.
check_metrics() {
  local v=$1 port=$2 wall=$3 d=messaging.client.operation.duration
  # op|topic|group|error.type|count (histogram count or counter value)
  local rows; rows=$(qm -r --arg d $d "$kafka_points"' | map(select(.name == $d))[] |
      [.attributes["messaging.operation.name"], .attributes["messaging.destination.name"], (.attributes["messaging.consumer.group.name"] // "-"),
       (.attributes["error.type"] // "-"), .count] | map(tostring) | join("|")' | sort)
  local want; want=$(sort <<'ROWS'
send|orders|-|-|1
send|orders|-|_OTHER|1
send|events|-|-|1
send|spread|-|-|2
send|many|-|-|4
send|async|-|-|1
receive|orders|-|-|2
receive|orders|g1|-|2
receive|events|-|-|1
receive|spread|g2|-|5
receive|many|-|-|4
ROWS
)
  [ "$rows" = "$want" ] || { diff <(echo "$want") <(echo "$rows") >&2 || true; fail "$v: $d points differ (want, got above)"; }
  local bad; bad=$(qm -r --arg d $d --arg p "$port" --argjson w "$wall" "$kafka_points"' | map(select(.name == $d))[] |
      select(.unit != "s" or .type != "histogram" or .attributes["messaging.system"] != "kafka"
        or .attributes["messaging.operation.type"] != .attributes["messaging.operation.name"]
        or .attributes["server.address"] != "127.0.0.1" or .attributes["server.port"] != ($p | tonumber)
        or (.attributes | keys - ["messaging.system", "messaging.operation.name", "messaging.operation.type", "messaging.destination.name",
            "messaging.consumer.group.name", "server.address", "server.port", "error.type"] | length) != 0
        or .explicit_bounds != [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]
        or .sum <= 0 or .min <= 0 or .max >= $w) | tostring')
  [ -z "$bad" ] || fail "$v: implausible $d points (wall time ${wall}s): $bad"
  ok "$v: $d: one point per operation, topic, group and error with the count of calls made (a refused write with error.type), the conventions' buckets, durations > 0 and below the run's ${wall}s"

  local c
  for c in sent:messaging.client.sent.messages consumed:messaging.client.consumed.messages; do
    rows=$(qm -r --arg n "${c#*:}" "$kafka_points"' | map(select(.name == $n))[] |
        [.attributes["messaging.destination.name"], (.attributes["messaging.consumer.group.name"] // "-"), (.attributes["error.type"] // "-"), .value] | map(tostring) | join("|")' | sort)
    case ${c%%:*} in
      sent) want=$(printf '%s\n' 'orders|-|-|2' 'events|-|-|1' 'spread|-|-|5' 'many|-|-|4' 'async|-|-|2' | sort) ;;
      consumed) want=$(printf '%s\n' 'orders|-|-|2' 'orders|g1|-|2' 'events|-|-|1' 'spread|g2|-|5' 'many|-|-|4' | sort) ;;
    esac
    [ "$rows" = "$want" ] || { diff <(echo "$want") <(echo "$rows") >&2 || true; fail "$v: ${c#*:} points differ (want, got above)"; }
    bad=$(qm -r --arg n "${c#*:}" --arg p "$port" "$kafka_points"' | map(select(.name == $n))[] |
        select(.unit != "{message}" or .type != "sum" or .monotonic != true or .attributes["messaging.system"] != "kafka"
          or .attributes["messaging.operation.type"] != null or .attributes["server.port"] != ($p | tonumber)) | tostring')
    [ -z "$bad" ] || fail "$v: ${c#*:} points: $bad"
  done
  ok "$v: messaging.client.sent.messages and messaging.client.consumed.messages count the messages sent (not the refused one) and delivered, per topic and group"
}

# build_and_check VERSION: build the app at kafka-go VERSION and check it.
build_and_check() {
  local v=$1 W=$T/app-$1
  mkdir -p "$W"; cp "$F/app/main.go" "$F/$v/go.mod" "$F/$v/go.sum" "$W/"
  (cd "$W" && "$OTEL_BIN" go build -o "$T/app-$v.bin" .) >"$T/build-$v.log" 2>&1 || { tail -30 "$T/build-$v.log"; fail "$v: otel go build failed"; }
  go version -m "$T/app-$v.bin" | awk '$1 == "dep" {print $2, $3}' | grep -qx "github.com/segmentio/kafka-go $v" || fail "$v: the binary is not built with kafka-go $v"
  grep -q '^require otelgo.dev/instrumentation/libs/kafka v0.0.0$' "$W"/.otel-build/setups/*/go.mod || fail "$v: the alternate go.mod lacks otel's kafka module"
  ok "$v: built with otel go build (built-in rules)"

  run_app "$v"
  local port; port=$(sed -nE 's/^brokers: 127\.0\.0\.1:([0-9]+)$/\1/p' "$T/out")
  [ -n "$port" ] || fail "$v: no broker address in the output: $(cat "$T/out")"
  check_spans "$v" "$port"
  check_where "$v"
  check_metrics "$v" "$port" "$WALL"

  OTEL_METRICS_EXPORTER=none run_app "$v"
  [ ! -s "$M" ] || fail "$v: metrics with OTEL_METRICS_EXPORTER=none: $(head -c 300 "$M")"
  port=$(sed -nE 's/^brokers: 127\.0\.0\.1:([0-9]+)$/\1/p' "$T/out")
  check_spans "$v" "$port"
  check_where "$v"
  ok "$v: OTEL_METRICS_EXPORTER=none: no metrics, the same spans"

  OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka run_app "$v"
  [ "$(q "$kafka_spans"' | length')" = 0 ] || fail "$v: kafka spans with OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka"
  [ "$(q '[.[] | select(.name == "produce")] | length')" = 1 ] || fail "$v: with kafka disabled the manual span is gone too (the check above would prove nothing)"
  if grep -q traceparent "$T/out"; then fail "$v: traceparent headers with kafka disabled: $(grep traceparent "$T/out")"; fi
  [ "$(qm "$kafka_points"' | length')" = 0 ] || fail "$v: kafka metrics with OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka: $(qm -c "$kafka_points"' | map(.name) | unique')"
  [ "$(qm '[.[] | select(.name == "go.goroutine.count")] | length')" -ge 1 ] || fail "$v: with kafka disabled the runtime metrics are gone too (the check above would prove nothing)"
  ok "$v: OTEL_GO_DISABLED_INSTRUMENTATIONS=kafka: no kafka span, metric or traceparent header; the manual span and the runtime metrics still there"
}

# run_app VERSION: run the program built at VERSION with empty span and
# metric files; WALL is its wall time in seconds.
run_app() {
  : > "$S"; : > "$M"
  local t0; t0=$(date +%s%N)
  "$T/app-$1.bin" >"$T/out" 2>"$T/err" || { cat "$T/out" "$T/err"; fail "$1: the program failed"; }
  WALL=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
  grep -qx 'events: nothing more' "$T/out" || fail "$1: program output: $(cat "$T/out" "$T/err")"
}

build_and_check v0.4.40
build_and_check v0.4.51

# -- below the claimed range, the rules match nothing ------------------------------
O=$T/app-v0.4.39; mkdir -p "$O"; cp "$F/app/main.go" "$F/v0.4.40/go.mod" "$F/v0.4.40/go.sum" "$O/"
(cd "$O" && go mod edit -require=github.com/segmentio/kafka-go@v0.4.39 && "$OTEL_BIN" rules list) >"$T/list-v0.4.39" 2>&1 || { tail -20 "$T/list-v0.4.39"; fail "otel rules list at kafka-go v0.4.39 failed"; }
[ "$(grep -c '^  github.com/segmentio/kafka-go: version v0.4.39 not in v0.4.40$' "$T/list-v0.4.39")" = 6 ] \
  || { grep -A3 '^kafka_' "$T/list-v0.4.39" >&2; fail "v0.4.39: the six kafka rules do not say the version is out of range"; }
ok "v0.4.39 (below the claimed range): otel rules list says the six kafka rules do not match"
