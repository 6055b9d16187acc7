#!/usr/bin/env bash
# The -toolexec wrapper alone (src/toolexec), with a stand-in "compile" that
# prints its arguments: pass-through for every invocation without otel's
# marker, file substitution, added files in name order, -trimpath mapping,
# response files, the user's own -toolexec words, a clear error when go
# did not pass a file the package file names, and the cgo step (a stand-in
# "cgo": the cgo file's copy substituted for the packages the cgo index
# names).
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

# -- cgo: a cgo file's copy goes to the cgo tool (found by the cgo index) ------
D=$T/m/y@v1; mkdir -p "$D" "$T/cas/cd"
cp "$T/bin/compile" "$T/bin/cgo"
HC=cd0123456789abcdef0123456789abcd
printf 'otel-toolexec 1\ndir\t%s\ncgo\tc.go\t/c/c-copy.go\nreplace\tb.go\t/c/b2-copy.go\n' "$D" > "$T/cas/cd/$HC.pkg"
printf 'example.com/other\tffff0000ffff0000ffff0000ffff0000\nexample.com/y\t%s\n' $HC > "$T/cgo.idx"
XC() { "$OTEL_BIN" toolexec "$T/cas" - "$T/cgo.idx" "$@"; }
out=$(cd "$D" && XC 0 "$T/bin/cgo" -objdir '$WORK/b002/' -importpath example.com/y -- -I '$WORK/b002/' -O2 c.go d.go)
want=$(printf '[-objdir]\n[$WORK/b002/]\n[-importpath]\n[example.com/y]\n[-trimpath]\n[/c/c-copy.go=>%s/c.go]\n[--]\n[-I]\n[$WORK/b002/]\n[-O2]\n[/c/c-copy.go]\n[d.go]' "$D")
[ "$out" = "$want" ] || fail "cgo step rewritten wrongly:
$out
want:
$want"
out=$(cd "$D" && XC 0 "$T/bin/cgo" -importpath example.com/y -trimpath "/ov=>$D/d.go" -- "$D/c.go")
want=$(printf '[-importpath]\n[example.com/y]\n[-trimpath]\n[/c/c-copy.go=>%s/c.go;/ov=>%s/d.go]\n[--]\n[/c/c-copy.go]' "$D" "$D")
[ "$out" = "$want" ] || fail "cgo step with go's own -trimpath (absolute file path):
$out
want:
$want"
out=$(XC 0 "$T/bin/cgo" -objdir o -importpath example.com/z -- c.go)
[ "$out" = "$(printf '[-objdir]\n[o]\n[-importpath]\n[example.com/z]\n[--]\n[c.go]')" ] || fail "cgo of a package the index does not name was changed: $out"
out=$(XC 0 "$T/bin/cgo" -V=full)
[ "$out" = '[-V=full]' ] || fail "cgo -V=full not passed through: $out"
ok "cgo step: the cgo file's copy substituted, -trimpath copy=>original (before go's own), other packages and -V=full unchanged"

out=$(XC 0 "$T/bin/compile" -trimpath '$WORK/b002=>' -otelmark=$HC -p example.com/y '$WORK/b002/_cgo_gotypes.go' '$WORK/b002/c.cgo1.go' "$D/b.go")
want=$(printf '[-trimpath]\n[/c/b2-copy.go=>%s/b.go;$WORK/b002=>]\n[-p]\n[example.com/y]\n[$WORK/b002/_cgo_gotypes.go]\n[$WORK/b002/c.cgo1.go]\n[/c/b2-copy.go]' "$D")
[ "$out" = "$want" ] || fail "compile of a cgo package: the cgo file is cgo's, not the compiler's:
$out
want:
$want"
if (cd "$D" && XC 0 "$T/bin/cgo" -importpath example.com/y -- d.go >"$T/o" 2>"$T/e"); then fail "a cgo file go did not pass to cgo went unnoticed"; fi
grep -q 'c.go: go did not pass this cgo file to cgo' "$T/e" || fail "no clear error: $(cat "$T/e")"
out=$(cd "$D" && "$OTEL_BIN" toolexec "$T/cas" "$T/cover.idx" "$T/cgo.idx" 0 "$T/bin/cgo" -importpath example.com/y -- '$WORK/b002/c.cover.go')
[ "$out" = "$(printf '[-importpath]\n[example.com/y]\n[--]\n[$WORK/b002/c.cover.go]')" ] || fail "cgo in a coverage build (the cover step's output) was changed: $out"
ok "compile of a cgo package takes cgo's output; a cgo file missing from cgo's arguments is an error, except in coverage builds"
