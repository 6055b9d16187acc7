#!/usr/bin/env bash
# add_file end to end: a rule adds files/extra.go (//go:build ignore) to
# package lib of the fixture; the program runs the added init (package
# clause renamed, the file sees lib's own functions, its lines keep their
# numbers); editing the added file re-runs setup; a missing file is an
# error naming the rule.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
D=$TMPROOT/addfile
fixture addfile "$D"
cd "$D"
"$OTEL_BIN" --rules rules.yaml go build -o prog . 2>build.log || { cat build.log; fail "otel go build with an add_file rule"; }
out=$(./prog 2>&1)
[ "$out" = "$(printf 'added v1 in lib at line 9\nlib')" ] || fail "program output: $out"
ok "the added file runs inside lib, named lib, its line numbers kept"
git status --porcelain | grep -v '^?? \(prog\|build.log\|.otel-build/\)' && fail "the source tree changed"
ok "sources untouched"

sed -i 's/added v1/added v2/' files/extra.go
"$OTEL_BIN" --rules rules.yaml go build -o prog . 2>build.log || { cat build.log; fail "rebuild after editing the added file"; }
out=$(./prog 2>&1)
[[ $out == "added v2 in lib"* ]] || fail "edit of the added file not seen: $out"
ok "editing the added file re-instruments"

go build -o plain . && [ "$(./plain 2>&1)" = lib ] || fail "plain build"
ok "plain build has no added file"

sed -i 's/file: extra.go/file: missing.go/' rules.yaml
if "$OTEL_BIN" --rules rules.yaml go build -o prog . 2>err.log; then fail "a missing add_file file was accepted"; fi
grep -q "rules.yaml:4:7: rule extra: add_file: cannot read .*files/missing.go" err.log || fail "error: $(cat err.log)"
ok "a missing file: $(head -1 err.log)"
