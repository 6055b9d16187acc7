# Source code edits the benchmark makes to the generated module (sourced by
# bench/run.sh and tests/t_bench_smoke.sh, so the smoke test checks that
# the edits keep the module building). Each prints nothing and fails if the
# marker it edits is missing.

# body_edit MODULE PKG VALUE: change the number on the "bench:edit" line of
# PKG's logic.go, a function body that no rule targets. Use a new VALUE for
# every build so each build compiles an edit it has never seen.
body_edit() {
  local f=$1/pkg/$2/logic.go
  grep -q '// bench:edit$' "$f" || return 1
  sed -i "s|seed := [0-9]* // bench:edit\$|seed := $3 // bench:edit|" "$f"
}

# add_import MODULE PKG: add `import _ "database/sql"` to PKG's text.go
# (a file no rule targets), right after the package clause; go.mod is left
# alone. Fails if the file already has it.
add_import() {
  local f=$1/pkg/$2/text.go
  grep -q '^import _ "database/sql"$' "$f" && return 1
  sed -i '0,/^package /s|^package .*|&\n\nimport _ "database/sql"|' "$f"
}

# rule_edit RULES_DIR VALUE: append a comment line to every rule file below
# RULES_DIR (changes the bytes, and so otel's setup key, not the meaning).
rule_edit() {
  local f n=0
  while IFS= read -r f; do
    printf '# bench edit %s\n' "$2" >>"$f"
    n=$((n + 1))
  done < <(find "$1" -name '*.yaml')
  [ "$n" -gt 0 ]
}
