# Helpers for tests/t_*.sh (sourced). Each test runs with set -euo pipefail.
# fail MSG: print and exit 1.  check NAME CMD...: run CMD, report ok/FAIL.
fail() { echo "FAIL: $*" >&2; exit 1; }
pass_count=0
ok() { pass_count=$((pass_count+1)); echo "ok: $*"; }
# fixture NAME DEST: copy tests/fixtures/NAME to DEST as a fresh git repository.
fixture() {
  rm -rf "$2"; mkdir -p "$2"; cp -R "$ROOT/tests/fixtures/$1/." "$2/"
  (cd "$2" && git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm fixture)
}
