#!/usr/bin/env bash
# A failure never loses anything: otel killed in the middle of setup leaves
# the user's tree as it was and no half-written state that a later build
# would trust; concurrent otel runs in one module do not corrupt each other.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/robust
fixture cache "$W"
cd "$W"
sums() { find . -path ./.git -prune -o -path ./.otel-build -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; }
before=$(sums)

# A go whose `list` is slow, so that the kill lands inside setup.
mkdir -p "$TMPROOT/slowgo"
printf '#!/bin/sh\n[ "$1" = list ] && sleep 2\nexec %s "$@"\n' "$(command -v go)" > "$TMPROOT/slowgo/go"
chmod +x "$TMPROOT/slowgo/go"
for delay in 0.3 1.0; do
  PATH="$TMPROOT/slowgo:$PATH" "$OTEL_BIN" --rules rules.yaml go build -o "$TMPROOT/rapp" . 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
[ "$before" = "$(sums)" ] || fail "a killed setup changed the user's files"
[ -z "$(git status --porcelain)" ] || fail "git status not clean after a killed setup"
ok "setup killed mid-way: user's files unchanged"
find .otel-build -name '*.tmp.*' | grep -q . && fail "temporary files left behind as entries" || true
"$OTEL_BIN" -v --rules rules.yaml go build -o "$TMPROOT/rapp" . 2>"$TMPROOT/r.log" || { cat "$TMPROOT/r.log"; fail "build after a killed setup"; }
out=$("$TMPROOT/rapp")
grep -qxF 'hook: Hello("world")' <<<"$out" || fail "build after a killed setup lacks the hook"
ok "the next build after a killed setup is complete and correct"

# Concurrent builds with different flags (different setup keys) and the same.
rm -rf .otel-build
pids=()
for i in 1 2 3 4; do
  tags=""; [ $((i % 2)) = 0 ] && tags="-tags=t$i"
  "$OTEL_BIN" --rules rules.yaml go build $tags -o "$TMPROOT/capp$i" . 2>"$TMPROOT/c$i.log" &
  pids+=($!)
done
for i in 1 2 3 4; do wait "${pids[$((i-1))]}" || { cat "$TMPROOT/c$i.log"; fail "concurrent build $i failed"; }; done
for i in 1 2 3 4; do
  out=$("$TMPROOT/capp$i")
  grep -qxF 'hook: Hello("world")' <<<"$out" || fail "concurrent build $i lacks the hook"
done
ok "4 concurrent otel builds in one module all succeed with hooks"
[ "$before" = "$(sums)" ] || fail "concurrent builds changed the user's files"
echo "t_e2e_robust: $pass_count checks passed"
