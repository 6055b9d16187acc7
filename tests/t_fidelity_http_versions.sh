#!/usr/bin/env bash
# tests/t_fidelity_http.sh on the other supported Go releases, each selected
# with GOTOOLCHAIN (downloaded from the module proxy into the normal module
# cache, reused across runs): net/http's internals differ between releases
# (HTTP/2 bundled until 1.26, in net/http/internal/http2 from 1.27; 1.24's
# HEADERS encoder), and so do the files and hooks otel adds for them.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
for v in 1.24.13 1.25.7 1.27.3; do
  [ "$(GOTOOLCHAIN=go$v go env GOVERSION)" = "go$v" ] || fail "GOTOOLCHAIN=go$v did not select go$v"
  out=$TMPROOT/fidelity-http-$v; mkdir -p "$out"
  if ! GOTOOLCHAIN=go$v TMPROOT=$out bash "$ROOT/tests/t_fidelity_http.sh" > "$out/log" 2>&1; then
    cat "$out/log"; fail "go$v: t_fidelity_http failed"
  fi
  ok "go$v: $(grep -c '^ok:' "$out/log") fidelity checks passed"
done
