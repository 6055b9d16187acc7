/* assignvalue: assign_value, a package-level var/const's initializer
 * replaced (`replace: EXPR`) or wrapped (`wrap: TEMPLATE`, {{ . }} being
 * the old initializer).
 *
 * Only the matched name's initializer changes: in `var a, b = x, y` the
 * splice covers y alone. Lines stay where they were:
 *  - an initializer on one line is replaced by the new text joined onto
 *    one line (gosrc_join_lines);
 *  - a wrap of an initializer that spans lines, whose template uses
 *    {{ . }} once and as is, keeps the old text in place and splices what
 *    comes before and after it onto its first and last lines;
 *  - a replace of an initializer that spans lines writes a comment holding
 *    the old line breaks before the new text (`= <comment>NEW`, the comment
 *    holding only those newlines): a comment
 *    with a newline counts as a newline, and after `=` or `,` a newline
 *    ends nothing, so the next token keeps its line and the spec its meaning;
 *  - `var x T` (no initializer) with replace gains ` = NEW` after its type;
 *    with several names, the others get `*new(T)`, their zero value.
 * Refused (setup error naming rule and name): a tuple initializer
 * (`var a, b = f()`), wrap without an initializer, a const without one of
 * its own (it repeats the group's previous list, which other names share). */
#include <string.h>

#include "inject/internal.h"

#define DOT_MARK "_otel_assign_dot_"

const char *inject_lines_comment(Arena *a, const char *src, size_t off, size_t end) {
    Buf b = BUF_INIT;
    buf_puts(&b, "/*");
    for (size_t i = off; i < end; i++)
        if (src[i] == '\n')
            buf_putc(&b, '\n');
    buf_puts(&b, "*/");
    const char *r = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return r;
}

static const char *join(Arena *a, const ValueUse *u, const char *text, const char **err) {
    const char *out, *jerr;
    if (gosrc_join_lines(a, text, strlen(text), &out, &jerr) != 0) {
        *err = arena_printf(a, "rule %s: the new initializer of %s: %s", u->rule_name, u->name, jerr);
        return NULL;
    }
    return out;
}

/* The spec of f that declares u->name (of u->decl_kind), and the name's index. */
static const GoValueSpec *find_spec(const GoFile *f, const ValueUse *u, int *idx) {
    for (int i = 0; i < f->nvalues; i++) {
        const GoValueSpec *v = &f->values[i];
        if (u->decl_kind == 1 && v->is_const) continue;
        if (u->decl_kind == 2 && !v->is_const) continue;
        for (int k = 0; k < v->nnames; k++)
            if (!strcmp(v->names[k].name, u->name)) {
                *idx = k;
                return v;
            }
    }
    return NULL;
}

bool assign_value_declares(const GoFile *f, const ValueUse *u) {
    int idx;
    return find_spec(f, u, &idx) != NULL;
}

int assign_value_splices(Arena *a, const char *src, size_t len, const GoFile *f, const ValueUse *u, SpliceList *l,
                         const char **err) {
    (void)len;
    int i;
    const GoValueSpec *v = find_spec(f, u, &i);
    if (!v)
        return 0;
    const char *what = v->is_const ? "const" : "var";
    if (v->nvalues == 0) {
        if (v->is_const) {
            *err = arena_printf(a, "rule %s: const %s has no initializer of its own (it repeats the one before it in "
                                   "its group), so assign_value cannot change it alone", u->rule_name, u->name);
            return -1;
        }
        if (u->wrap) {
            *err = arena_printf(a, "rule %s: var %s has no initializer for assign_value.wrap to wrap (use replace)",
                                u->rule_name, u->name);
            return -1;
        }
        const char *nv = join(a, u, u->replace, err);
        if (!nv)
            return -1;
        const char *type = arena_strndup(a, src + v->type_off, (size_t)(v->type_end - v->type_off));
        if (v->nnames > 1 && strchr(type, '\n')) {
            *err = arena_printf(a, "rule %s: var %s shares a multi-line type with other names and has no initializer",
                                u->rule_name, u->name);
            return -1;
        }
        Buf b = BUF_INIT;
        buf_puts(&b, " = ");
        for (int k = 0; k < v->nnames; k++) {
            if (k)
                buf_puts(&b, ", ");
            if (k == i)
                buf_puts(&b, nv);
            else
                buf_printf(&b, "*new(%s)", type);
        }
        splice_add(a, l, v->end, 0, arena_strdup(a, buf_str(&b)));
        buf_free(&b);
        return 0;
    }
    if (v->nvalues != v->nnames) {
        *err = arena_printf(a, "rule %s: %s %s gets its value from a tuple initializer (%d names, %d value%s); "
                               "assign_value cannot change one name of it",
                            u->rule_name, what, u->name, v->nnames, v->nvalues, v->nvalues == 1 ? "" : "s");
        return -1;
    }
    size_t off = v->value_off[i], end = v->value_end[i];
    const char *old = arena_strndup(a, src + off, end - off);
    bool multi = memchr(old, '\n', end - off) != NULL;
    if (u->replace) {
        const char *nv = join(a, u, u->replace, err);
        if (!nv)
            return -1;
        splice_add(a, l, off, end - off, multi ? arena_printf(a, "%s%s", inject_lines_comment(a, src, off, end), nv) : nv);
        return 0;
    }
    size_t eoff;
    const char *terr;
    Template *t = inject_template_parse_kind(a, u->wrap, TPL_ASSIGN_VALUE, &eoff, &terr);
    if (!t) {
        *err = arena_printf(a, "rule %s: assign_value.wrap: %s", u->rule_name, terr);
        return -1;
    }
    bool np, nr;
    Buf b = BUF_INIT;
    TemplateCtx c = {.dot = multi ? DOT_MARK : old};
    if (inject_template_render_ctx(a, t, &c, &b, &np, &nr, &terr) != 0) {
        *err = arena_printf(a, "rule %s: assign_value.wrap: %s", u->rule_name, terr);
        buf_free(&b);
        return -1;
    }
    const char *nv = join(a, u, buf_str(&b), err);
    buf_free(&b);
    if (!nv)
        return -1;
    if (!multi) {
        splice_add(a, l, off, end - off, nv);
        return 0;
    }
    const char *m = strstr(nv, DOT_MARK);
    if (!inject_template_dot_plain_once(t) || !m || strstr(m + 1, DOT_MARK)) {
        *err = arena_printf(a, "rule %s: the initializer of %s %s spans lines: a wrap template must use {{ . }} "
                               "exactly once and as is (not through printf) to keep them",
                            u->rule_name, what, u->name);
        return -1;
    }
    splice_add(a, l, off, 0, arena_strndup(a, nv, (size_t)(m - nv)));
    splice_add(a, l, end, 0, m + strlen(DOT_MARK));
    return 0;
}
