/* wrapcall: wrap_call, calls of a package-level function `path.Name`
 * extended (append_args) and wrapped (replace), in every function body of
 * the file (gosrc_scan_body; package-level initialisers are not scanned).
 *
 * A call matches when its callee is `alias.Name` with alias a name the file
 * imports path under (a renamed import by path; an unrenamed one by the
 * name guessed from the path, as for imports), or a bare `Name` when the
 * file dot-imports path. Blank imports never match. No type checking: a
 * local identifier shadowing the import name matches too (documented limit).
 *
 * Every splice only inserts text, so every line break stays:
 *  - append_args: `, ARGS` right after the last argument (before a
 *    trailing comma, so `f(a,\n)` stays valid), `ARGS` after `(` when there
 *    is none; a spread last argument `opts...` becomes
 *    `func(v ...T) []T { return append(v, ARGS) }(opts...)...` (T the
 *    variadic_type; without it the call is skipped with a warning);
 *  - replace: a template whose {{ . }} appears once, as is, keeps the call
 *    in place: what comes before {{ . }} is inserted before the callee, what
 *    comes after it after the `)`. A template that uses {{ . }} otherwise
 *    (twice, through printf, not at all) replaces the call's text, which
 *    is then refused (setup error) for a call that spans lines or holds
 *    another matching call.
 * Splices come in two phases (inject_extras runs every rule's phase 0,
 * the wraps, before any phase 1, the appended arguments), so that at one
 * offset a `)` closing an inner call's wrap precedes an outer call's
 * `, ARGS`.
 * Several rules on one call: their append_args go in rule order; the
 * first rule's replace is the outermost. Calls are processed innermost
 * first, so a matching call inside another's arguments is wrapped inside
 * it. */
#include <string.h>

#include "inject/internal.h"

#define DOT_MARK "_otel_wrap_call_dot_"

int inject_import_names(Arena *a, const GoFile *f, const char *path, const char ***names) {
    const char **v = arena_alloc(a, sizeof(char *) * (size_t)(f->nimports + 1));
    int n = 0;
    for (int i = 0; i < f->nimports; i++) {
        const GoImport *g = &f->imports[i];
        if (strcmp(g->path, path) != 0 || (g->name && !strcmp(g->name, "_")))
            continue;
        v[n++] = g->name ? g->name : inject_default_name(a, g->path);
    }
    *names = v;
    return n;
}

bool inject_file_imports(const GoFile *f, const char *path) {
    for (int i = 0; i < f->nimports; i++)
        if (!strcmp(f->imports[i].path, path) && !(f->imports[i].name && !strcmp(f->imports[i].name, "_")))
            return true;
    return false;
}

static bool callee_matches(const char *callee, const char *const *names, int n, const char *name) {
    const char *dot = strchr(callee, '.');
    for (int i = 0; i < n; i++) {
        if (!strcmp(names[i], ".")) {
            if (!dot && !strcmp(callee, name))
                return true;
        } else if (dot && (size_t)(dot - callee) == strlen(names[i]) && !strncmp(callee, names[i], strlen(names[i])) &&
                   !strcmp(dot + 1, name)) {
            return true;
        }
    }
    return false;
}

static const char *func_display(Arena *a, const GoFunc *fn) {
    if (!fn->has_recv)
        return fn->name;
    return arena_printf(a, "(%s%s).%s", fn->recv_ptr ? "*" : "", fn->recv_base ? fn->recv_base : "?", fn->name);
}

/* The insertions append_args makes to call c: at most two (offset, text). */
typedef struct {
    size_t off[2];
    const char *text[2];
    int n;
} Ins;

static int append_ins(Arena *a, const char *src, const GoCall *c, const char *args, const char *vtype, Ins *ins) {
    ins->n = 0;
    if (!args)
        return 1;
    GoElem *el;
    int n = go_split_elems(a, src, c->lparen + 1, c->rparen, &el);
    if (n == 0) {
        ins->off[0] = c->lparen + 1;
        ins->text[0] = args;
        ins->n = 1;
        return 1;
    }
    const GoElem *last = &el[n - 1];
    if (!c->spread) {
        ins->off[0] = last->end;
        ins->text[0] = arena_printf(a, ", %s", args);
        ins->n = 1;
        return 1;
    }
    if (!vtype)
        return 0;
    ins->off[0] = last->off;
    ins->text[0] = arena_printf(a, "func(v ...%s) []%s { return append(v, %s) }(", vtype, vtype, args);
    ins->off[1] = last->end;
    ins->text[1] = ")...";
    ins->n = 2;
    return 1;
}

/* src[off, end) with ins applied. */
static const char *with_ins(Arena *a, const char *src, size_t off, size_t end, const Ins *ins) {
    Buf b = BUF_INIT;
    size_t at = off;
    for (int i = 0; i < ins->n; i++) {
        buf_append(&b, src + at, ins->off[i] - at);
        buf_puts(&b, ins->text[i]);
        at = ins->off[i];
    }
    buf_append(&b, src + at, end - at);
    const char *r = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return r;
}

int wrap_call_splices(Arena *a, const ExtraInput *in, const CallUse *u, int phase, SpliceList *l, bool *need_p,
                      bool *need_r, const char **err) {
    const GoFile *f = in->file;
    const char **names;
    int nn = inject_import_names(a, f, u->path, &names);
    if (nn == 0)
        return 0;
    Template *t = NULL;
    bool plain = false;
    if (u->replace) {
        size_t eoff;
        const char *terr;
        t = inject_template_parse_kind(a, u->replace, TPL_WRAP_CALL, &eoff, &terr);
        if (!t) {
            *err = arena_printf(a, "rule %s: wrap_call.replace: %s", u->rule_name, terr);
            return -1;
        }
        plain = inject_template_dot_plain_once(t);
    }
    const char *args = NULL;
    if (u->args) {
        const char *jerr;
        if (gosrc_join_lines(a, u->args, strlen(u->args), &args, &jerr) != 0) {
            *err = arena_printf(a, "rule %s: wrap_call.append_args: %s", u->rule_name, jerr);
            return -1;
        }
    }
    for (int fi = 0; fi < f->nfuncs; fi++) {
        const GoFunc *fn = &f->funcs[fi];
        if (fn->body_lbrace < 0)
            continue;
        GoBody body;
        size_t eoff;
        const char *emsg;
        if (gosrc_scan_body(a, in->src, in->len, fn, &body, &eoff, &emsg) != 0) {
            *err = arena_printf(a, "rule %s: cannot scan the body of func %s (offset %zu: %s)", u->rule_name,
                                func_display(a, fn), eoff, emsg);
            return -1;
        }
        bool *hit = arena_alloc(a, sizeof(bool) * (size_t)(body.ncalls + 1));
        for (int i = 0; i < body.ncalls; i++)
            hit[i] = callee_matches(body.calls[i].callee, names, nn, u->name);
        for (int i = body.ncalls - 1; i >= 0; i--) {
            if (!hit[i])
                continue;
            const GoCall *c = &body.calls[i];
            size_t cend = c->rparen + 1;
            Ins ins;
            if (!append_ins(a, in->src, c, args, u->variadic_type, &ins)) {
                if (phase == 0)
                    warn("rule %s: func %s: a call of %s.%s with a spread last argument (...) is skipped: "
                     "append_args needs wrap_call.variadic_type for it",
                     u->rule_name, func_display(a, fn), u->path, u->name);
                continue;
            }
            if (phase == 1) { /* after every rule's wrap: a `)` closing an inner call's wrap comes first */
                for (int k = 0; k < ins.n && (!t || plain); k++)
                    splice_add(a, l, ins.off[k], 0, ins.text[k]);
                continue;
            }
            if (!t)
                continue;
            bool np = false, nr = false;
            Buf b = BUF_INIT;
            const char *call_text = with_ins(a, in->src, c->fun_off, cend, &ins);
            TemplateCtx ctx = {.fn = fn, .dot = plain ? DOT_MARK : call_text};
            const char *terr, *nv;
            if (inject_template_render_ctx(a, t, &ctx, &b, &np, &nr, &terr) != 0 ||
                gosrc_join_lines(a, buf_str(&b), b.len, &nv, &terr) != 0) {
                *err = arena_printf(a, "rule %s: wrap_call.replace in func %s: %s", u->rule_name, func_display(a, fn), terr);
                buf_free(&b);
                return -1;
            }
            buf_free(&b);
            need_p[fi] |= np;
            need_r[fi] |= nr;
            const char *m = plain ? strstr(nv, DOT_MARK) : NULL;
            if (plain && m && !strstr(m + 1, DOT_MARK)) {
                splice_add(a, l, c->fun_off, 0, arena_strndup(a, nv, (size_t)(m - nv)));
                splice_add(a, l, cend, 0, m + strlen(DOT_MARK));
                continue;
            }
            bool inner = false;
            for (int k = i + 1; k < body.ncalls && !inner; k++)
                inner = hit[k] && body.calls[k].fun_off >= c->fun_off && body.calls[k].rparen < cend;
            if (memchr(in->src + c->fun_off, '\n', cend - c->fun_off) || inner) {
                *err = arena_printf(a, "rule %s: a call of %s.%s in func %s %s: a wrap_call.replace template must use "
                                       "{{ . }} exactly once and as is (not through printf) to keep it in place",
                                    u->rule_name, u->path, u->name, func_display(a, fn),
                                    inner ? "holds another matching call" : "spans lines");
                return -1;
            }
            if (plain) { /* the mark vanished (e.g. in a comment of the template): render for real */
                *err = arena_printf(a, "rule %s: wrap_call.replace in func %s lost its {{ . }}", u->rule_name,
                                    func_display(a, fn));
                return -1;
            }
            splice_add(a, l, c->fun_off, cend - c->fun_off, nv);
        }
    }
    return 0;
}
