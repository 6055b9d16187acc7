/* Injection plans: what inject_file was asked to do to one file, written
 * down so that the same instrumentation can be applied again to another
 * version of the file (the coverage tool's output, which has the same
 * declarations plus counters; docs/COVERAGE.md). Functions are named, not
 * located by offset, so the plan holds for any text with the same
 * declarations.
 *
 * Format (one item a line, fields separated by tabs):
 *   otel-plan 1
 *   pkg <import path>            (InjectInput.pkg_path)
 *   id <id>
 *   noimports 0|1
 *   func <name> <receiver base or -> <pointer receiver 0|1> [<nth>]
 *   use <rule> <group> <hook path> <before sig or -> <after sig or ->
 * A sig is name:nparams:variadic:boxed, boxed a string of 0/1 per param.
 * Each use line belongs to the func line above it.
 * The extras (inject_code, add_struct_fields, imports; applied first, the
 * hooks then apply to their result), free text hex-encoded:
 *   import <rule> <alias> <path>
 *   fields <rule> <struct name> <hex fields> [<nth>]
 *   code <rule> <name> <receiver base or -> <pointer 0|1> <at|before|after>
 *        <names params 0|1> <names results 0|1> <hex pattern or -> <hex code> [<nth>]
 *   value <rule> <name> <kind 0|1|2> <hex replace or -> <hex wrap or ->
 *   call <rule> <path> <name> <hex replace or -> <hex args or -> <hex variadic type or ->
 *   lit <rule> <path> <type> <own 0|1>
 *   litfield <name> <hex value or -> <hex wrap or ->   (each belongs to the lit line above)
 * (expand_directive's code, rendered at setup, is a code line.)
 * nth, when present, says which of several functions with that name and
 * receiver is meant (0-based, among those with a body), or which of
 * several struct types of that name: a file may declare `func init()` or
 * `type _ struct{...}` more than once. Absent, it is 0 (and it is written only
 * when it is not 0, so plans of files without such functions stay as they
 * were). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"

#define PLAN_HEADER "otel-plan 1"

static void put_sig(Buf *b, const HookSig *s) {
    if (!s) {
        buf_puts(b, "-");
        return;
    }
    buf_printf(b, "%s:%d:%d:", s->name, s->nparams, s->variadic_last ? 1 : 0);
    for (int i = 0; i < s->nparams; i++) buf_putc(b, s->boxed && s->boxed[i] ? '1' : '0');
}

/* Same name and receiver, as find_func compares them. */
static bool same_func(const GoFunc *a, const GoFunc *b) {
    return !strcmp(a->name, b->name) && a->has_recv == b->has_recv &&
           (!a->has_recv || (a->recv_ptr == b->recv_ptr && a->recv_base && b->recv_base &&
                             !strcmp(a->recv_base, b->recv_base)));
}

/* How many functions with a body before fn in f have fn's name and
 * receiver. By offset, not pointer: fn may come from another parse of the
 * same text. */
static int nth_of(const GoFile *f, const GoFunc *fn) {
    int n = 0;
    for (int i = 0; f && i < f->nfuncs && f->funcs[i].func_off < fn->func_off; i++)
        n += f->funcs[i].body_lbrace >= 0 && same_func(&f->funcs[i], fn);
    return n;
}

/* "\t<nth>" when it is not 0. */
static void put_nth(Buf *b, const GoFile *f, const GoFunc *fn) {
    int n = nth_of(f, fn);
    if (n)
        buf_printf(b, "\t%d", n);
}

void inject_plan_write(const InjectInput *in, Buf *out) {
    buf_printf(out, "%s\npkg\t%s\nid\t%s\nnoimports\t%d\n", PLAN_HEADER, in->pkg_path ? in->pkg_path : "", in->id,
               in->no_new_imports ? 1 : 0);
    for (int i = 0; i < in->ntargets; i++) {
        const GoFunc *fn = in->targets[i].fn;
        buf_printf(out, "func\t%s\t%s\t%d", fn->name, fn->has_recv && fn->recv_base ? fn->recv_base : "-",
                   fn->has_recv && fn->recv_ptr ? 1 : 0);
        put_nth(out, in->file, fn);
        buf_putc(out, '\n');
        for (int k = 0; k < in->targets[i].nhooks; k++) {
            const HookUse *u = &in->targets[i].hooks[k];
            buf_printf(out, "use\t%s\t%s\t%s\t", u->rule_name, u->group, u->hook_path);
            put_sig(out, u->before);
            buf_putc(out, '\t');
            put_sig(out, u->after);
            buf_putc(out, '\n');
        }
    }
}

static void put_hex(Buf *b, const char *s) {
    for (; *s; s++) buf_printf(b, "%02x", (unsigned char)*s);
}

static const char *read_hex(Arena *a, const char *h) {
    size_t n = strlen(h) / 2;
    char *s = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(h + 2 * i, "%2x", &v) != 1) return NULL;
        s[i] = (char)v;
    }
    s[n] = '\0';
    return s;
}

/* A struct type add_struct_fields may extend. */
static bool is_plain_struct(const GoTypeSpec *t) { return t->kind == GO_TYPE_STRUCT && !t->alias; }

void inject_plan_write_extras(const ExtraInput *in, Buf *out) {
    for (int i = 0; i < in->nimports; i++)
        buf_printf(out, "import\t%s\t%s\t%s\n", in->imports[i].rule_name, in->imports[i].alias, in->imports[i].path);
    for (int i = 0; i < in->nfields; i++) {
        const GoTypeSpec *t = in->fields[i].type;
        buf_printf(out, "fields\t%s\t%s\t", in->fields[i].rule_name, t->name);
        put_hex(out, in->fields[i].fields);
        int nth = 0;
        for (int k = 0; in->file && k < in->file->ntypes && in->file->types[k].name_off < t->name_off; k++)
            nth += is_plain_struct(&in->file->types[k]) && !strcmp(in->file->types[k].name, t->name);
        if (nth)
            buf_printf(out, "\t%d", nth);
        buf_putc(out, '\n');
    }
    for (int i = 0; i < in->nvalues; i++) {
        const ValueUse *u = &in->values[i];
        buf_printf(out, "value\t%s\t%s\t%d\t", u->rule_name, u->name, u->decl_kind);
        if (u->replace) put_hex(out, u->replace);
        else buf_putc(out, '-');
        buf_putc(out, '\t');
        if (u->wrap) put_hex(out, u->wrap);
        else buf_putc(out, '-');
        buf_putc(out, '\n');
    }
    for (int i = 0; i < in->ncalls; i++) {
        const CallUse *u = &in->calls[i];
        buf_printf(out, "call\t%s\t%s\t%s\t", u->rule_name, u->path, u->name);
        const char *v[3] = {u->replace, u->args, u->variadic_type};
        for (int k = 0; k < 3; k++) {
            if (k) buf_putc(out, '\t');
            if (v[k] && *v[k]) put_hex(out, v[k]);
            else buf_putc(out, '-');
        }
        buf_putc(out, '\n');
    }
    for (int i = 0; i < in->nlits; i++) {
        const LitUse *u = &in->lits[i];
        buf_printf(out, "lit\t%s\t%s\t%s\t%d\n", u->rule_name, u->path, u->type, u->own ? 1 : 0);
        for (int k = 0; k < u->nfields; k++) {
            const SetField *f = &u->fields[k];
            buf_printf(out, "litfield\t%s\t", f->name);
            const char *v[2] = {f->value, f->wrap};
            for (int j = 0; j < 2; j++) {
                if (j) buf_putc(out, '\t');
                if (v[j]) put_hex(out, v[j]);
                else buf_putc(out, '-');
            }
            buf_putc(out, '\n');
        }
    }
    for (int i = 0; i < in->ncode; i++) {
        const CodeUse *u = &in->code[i];
        const GoFunc *fn = u->fn;
        buf_printf(out, "code\t%s\t%s\t%s\t%d\t%s\t%d\t%d\t", u->rule_name, fn->name,
                   fn->has_recv && fn->recv_base ? fn->recv_base : "-", fn->has_recv && fn->recv_ptr ? 1 : 0,
                   !u->pattern ? "at" : u->after ? "after" : "before", u->name_params ? 1 : 0, u->name_results ? 1 : 0);
        if (u->pattern) put_hex(out, u->pattern);
        else buf_putc(out, '-');
        buf_putc(out, '\t');
        put_hex(out, u->code);
        put_nth(out, in->file, fn);
        buf_putc(out, '\n');
    }
}

/* Split line at tabs into at most max fields (in place). */
static int split_tabs(char *line, char **f, int max) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    }
    return n;
}

static const HookSig *read_sig(Arena *a, const char *text) {
    if (strcmp(text, "-") == 0) return NULL;
    const char *c1 = strchr(text, ':');
    if (!c1) return NULL;
    HookSig *s = arena_alloc(a, sizeof *s);
    memset(s, 0, sizeof *s);
    s->name = arena_strndup(a, text, (size_t)(c1 - text));
    int variadic = 0, pos = 0;
    if (sscanf(c1 + 1, "%d:%d:%n", &s->nparams, &variadic, &pos) != 2 || pos == 0 || s->nparams < 0) return NULL;
    const char *bits = c1 + 1 + pos;
    if ((int)strlen(bits) != s->nparams) return NULL;
    bool *boxed = arena_alloc(a, sizeof(bool) * (size_t)(s->nparams + 1));
    for (int i = 0; i < s->nparams; i++) boxed[i] = bits[i] == '1';
    s->boxed = boxed;
    s->variadic_last = variadic != 0;
    return s;
}

/* The function of f that a plan's func line names (with a body): the
 * nth (0-based) of that name and receiver. */
static const GoFunc *find_func(const GoFile *f, const char *name, const char *recv, bool ptr, int nth) {
    bool want_recv = strcmp(recv, "-") != 0;
    for (int i = 0; i < f->nfuncs; i++) {
        const GoFunc *fn = &f->funcs[i];
        if (fn->body_lbrace < 0 || strcmp(fn->name, name) != 0 || fn->has_recv != want_recv) continue;
        if (want_recv && (!fn->recv_base || strcmp(fn->recv_base, recv) != 0 || fn->recv_ptr != ptr)) continue;
        if (nth-- == 0)
            return fn;
    }
    return NULL;
}

/* The plan's extras lines applied to *src (then *src, *len and *gf are the
 * result's). Lines of other kinds are left for inject_plan_apply. */
static int apply_extras(Arena *a, const char *plan, size_t plan_len, const char **src, size_t *len, GoFile *gf,
                        const char **err) {
    char *text = arena_strndup(a, plan, plan_len);
    char *save = NULL;
    int n = 0;
    for (char *l = text; *l; l++) n += *l == '\n';
    ImportUse *imps = arena_alloc(a, sizeof(ImportUse) * (size_t)(n + 1));
    FieldsUse *fields = arena_alloc(a, sizeof(FieldsUse) * (size_t)(n + 1));
    CodeUse *code = arena_alloc(a, sizeof(CodeUse) * (size_t)(n + 1));
    ValueUse *values = arena_alloc(a, sizeof(ValueUse) * (size_t)(n + 1));
    CallUse *calls = arena_alloc(a, sizeof(CallUse) * (size_t)(n + 1));
    LitUse *lits = arena_alloc(a, sizeof(LitUse) * (size_t)(n + 1));
    SetField *litfields = arena_alloc(a, sizeof(SetField) * (size_t)(n + 1));
    int nlitfields = 0;
    ExtraInput in = {.src = *src, .len = *len, .file = gf, .imports = imps, .fields = fields, .code = code,
                     .values = values, .calls = calls, .lits = lits};
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[11];
        int nf = split_tabs(line, f, 11);
        if (nf == 4 && !strcmp(f[0], "import")) {
            imps[in.nimports++] = (ImportUse){f[1], f[2], f[3]};
        } else if ((nf == 4 || nf == 5) && !strcmp(f[0], "fields")) {
            const GoTypeSpec *t = NULL;
            int nth = nf == 5 ? atoi(f[4]) : 0;
            for (int i = 0; i < gf->ntypes && !t; i++)
                if (is_plain_struct(&gf->types[i]) && !strcmp(gf->types[i].name, f[2]) && nth-- == 0)
                    t = &gf->types[i];
            const char *txt = read_hex(a, f[3]);
            if (!t || !txt) {
                *err = arena_printf(a, "struct %s not found", f[2]);
                return -1;
            }
            fields[in.nfields++] = (FieldsUse){f[1], t, txt};
        } else if (nf == 6 && !strcmp(f[0], "value")) {
            values[in.nvalues++] = (ValueUse){f[1], f[2], atoi(f[3]), strcmp(f[4], "-") ? read_hex(a, f[4]) : NULL,
                                              strcmp(f[5], "-") ? read_hex(a, f[5]) : NULL};
        } else if (nf == 7 && !strcmp(f[0], "call")) {
            calls[in.ncalls++] = (CallUse){f[1], f[2], f[3], strcmp(f[4], "-") ? read_hex(a, f[4]) : NULL,
                                           strcmp(f[5], "-") ? read_hex(a, f[5]) : NULL,
                                           strcmp(f[6], "-") ? read_hex(a, f[6]) : NULL};
        } else if (nf == 5 && !strcmp(f[0], "lit")) {
            lits[in.nlits++] = (LitUse){f[1], f[2], f[3], !strcmp(f[4], "1"), litfields + nlitfields, 0};
        } else if (nf == 4 && !strcmp(f[0], "litfield") && in.nlits > 0) {
            litfields[nlitfields++] = (SetField){f[1], strcmp(f[2], "-") ? read_hex(a, f[2]) : NULL,
                                                 strcmp(f[3], "-") ? read_hex(a, f[3]) : NULL};
            lits[in.nlits - 1].nfields++;
        } else if ((nf == 10 || nf == 11) && !strcmp(f[0], "code")) {
            const GoFunc *fn = find_func(gf, f[2], f[3], !strcmp(f[4], "1"), nf == 11 ? atoi(f[10]) : 0);
            const char *pat = strcmp(f[8], "-") ? read_hex(a, f[8]) : NULL, *c = read_hex(a, f[9]);
            if (!fn || !c) {
                *err = arena_printf(a, "func %s (receiver %s) not found", f[2], f[3]);
                return -1;
            }
            code[in.ncode++] = (CodeUse){.rule_name = f[1], .fn = fn, .code = c, .pattern = pat,
                                         .after = !strcmp(f[5], "after"), .name_params = !strcmp(f[6], "1"),
                                         .name_results = !strcmp(f[7], "1")};
        }
    }
    if (in.nfields + in.ncode + in.nvalues + in.ncalls + in.nlits == 0)
        return 0;
    char *out;
    size_t eoff;
    const char *emsg;
    if (inject_extras(a, &in, &out, len, err) != 0)
        return -1;
    if (gosrc_parse(a, out, *len, gf, &eoff, &emsg) != 0) {
        *err = arena_printf(a, "does not parse after inject_code (offset %zu: %s)", eoff, emsg);
        return -1;
    }
    *src = out;
    return 0;
}

int inject_plan_apply(Arena *a, const char *plan, size_t plan_len, const char *src, size_t len, char **out,
                      size_t *out_len, const char **err) {
    GoFile gf;
    size_t eoff;
    const char *emsg;
    if (gosrc_parse(a, src, len, &gf, &eoff, &emsg) != 0) {
        *err = arena_printf(a, "does not parse (offset %zu: %s)", eoff, emsg);
        return -1;
    }
    if (apply_extras(a, plan, plan_len, &src, &len, &gf, err) != 0)
        return -1;
    char *text = arena_strndup(a, plan, plan_len);
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save);
    if (!line || strcmp(line, PLAN_HEADER) != 0) {
        *err = "not an injection plan";
        return -1;
    }
    InjectInput in = {.src = src, .len = len, .file = &gf};
    FuncTarget *targets = arena_alloc(a, sizeof(FuncTarget) * (size_t)(gf.nfuncs + 1));
    int ntargets = 0, cap_hooks = 0;
    HookUse *hooks = NULL;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[6];
        int n = split_tabs(line, f, 6);
        int nth = n == 5 && strcmp(f[0], "func") == 0 ? atoi(f[4]) : 0;
        if (n == 2 && strcmp(f[0], "pkg") == 0) {
            in.pkg_path = f[1];
        } else if (n == 2 && strcmp(f[0], "id") == 0) {
            in.id = f[1];
        } else if (n == 2 && strcmp(f[0], "noimports") == 0) {
            in.no_new_imports = strcmp(f[1], "1") == 0;
        } else if ((n == 4 || n == 5) && strcmp(f[0], "func") == 0) {
            const GoFunc *fn = find_func(&gf, f[1], f[2], strcmp(f[3], "1") == 0, nth);
            if (!fn) {
                *err = arena_printf(a, "func %s (receiver %s) not found", f[1], f[2]);
                return -1;
            }
            if (ntargets >= gf.nfuncs) {
                *err = "more targets than functions";
                return -1;
            }
            targets[ntargets++] = (FuncTarget){.fn = fn};
            cap_hooks = 0;
            hooks = NULL;
        } else if (n == 6 && strcmp(f[0], "use") == 0 && ntargets > 0) {
            FuncTarget *t = &targets[ntargets - 1];
            if (t->nhooks == cap_hooks) {
                cap_hooks = cap_hooks ? cap_hooks * 2 : 4;
                HookUse *nh = arena_alloc(a, sizeof(HookUse) * (size_t)cap_hooks);
                if (t->nhooks) memcpy(nh, hooks, sizeof(HookUse) * (size_t)t->nhooks);
                hooks = nh;
                t->hooks = hooks;
            }
            hooks[t->nhooks++] = (HookUse){.rule_name = f[1], .group = f[2], .hook_path = f[3],
                                           .before = read_sig(a, f[4]), .after = read_sig(a, f[5])};
        } else if (!strcmp(f[0], "import") || !strcmp(f[0], "fields") || !strcmp(f[0], "code") || !strcmp(f[0], "value") ||
                   !strcmp(f[0], "call") || !strcmp(f[0], "lit") || !strcmp(f[0], "litfield")) {
            /* applied first, by apply_extras */
        } else {
            *err = arena_printf(a, "bad plan line: %s", f[0]);
            return -1;
        }
    }
    if (!in.id) {
        *err = "plan without id";
        return -1;
    }
    in.targets = targets;
    in.ntargets = ntargets;
    return inject_file(a, &in, out, out_len, err);
}
