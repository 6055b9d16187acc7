/* Fuzz target: injection end to end. The input is a Go file. When gosrc
 * parses it, the target
 *  1. loads rules written for this file's declarations (the same fixed
 *     rule shapes each time, with the names of its first function with a
 *     body and its first struct filled in): inject_code with a template,
 *     add_struct_fields with an import, expand_directive on //otel:fz;
 *     or, for one input in two (bit 1 of its size), the rules that rewrite
 *     text: wrap_call (replace and append_args) on the first call of an
 *     imported package's function, set_fields on the first literal of a
 *     type of the file's own package, assign_value wrapping the first
 *     package-level var;
 *  2. converts them as setup does (setup_file_extras) and applies them
 *     (inject_extras), then re-parses the result;
 *  3. puts a before and an after hook on every function with a body
 *     (inject_file; a function inject_file refuses, e.g. //go:nosplit, is
 *     left out), then re-parses the output with gosrc.
 * Checked: every output parses; every original line is still at its
 * number, a subsequence of the output's line there (additions only, the
 * check of tests/t_inject_golden.sh; with the rewriting rules, lines inside
 * function bodies and var/const specs may have had text replaced, as
 * --check-lines-bodies allows); every original function starts on its
 * line, in order, with its name, and so does every var/const spec; and
 * the injection plan applied to
 * the original bytes gives the same output (coverage builds). A rule
 * error or a refused function is fine; a crash, a leak or a broken check
 * is not. */
#include "fuzz.h"

#include "gosrc/gosrc.h"
#include "inject/inject.h"
#include "rules/rules.h"
#include "setup/internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    log_set_level(LOG_ERROR); /* set_fields warnings would flood the output */
    return 0;
}

static bool is_ident(const char *s) {
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

/* The rules for f: fixed shapes, f's names. NULL when f has nothing they
 * could name or they do not load (a name gosrc took in invalid code). */
static RuleSet *rules_for_file(const GoFile *f) {
    Buf y = BUF_INIT;
    for (int i = 0; i < f->nfuncs; i++) {
        const GoFunc *fn = &f->funcs[i];
        if (fn->body_lbrace < 0 || !is_ident(fn->name) || (fn->has_recv && !is_ident(fn->recv_base)))
            continue;
        buf_printf(&y, "code:\n  target: example.com/fz\n  where: {func: %s", fn->name);
        if (fn->has_recv)
            buf_printf(&y, ", recv: \"%s%s\"", fn->recv_ptr ? "*" : "", fn->recv_base);
        buf_puts(&y, "}\n  do:\n    inject_code:\n      raw: |\n"
                     "        println({{.FuncName | printf \"%q\"}}, {{.FuncArgumentCount}})\n"
                     "        {{- if .FuncReturnCount}}; defer func() { _ = {{.FuncReturn 0}} }(){{end}}\n"
                     "        {{- if .FuncArgumentCount}}; _ = {{.FuncArgument 0}}{{end}}\n");
        break;
    }
    for (int i = 0; i < f->ntypes; i++) {
        if (f->types[i].kind != GO_TYPE_STRUCT || f->types[i].alias || !is_ident(f->types[i].name))
            continue;
        buf_printf(&y, "fields:\n  target: example.com/fz\n  where: {struct: %s}\n  imports: {unsafe: unsafe}\n"
                       "  do:\n    add_struct_fields:\n      new_field:\n"
                       "        - {name: otel_fz_a, type: unsafe.Pointer}\n        - {name: otel_fz_b, type: \"map[string]int\"}\n",
                   f->types[i].name);
        break;
    }
    buf_puts(&y, "directive:\n  target: example.com/fz\n  where: {directive: \"otel:fz\"}\n  do:\n    expand_directive:\n"
                 "      template: 'println({{.FuncName | printf \"%q\"}}{{range .DirectiveArgs}}, {{.Key | printf \"%q\"}}, "
                 "{{.Value | printf \"%q\"}}{{end}})'\n");
    Buf errs = BUF_INIT;
    RuleSet *rs = rules_load_buffer("fuzz/rules.yaml", buf_str(&y), y.len, &errs);
    buf_free(&y);
    buf_free(&errs);
    return rs;
}

/* ", T1, T2", or with named: ", _x0 T1, _x1 T2" */
static void put_types(Buf *b, const GoParam *ps, int n, bool named) {
    for (int i = 0; i < n; i++)
        if (named)
            buf_printf(b, ", _x%d %s", i, ps[i].type);
        else
            buf_printf(b, ", %s", ps[i].type);
}

/* `func _(int, T1, T2, int) (int, R1, int)` and the same with receiver
 * types; named: `func _(_ int, _x0 T1, ..., _ int)`. */
static void put_signature_lists(Buf *b, const GoFunc *fn, bool named) {
    const char *i0 = named ? "_ int" : "int";
    buf_printf(b, "func _(%s", i0);
    put_types(b, fn->params, fn->nparams, named);
    buf_printf(b, ", %s) (%s", i0, i0);
    put_types(b, fn->results, fn->nresults, named);
    buf_printf(b, ", %s)\nfunc _(%s", i0, i0);
    put_types(b, fn->recv_list, fn->nrecv_list, named);
    buf_printf(b, ", %s)\n", i0);
}

/* `func _[_t0 C0, _t1 C1]()`: generic code is generated with the type
 * parameters' constraint texts repeated (the generic hooks' linkname
 * declarations), so they too must be type constraints (a constraint like
 * `inter&ac...` is taken by gosrc as text, as its contract allows). */
static void put_constraints(Buf *b, const GoTypeParam *tps, int n) {
    if (n == 0)
        return;
    buf_puts(b, "func _[");
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s_t%d %s", i ? ", " : "", i, tps[i].constraint[0] ? tps[i].constraint : "any");
    buf_puts(b, "]()\n");
}

/* gosrc_parse accepts some signatures go/parser rejects (gosrc.h allows
 * it): `fn a*b` is the parameter fn of "type" a*b. Generated code repeats
 * type texts unnamed after the hook context (the hooks' linkname
 * declarations), where `a*b` is not a type. Such a file is not Go, and
 * what otel makes of it need not parse: the target checks only files
 * whose every parameter, result and receiver type also parses in an
 * unnamed list (`func _(int, T1, T2, int)`) and in a named one (the
 * trampolines name them), as a type of valid Go always does, whose type parameters' constraints
 * parse as constraints, and whose receiver type arguments are identifiers. */
static bool types_stand_alone(const GoFile *f) {
    Buf b = BUF_INIT;
    buf_puts(&b, "package p\n");
    for (int i = 0; i < f->nfuncs; i++) {
        const GoFunc *fn = &f->funcs[i];
        /* `func (l List[\]) M()`: gosrc takes the text of each receiver
         * type argument as a name, and the receiver's base type name from
         * any text; in Go both are identifiers, and there is one receiver
         * (gosrc takes `(p ,T)` too). */
        bool names_ok = !fn->has_recv || (fn->recv_base && is_ident(fn->recv_base) && fn->nrecv_list == 1);
        for (int k = 0; k < fn->nrecv_tparams; k++)
            names_ok = names_ok && is_ident(fn->recv_tparams[k].name);
        if (!names_ok) {
            buf_free(&b);
            return false;
        }
        put_signature_lists(&b, fn, false);
        put_signature_lists(&b, fn, true);
        put_constraints(&b, fn->tparams, fn->ntparams);
    }
    for (int i = 0; i < f->ntypes; i++)
        put_constraints(&b, f->types[i].tparams, f->types[i].ntparams);
    Arena *a = arena_new();
    GoFile g;
    size_t eoff;
    const char *emsg;
    bool ok = gosrc_parse(a, b.data, b.len, &g, &eoff, &emsg) == 0;
    arena_free(a);
    buf_free(&b);
    return ok;
}

/* The package name an import is used under ("" for _ and .). */
static const char *import_name(const GoImport *im) {
    if (im->name)
        return strcmp(im->name, "_") && strcmp(im->name, ".") ? im->name : "";
    const char *slash = strrchr(im->path, '/');
    return slash ? slash + 1 : im->path;
}

static bool is_path(const char *s) {
    if (!*s)
        return false;
    for (; *s; s++)
        if (!(is_ident((char[]){*s, 0}) || (*s >= '0' && *s <= '9') || *s == '/' || *s == '.' || *s == '-'))
            return false;
    return true;
}

/* The rewriting rules for f (wrap_call, set_fields, assign_value), with
 * names found in f; NULL when there is nothing to name. */
static RuleSet *rewrite_rules_for_file(Arena *a, const char *src, size_t len, const GoFile *f) {
    Buf y = BUF_INIT;
    const char *call_path = NULL, *call_name = NULL, *lit_type = NULL;
    for (int i = 0; i < f->nfuncs && (!call_path || !lit_type); i++) {
        GoBody body;
        size_t eoff;
        const char *emsg;
        if (f->funcs[i].body_lbrace < 0 || gosrc_scan_body(a, src, len, &f->funcs[i], &body, &eoff, &emsg) != 0)
            continue;
        for (int k = 0; k < body.ncalls && !call_path; k++) {
            const char *dot = strchr(body.calls[k].callee, '.');
            for (int m = 0; dot && m < f->nimports && !call_path; m++) {
                const char *in = import_name(&f->imports[m]);
                if (strlen(in) == (size_t)(dot - body.calls[k].callee) && !strncmp(in, body.calls[k].callee, strlen(in)) &&
                    is_ident(dot + 1) && is_path(f->imports[m].path)) {
                    call_path = f->imports[m].path;
                    call_name = dot + 1;
                }
            }
        }
        for (int k = 0; k < body.nlits && !lit_type; k++)
            if (is_ident(body.lits[k].type))
                lit_type = body.lits[k].type;
    }
    if (call_path)
        buf_printf(&y, "wrap:\n  target: example.com/fz\n  where: {function_call: \"%s.%s\"}\n  do:\n"
                       "    - wrap_call: {replace: 'fzwrap({{ . }}, {{ .FuncName | printf \"%%q\" }})'}\n"
                       "    - wrap_call: {append_args: [\"nil\", \"2\"]}\n",
                   call_path, call_name);
    if (lit_type)
        buf_printf(&y, "lit:\n  target: example.com/fz\n  where: {struct_literal: example.com/fz.%s}\n  do:\n"
                       "    set_fields:\n      field:\n        - {name: Fz, value: \"1 + 2\"}\n"
                       "        - {name: Name, wrap: \"fzwrap({{ . }})\"}\n",
                   lit_type);
    for (int i = 0; i < f->nvalues; i++)
        if (!f->values[i].is_const && is_ident(f->values[i].names[0].name) && strcmp(f->values[i].names[0].name, "_")) {
            buf_printf(&y, "value:\n  target: example.com/fz\n  where: {identifier: %s, kind: var}\n"
                           "  do: {assign_value: {wrap: \"fzwrap({{ . }})\"}}\n",
                       f->values[i].names[0].name);
            break;
        }
    Buf errs = BUF_INIT;
    RuleSet *rs = y.len ? rules_load_buffer("fuzz/rewrite.yaml", buf_str(&y), y.len, &errs) : NULL;
    buf_free(&y);
    buf_free(&errs);
    return rs;
}

/* Lines (1-based, of o) whose text the rewriting rules may replace: those
 * of function bodies and var/const specs. */
static bool *rewritable_lines(Arena *a, const char *o, size_t ol, const GoFile *f) {
    int n = fuzz_line_at(o, ol);
    bool *m = arena_alloc(a, sizeof(bool) * (size_t)(n + 2));
    for (int i = 0; i < f->nfuncs; i++)
        if (f->funcs[i].body_lbrace >= 0)
            for (int l = fuzz_line_at(o, (size_t)f->funcs[i].body_lbrace); l <= fuzz_line_at(o, (size_t)f->funcs[i].body_rbrace); l++)
                m[l] = true;
    for (int i = 0; i < f->nvalues; i++)
        for (int l = fuzz_line_at(o, f->values[i].names[0].off); l <= fuzz_line_at(o, f->values[i].end) && l <= n; l++)
            m[l] = true;
    return m;
}

/* gosrc_parse also takes a file ending inside a var initializer's raw
 * string (`var y = \`abc` and no closing quote: gosrc.h allows it), which
 * Go rejects; assign_value's wrap then closes nothing. The target checks
 * only files that lex cleanly: every literal and comment closed, no
 * illegal character (gosrc_join_lines over the whole file says so). */
static bool lexes_cleanly(const char *src, size_t len) {
    Arena *a = arena_new();
    const char *out, *err;
    bool ok = gosrc_join_lines(a, src, len, &out, &err) == 0;
    arena_free(a);
    return ok;
}

/* Parse what a step produced: it must parse, since its input did. */
static GoFile must_parse(Arena *a, const char *src, size_t len, const char *what) {
    GoFile f;
    size_t eoff;
    const char *emsg;
    if (gosrc_parse(a, src, len, &f, &eoff, &emsg) != 0)
        fuzz_fail("%s does not parse: offset %zu (line %d): %s\n----\n%.*s\n----", what, eoff,
                  fuzz_line_at(src, eoff), emsg, (int)len, src);
    return f;
}

static bool is_subsequence(const char *a, size_t an, const char *b, size_t bn) {
    size_t i = 0;
    for (size_t j = 0; j < bn && i < an; j++)
        if (a[i] == b[j])
            i++;
    return i == an;
}

/* Every line of o (len ol) is a subsequence of n's line with its number;
 * every function of fo starts on the same line in fn, with its name. */
static void check_lines(const char *o, size_t ol, const GoFile *fo, const char *n, size_t nl, const GoFile *fn,
                        const bool *loose, const char *what) {
    const char *p = o, *pe = o + ol, *q = n, *qe = n + nl;
    for (int line = 1; p < pe; line++) {
        const char *pl = memchr(p, '\n', (size_t)(pe - p));
        pl = pl ? pl : pe;
        fuzz_check(q < qe || pl == p, "%s: line %d is gone", what, line);
        const char *ql = q < qe ? memchr(q, '\n', (size_t)(qe - q)) : NULL;
        ql = ql ? ql : qe;
        if (!(loose && loose[line]) && !is_subsequence(p, (size_t)(pl - p), q, (size_t)(ql - q)))
            fuzz_fail("%s: line %d not preserved\n  was: %.*s\n  now: %.*s", what, line, (int)(pl - p), p,
                      (int)(ql - q), q);
        p = pl + 1;
        q = ql < qe ? ql + 1 : qe;
    }
    fuzz_check(fn->nfuncs >= fo->nfuncs, "%s: %d funcs, was %d", what, fn->nfuncs, fo->nfuncs);
    for (int i = 0; i < fo->nfuncs; i++) {
        fuzz_check(strcmp(fo->funcs[i].name, fn->funcs[i].name) == 0, "%s: func %d is %s, was %s", what, i,
                   fn->funcs[i].name, fo->funcs[i].name);
        fuzz_check(fuzz_line_at(o, fo->funcs[i].func_off) == fuzz_line_at(n, fn->funcs[i].func_off),
                   "%s: func %s moved from line %d to %d", what, fo->funcs[i].name, fuzz_line_at(o, fo->funcs[i].func_off),
                   fuzz_line_at(n, fn->funcs[i].func_off));
    }
    fuzz_check(fn->nvalues >= fo->nvalues, "%s: %d var/const specs, was %d", what, fn->nvalues, fo->nvalues);
    for (int i = 0; i < fo->nvalues; i++)
        for (int k = 0; k < fo->values[i].nnames; k++)
            fuzz_check(k < fn->values[i].nnames && strcmp(fo->values[i].names[k].name, fn->values[i].names[k].name) == 0 &&
                           fuzz_line_at(o, fo->values[i].names[k].off) == fuzz_line_at(n, fn->values[i].names[k].off),
                       "%s: %s moved or renamed", what, fo->values[i].names[k].name);
}

static HookSig *hook_sig(Arena *a, const char *name, int nparams, bool generic) {
    HookSig *s = arena_alloc(a, sizeof *s);
    bool *boxed = arena_alloc(a, sizeof(bool) * (size_t)(nparams + 1));
    for (int i = 0; i < nparams; i++)
        boxed[i] = generic || (i & 1);
    *s = (HookSig){name, nparams, boxed, false};
    return s;
}

static FuncTarget target_for(Arena *a, const GoFunc *fn) {
    bool generic = fn->ntparams > 0 || fn->nrecv_tparams > 0;
    HookUse *h = arena_alloc(a, sizeof *h);
    *h = (HookUse){"fz_hooks", "fz", "example.com/fz/hooks",
                   hook_sig(a, "BeforeFz", fn->nparams + (fn->has_recv ? 1 : 0), generic),
                   hook_sig(a, "AfterFz", fn->nresults, generic)};
    return (FuncTarget){fn, h, 1};
}

/* inject_file over every function with a body that it accepts. -1 when
 * it accepts none. */
static int inject_all(Arena *a, InjectInput *in, FuncTarget *targets, char **out, size_t *out_len) {
    const GoFile *f = in->file;
    int n = 0;
    for (int i = 0; i < f->nfuncs; i++)
        if (f->funcs[i].body_lbrace >= 0)
            targets[n++] = target_for(a, &f->funcs[i]);
    in->targets = targets;
    in->ntargets = n;
    const char *err;
    if (n == 0 || inject_file(a, in, out, out_len, &err) == 0)
        return n == 0 ? -1 : 0;
    /* Some function is refused: keep the ones accepted alone. */
    int kept = 0;
    for (int i = 0; i < n; i++) {
        InjectInput one = *in;
        one.targets = &targets[i];
        one.ntargets = 1;
        if (inject_file(a, &one, out, out_len, &err) == 0)
            targets[kept++] = targets[i];
    }
    in->ntargets = kept;
    if (kept == 0)
        return -1;
    if (inject_file(a, in, out, out_len, &err) != 0)
        fuzz_fail("functions accepted one by one are refused together: %s", err);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *src = fuzz_copy(data, size);
    Arena *a = arena_new();
    GoFile f;
    size_t eoff;
    const char *emsg;
    RuleSet *rs = NULL;
    if (gosrc_parse(a, src, size, &f, &eoff, &emsg) != 0 || !types_stand_alone(&f) || !lexes_cleanly(src, size))
        goto done;

    /* 1-2: the rules' extras. */
    ExtraInput ex = {0};
    const char *cur = src;
    size_t cur_len = size;
    GoFile cur_file = f;
    bool rewrite = size & 2;
    const bool *loose = rewrite ? rewritable_lines(a, src, size, &f) : NULL;
    if ((rs = rewrite ? rewrite_rules_for_file(a, src, size, &f) : rules_for_file(&f))) {
        int nr;
        const Rule *all = rules_all(rs, &nr);
        const Rule **rules = arena_alloc(a, sizeof(Rule *) * (size_t)(nr + 1));
        for (int i = 0; i < nr; i++)
            rules[i] = &all[i];
        Buf b = {(char *)src, size, size};
        GoPackage pkg = {.import_path = "example.com/fz", .dir = "/fz", .ngo_files = 1};
        const char *err;
        char *x;
        size_t xlen;
        if (setup_file_extras(size & 1, a, &pkg, rules, nr, &b, &f, "fz.go", &b, &ex, &err) == 0) {
            ex.src = src;
            ex.len = size;
            if (inject_extras(a, &ex, &x, &xlen, &err) == 0) {
                cur_file = must_parse(a, x, xlen, "inject_extras' output");
                check_lines(src, size, &f, x, xlen, &cur_file, loose, "inject_extras");
                cur = x;
                cur_len = xlen;
            } else {
                ex = (ExtraInput){0};
            }
        } else {
            ex = (ExtraInput){0};
        }
    }

    /* 3: hooks on every function. */
    FuncTarget *targets = arena_alloc(a, sizeof(FuncTarget) * (size_t)(cur_file.nfuncs + 1));
    InjectInput in = {cur, cur_len, &cur_file, "example.com/fz", NULL, 0, "fz01", NULL, NULL, size & 1};
    char *out;
    size_t out_len;
    if (inject_all(a, &in, targets, &out, &out_len) != 0) {
        if (!ex.src)
            goto done;
        out = (char *)cur;
        out_len = cur_len;
    }
    GoFile of = must_parse(a, out, out_len, "inject_file's output");
    check_lines(src, size, &f, out, out_len, &of, loose, "inject");

    /* The plan, applied to the original, gives the same bytes. */
    Buf plan = BUF_INIT;
    inject_plan_write(&in, &plan);
    inject_plan_write_extras(&ex, &plan);
    char *again;
    size_t again_len;
    const char *err;
    if (inject_plan_apply(a, buf_str(&plan), plan.len, src, size, &again, &again_len, &err) != 0)
        fuzz_fail("the plan does not apply to the original: %s\nplan:\n%s", err, buf_str(&plan));
    if (again_len != out_len || memcmp(again, out, out_len) != 0) {
        size_t d = 0;
        while (d < again_len && d < out_len && again[d] == out[d])
            d++;
        size_t from = d > 200 ? d - 200 : 0;
        fuzz_fail("the plan applied to the original gives other bytes from offset %zu:\n"
                  "inject_file:\n%.*s\nthe plan:\n%.*s\nplan:\n%s", d, (int)(out_len - from > 400 ? 400 : out_len - from),
                  out + from, (int)(again_len - from > 400 ? 400 : again_len - from), again + from, buf_str(&plan));
    }
    buf_free(&plan);
done:
    rules_free(rs);
    arena_free(a);
    free(src);
    return 0;
}
