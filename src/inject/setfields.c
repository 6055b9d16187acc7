/* setfields: set_fields, fields of struct literals `alias.Type{...}` and
 * `&alias.Type{...}` set (value) or wrapped (wrap), in the file's
 * package-level var initializers (gosrc_scan_expr: `var DefaultX = &T{...}`
 * is the common way a package builds its defaults) and function bodies
 * (gosrc_scan_body, function literals included).
 *
 * A literal matches when its type, written without blanks and comments and
 * without type arguments, is `alias.Type` with alias a name the file
 * imports the path under (renamed imports by path, as wrap_call does), or
 * a bare `Type` when the file dot-imports the path or belongs to the
 * package itself (LitUse.own). Literals whose type is elided
 * (`[]T{{...}}`'s inner ones) do not match: there is no type checking.
 *
 * Per matched literal, for each field of the rule, in rule order:
 *  - present, wrap given: a template that uses {{ . }} once and as is keeps
 *    the old value in place (what comes before {{ . }} is inserted before
 *    it, the rest after it), so a value spanning lines keeps its lines and
 *    literals inside it can still be changed; any other template replaces
 *    the value's text, which is then refused (setup error) for a value that
 *    spans lines or holds another matching literal;
 *  - present, value only: the old value is replaced by the new one (joined
 *    onto one line); an old value that spans lines leaves a comment with its
 *    line breaks in front (as assign_value does), so every line after it
 *    keeps its number; literals inside the old value are gone with it;
 *  - absent, value given: `Name: value` goes right after the `{`, followed
 *    by `, ` when the literal has elements or its braces are on different
 *    lines (`T{}` becomes `T{Name: value}`; a second rule on that `T{}`
 *    adds `, Other: value` after it);
 *  - absent, wrap only: skipped with a warning.
 * A positional literal (`T{1, 2}`) is skipped with a warning. Every value
 * and rendered wrap is joined onto one line (gosrc_join_lines), so nothing
 * adds a line. A field whose value another rule already changed (a splice
 * inside it) is a setup error rather than a garbled file; wraps in place
 * nest, the earlier rule's outside; two rules adding the same absent field
 * give the compiler's "duplicate field name". */
#include <string.h>

#include "inject/internal.h"

#define DOT_MARK "_otel_set_fields_dot_"

static const char *func_display(Arena *a, const GoFunc *fn) {
    if (!fn->has_recv)
        return fn->name;
    return arena_printf(a, "(%s%s).%s", fn->recv_ptr ? "*" : "", fn->recv_base ? fn->recv_base : "?", fn->name);
}

/* Line and column (1-based, bytes) of offset off. */
static void line_col(const char *src, size_t off, int *line, size_t *col) {
    size_t bol = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++)
        if (src[i] == '\n') {
            (*line)++;
            bol = i + 1;
        }
    *col = off - bol + 1;
}

/* "line L, col C" of offset off, for errors (the caller prefixes them with
 * the file's path). */
static const char *pos_of(Arena *a, const char *src, size_t off) {
    int line;
    size_t col;
    line_col(src, off, &line, &col);
    return arena_printf(a, "line %d, col %zu", line, col);
}

/* "path:line:col" of offset off, for warnings. Only when in->path is set. */
static const char *warn_pos(Arena *a, const ExtraInput *in, size_t off) {
    int line;
    size_t col;
    line_col(in->src, off, &line, &col);
    return arena_printf(a, "%s:%d:%zu", in->path, line, col);
}

/* Does the literal type text name u's type in this file? names: the file's
 * names for u->path. */
static bool type_matches(Arena *a, const char *type, const char *const *names, int n, const LitUse *u) {
    char *t = gosrc_normalize_type(a, type);
    char *br = t[0] != '[' ? strchr(t, '[') : NULL; /* pkg.T[int]: the generic type's name */
    if (br)
        *br = '\0';
    const char *dot = strchr(t, '.');
    if (!dot) {
        bool bare = u->own;
        for (int i = 0; i < n && !bare; i++)
            bare = !strcmp(names[i], ".");
        return bare && !strcmp(t, u->type);
    }
    if (strcmp(dot + 1, u->type) != 0)
        return false;
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == (size_t)(dot - t) && !strncmp(t, names[i], (size_t)(dot - t)))
            return true;
    return false;
}

/* Is there a splice (of another rule) strictly inside [s, e), or one that
 * deletes text overlapping it? */
static bool range_touched(const SpliceList *l, size_t s, size_t e) {
    for (int i = 0; i < l->n; i++) {
        const Splice *p = &l->v[i];
        if (p->del ? p->off < e && p->off + p->del > s : p->off > s && p->off < e)
            return true;
    }
    return false;
}

/* Is there an insertion at off already? */
static bool inserts_at(const SpliceList *l, size_t off) {
    for (int i = 0; i < l->n; i++)
        if (l->v[i].off == off && l->v[i].del == 0)
            return true;
    return false;
}

/* Insert text at off before any insertion already there: the closing
 * part of a wrap, so that a wrap made earlier at the same place (another
 * rule's, or a wrap_call of the same expression) stays the outer one. */
static void insert_inner(Arena *a, SpliceList *l, size_t off, const char *text) {
    Splice *first = NULL;
    for (int i = 0; i < l->n; i++)
        if (l->v[i].off == off && l->v[i].del == 0 && (!first || l->v[i].seq < first->seq))
            first = &l->v[i];
    if (first)
        first->text = arena_printf(a, "%s%s", text, first->text);
    else
        splice_add(a, l, off, 0, text);
}

/* What the rule needs, prepared once per file. */
typedef struct {
    Arena *a;
    const ExtraInput *in;
    const LitUse *u;
    const char **values;  /* per field: the value on one line, or NULL */
    Template **wraps;     /* per field: the parsed wrap, or NULL */
    bool *plain;          /* per field: the wrap uses {{ . }} once, as is */
    SpliceList *l;
    const char **err;
} Ctx;

static int prepare(Ctx *c) {
    Arena *a = c->a;
    const LitUse *u = c->u;
    c->values = arena_alloc(a, sizeof(char *) * (size_t)(u->nfields + 1));
    c->wraps = arena_alloc(a, sizeof(Template *) * (size_t)(u->nfields + 1));
    c->plain = arena_alloc(a, sizeof(bool) * (size_t)(u->nfields + 1));
    for (int i = 0; i < u->nfields; i++) {
        const SetField *f = &u->fields[i];
        const char *jerr;
        c->values[i] = NULL;
        c->wraps[i] = NULL;
        c->plain[i] = false;
        if (f->value && gosrc_join_lines(a, f->value, strlen(f->value), &c->values[i], &jerr) != 0) {
            *c->err = arena_printf(a, "rule %s: set_fields value of %s: %s", u->rule_name, f->name, jerr);
            return -1;
        }
        if (f->wrap) {
            size_t eoff;
            c->wraps[i] = inject_template_parse_kind(a, f->wrap, TPL_SET_FIELDS, &eoff, &jerr);
            if (!c->wraps[i]) {
                *c->err = arena_printf(a, "rule %s: set_fields wrap of %s: %s", u->rule_name, f->name, jerr);
                return -1;
            }
            c->plain[i] = inject_template_dot_plain_once(c->wraps[i]);
        }
    }
    return 0;
}

/* The element of the literal keyed name, or NULL. */
static const GoElem *find_key(const char *src, const GoElem *el, int n, const char *name) {
    size_t len = strlen(name);
    for (int i = 0; i < n; i++)
        if (el[i].key_end >= 0 && (size_t)el[i].key_end - el[i].off == len && !memcmp(src + el[i].off, name, len))
            return &el[i];
    return NULL;
}

/* Is a matching literal (hit) inside [s, e)? */
static bool holds_hit(const GoBody *body, const bool *hit, size_t s, size_t e) {
    for (int k = 0; k < body->nlits; k++)
        if (hit[k] && body->lits[k].lbrace >= s && body->lits[k].lbrace < e)
            return true;
    return false;
}

/* Wrap the present value e of field i. */
static int wrap_value(Ctx *c, const char *where, const GoBody *body, const bool *hit, int i, const GoElem *e) {
    Arena *a = c->a;
    const char *src = c->in->src;
    const char *name = c->u->fields[i].name;
    const char *old = arena_strndup(a, src + e->val_off, e->end - e->val_off);
    Buf b = BUF_INIT;
    TemplateCtx tc = {.dot = c->plain[i] ? DOT_MARK : old};
    bool np, nr;
    const char *terr, *nv;
    if (inject_template_render_ctx(a, c->wraps[i], &tc, &b, &np, &nr, &terr) != 0 ||
        gosrc_join_lines(a, buf_str(&b), b.len, &nv, &terr) != 0) {
        *c->err = arena_printf(a, "rule %s: set_fields wrap of %s in %s: %s", c->u->rule_name, name,
                               where, terr);
        buf_free(&b);
        return -1;
    }
    buf_free(&b);
    const char *m = c->plain[i] ? strstr(nv, DOT_MARK) : NULL;
    if (m && !strstr(m + 1, DOT_MARK)) {
        splice_add(a, c->l, e->val_off, 0, arena_strndup(a, nv, (size_t)(m - nv)));
        insert_inner(a, c->l, e->end, m + strlen(DOT_MARK));
        return 0;
    }
    bool multi = memchr(old, '\n', e->end - e->val_off) != NULL;
    if (c->plain[i] || multi || holds_hit(body, hit, e->val_off, e->end)) {
        *c->err = arena_printf(a, "rule %s: field %s of a literal of %s.%s in %s (%s) %s: a set_fields wrap "
                                  "must use {{ . }} exactly once and as is (not through printf) to keep it in place",
                               c->u->rule_name, name, c->u->path, c->u->type, where,
                               pos_of(a, src, e->val_off),
                               c->plain[i] ? "lost its {{ . }}" : multi ? "spans lines" : "holds another matching literal");
        return -1;
    }
    if (range_touched(c->l, e->val_off, e->end)) {
        *c->err = arena_printf(a, "rule %s: field %s of a literal of %s.%s in %s (%s) is changed by another "
                                  "rule too",
                               c->u->rule_name, name, c->u->path, c->u->type, where,
                               pos_of(a, src, e->val_off));
        return -1;
    }
    splice_add(a, c->l, e->val_off, e->end - e->val_off, nv);
    return 0;
}

/* Apply the rule to literal k of the body. dead/ndead: value ranges this
 * rule replaced (literals inside them are gone). */
static int apply_lit(Ctx *c, const char *where, const GoBody *body, const bool *hit, int k, size_t *dead, int *ndead) {
    Arena *a = c->a;
    const char *src = c->in->src;
    const LitUse *u = c->u;
    const GoLit *lit = &body->lits[k];
    GoElem *el;
    int n = go_split_elems(a, src, lit->lbrace + 1, lit->rbrace, &el);
    for (int i = 0; i < n; i++)
        if (el[i].key_end < 0) {
            if (c->in->path)
                warn("%s: rule %s: %s: a positional literal of %s.%s is skipped: set_fields needs field names",
                     warn_pos(a, c->in, (size_t)lit->type_off), u->rule_name, where, u->path, u->type);
            return 0;
        }
    Buf added = BUF_INIT;
    for (int i = 0; i < u->nfields; i++) {
        const SetField *f = &u->fields[i];
        const GoElem *e = find_key(src, el, n, f->name);
        if (!e) {
            if (!c->values[i]) {
                if (c->in->path)
                    warn("%s: rule %s: %s: a literal of %s.%s has no field %s to wrap; skipped (give it a "
                         "value to add it)",
                         warn_pos(a, c->in, (size_t)lit->type_off), u->rule_name, where, u->path, u->type,
                         f->name);
                continue;
            }
            buf_printf(&added, "%s%s: %s", added.len ? ", " : "", f->name, c->values[i]);
            continue;
        }
        if (c->wraps[i]) {
            if (wrap_value(c, where, body, hit, i, e) != 0) {
                buf_free(&added);
                return -1;
            }
            continue;
        }
        if (range_touched(c->l, e->val_off, e->end)) {
            *c->err = arena_printf(a, "rule %s: field %s of a literal of %s.%s in %s (%s) is changed by another "
                                      "rule too",
                                   u->rule_name, f->name, u->path, u->type, where, pos_of(a, src, e->val_off));
            buf_free(&added);
            return -1;
        }
        bool multi = memchr(src + e->val_off, '\n', e->end - e->val_off) != NULL;
        splice_add(a, c->l, e->val_off, e->end - e->val_off,
                   multi ? arena_printf(a, "%s%s", inject_lines_comment(a, src, e->val_off, e->end), c->values[i])
                         : c->values[i]);
        dead[2 * *ndead] = e->val_off;
        dead[2 * *ndead + 1] = e->end;
        (*ndead)++;
    }
    if (added.len) {
        size_t at = lit->lbrace + 1;
        const char *text = buf_str(&added);
        if (n > 0 || memchr(src + lit->lbrace, '\n', lit->rbrace - lit->lbrace))
            text = arena_printf(a, "%s%s", text, src[at] == '\n' || src[at] == '\r' ? "," : ", ");
        else if (inserts_at(c->l, at)) /* `T{}` that an earlier rule gave fields: after them */
            text = arena_printf(a, ", %s", text);
        splice_add(a, c->l, at, 0, arena_strdup(a, text));
    }
    buf_free(&added);
    return 0;
}

/* Apply the rule to the literals of one place (a function body or a
 * package-level initializer; where names it in messages). */
static int apply_scope(Ctx *c, const char *where, const GoBody *body, const char *const *names, int nn) {
    Arena *a = c->a;
    bool *hit = arena_alloc(a, sizeof(bool) * (size_t)(body->nlits + 1));
    for (int i = 0; i < body->nlits; i++)
        hit[i] = body->lits[i].type_off >= 0 && type_matches(a, body->lits[i].type, names, nn, c->u);
    /* Outer literals first (source order of `{`): a value this rule
     * replaces takes the literals inside it along. */
    size_t *dead = arena_alloc(a, sizeof(size_t) * 2 * (size_t)(body->nlits * c->u->nfields + 1));
    int ndead = 0;
    for (int i = 0; i < body->nlits; i++) {
        if (!hit[i])
            continue;
        bool gone = false;
        for (int d = 0; d < ndead && !gone; d++)
            gone = body->lits[i].lbrace >= dead[2 * d] && body->lits[i].lbrace < dead[2 * d + 1];
        if (!gone && apply_lit(c, where, body, hit, i, dead, &ndead) != 0)
            return -1;
    }
    return 0;
}

int set_fields_splices(Arena *a, const ExtraInput *in, const LitUse *u, SpliceList *l, const char **err) {
    const GoFile *f = in->file;
    const char **names;
    int nn = inject_import_names(a, f, u->path, &names);
    if (nn == 0 && !u->own)
        return 0;
    Ctx c = {.a = a, .in = in, .u = u, .l = l, .err = err};
    if (prepare(&c) != 0)
        return -1;
    /* Initializers and bodies in source order (so are the warnings). */
    int vi = 0, fi = 0;
    while (vi < f->nvalues || fi < f->nfuncs) {
        GoBody body;
        size_t eoff;
        const char *emsg, *where;
        int rc;
        if (vi < f->nvalues && (fi == f->nfuncs || f->values[vi].names[0].off < f->funcs[fi].func_off)) {
            const GoValueSpec *v = &f->values[vi++];
            for (int k = 0; k < v->nvalues && !v->is_const; k++) {
                where = arena_printf(a, "var %s", v->names[k < v->nnames ? k : 0].name);
                rc = gosrc_scan_expr(a, in->src, in->len, v->value_off[k], v->value_end[k], &body, &eoff, &emsg);
                if (rc != 0) {
                    *err = arena_printf(a, "rule %s: cannot scan the initializer of %s (offset %zu: %s)",
                                        u->rule_name, where, eoff, emsg);
                    return -1;
                }
                if (apply_scope(&c, where, &body, names, nn) != 0)
                    return -1;
            }
            continue;
        }
        const GoFunc *fn = &f->funcs[fi++];
        if (fn->body_lbrace < 0)
            continue;
        where = arena_printf(a, "func %s", func_display(a, fn));
        if (gosrc_scan_body(a, in->src, in->len, fn, &body, &eoff, &emsg) != 0) {
            *err = arena_printf(a, "rule %s: cannot scan the body of %s (offset %zu: %s)", u->rule_name, where, eoff,
                                emsg);
            return -1;
        }
        if (apply_scope(&c, where, &body, names, nn) != 0)
            return -1;
    }
    return 0;
}

bool inject_lits_change(Arena *a, const char *src, size_t len, const GoFile *f, const char *path, const LitUse *u) {
    ExtraInput in = {.src = src, .len = len, .file = f}; /* no path: no warnings yet */
    SpliceList l = {0};
    const char *err;
    if (set_fields_splices(a, &in, u, &l, &err) != 0 || l.n > 0)
        return true;
    in.path = path;
    if (path)
        set_fields_splices(a, &in, u, &l, &err);
    return false;
}
