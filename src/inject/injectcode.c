/* injectcode: inject_code (raw Go statements into a function) and the
 * rule's `imports`, the additions inject_extras makes before inject_file.
 *
 * Every splice stays on its line (docs/INJECTION.md "inject_code"):
 *  - the code, joined onto one line (gosrc_join_lines), goes right after
 *    the body's `{`, or before/after the first statement whose text matches
 *    where.pattern (gosrc_body_stmts: source order, outer first), on that
 *    statement's first/last line;
 *  - a parameter or result the code's template names but that has no
 *    usable name gets inject_file's synthetic name (_otel_p<i>, _otel_r<i>)
 *    in the signature, so a later inject_hooks on the same function sees a
 *    named one and keeps it;
 *  - imports go after the package clause, on its line
 *    (`package p; import alias "path"`), each only when the file does not
 *    already import the path under that name.
 * Which imports a package may have at all (standard library, packages
 * compiled through the -toolexec wrapper) is setup's check, not this
 * file's: it knows the package. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"

static const char *func_display(Arena *a, const GoFunc *fn) {
    if (!fn->has_recv)
        return fn->name;
    return arena_printf(a, "(%s%s).%s", fn->recv_ptr ? "*" : "", fn->recv_base ? fn->recv_base : "?", fn->name);
}

/* The package name an import without alias binds: the path's last element,
 * less a major-version suffix (/v2) or gopkg.in's .vN. A guess (the real
 * name is in the package's own clause), good for every std package. */
const char *inject_default_name(Arena *a, const char *path) {
    const char *s = strrchr(path, '/');
    const char *last = s ? s + 1 : path;
    if (s && last[0] == 'v' && last[1] >= '0' && last[1] <= '9' && strspn(last + 1, "0123456789") == strlen(last + 1)) {
        const char *p = s;
        while (p > path && p[-1] != '/')
            p--;
        return arena_strndup(a, p, (size_t)(s - p));
    }
    const char *dot = strstr(last, ".v");
    if (dot && strncmp(path, "gopkg.in/", 9) == 0)
        return arena_strndup(a, last, (size_t)(dot - last));
    return last;
}

static int add_imports(Arena *a, const ExtraInput *in, SpliceList *l, const char **err) {
    const GoFile *f = in->file;
    Buf b = BUF_INIT;
    for (int i = 0; i < in->nimports; i++) {
        const ImportUse *u = &in->imports[i];
        bool have = false;
        for (int j = 0; j < f->nimports && !have; j++) {
            const GoImport *g = &f->imports[j];
            const char *name = g->name ? g->name : inject_default_name(a, g->path);
            bool same_path = strcmp(g->path, u->path) == 0;
            if (!strcmp(u->alias, "_")) {
                have = same_path;
            } else if (same_path && !strcmp(name, u->alias)) {
                have = true;
            } else if (!strcmp(name, u->alias) && strcmp(u->alias, ".") != 0) {
                *err = arena_printf(a, "rule %s: imports %s: \"%s\": the file already imports \"%s\" as %s", u->rule_name,
                                    u->alias, u->path, g->path, u->alias);
                buf_free(&b);
                return -1;
            }
        }
        for (int j = 0; j < i && !have; j++) {
            const ImportUse *v = &in->imports[j];
            if (!strcmp(v->alias, u->alias) && !strcmp(v->path, u->path))
                have = true;
            else if (!strcmp(v->alias, u->alias) && strcmp(u->alias, "_") != 0 && strcmp(u->alias, ".") != 0) {
                *err = arena_printf(a, "rule %s: imports %s: \"%s\": rule %s imports \"%s\" as %s in the same file", u->rule_name,
                                    u->alias, u->path, v->rule_name, v->path, v->alias);
                buf_free(&b);
                return -1;
            }
        }
        if (!have) {
            buf_printf(&b, "; import %s ", u->alias);
            go_quote(&b, u->path);
        }
    }
    if (b.len)
        splice_add(a, l, f->pkg_name_end, 0, arena_strdup(a, buf_str(&b)));
    buf_free(&b);
    return 0;
}

static void name_vars(Arena *a, SpliceList *l, const GoParam *v, int n, char kind, bool bare_single) {
    if (bare_single) { /* `func f() T {` -> `func f() (_otel_r0 T) {` */
        splice_add(a, l, v[0].type_off, 0, "(_otel_r0 ");
        splice_add(a, l, v[0].type_end, 0, ")");
        return;
    }
    for (int i = 0; i < n; i++) {
        if (v[i].name[0] == '\0')
            splice_add(a, l, v[i].type_off, 0, arena_printf(a, "_otel_%c%d ", kind, i));
        else if (!strcmp(v[i].name, "_"))
            splice_add(a, l, (size_t)v[i].name_off, 1, arena_printf(a, "_otel_%c%d", kind, i));
    }
}

static int place_code(Arena *a, const ExtraInput *in, const CodeUse *u, const char *code, SpliceList *l,
                      const char **err) {
    const GoFunc *fn = u->fn;
    if (!u->pattern) {
        splice_add(a, l, (size_t)fn->body_lbrace + 1, 0, arena_printf(a, " %s;", code));
        return 0;
    }
    GoStmt *st;
    int n;
    if (gosrc_body_stmts(a, in->src, in->len, fn, &st, &n) != 0) {
        *err = arena_printf(a, "rule %s: cannot split the body of func %s into statements", u->rule_name,
                            func_display(a, fn));
        return -1;
    }
    regex_t re;
    if (regcomp(&re, u->pattern, REG_EXTENDED | REG_NOSUB) != 0) {
        *err = arena_printf(a, "rule %s: where.pattern %s is not an extended regular expression", u->rule_name, u->pattern);
        return -1;
    }
    int hit = -1;
    for (int i = 0; i < n && hit < 0; i++)
        if (regexec(&re, st[i].text, 0, NULL, 0) == 0)
            hit = i;
    regfree(&re);
    if (hit < 0) {
        *err = arena_printf(a, "rule %s: where.pattern \"%s\" matches no statement of func %s", u->rule_name, u->pattern,
                            func_display(a, fn));
        return -1;
    }
    if (u->after)
        splice_add(a, l, st[hit].end, 0, arena_printf(a, "; %s", code));
    else
        splice_add(a, l, st[hit].off, 0, arena_printf(a, "%s; ", code));
    return 0;
}

int inject_extras(Arena *a, const ExtraInput *in, char **out, size_t *out_len, const char **err) {
    SpliceList l = {0};
    if (add_imports(a, in, &l, err) != 0)
        return -1;
    for (int i = 0; i < in->nfields; i++)
        struct_fields_splices(a, in->src, in->len, &in->fields[i], &l);
    for (int i = 0; i < in->nvalues; i++)
        if (assign_value_splices(a, in->src, in->len, in->file, &in->values[i], &l, err) != 0)
            return -1;
    int nf = in->file->nfuncs;
    bool *need_p = arena_alloc(a, sizeof(bool) * (size_t)(nf + 1)), *need_r = arena_alloc(a, sizeof(bool) * (size_t)(nf + 1));
    memset(need_p, 0, sizeof(bool) * (size_t)(nf + 1));
    memset(need_r, 0, sizeof(bool) * (size_t)(nf + 1));
    for (int phase = 0; phase < 2; phase++)
        for (int i = 0; i < in->ncalls; i++)
            if (wrap_call_splices(a, in, &in->calls[i], phase, &l, need_p, need_r, err) != 0)
                return -1;
    for (int i = 0; i < in->nlits; i++)
        if (set_fields_splices(a, in, &in->lits[i], &l, err) != 0)
            return -1;
    for (int i = 0; i < in->ncode; i++) {
        const CodeUse *u = &in->code[i];
        const GoFunc *fn = u->fn;
        for (int k = 0; k < nf; k++)
            if (fn == &in->file->funcs[k])
                need_p[k] = need_r[k] = false; /* named below, with the code */
        if (fn->body_lbrace < 0) {
            *err = arena_printf(a, "rule %s: cannot inject code into func %s: it has no body", u->rule_name,
                                func_display(a, fn));
            return -1;
        }
        bool np = false, nr = false; /* already renamed by an earlier use on fn */
        for (int j = 0; j < i; j++)
            if (in->code[j].fn == fn) {
                np |= in->code[j].name_params;
                nr |= in->code[j].name_results;
            }
        if (u->name_params && !np)
            name_vars(a, &l, fn->params, fn->nparams, 'p', false);
        if (u->name_results && !nr)
            name_vars(a, &l, fn->results, fn->nresults, 'r', fn->nresults == 1 && fn->results_lparen < 0);
        const char *code, *jerr;
        if (gosrc_join_lines(a, u->code, strlen(u->code), &code, &jerr) != 0) {
            *err = arena_printf(a, "rule %s: the code for func %s: %s", u->rule_name, func_display(a, fn), jerr);
            return -1;
        }
        if (!*code)
            continue;
        if (place_code(a, in, u, code, &l, err) != 0)
            return -1;
    }
    for (int k = 0; k < nf; k++) {
        const GoFunc *fn = &in->file->funcs[k];
        bool np = need_p[k], nr = need_r[k];
        for (int j = 0; j < in->ncode; j++)
            if (in->code[j].fn == fn) {
                np &= !in->code[j].name_params;
                nr &= !in->code[j].name_results;
            }
        if (np)
            name_vars(a, &l, fn->params, fn->nparams, 'p', false);
        if (nr)
            name_vars(a, &l, fn->results, fn->nresults, 'r', fn->nresults == 1 && fn->results_lparen < 0);
    }
    Buf res = BUF_INIT;
    apply_splices(in->src, in->len, &l, &res);
    *out_len = res.len;
    *out = arena_strndup(a, res.data ? res.data : "", res.len);
    buf_free(&res);
    return 0;
}
