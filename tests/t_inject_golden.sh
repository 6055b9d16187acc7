#!/usr/bin/env bash
# Golden tests of src/inject: for every tests/inject/golden/<case>/,
# tools/inject_golden instruments input.go as the case's spec says, and
#  1. the output equals want.go (or the error equals want_error), and its
#     warnings equal want_warnings when the case has that file;
#  2. every line of input.go is still at its line number, with only
#     same-line additions;
#  3. every output compiles with the real Go compiler: all cases go into one
#     temporary module (each as its own package, with the support file and
#     other.go, and its hooks.go as a hook package) built by one `go build`.
#     Compile only: the linkname targets need not be linked. go vet must
#     have nothing to say about them either.
# UPDATE_GOLDEN=1 rewrites want.go / want_error instead of comparing (review
# the result with git diff).
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
TMPROOT=${TMPROOT:-$(mktemp -d)}
TOOL=${INJECT_GOLDEN:-$ROOT/build/san/tools/inject_golden}
GOLDEN=$ROOT/tests/inject/golden
[ -x "$TOOL" ] || { echo "missing $TOOL (run make san)"; exit 1; }

work=$TMPROOT/inject_golden
rm -rf "$work"
mod=$work/mod
mkdir -p "$mod/hooks" "$mod/cases"
printf 'module example.com/golden\n\ngo 1.22\n' > "$mod/go.mod"
# The hook context every case's hooks.go uses: the DESIGN.md method set.
cat > "$mod/hooks/ctx.go" <<'EOF'
package hooks

type HookContext interface {
	SetSkipCall(bool)
	IsSkipCall() bool
	SetData(interface{})
	GetData() interface{}
	GetKeyData(key string) interface{}
	SetKeyData(key string, val interface{})
	HasKeyData(key string) bool
	GetParamCount() int
	GetParam(idx int) interface{}
	SetParam(idx int, val interface{})
	GetReturnValCount() int
	GetReturnVal(idx int) interface{}
	SetReturnVal(idx int, val interface{})
	GetFuncName() string
	GetPackageName() string
}
EOF

fail=0; ncase=0; nerr=0; own_modules=()
for dir in "$GOLDEN"/*/; do
  c=$(basename "$dir")
  ncase=$((ncase+1))
  out=$work/$c.out; errf=$work/$c.err
  if "$TOOL" "$dir" > "$out" 2> "$errf"; then rc=0; else rc=$?; fi
  if [ -f "$dir/want_error" ] || { [ -n "${UPDATE_GOLDEN:-}" ] && [ $rc -ne 0 ]; }; then
    nerr=$((nerr+1))
    if [ -n "${UPDATE_GOLDEN:-}" ]; then cp "$errf" "$dir/want_error"; rm -f "$dir/want.go"; continue; fi
    if [ $rc -eq 0 ]; then echo "FAIL $c: expected an error, got success"; fail=1; continue; fi
    if ! diff -u "$dir/want_error" "$errf"; then echo "FAIL $c: error message differs"; fail=1; fi
    continue
  fi
  if [ $rc -ne 0 ]; then echo "FAIL $c: inject_golden failed:"; cat "$errf"; fail=1; continue; fi
  if [ -n "${UPDATE_GOLDEN:-}" ]; then
    cp "$out" "$dir/want.go"
  elif ! diff -u "$dir/want.go" "$out"; then
    echo "FAIL $c: output differs from want.go"; fail=1
  fi
  # want_warnings: the warnings of a successful case (on stderr), the case's
  # directory removed from the paths they name.
  if [ -f "$dir/want_warnings" ]; then
    sed "s|${dir%/}/*||g" "$errf" > "$work/$c.warn"
    if [ -n "${UPDATE_GOLDEN:-}" ]; then cp "$work/$c.warn" "$dir/want_warnings"
    elif ! diff -u "$dir/want_warnings" "$work/$c.warn"; then echo "FAIL $c: warnings differ"; fail=1; fi
  fi
  # A case whose spec says `replaces` (assign_value) may rewrite the text of
  # package-level var/const specs: there every line must still be at its
  # number and every declared name on its line; elsewhere as above.
  check=--check-lines
  grep -qx replaces "$dir/spec" && check=--check-lines-replaced
  # `replaces_in_bodies` (set_fields): text inside function bodies may be
  # replaced; the statements must still start and end on their lines.
  grep -qx replaces_in_bodies "$dir/spec" && check=--check-lines-bodies
  if ! "$TOOL" "$check" "$dir/input.go" "$out"; then
    echo "FAIL $c: original lines moved"; fail=1
  fi
  # Into the module: the instrumented file, the package's support file,
  # any other file of the package, and the hook package.
  pkgname=$(sed -n 's/^package \([A-Za-z_0-9]*\).*/\1/p' "$dir/input.go" | head -1)
  pkgdir=$mod/cases/$c
  if [ -f "$dir/gomod" ]; then
    # A case with its own go.mod (an old language version): its own module,
    # compiled without its hooks.
    pkgdir=$work/own/$c; mkdir -p "$pkgdir"; cp "$dir/gomod" "$pkgdir/go.mod"
    own_modules+=("$pkgdir")
  else
    mkdir -p "$mod/hooks/$c"; cp "$dir/hooks.go" "$mod/hooks/$c/hooks.go"
  fi
  mkdir -p "$pkgdir"
  cp "$out" "$pkgdir/input.go"
  [ -f "$dir/other.go" ] && cp "$dir/other.go" "$pkgdir/"
  "$TOOL" --support "$pkgname" > "$pkgdir/otel_hookctx_gen.go"
done

if [ -z "${UPDATE_GOLDEN:-}" ]; then
  for m in "$mod" "${own_modules[@]}"; do
    if ! (cd "$m" && GOFLAGS=-mod=mod go build ./... 2> "$work/build.log"); then
      echo "FAIL: instrumented outputs in $m do not compile:"; cat "$work/build.log"; fail=1
    elif ! (cd "$m" && GOFLAGS=-mod=mod go vet ./... 2> "$work/vet.log"); then
      echo "FAIL: go vet complains about instrumented outputs in $m:"; cat "$work/vet.log"; fail=1
    fi
  done
fi
echo "inject golden: $ncase cases ($nerr error cases); outputs diffed, line positions checked, compiled and vetted with $(go env GOVERSION)"
exit $fail
