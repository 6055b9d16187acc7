#!/usr/bin/env bash
# gosrc against go/parser over every .go file of GOROOT/src (testdata too)
# and the tricky cases of tools/gosrc-oracle/testdata. More directories (the
# module cache, say) can be added: GOSRC_ORACLE_DIRS="$(go env GOMODCACHE)".
#
# tools/gosrc-oracle prints what go/parser sees, build/san/tools/gosrc_dump
# (the ASan/UBSan build) what gosrc sees, both in the format documented in
# tools/gosrc-oracle/main.go. For every file go/parser accepts the two
# outputs must be identical; for the files it rejects gosrc may fail or
# succeed, but must not crash or read out of bounds (the sanitizers abort
# the run and the outputs then fall out of step).
#
# Two comparisons come out of the one run of each side: the declaration
# dump, and the body dump (-bodies/--bodies: every call expression and
# composite literal of every function body and package-level var/const
# initializer, gosrc_scan_body and gosrc_scan_expr against go/parser's
# *ast.CallExpr and *ast.CompositeLit).
set -u
: "${ROOT:?}" "${TMPROOT:?}"
DUMP=$ROOT/build/san/tools/gosrc_dump
[ -x "$DUMP" ] || { echo "FAIL: $DUMP missing (run make san)"; exit 1; }
command -v go >/dev/null || { echo "FAIL: go not on PATH"; exit 1; }

work=$TMPROOT/gosrc-oracle
mkdir -p "$work"
if ! (cd "$ROOT/tools/gosrc-oracle" && go build -o "$work/oracle" .); then
  echo "FAIL: cannot build tools/gosrc-oracle"; exit 1
fi

src=$(go env GOROOT)/src
corpus=$ROOT/tools/gosrc-oracle/testdata
nsrc=$(find "$src" -name '*.go' -type f | wc -l)
[ "$nsrc" -gt 1000 ] || { echo "FAIL: only $nsrc .go files under $src"; exit 1; }
# shellcheck disable=SC2086 # GOSRC_ORACLE_DIRS is a list
find "$src" "$corpus" ${GOSRC_ORACLE_DIRS:-} -name '*.go' -type f | LC_ALL=C sort > "$work/files"

# The two runs are independent: use both cores.
"$work/oracle" -bodies "$work/oracle.bodies" < "$work/files" > "$work/oracle.out" 2> "$work/oracle.err" &
oracle_pid=$!
"$DUMP" --bodies "$work/gosrc.bodies" < "$work/files" > "$work/gosrc.out" 2> "$work/gosrc.err"
dump_rc=$?
wait "$oracle_pid"
oracle_rc=$?

fail=0
if [ "$oracle_rc" -ne 0 ]; then
  echo "FAIL: oracle exited $oracle_rc"; head -5 "$work/oracle.err"; fail=1
fi
if [ "$dump_rc" -ne 0 ] || [ -s "$work/gosrc.err" ]; then
  echo "FAIL: gosrc_dump exited $dump_rc; last file it started:"
  grep '^file ' "$work/gosrc.out" | tail -1
  head -30 "$work/gosrc.err"
  fail=1
fi

# Walk two outputs in step, one "file PATH" block at a time: compare
# ORACLE_OUT GOSRC_OUT WHAT.
compare() {
awk -v O="$1" -v G="$2" -v W="$3" -v C="$corpus/" '
function oget() { ohave = (getline oline < O) > 0 }
function gget() { ghave = (getline gline < G) > 0 }
BEGIN {
  oget(); gget()
  while (ohave) {
    if (substr(oline, 1, 5) != "file ") { print "FAIL: oracle output out of step at: " oline; exit 2 }
    if (!ghave || gline != oline) { print "FAIL: gosrc output lacks " oline " (has: " gline ")"; exit 2 }
    path = substr(oline, 6); files++
    if (index(path, C) == 1) ncorpus++
    oget(); gget()
    rejected = ohave && oline ~ /^rejected /
    gerror = ghave && gline ~ /^error /
    same = 1
    for (;;) {
      oend = !ohave || substr(oline, 1, 5) == "file "
      gend = !ghave || substr(gline, 1, 5) == "file "
      if (oend && gend) break
      if (same && (oend != gend || oline != gline)) {
        same = 0
        want = oend ? "<end of file block>" : oline
        got = gend ? "<end of file block>" : gline
      }
      if (!oend) oget()
      if (!gend) gget()
    }
    if (rejected) { nrej++; if (gerror) nrej_err++; continue }
    if (same) { nok++; continue }
    nbad++
    if (nbad <= 10) printf "DIFF %s\n  go/parser: %s\n  gosrc:     %s\n", path, want, got
  }
  if (ghave) { print "FAIL: gosrc output has extra lines: " gline; exit 2 }
  printf "%s: %d files: %d identical to go/parser, %d different; %d rejected by go/parser (gosrc: %d errors, %d parsed, no crash)\n", \
    W, files, nok, nbad, nrej, nrej_err, nrej - nrej_err
  if (ncorpus == 0) { print "FAIL: no file of " C " was compared"; exit 2 }
  exit nbad > 0
}'
}
compare "$work/oracle.out" "$work/gosrc.out" declarations || fail=1
compare "$work/oracle.bodies" "$work/gosrc.bodies" bodies || fail=1

funcs=$(grep -c '^func ' "$work/oracle.out")
types=$(grep -c '^type ' "$work/oracle.out")
calls=$(grep -c '^call ' "$work/oracle.bodies")
lits=$(grep -c '^lit ' "$work/oracle.bodies")
bodies=$(grep -c '^body ' "$work/oracle.bodies")
inits=$(grep -c '^init ' "$work/oracle.bodies")
echo "compared $funcs funcs and $types type specs; $calls calls and $lits composite literals in $bodies bodies and $inits package-level initializers"
# The body comparison must have had something to compare.
[ "$calls" -gt 100000 ] && [ "$lits" -gt 10000 ] || { echo "FAIL: too few calls/literals compared"; fail=1; }
[ "$fail" -eq 0 ] && echo "PASS: gosrc agrees with go/parser on GOROOT/src and $corpus"
exit "$fail"
