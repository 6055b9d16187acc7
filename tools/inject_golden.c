/* inject_golden: drive src/inject over one golden test case (tests/inject/
 * golden/<case>/) and print the result, so tests/t_inject_golden.sh can
 * diff it against want.go and compile it with the real Go compiler.
 *
 *   inject_golden CASE_DIR              instrumented input.go on stdout, or
 *                                       the error on stderr and exit 1
 *   inject_golden --support PKGNAME     the per-package support file
 *   inject_golden --check-lines IN OUT  exit 1 unless every line of IN is at
 *                                       the same line number in OUT with only
 *                                       same-line additions
 *
 * A case directory holds input.go, hooks.go (the hook package: its
 * signatures are read with inject_hook_sig), optionally other.go (another
 * file of the target package; its generic types answer TypeParamLookup),
 * and spec, one directive a line ('#' starts a comment):
 *   pkgpath PATH     import path of the target (default
 *                    example.com/golden/cases/<case>)
 *   hookpath PATH    import path of hooks.go (default
 *                    example.com/golden/hooks/<case>)
 *   id ID            InjectInput.id (default g1)
 *   no_new_imports   InjectInput.no_new_imports (a package compiled through
 *                    the -toolexec wrapper)
 *   hook FUNC RULE GROUP BEFORE AFTER
 *                    FUNC is Name, T.Name or *T.Name; BEFORE/AFTER are
 *                    hook function names or '-'. Several lines on one FUNC
 *                    apply in line order.
 *   rules            the case's rules.yaml: every inject_code and
 *                    add_struct_fields rule in it applies (targets are not
 *                    matched), through setup's own conversion (extras.c),
 *                    before the hooks
 *   standard         the package is in the standard library (imports check)
 *   replaces, replaces_in_bodies
 *                    for t_inject_golden.sh: which line check applies
 * The output must also be what the injection plan gives when applied to
 * input.go again (coverage builds, docs/COVERAGE.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosrc/gosrc.h"
#include "inject/inject.h"
#include "rules/rules.h"
#include "setup/internal.h" /* setup_file_extras: the same conversion setup makes */
#include "util/util.h"

typedef struct {
    const char *func, *rule, *group, *before, *after;
} SpecHook;

typedef struct {
    const char *pkgpath, *hookpath, *id;
    bool no_new_imports, rules, standard;
    SpecHook hooks[64];
    int nhooks;
} Spec;

static char *slurp(Arena *a, const char *path, size_t *len, bool must) {
    Buf b = BUF_INIT;
    if (read_file(path, &b) < 0) {
        buf_free(&b);
        if (must)
            fatal("cannot read %s", path);
        return NULL;
    }
    char *s = arena_strndup(a, buf_str(&b), b.len);
    if (len)
        *len = b.len;
    buf_free(&b);
    return s;
}

static void parse_spec(Arena *a, const char *dir, const char *casename, Spec *s) {
    char *path = path_join(dir, "spec");
    char *text = slurp(a, path, NULL, true);
    s->pkgpath = arena_printf(a, "example.com/golden/cases/%s", casename);
    s->hookpath = arena_printf(a, "example.com/golden/hooks/%s", casename);
    s->id = "g1";
    int lineno = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char w[6][256];
        int n = sscanf(line, "%255s %255s %255s %255s %255s %255s", w[0], w[1], w[2], w[3], w[4], w[5]);
        if (n <= 0)
            continue;
        if (strcmp(w[0], "pkgpath") == 0 && n == 2)
            s->pkgpath = arena_strdup(a, w[1]);
        else if (strcmp(w[0], "hookpath") == 0 && n == 2)
            s->hookpath = arena_strdup(a, w[1]);
        else if (strcmp(w[0], "id") == 0 && n == 2)
            s->id = arena_strdup(a, w[1]);
        else if (strcmp(w[0], "no_new_imports") == 0 && n == 1)
            s->no_new_imports = true;
        else if (strcmp(w[0], "rules") == 0 && n == 1)
            s->rules = true;
        else if ((strcmp(w[0], "replaces") == 0 || strcmp(w[0], "replaces_in_bodies") == 0) && n == 1)
            ; /* for t_inject_golden.sh: --check-lines-replaced / --check-lines-bodies */
        else if (strcmp(w[0], "standard") == 0 && n == 1)
            s->standard = true;
        else if (strcmp(w[0], "hook") == 0 && n == 6 && s->nhooks < 64)
            s->hooks[s->nhooks++] = (SpecHook){arena_strdup(a, w[1]), arena_strdup(a, w[2]),
                                               arena_strdup(a, w[3]), arena_strdup(a, w[4]),
                                               arena_strdup(a, w[5])};
        else
            fatal("%s: bad spec line: %s", path, line);
    }
    free(path);
}

static GoFile parse_go(Arena *a, const char *path, const char **src, size_t *len) {
    GoFile f;
    size_t eoff;
    const char *emsg;
    *src = slurp(a, path, len, true);
    if (gosrc_parse(a, *src, *len, &f, &eoff, &emsg) < 0)
        fatal("%s: offset %zu: %s", path, eoff, emsg);
    return f;
}

/* FUNC of a spec line: "Name", "T.Name" or "*T.Name". */
static const GoFunc *find_func(const GoFile *f, const char *spec) {
    const char *dot = strchr(spec, '.');
    bool ptr = spec[0] == '*';
    for (int i = 0; i < f->nfuncs; i++) {
        const GoFunc *fn = &f->funcs[i];
        if (!dot) {
            if (!fn->has_recv && strcmp(fn->name, spec) == 0)
                return fn;
            continue;
        }
        const char *base = spec + (ptr ? 1 : 0);
        size_t blen = (size_t)(dot - base);
        if (fn->has_recv && fn->recv_ptr == ptr && strlen(fn->recv_base) == blen &&
            strncmp(fn->recv_base, base, blen) == 0 && strcmp(fn->name, dot + 1) == 0)
            return fn;
    }
    return NULL;
}

static const HookSig *load_sig(Arena *a, const GoFile *hooks, const char *name) {
    if (strcmp(name, "-") == 0)
        return NULL;
    HookSig *sig = arena_alloc(a, sizeof *sig);
    if (inject_hook_sig(a, hooks, name, sig) < 0)
        fatal("hooks.go has no hook function %s", name);
    return sig;
}

/* TypeParamLookup over the generic types of other.go. */
static int lookup_other(void *ud, const char *type_name, const GoTypeParam **out) {
    const GoFile *f = ud;
    for (int i = 0; f && i < f->ntypes; i++)
        if (strcmp(f->types[i].name, type_name) == 0) {
            *out = f->types[i].tparams;
            return f->types[i].ntparams;
        }
    return -1;
}

static int run_case(const char *dir) {
    Arena *a = arena_new();
    char *d = xstrdup(dir);
    while (strlen(d) > 1 && d[strlen(d) - 1] == '/')
        d[strlen(d) - 1] = '\0';
    Spec spec = {0};
    parse_spec(a, d, path_base(d), &spec);

    char *p_in = path_join(d, "input.go"), *p_hooks = path_join(d, "hooks.go"),
         *p_other = path_join(d, "other.go");
    const char *src, *hsrc, *osrc;
    size_t len, hlen, olen;
    GoFile file = parse_go(a, p_in, &src, &len);
    GoFile hooks = parse_go(a, p_hooks, &hsrc, &hlen);
    GoFile *other = NULL;
    if (path_exists(p_other)) {
        other = arena_alloc(a, sizeof *other);
        *other = parse_go(a, p_other, &osrc, &olen);
    }

    ExtraInput ex = {0};
    RuleSet *rs = NULL;
    int rc = 0;
    if (spec.rules) {
        char *p_rules = path_join(d, "rules.yaml");
        const char *paths[] = {p_rules};
        Buf errs = BUF_INIT;
        if (!(rs = rules_load(paths, 1, &errs)))
            fatal("%s", buf_str(&errs));
        buf_free(&errs);
        free(p_rules);
        int nr;
        const Rule *all = rules_all(rs, &nr);
        const Rule **rules = arena_alloc(a, sizeof(Rule *) * (size_t)(nr + 1));
        for (int i = 0; i < nr; i++)
            rules[i] = &all[i];
        Buf b = {0};
        b.data = (char *)src;
        b.len = len;
        GoPackage pkg = {.import_path = spec.pkgpath, .dir = d, .standard = spec.standard, .ngo_files = 1};
        const char *err;
        if (setup_file_extras(spec.no_new_imports, a, &pkg, rules, nr, &b, &file, "input.go", &b, &ex, &err) != 0) {
            fprintf(stderr, "%s\n", err);
            rc = 1;
            goto done;
        }
        ex.src = src;
        ex.len = len;
        char *x;
        if (inject_extras(a, &ex, &x, &len, &err) != 0) {
            fprintf(stderr, "%s\n", err);
            rc = 1;
            goto done;
        }
        size_t eoff;
        const char *emsg;
        if (gosrc_parse(a, x, len, &file, &eoff, &emsg) < 0)
            fatal("after inject_extras: offset %zu: %s", eoff, emsg);
        src = x;
    }
    FuncTarget *targets = arena_alloc(a, (size_t)(spec.nhooks + 1) * sizeof *targets);
    int ntargets = 0;
    for (int i = 0; i < spec.nhooks; i++) {
        const SpecHook *sh = &spec.hooks[i];
        const GoFunc *fn = find_func(&file, sh->func);
        if (!fn)
            fatal("input.go has no func %s", sh->func);
        FuncTarget *t = NULL;
        for (int j = 0; j < ntargets; j++)
            if (targets[j].fn == fn)
                t = &targets[j];
        if (!t) {
            t = &targets[ntargets++];
            t->fn = fn;
            t->hooks = arena_alloc(a, (size_t)spec.nhooks * sizeof *t->hooks);
        }
        HookUse *h = (HookUse *)&t->hooks[t->nhooks++];
        *h = (HookUse){sh->rule, sh->group, spec.hookpath, load_sig(a, &hooks, sh->before),
                       load_sig(a, &hooks, sh->after)};
    }
    InjectInput in = {src, len, &file, spec.pkgpath, targets, ntargets, spec.id,
                      other ? lookup_other : NULL, other, spec.no_new_imports};
    char *out;
    size_t out_len;
    const char *err;
    if (inject_file(a, &in, &out, &out_len, &err) < 0) {
        fprintf(stderr, "%s\n", err);
        rc = 1;
    } else {
        fwrite(out, 1, out_len, stdout);
        /* The plan, applied to the original, must give the same bytes
         * (except where other.go answered TypeParamLookup: a plan does not
         * carry that, a known limit of coverage builds). */
        Buf plan = BUF_INIT;
        if (!other) {
        inject_plan_write(&in, &plan);
        inject_plan_write_extras(&ex, &plan);
        size_t olen0;
        const char *orig = slurp(a, p_in, &olen0, true);
        char *again;
        size_t again_len;
        if (inject_plan_apply(a, buf_str(&plan), plan.len, orig, olen0, &again, &again_len, &err) != 0) {
            fprintf(stderr, "plan does not apply: %s\n", err);
            rc = 1;
        } else if (again_len != out_len || memcmp(again, out, out_len) != 0) {
            fprintf(stderr, "plan applied to input.go gives other bytes than the output\n");
            rc = 1;
        }
        }
        buf_free(&plan);
    }
done:
    if (rs)
        rules_free(rs);
    free(p_in);
    free(p_hooks);
    free(p_other);
    free(d);
    arena_free(a);
    return rc;
}

/* Is the line a[0..an) a subsequence of b[0..bn)? */
static bool is_subsequence(const char *a, size_t an, const char *b, size_t bn) {
    size_t i = 0;
    for (size_t j = 0; j < bn && i < an; j++)
        if (a[i] == b[j])
            i++;
    return i == an;
}

static int line_at(const char *s, size_t off) {
    int l = 1;
    for (size_t i = 0; i < off; i++)
        l += s[i] == '\n';
    return l;
}

/* Lines [first, last] of every var/const spec of src (1-based), marked in in_spec. */
static bool *value_lines(Arena *a, const char *src, size_t len, int nlines, GoFile *f) {
    size_t eoff;
    const char *emsg;
    if (gosrc_parse(a, src, len, f, &eoff, &emsg) != 0)
        fatal("does not parse: offset %zu: %s", eoff, emsg);
    bool *m = arena_alloc(a, sizeof(bool) * (size_t)(nlines + 2));
    memset(m, 0, sizeof(bool) * (size_t)(nlines + 2));
    for (int i = 0; i < f->nvalues; i++)
        for (int l = line_at(src, f->values[i].names[0].off); l <= line_at(src, f->values[i].end) && l <= nlines; l++)
            m[l] = true;
    return m;
}

/* Lines [first, last] of every function body of f (1-based), marked. */
static bool *body_lines(Arena *a, const char *src, const GoFile *f, int nlines) {
    bool *m = arena_alloc(a, sizeof(bool) * (size_t)(nlines + 2));
    memset(m, 0, sizeof(bool) * (size_t)(nlines + 2));
    for (int i = 0; i < f->nfuncs; i++)
        if (f->funcs[i].body_lbrace >= 0)
            for (int l = line_at(src, (size_t)f->funcs[i].body_lbrace); l <= line_at(src, (size_t)f->funcs[i].body_rbrace) && l <= nlines; l++)
                m[l] = true;
    return m;
}

/* Do the bodies of fo (in o) and fn (in n) have the same statements, each
 * starting and ending on the same lines? */
static bool same_stmt_lines(Arena *a, const char *o, size_t olen, const GoFile *fo, const char *n, size_t nlen,
                            const GoFile *fn) {
    for (int i = 0; i < fo->nfuncs; i++) {
        if (fo->funcs[i].body_lbrace < 0)
            continue;
        GoStmt *so, *sn;
        int no, nn;
        if (gosrc_body_stmts(a, o, olen, &fo->funcs[i], &so, &no) != 0 ||
            gosrc_body_stmts(a, n, nlen, &fn->funcs[i], &sn, &nn) != 0 || no != nn)
            return false;
        for (int k = 0; k < no; k++)
            if (line_at(o, so[k].off) != line_at(n, sn[k].off) || line_at(o, so[k].end) != line_at(n, sn[k].end))
                return false;
    }
    return true;
}

/* --check-lines-bodies (set_fields): the same lines and declarations (each
 * var/const spec starting and ending on its lines), the same statements on
 * the same lines; a line inside a function body or a var/const spec may
 * have had text replaced, every other line only gains text. */
static int check_lines_bodies(const char *orig_path, const char *out_path) {
    Buf o = BUF_INIT, n = BUF_INIT;
    if (read_file(orig_path, &o) < 0 || read_file(out_path, &n) < 0)
        fatal("cannot read %s or %s", orig_path, out_path);
    Arena *a = arena_new();
    int ol = line_at(buf_str(&o), o.len), nl = line_at(buf_str(&n), n.len);
    GoFile fo, fn;
    bool *in_spec = value_lines(a, buf_str(&o), o.len, ol, &fo);
    value_lines(a, buf_str(&n), n.len, nl, &fn);
    int bad = ol != nl || fo.nfuncs != fn.nfuncs || fo.nvalues != fn.nvalues;
    for (int i = 0; !bad && i < fo.nfuncs; i++)
        bad = line_at(buf_str(&o), fo.funcs[i].func_off) != line_at(buf_str(&n), fn.funcs[i].func_off);
    for (int i = 0; !bad && i < fo.nvalues; i++)
        bad = fo.values[i].nnames != fn.values[i].nnames ||
              line_at(buf_str(&o), fo.values[i].names[0].off) != line_at(buf_str(&n), fn.values[i].names[0].off) ||
              line_at(buf_str(&o), fo.values[i].end) != line_at(buf_str(&n), fn.values[i].end);
    bad = bad || !same_stmt_lines(a, buf_str(&o), o.len, &fo, buf_str(&n), n.len, &fn);
    bool *in_body = bad ? NULL : body_lines(a, buf_str(&o), &fo, ol);
    for (int l = 1; !bad && l <= ol; l++)
        in_body[l] |= in_spec[l];
    const char *p = buf_str(&o), *q = buf_str(&n), *pe = p + o.len, *qe = q + n.len;
    for (int line = 1; !bad && p < pe; line++) {
        const char *pl = memchr(p, '\n', (size_t)(pe - p)), *ql = q < qe ? memchr(q, '\n', (size_t)(qe - q)) : NULL;
        pl = pl ? pl : pe;
        ql = ql ? ql : qe;
        if (!in_body[line] && !is_subsequence(p, (size_t)(pl - p), q, (size_t)(ql - q))) {
            fprintf(stderr, "%s:%d: line not preserved\n", out_path, line);
            bad = 1;
        }
        p = pl + 1;
        q = ql + 1;
    }
    if (bad)
        fprintf(stderr, "%s: lines, declarations or statements moved (%d lines, was %d)\n", out_path, nl, ol);
    arena_free(a);
    buf_free(&o);
    buf_free(&n);
    return bad;
}

static int check_lines_mode(const char *orig_path, const char *out_path, bool replaced) {
    Buf o = BUF_INIT, n = BUF_INIT;
    if (read_file(orig_path, &o) < 0 || read_file(out_path, &n) < 0)
        fatal("cannot read %s or %s", orig_path, out_path);
    bool *in_spec = NULL;
    Arena *a = arena_new();
    if (replaced) {
        /* the same number of lines, every declared name at its line */
        int ol = line_at(buf_str(&o), o.len), nl = line_at(buf_str(&n), n.len);
        GoFile fo, fn;
        in_spec = value_lines(a, buf_str(&o), o.len, ol, &fo);
        value_lines(a, buf_str(&n), n.len, nl, &fn);
        int bad = ol != nl || fo.nvalues != fn.nvalues || fo.nfuncs != fn.nfuncs;
        for (int i = 0; !bad && i < fo.nvalues; i++)
            for (int k = 0; k < fo.values[i].nnames && !bad; k++)
                bad = fo.values[i].nnames != fn.values[i].nnames ||
                      strcmp(fo.values[i].names[k].name, fn.values[i].names[k].name) != 0 ||
                      line_at(buf_str(&o), fo.values[i].names[k].off) != line_at(buf_str(&n), fn.values[i].names[k].off);
        for (int i = 0; !bad && i < fo.nfuncs; i++)
            bad = line_at(buf_str(&o), fo.funcs[i].func_off) != line_at(buf_str(&n), fn.funcs[i].func_off);
        if (bad) {
            fprintf(stderr, "%s: lines or declarations moved (%d lines, was %d)\n", out_path, nl, ol);
            arena_free(a);
            buf_free(&o);
            buf_free(&n);
            return 1;
        }
    }
    const char *p = buf_str(&o), *q = buf_str(&n);
    const char *pe = p + o.len, *qe = q + n.len;
    int line = 1, bad = 0;
    while (p < pe) {
        const char *pl = memchr(p, '\n', (size_t)(pe - p));
        const char *ql = q < qe ? memchr(q, '\n', (size_t)(qe - q)) : NULL;
        if (!pl)
            pl = pe;
        if (!ql)
            ql = qe;
        if (q >= qe || (!(in_spec && in_spec[line]) && !is_subsequence(p, (size_t)(pl - p), q, (size_t)(ql - q)))) {
            fprintf(stderr, "%s:%d: line not preserved\n  was: %.*s\n  now: %.*s\n", out_path, line,
                    (int)(pl - p), p, (int)(q < qe ? ql - q : 0), q);
            bad = 1;
            break;
        }
        p = pl + 1;
        q = ql + 1;
        line++;
    }
    buf_free(&o);
    buf_free(&n);
    arena_free(a);
    return bad;
}

static int check_lines(const char *orig_path, const char *out_path) { return check_lines_mode(orig_path, out_path, false); }

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--support") == 0) {
        Buf b = BUF_INIT;
        inject_support_file(argv[2], &b);
        fwrite(buf_str(&b), 1, b.len, stdout);
        buf_free(&b);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--check-lines") == 0)
        return check_lines(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "--check-lines-replaced") == 0)
        return check_lines_mode(argv[2], argv[3], true);
    if (argc == 4 && strcmp(argv[1], "--check-lines-bodies") == 0)
        return check_lines_bodies(argv[2], argv[3]);
    if (argc == 2)
        return run_case(argv[1]);
    fprintf(stderr, "usage: inject_golden CASE_DIR | --support PKGNAME | --check-lines IN OUT\n");
    return 2;
}
