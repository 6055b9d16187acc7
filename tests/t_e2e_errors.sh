#!/usr/bin/env bash
# Bad input loses nothing: a target file with a syntax error is left
# untouched and go's own error reaches the user; a broken rule file stops
# the build with file:line:col before go runs; neither writes the user's tree.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/errfix
fixture cache "$W"
cd "$W"

# A syntax error in the very file a rule targets.
cat > main.go <<'GO'
package main

import "fmt"

// Hello returns a greeting.
func Hello(name string) string { return "hello " + name }

func main() {
	fmt.Println(Hello("world")
}
GO
before=$(sha256sum main.go)
status_before=$(git status --porcelain)
if "$OTEL_BIN" --rules rules.yaml go build -o "$TMPROOT/errapp" . 2>"$TMPROOT/err.log"; then
  fail "build of a broken file succeeded"
fi
cat "$TMPROOT/err.log"
grep -qE '(^|/)main.go:9:[0-9]+: syntax error' "$TMPROOT/err.log" || fail "go's syntax error (main.go:9) did not reach the user"
grep -q 'otel_' "$TMPROOT/err.log" && fail "error output mentions generated code"
[ "$before" = "$(sha256sum main.go)" ] || fail "main.go was changed"
[ "$status_before" = "$(git status --porcelain)" ] || fail "otel changed the tree: $(git status --porcelain)"
ok "syntax error in a target file: go reports main.go:9, file untouched"

# A broken rule file: otel reports it and go never runs.
git checkout -q -- main.go
printf 'bad:\n  target: main\n  where:\n    func: Hello\n  do: []\n' > "$TMPROOT/bad.yaml"
if "$OTEL_BIN" --rules "$TMPROOT/bad.yaml" go build -o "$TMPROOT/errapp" . 2>"$TMPROOT/err.log"; then
  fail "build with a broken rule file succeeded"
fi
grep -qE "^$TMPROOT/bad.yaml:5:[0-9]+: " "$TMPROOT/err.log" || { cat "$TMPROOT/err.log"; fail "no file:line:col for the rule error"; }
[ ! -e "$TMPROOT/errapp" ] || fail "go ran despite the rule error"
ok "broken rule file: $(head -1 "$TMPROOT/err.log")"

# A hook that does not exist: a clear error naming it.
sed -i 's/BeforeHello/BeforeNoSuchHook/' rules.yaml
if "$OTEL_BIN" --rules rules.yaml go build -o "$TMPROOT/errapp" . 2>"$TMPROOT/err.log"; then
  fail "build with a missing hook succeeded"
fi
grep -q 'BeforeNoSuchHook' "$TMPROOT/err.log" || { cat "$TMPROOT/err.log"; fail "missing hook not named"; }
ok "missing hook: $(head -1 "$TMPROOT/err.log")"
git checkout -q -- rules.yaml

# A hook whose context interface is not the full hook context method set
# would crash the program at run time; setup refuses it and says why.
cat > hooks/small.go <<'GO'
package hooks

// Small has only two of the hook context's methods.
type Small interface {
	SetParam(idx int, val interface{})
	GetFuncName() string
}

// BeforeSmall takes the wrong context type.
func BeforeSmall(ictx Small, name string) {}
GO
sed -i 's/BeforeHello/BeforeSmall/' rules.yaml
if "$OTEL_BIN" --rules rules.yaml go build -o "$TMPROOT/errapp" . 2>"$TMPROOT/err.log"; then
  fail "build with a partial hook context interface succeeded"
fi
grep -q 'hook context type Small lacks method SetSkipCall' "$TMPROOT/err.log" || { cat "$TMPROOT/err.log"; fail "partial hook context not reported"; }
ok "partial hook context interface: $(head -1 "$TMPROOT/err.log")"
rm hooks/small.go
git checkout -q -- rules.yaml
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"
echo "t_e2e_errors: $pass_count checks passed"
