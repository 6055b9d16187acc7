#!/usr/bin/env bash
# The rule-file corpus through `otel rules check`:
#  - each tests/rules/bad/X.yaml (or directory X/) must exit 1 with stderr
#    exactly the lines of X.want followed by "otel: N error(s) in rule files",
#    and print nothing on stdout;
#  - each tests/rules/good/*.yaml, and the directory as a whole, must exit 0
#    with "ok: ..." on stdout and nothing on stderr;
#  - the rule files shipped in instrumentation/, if any, must pass;
#  - no path at all is a usage error (exit 2).
# Paths are passed relative to the repository root, as a user would type them.
set -u
cd "$ROOT" || exit 1

# Prefer the real subcommand; until the cli wires it, use the tool driver.
CHECK=()
if [ -x "${OTEL_BIN:-}" ] &&
   "$OTEL_BIN" rules check tests/rules/good/nethttp.yaml 2>/dev/null | grep -q '^ok: '; then
  CHECK=("$OTEL_BIN" rules check)
elif [ -x build/san/tools/rules_check ]; then
  CHECK=(build/san/tools/rules_check)
else
  echo "neither \$OTEL_BIN rules check nor build/san/tools/rules_check is available"
  exit 1
fi
echo "using: ${CHECK[*]}"

fail=0
out=$TMPROOT/rules_corpus.out
err=$TMPROOT/rules_corpus.err
want=$TMPROOT/rules_corpus.want

# run PATH...: run the checker, leaving stdout/stderr in $out/$err; sets rc.
run() { "${CHECK[@]}" "$@" >"$out" 2>"$err"; rc=$?; }

nbad=0
for case in tests/rules/bad/*.yaml tests/rules/bad/*/; do
  [ -e "$case" ] || continue
  case=${case%/}
  wantfile=${case%.yaml}.want
  if [ ! -f "$wantfile" ]; then
    echo "FAIL $case: no $wantfile"; fail=1; continue
  fi
  nbad=$((nbad+1))
  n=$(wc -l <"$wantfile")
  { cat "$wantfile"
    if [ "$n" -eq 1 ]; then echo "otel: 1 error in rule files"
    else echo "otel: $n errors in rule files"; fi
  } >"$want"
  run "$case"
  if [ "$rc" -ne 1 ]; then
    echo "FAIL $case: exit $rc, want 1"; fail=1
  elif ! cmp -s "$err" "$want"; then
    echo "FAIL $case: stderr differs (- want, + got):"; diff -u "$want" "$err" | tail -n +3; fail=1
  elif [ -s "$out" ]; then
    echo "FAIL $case: unexpected stdout: $(cat "$out")"; fail=1
  fi
done
echo "checked $nbad malformed rule files"
if [ "$nbad" -lt 15 ]; then echo "FAIL: want at least 15 bad cases"; fail=1; fi

ngood=0
for case in tests/rules/good/*.yaml tests/rules/good; do
  ngood=$((ngood+1))
  run "$case"
  if [ "$rc" -ne 0 ] || [ -s "$err" ] || ! grep -q '^ok: ' "$out"; then
    echo "FAIL $case: exit $rc, stdout: $(cat "$out"), stderr:"; cat "$err"; fail=1
  fi
done
run tests/rules/good/nethttp.yaml
if [ "$(cat "$out")" != "ok: 5 rules in 1 file" ]; then
  echo "FAIL good/nethttp.yaml: stdout \"$(cat "$out")\", want \"ok: 5 rules in 1 file\""; fail=1
fi
echo "checked $ngood good cases"

# The shipped rules must always load.
shipped=$(find instrumentation \( -name rules.yaml -o -name rules.yml \) 2>/dev/null | grep -v /testdata/ | sort)
if [ -n "$shipped" ]; then
  # shellcheck disable=SC2086
  run $shipped
  if [ "$rc" -ne 0 ]; then
    echo "FAIL shipped rules in instrumentation/:"; cat "$err"; fail=1
  else
    echo "shipped rules: $(cat "$out")"
  fi
fi

run
if [ "$rc" -ne 2 ]; then echo "FAIL no arguments: exit $rc, want 2"; fail=1; fi

[ "$fail" -eq 0 ] && echo "rules corpus: all cases passed"
exit "$fail"
