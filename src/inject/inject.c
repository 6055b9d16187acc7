/* inject: the instrumented copy of one Go file.
 *
 * Two kinds of output, both described in docs/INJECTION.md:
 *  - splices inside the original text, each on the line where it is made:
 *    renames in signatures (so every parameter and result has a usable
 *    name), parentheses around a single unnamed result, `; import _
 *    "unsafe"` after the package name, and one block per rule right after
 *    the body's `{`;
 *  - trampolines appended after the file's last line: per rule, the
 *    linkname declarations of its hooks, a site flag, a before trampoline
 *    that builds the hook context and calls Before, and an after trampoline
 *    that calls After and applies results a hook set.
 *
 * Work is in two passes per function: plan (names, types, type parameters,
 * checks against the hook signatures; records signature splices) then emit.
 * Targets are processed in source order, so the output depends only on the
 * inputs, never on the order the caller listed them in. */
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"

/* ---- splices ---- */

void splice_add(Arena *a, SpliceList *l, size_t off, size_t del, const char *text) {
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        Splice *v = arena_alloc(a, (size_t)cap * sizeof *v);
        if (l->n)
            memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n] = (Splice){off, del, text, l->n};
    l->n++;
}

static int splice_cmp(const void *pa, const void *pb) {
    const Splice *a = pa, *b = pb;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    return a->seq - b->seq;
}

/* src with the splices applied, into out. */
void apply_splices(const char *src, size_t len, SpliceList *l, Buf *out) {
    if (l->n > 0)
        qsort(l->v, (size_t)l->n, sizeof *l->v, splice_cmp);
    size_t at = 0;
    for (int i = 0; i < l->n; i++) {
        const Splice *s = &l->v[i];
        buf_append(out, src + at, s->off - at);
        buf_puts(out, s->text);
        at = s->off + s->del;
    }
    buf_append(out, src + at, len - at);
}

/* ---- per-function plan ---- */

/* A receiver, parameter or result as the trampolines see it. */
typedef struct {
    const char *name; /* its name in the instrumented function */
    const char *type; /* type text; a variadic `...T` is given as `[]T` */
} Var;

typedef struct {
    const FuncTarget *t;
    const char *display; /* "Name" or "(*T).Name", for messages */
    Var *args;           /* receiver (methods), then parameters */
    int nargs;
    Var *res;
    int nres;
    const char **tp_names; /* type parameters the trampolines declare */
    const char **tp_cons;  /* their constraints */
    int ntp;
    const char *tp_decl;   /* "[K comparable, V any]" or "" */
    const char *tp_inst;   /* "[K, V]" or "" */
} Plan;

typedef struct {
    Arena *a;
    const InjectInput *in;
    SpliceList splices;
    const char *err;
} Ctx;

static const char *display_name(Arena *a, const GoFunc *fn) {
    if (!fn->has_recv)
        return fn->name;
    return arena_printf(a, "(%s%s).%s", fn->recv_ptr ? "*" : "", fn->recv_base, fn->name);
}

/* `...T` -> `[]T`; other type text unchanged. */
static const char *slice_of_variadic(Arena *a, const char *type) {
    const char *t = type;
    while (*t == ' ' || *t == '\t')
        t++;
    if (strncmp(t, "...", 3) != 0)
        return type;
    return arena_printf(a, "[]%s", t + 3);
}

/* Give p a name the instrumented body can use: an unnamed parameter gets
 * `fresh` inserted before its type, a `_` is replaced by `fresh`. */
static const char *name_var(Ctx *c, const GoParam *p, const char *fresh) {
    if (p->name[0] == '\0') {
        splice_add(c->a, &c->splices, p->type_off, 0, arena_printf(c->a, "%s ", fresh));
        return fresh;
    }
    if (strcmp(p->name, "_") == 0) {
        splice_add(c->a, &c->splices, (size_t)p->name_off, 1, fresh);
        return fresh;
    }
    return p->name;
}

typedef struct {
    size_t offs[64];
    int n;
} IdentOffs;

static bool collect_ident(void *ud, size_t off, size_t len) {
    (void)len;
    IdentOffs *o = ud;
    if (o->n < (int)(sizeof o->offs / sizeof o->offs[0]))
        o->offs[o->n++] = off;
    return true;
}

/* The receiver's type parameter names (`T` of `*List[T]`); a `_` is renamed
 * to `_otel_T<i>` in the source and in the receiver's type text, since the
 * trampolines must be instantiated with it. */
static const char **plan_recv_tparams(Ctx *c, const GoFunc *fn, const char **recv_type) {
    const char **names = arena_alloc(c->a, (size_t)fn->nrecv_tparams * sizeof *names);
    bool any_blank = false;
    for (int i = 0; i < fn->nrecv_tparams; i++) {
        names[i] = fn->recv_tparams[i].name;
        any_blank |= strcmp(names[i], "_") == 0;
    }
    if (!any_blank)
        return names;
    const char *src = c->in->src;
    size_t lb = fn->recv.type_off;
    while (lb < fn->recv.type_end && src[lb] != '[')
        lb++;
    IdentOffs o = {.n = 0};
    go_each_ident(src + lb, fn->recv.type_end - lb, collect_ident, &o);
    Buf t = BUF_INIT;
    size_t at = fn->recv.type_off;
    for (int i = 0; i < fn->nrecv_tparams && i < o.n; i++) {
        size_t off = lb + o.offs[i];
        if (strcmp(names[i], "_") != 0 || src[off] != '_')
            continue;
        names[i] = arena_printf(c->a, "_otel_T%d", i);
        splice_add(c->a, &c->splices, off, 1, names[i]);
        buf_append(&t, src + at, off - at);
        buf_puts(&t, names[i]);
        at = off + 1;
    }
    buf_append(&t, src + at, fn->recv.type_end - at);
    *recv_type = arena_strdup(c->a, buf_str(&t));
    buf_free(&t);
    return names;
}

/* Constraints for a method of a generic type: from the type's declaration
 * in this file, else from the caller's lookup, renamed from the names the
 * declaration uses to the ones the receiver uses; `any` when unknown. */
static const char **recv_constraints(Ctx *c, const GoFunc *fn, const char **names) {
    const GoTypeParam *decl = NULL;
    int ndecl = -1;
    const GoFile *f = c->in->file;
    for (int i = 0; i < f->ntypes; i++)
        if (strcmp(f->types[i].name, fn->recv_base) == 0 && !f->types[i].alias) {
            decl = f->types[i].tparams;
            ndecl = f->types[i].ntparams;
        }
    if (ndecl < 0 && c->in->tparams)
        ndecl = c->in->tparams(c->in->tparams_ud, fn->recv_base, &decl);
    int n = fn->nrecv_tparams;
    const char **cons = arena_alloc(c->a, (size_t)n * sizeof *cons);
    const char **from = arena_alloc(c->a, (size_t)n * sizeof *from);
    for (int i = 0; i < n; i++)
        from[i] = ndecl == n ? decl[i].name : "";
    for (int i = 0; i < n; i++)
        cons[i] = ndecl == n ? go_rename_idents(c->a, decl[i].constraint, from, names, n) : "any";
    return cons;
}

static void plan_tparam_text(Arena *a, Plan *p) {
    if (p->ntp == 0) {
        p->tp_decl = p->tp_inst = "";
        return;
    }
    Buf d = BUF_INIT, u = BUF_INIT;
    for (int i = 0; i < p->ntp; i++) {
        buf_printf(&d, "%s%s %s", i ? ", " : "[", p->tp_names[i], p->tp_cons[i]);
        buf_printf(&u, "%s%s", i ? ", " : "[", p->tp_names[i]);
    }
    buf_putc(&d, ']');
    buf_putc(&u, ']');
    p->tp_decl = arena_strdup(a, buf_str(&d));
    p->tp_inst = arena_strdup(a, buf_str(&u));
    buf_free(&d);
    buf_free(&u);
}

static int fail(Ctx *c, const char *msg) {
    c->err = msg;
    return -1;
}

/* Directives under which the runtime forbids what trampolines do (grow the
 * stack, allocate, write barriers). */
static const char *const forbidden_directives[] = {
    "//go:nosplit", "//go:systemstack", "//go:nowritebarrier",
    "//go:nowritebarrierrec", "//go:yeswritebarrierrec",
};

static int check_directives(Ctx *c, const Plan *p) {
    const char *d = p->t->fn->doc_directives;
    for (size_t i = 0; i < sizeof forbidden_directives / sizeof *forbidden_directives; i++) {
        const char *hit = d ? strstr(d, forbidden_directives[i]) : NULL;
        size_t n = strlen(forbidden_directives[i]);
        if (hit && (hit[n] == '\0' || hit[n] == '\n' || hit[n] == ' '))
            return fail(c, arena_printf(c->a, "cannot instrument func %s: it is marked %s",
                                        p->display, forbidden_directives[i]));
    }
    return 0;
}

static int plan_signature(Ctx *c, Plan *p) {
    const GoFunc *fn = p->t->fn;
    Arena *a = c->a;
    p->nargs = fn->nparams + (fn->has_recv ? 1 : 0);
    p->args = arena_alloc(a, (size_t)(p->nargs + 1) * sizeof *p->args);
    Var *v = p->args;
    if (fn->has_recv) {
        const char *recv_type = fn->recv.type;
        if (fn->nrecv_tparams > 0) {
            p->tp_names = plan_recv_tparams(c, fn, &recv_type);
            p->tp_cons = recv_constraints(c, fn, p->tp_names);
            p->ntp = fn->nrecv_tparams;
        }
        v->name = name_var(c, &fn->recv, "_otel_recv");
        v->type = recv_type;
        v++;
    }
    if (fn->ntparams > 0) {
        p->ntp = fn->ntparams;
        p->tp_names = arena_alloc(a, (size_t)p->ntp * sizeof *p->tp_names);
        p->tp_cons = arena_alloc(a, (size_t)p->ntp * sizeof *p->tp_cons);
        for (int i = 0; i < p->ntp; i++) {
            p->tp_names[i] = fn->tparams[i].name;
            p->tp_cons[i] = fn->tparams[i].constraint;
            if (strcmp(p->tp_names[i], "_") == 0)
                return fail(c, arena_printf(a, "cannot instrument func %s: it has a blank type parameter",
                                            p->display));
        }
    }
    plan_tparam_text(a, p);
    for (int i = 0; i < fn->nparams; i++, v++) {
        v->name = name_var(c, &fn->params[i], arena_printf(a, "_otel_p%d", i));
        v->type = fn->variadic && i == fn->nparams - 1 ? slice_of_variadic(a, fn->params[i].type)
                                                       : fn->params[i].type;
    }
    p->nres = fn->nresults;
    p->res = arena_alloc(a, (size_t)(p->nres + 1) * sizeof *p->res);
    if (fn->nresults == 1 && fn->results_lparen < 0) {
        /* `func f() T {` -> `func f() (_otel_r0 T) {` */
        splice_add(a, &c->splices, fn->results[0].type_off, 0, "(_otel_r0 ");
        splice_add(a, &c->splices, fn->results[0].type_end, 0, ")");
        p->res[0] = (Var){"_otel_r0", fn->results[0].type};
        return 0;
    }
    for (int i = 0; i < fn->nresults; i++) {
        p->res[i].name = name_var(c, &fn->results[i], arena_printf(a, "_otel_r%d", i));
        p->res[i].type = fn->results[i].type;
    }
    return 0;
}

/* A hook must declare one parameter per receiver+parameter (Before) or per
 * result (After), and must box any whose type uses a type parameter: a
 * bodyless linkname declaration cannot be generic. */
static int check_hook(Ctx *c, const Plan *p, const HookUse *h, const HookSig *sig,
                      const char *kind, const Var *vars, int nvars, const char *what) {
    Arena *a = c->a;
    if (sig->nparams != nvars)
        return fail(c, arena_printf(a,
            "rule %s: %s hook %s.%s takes %d parameter%s after the hook context, but func %s has %d %s",
            h->rule_name, kind, h->hook_path, sig->name, sig->nparams, sig->nparams == 1 ? "" : "s",
            p->display, nvars, what));
    for (int i = 0; i < nvars; i++)
        if (!sig->boxed[i] && p->ntp > 0 && go_mentions_any(vars[i].type, p->tp_names, p->ntp))
            return fail(c, arena_printf(a,
                "rule %s: %s hook %s.%s must declare parameter %d as interface{}: its type %s in func %s "
                "uses a type parameter",
                h->rule_name, kind, h->hook_path, sig->name, i + 1, vars[i].type, p->display));
    return 0;
}

static int plan_func(Ctx *c, const FuncTarget *t, Plan *p) {
    memset(p, 0, sizeof *p);
    p->t = t;
    p->display = display_name(c->a, t->fn);
    if (t->fn->body_lbrace < 0)
        return fail(c, arena_printf(c->a, "cannot instrument func %s: it has no body", p->display));
    if (check_directives(c, p) < 0 || plan_signature(c, p) < 0)
        return -1;
    for (int i = 0; i < t->nhooks; i++) {
        const HookUse *h = &t->hooks[i];
        if (h->before && check_hook(c, p, h, h->before, "before", p->args, p->nargs,
                                    "parameters (receiver included)") < 0)
            return -1;
        if (h->after && check_hook(c, p, h, h->after, "after", p->res, p->nres, "results") < 0)
            return -1;
    }
    return 0;
}

/* ---- emit: the block after the body's `{` ---- */

static void put_names(Buf *b, const Var *v, int n) {
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? ", " : "", v[i].name);
}

/* `R0, R1 = _otel_a_F_k[T](_otel_c<k>, R0, R1)` */
static void put_after_call(Buf *b, const Plan *p, const char *fid, int k) {
    if (p->nres > 0) {
        put_names(b, p->res, p->nres);
        buf_puts(b, " = ");
    }
    buf_printf(b, "_otel_a_%s_%d%s(_otel_c%d", fid, k, p->tp_inst, k);
    for (int i = 0; i < p->nres; i++)
        buf_printf(b, ", %s", p->res[i].name);
    buf_putc(b, ')');
}

/* The site check inlines the disabled case: one atomic load of the site
 * flag (2 = off, otelrt's encoding), no call. Only an unknown or enabled
 * site calls the runtime. */
static void emit_entry_block(Buf *b, const Plan *p, const HookUse *h, const char *fid, int k,
                             const char *load) {
    bool need_c = h->after || p->nres > 0; /* the after trampoline reads the context */
    buf_printf(b, " if %s(&_otel_on_%s_%d) != 2 && _otel_enabled(&_otel_on_%s_%d, ", load, fid, k, fid, k);
    go_quote(b, h->group);
    buf_puts(b, ") { ");
    if (p->nargs == 0) {
        if (need_c)
            buf_printf(b, "_otel_c%d, ", k);
        else
            buf_puts(b, "_, ");
        buf_printf(b, "_otel_s%d := _otel_b_%s_%d%s(); ", k, fid, k, p->tp_inst);
    } else {
        if (need_c)
            buf_printf(b, "var _otel_c%d *_otel_ctx; ", k);
        buf_printf(b, "var _otel_s%d bool; ", k);
        if (need_c)
            buf_printf(b, "_otel_c%d, ", k);
        else
            buf_puts(b, "_, ");
        buf_printf(b, "_otel_s%d, ", k);
        put_names(b, p->args, p->nargs);
        buf_printf(b, " = _otel_b_%s_%d%s(", fid, k, p->tp_inst);
        put_names(b, p->args, p->nargs);
        buf_puts(b, "); ");
    }
    buf_printf(b, "if _otel_s%d { ", k);
    if (need_c) {
        put_after_call(b, p, fid, k);
        buf_puts(b, "; ");
    }
    buf_puts(b, "return }");
    if (h->after) {
        if (p->nres > 0) {
            buf_puts(b, "; defer func() { ");
            put_after_call(b, p, fid, k);
            buf_puts(b, " }()");
        } else {
            buf_printf(b, "; defer _otel_a_%s_%d%s(_otel_c%d)", fid, k, p->tp_inst, k);
        }
    }
    buf_puts(b, " };");
}

/* ---- emit: trampolines after the last line ---- */

/* s on one comment line: control characters become '?'. */
static void put_comment_text(Buf *b, const char *s) {
    for (; *s; s++)
        buf_putc(b, (unsigned char)*s < 0x20 ? '?' : *s);
}

/* Copy a value a hook stored (slice[i]) back into dst when the hook set it
 * (mask bit i; indexes past 63 have no bit and are copied whenever
 * present). A value of another type is ignored; nil gives the zero value. */
static void put_writeback(Buf *b, const char *slice, const char *mask, int i,
                          const char *dst, const char *type) {
    if (i < 64)
        buf_printf(b, "\tif _otel_c.%s&(1<<%d) != 0 {\n", mask, i);
    else
        buf_printf(b, "\tif len(_otel_c.%s) > %d {\n", slice, i);
    /* A failed assertion leaves _otel_x the zero value: right for nil. */
    buf_printf(b, "\t\tif _otel_x, _otel_ok := _otel_c.%s[%d].(%s); _otel_ok || _otel_c.%s[%d] == nil {\n",
               slice, i, type, slice, i);
    buf_printf(b, "\t\t\t%s = _otel_x\n\t\t}\n\t}\n", dst);
}

/* `//go:linkname _otel_h?_F_k path.Hook` and its bodyless declaration. */
static void put_hook_decl(Buf *b, const char *local, const HookUse *h, const HookSig *sig,
                          const Var *vars, int n) {
    buf_printf(b, "//go:linkname %s %s.%s\n", local, h->hook_path, sig->name);
    buf_printf(b, "func %s(_otel_HookContext", local);
    for (int i = 0; i < n; i++)
        buf_printf(b, ", %s", sig->boxed[i] ? "interface{}" : vars[i].type);
    buf_puts(b, ")\n\n");
}

/* `_otel_v0, _otel_v1` (or `_otel_o0...`) */
static void put_series(Buf *b, const char *prefix, int n) {
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%s%d", i ? ", " : "", prefix, i);
}

static void put_recover_guard(Buf *b, const char *rule, bool before) {
    buf_puts(b, "\tdefer func() {\n\t\tif _otel_e := recover(); _otel_e != nil {\n\t\t\t_otel_panic(");
    go_quote(b, rule);
    buf_puts(b, ", _otel_e)\n");
    if (before) {
        buf_puts(b, "\t\t\t_otel_c.skip = false\n\t\t}\n");
        /* Results a Before hook set count only when it skips the call. */
        buf_puts(b, "\t\t_otel_skip = _otel_c.skip\n"
                    "\t\tif !_otel_skip {\n\t\t\t_otel_c.rmod = 0\n\t\t\t_otel_c.results = nil\n\t\t}\n");
    } else {
        buf_puts(b, "\t\t}\n");
    }
    buf_puts(b, "\t}()\n");
}

static void emit_before(Buf *b, const Ctx *c, const Plan *p, const HookUse *h, const char *fid, int k) {
    int n = p->nargs;
    buf_printf(b, "func _otel_b_%s_%d%s(", fid, k, p->tp_decl);
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s_otel_v%d %s", i ? ", " : "", i, p->args[i].type);
    buf_puts(b, ") (_otel_c *_otel_ctx, _otel_skip bool");
    for (int i = 0; i < n; i++)
        buf_printf(b, ", _otel_o%d %s", i, p->args[i].type);
    buf_puts(b, ") {\n\t_otel_c = &_otel_ctx{fn: ");
    go_quote(b, p->t->fn->name);
    buf_puts(b, ", pkg: ");
    go_quote(b, c->in->file->pkg_name ? c->in->file->pkg_name : ""); /* the package clause's name */
    buf_puts(b, ", params: []interface{}{");
    put_series(b, "_otel_v", n);
    buf_printf(b, "}, nres: %d}\n", p->nres);
    if (n > 0) {
        buf_puts(b, "\t");
        put_series(b, "_otel_o", n);
        buf_puts(b, " = ");
        put_series(b, "_otel_v", n);
        buf_puts(b, "\n");
    }
    if (h->before) {
        put_recover_guard(b, h->rule_name, true);
        buf_printf(b, "\t_otel_hb_%s_%d(_otel_c", fid, k);
        for (int i = 0; i < n; i++)
            buf_printf(b, ", _otel_v%d", i);
        buf_puts(b, ")\n");
        for (int i = 0; i < n; i++)
            put_writeback(b, "params", "pmod", i, arena_printf(c->a, "_otel_o%d", i), p->args[i].type);
    }
    buf_puts(b, "\treturn\n}\n\n");
}

static void put_result_writebacks(Buf *b, Arena *a, const Plan *p) {
    for (int i = 0; i < p->nres; i++)
        put_writeback(b, "results", "rmod", i, arena_printf(a, "_otel_o%d", i), p->res[i].type);
}

static void emit_after(Buf *b, const Ctx *c, const Plan *p, const HookUse *h, const char *fid, int k) {
    int n = p->nres;
    buf_printf(b, "func _otel_a_%s_%d%s(_otel_c *_otel_ctx", fid, k, p->tp_decl);
    for (int i = 0; i < n; i++)
        buf_printf(b, ", _otel_v%d %s", i, p->res[i].type);
    buf_puts(b, ")");
    if (n > 0) {
        buf_puts(b, " (");
        for (int i = 0; i < n; i++)
            buf_printf(b, "%s_otel_o%d %s", i ? ", " : "", i, p->res[i].type);
        buf_puts(b, ")");
    }
    buf_puts(b, " {\n");
    if (n > 0) {
        buf_puts(b, "\t");
        put_series(b, "_otel_o", n);
        buf_puts(b, " = ");
        put_series(b, "_otel_v", n);
        buf_puts(b, "\n");
        put_result_writebacks(b, c->a, p); /* set by a Before hook that skipped the call */
    }
    if (h->after) {
        if (n > 0) {
            buf_puts(b, "\t_otel_c.rmod = 0\n\t_otel_c.results = []interface{}{");
            put_series(b, "_otel_o", n);
            buf_puts(b, "}\n");
        }
        put_recover_guard(b, h->rule_name, false);
        buf_printf(b, "\t_otel_ha_%s_%d(_otel_c", fid, k);
        for (int i = 0; i < n; i++)
            buf_printf(b, ", _otel_o%d", i);
        buf_puts(b, ")\n");
        put_result_writebacks(b, c->a, p);
    }
    if (n > 0)
        buf_puts(b, "\treturn\n");
    buf_puts(b, "}\n\n");
}

static void emit_trampolines(Buf *b, const Ctx *c, const Plan *p, const HookUse *h, int k) {
    const char *fid = c->in->id;
    buf_puts(b, "// otel: rule ");
    put_comment_text(b, h->rule_name);
    buf_printf(b, " on func %s\n\n", p->display);
    if (h->before)
        put_hook_decl(b, arena_printf(c->a, "_otel_hb_%s_%d", fid, k), h, h->before, p->args, p->nargs);
    if (h->after)
        put_hook_decl(b, arena_printf(c->a, "_otel_ha_%s_%d", fid, k), h, h->after, p->res, p->nres);
    buf_printf(b, "var _otel_on_%s_%d int32\n\n", fid, k);
    emit_before(b, c, p, h, fid, k);
    if (h->after || p->nres > 0)
        emit_after(b, c, p, h, fid, k);
}

/* ---- driver ---- */

static int target_cmp(const void *pa, const void *pb) {
    const FuncTarget *a = pa, *b = pb;
    if (a->fn->func_off != b->fn->func_off)
        return a->fn->func_off < b->fn->func_off ? -1 : 1;
    return 0;
}

int inject_file(Arena *a, const InjectInput *in, char **out, size_t *out_len, const char **err) {
    Ctx c = {.a = a, .in = in};
    FuncTarget *ts = arena_alloc(a, (size_t)(in->ntargets + 1) * sizeof *ts);
    if (in->ntargets)
        memcpy(ts, in->targets, (size_t)in->ntargets * sizeof *ts);
    qsort(ts, (size_t)in->ntargets, sizeof *ts, target_cmp);
    Plan *plans = arena_alloc(a, (size_t)(in->ntargets + 1) * sizeof *plans);
    for (int i = 0; i < in->ntargets; i++) {
        if (i > 0 && ts[i].fn->func_off == ts[i - 1].fn->func_off) {
            *err = arena_printf(a, "func %s is targeted twice; merge its hooks into one FuncTarget",
                                display_name(a, ts[i].fn));
            return -1;
        }
        if (plan_func(&c, &ts[i], &plans[i]) < 0) {
            *err = c.err;
            return -1;
        }
    }
    Buf tramp = BUF_INIT;
    int k = 0;
    /* sync/atomic cannot import itself; it calls its own LoadInt32. A
     * package that may import nothing new calls otelrt's (one call more on
     * the disabled path, no import). */
    bool in_atomic = in->pkg_path && strcmp(in->pkg_path, "sync/atomic") == 0;
    bool by_linkname = in->no_new_imports && !in_atomic;
    const char *load = in_atomic ? "LoadInt32" : by_linkname ? arena_printf(a, "_otel_load_%s", in->id) : "_otel_atomic.LoadInt32";
    if (by_linkname)
        buf_printf(&tramp, "//go:linkname _otel_load_%s %s\nfunc _otel_load_%s(site *int32) int32\n\n", in->id,
                   OTEL_RT_LOAD_SITE, in->id);
    for (int i = 0; i < in->ntargets; i++) {
        Buf entry = BUF_INIT;
        for (int j = 0; j < ts[i].nhooks; j++) {
            k++;
            emit_entry_block(&entry, &plans[i], &ts[i].hooks[j], in->id, k, load);
            emit_trampolines(&tramp, &c, &plans[i], &ts[i].hooks[j], k);
        }
        splice_add(a, &c.splices, (size_t)ts[i].fn->body_lbrace + 1, 0, arena_strdup(a, buf_str(&entry)));
        buf_free(&entry);
    }
    if (k > 0)
        splice_add(a, &c.splices, in->file->pkg_name_end, 0,
                   in_atomic || by_linkname ? "; import _ \"unsafe\"" : "; import _ \"unsafe\"; import _otel_atomic \"sync/atomic\"");
    Buf res = BUF_INIT;
    apply_splices(in->src, in->len, &c.splices, &res);
    if (k > 0) {
        if (res.len > 0 && res.data[res.len - 1] != '\n')
            buf_putc(&res, '\n');
        buf_puts(&res, "\n");
        buf_append(&res, tramp.data ? tramp.data : "", tramp.len);
        while (res.len >= 2 && res.data[res.len - 1] == '\n' && res.data[res.len - 2] == '\n')
            res.len--; /* end with exactly one newline */
    }
    *out_len = res.len;
    *out = arena_strndup(a, res.data ? res.data : "", res.len);
    buf_free(&tramp);
    buf_free(&res);
    return 0;
}
