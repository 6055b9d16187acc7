#!/usr/bin/env bash
# The -toolexec wrapper alone (src/toolexec), with a stand-in "compile" that
# prints its arguments: pass-through for every invocation without otel's
# marker, file substitution, added files in name order, -trimpath mapping,
# response files, the user's own -toolexec words, and a clear error when go
# did not pass a file the package file names.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/toolexec; rm -rf "$T"; mkdir -p "$T/bin" "$T/cas/ab"
printf '#!/bin/sh\nfor a in "$@"; do printf "[%%s]\\n" "$a"; done\n' > "$T/bin/compile"
cp "$T/bin/compile" "$T/bin/link"
printf '#!/bin/sh\necho "user-wrapper $1"; exec "$@"\n' > "$T/bin/wrap"
chmod +x "$T/bin/"*
H=ab0123456789abcdef0123456789abcd
printf 'otel-toolexec 1\ndir\t/m/x@v1\nreplace\tb.go\t/c/b-copy.go\nadd\tc_gen.go\t/c/gen.go\n' > "$T/cas/ab/$H.pkg"
X() { "$OTEL_BIN" toolexec "$T/cas" - - "$@"; }

out=$(X 0 "$T/bin/link" -o a.out -otelmark=$H main.a)
[ "$out" = "$(printf '[-o]\n[a.out]\n[-otelmark=%s]\n[main.a]' $H)" ] || fail "link not passed through unchanged: $out"
out=$(X 0 "$T/bin/compile" -p q /m/q/a.go)
[ "$out" = "$(printf '[-p]\n[q]\n[/m/q/a.go]')" ] || fail "unmarked compile not passed through: $out"
ok "pass-through: other tools and compiles without the marker are exec'd unchanged"

out=$(X 0 "$T/bin/compile" -trimpath '$WORK/b001=>' -p example.com/x -otelmark=$H -pack /m/x@v1/a.go /m/x@v1/b.go /m/x@v1/d.go)
want=$(printf '[-trimpath]\n[/c/b-copy.go=>/m/x@v1/b.go;/c/gen.go=>/m/x@v1/c_gen.go;$WORK/b001=>]\n[-p]\n[example.com/x]\n[-pack]\n[/m/x@v1/a.go]\n[/c/b-copy.go]\n[/c/gen.go]\n[/m/x@v1/d.go]')
[ "$out" = "$want" ] || fail "marked compile rewritten wrongly:
$out
want:
$want"
ok "marked compile: copy substituted, added file in name order, positions mapped back, marker removed"

out=$(X 0 "$T/bin/compile" -trimpath '/m/x@v1=>example.com/x@v1;$WORK/b001=>' -otelmark=$H /m/x@v1/b.go /m/x@v1/c.go | sed -n 2p)
[ "$out" = '[/c/b-copy.go=>example.com/x@v1/b.go;/c/gen.go=>example.com/x@v1/c_gen.go;/m/x@v1=>example.com/x@v1;$WORK/b001=>]' ] \
  || fail "-trimpath rewrite of the package directory not applied to the copies: $out"
ok "go build -trimpath: copies read as module@version/file"

printf -- '-trimpath\n$WORK/b001=>\n-otelmark=%s\n/m/x@v1/b.go\n/m/x@v1/z.go\n' $H > "$T/resp"
out=$(X 0 "$T/bin/compile" "@$T/resp")
want=$(printf '[-trimpath]\n[/c/b-copy.go=>/m/x@v1/b.go;/c/gen.go=>/m/x@v1/c_gen.go;$WORK/b001=>]\n[/c/b-copy.go]\n[/c/gen.go]\n[/m/x@v1/z.go]')
[ "$out" = "$want" ] || fail "response file not handled: $out"
ok "a response file (@file) is read for the marker"

out=$(X 1 "$T/bin/wrap" "$T/bin/compile" -V=full)
[ "$out" = "$(printf 'user-wrapper %s\n[-V=full]' "$T/bin/compile")" ] || fail "user toolexec not run: $out"
# (The whole output first: head closing the pipe early would make the
# writer's SIGPIPE fail the pipeline under pipefail.)
out=$(X 1 "$T/bin/wrap" "$T/bin/compile" -otelmark=$H /m/x@v1/b.go)
[ "$(head -1 <<<"$out")" = "user-wrapper $T/bin/compile" ] || fail "user toolexec not run for a marked compile: $out"
ok "the user's own -toolexec runs in front of every tool"

if X 0 "$T/bin/compile" -otelmark=$H /other/b.go >"$T/o" 2>"$T/e"; then fail "a missing file went unnoticed"; fi
grep -q 'b.go: go did not pass this file' "$T/e" || fail "no clear error: $(cat "$T/e")"
if X 0 "$T/bin/compile" -otelmark=ffff0000ffff0000ffff0000ffff0000 /m/x@v1/b.go >"$T/o" 2>"$T/e"; then fail "a missing package file went unnoticed"; fi
grep -q 'otel clean' "$T/e" || fail "no clear error for a missing package file: $(cat "$T/e")"
ok "errors: a file go did not pass, a missing package file"
