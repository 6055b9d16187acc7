#!/usr/bin/env bash
# issue 12, "Real programs": the smallest program of bench/realworld.sh,
# github.com/hibiken/asynqmon v0.7.2 (net/http, gorilla/mux, go-redis v9;
# 277 packages), fetched from the module proxy, built with the sanitized
# otel in a copy of its module, run against a real redis-server on a free
# loopback port and sent GET /api/queues; checked: its answer (the queue
# seeded in redis), and in one trace the SERVER span "GET /api/queues"
# (http.route from gorilla/mux, status 200) with redis CLIENT spans below it
# (db.system.name redis, server.port of that redis). bench/realworld.sh
# --smoke does the work; timing is `bench/realworld.sh` without --smoke.
set -euo pipefail
: "${ROOT:?}" "${OTEL_BIN:?}"
command -v redis-server >/dev/null || { echo "FAIL: redis-server is not installed (scripts/install-deps.sh)"; exit 1; }
OTEL_BIN=$OTEL_BIN bash "$ROOT/bench/realworld.sh" --smoke asynqmon
