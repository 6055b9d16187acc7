/* structfields: add_struct_fields, fields appended to a struct type.
 *
 * The fields go right before the struct's closing `}`, on its line, so no
 * original line moves: `}` becomes `A T; B U }`, and for a struct whose
 * last field shares the closing brace's line (`type T struct{ a int }`) a
 * `;` first separates it from the new ones (`a int ; A T; B U }`). Nothing
 * checks that the names are new: a clash is the compiler's "duplicate
 * field" error, on the struct's own line. */
#include <string.h>

#include "inject/internal.h"

void struct_fields_splices(Arena *a, const char *src, size_t len, const FieldsUse *u, SpliceList *l) {
    (void)len;
    const GoTypeSpec *t = u->type;
    size_t lb = (size_t)t->lbrace + 1, rb = (size_t)t->rbrace;
    bool semi = go_needs_semi_at_end(src + lb, rb - lb);
    bool space_before = rb > 0 && src[rb - 1] != ' ' && src[rb - 1] != '\t' && src[rb - 1] != '\n' && src[rb - 1] != '{';
    splice_add(a, l, rb, 0, arena_printf(a, "%s%s ", semi ? (space_before ? " ; " : "; ") : (space_before ? " " : ""), u->fields));
}

const char *inject_join_fields(Arena *a, const char *const *names, const char *const *types, int n) {
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%s %s", i ? "; " : "", names[i], types[i]);
    const char *r = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return r;
}
