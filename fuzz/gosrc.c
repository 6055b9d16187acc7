/* Fuzz target: gosrc on any bytes. Declarations (gosrc_parse), the header
 * parse, the dumps, the body scanner (calls and literals), statements,
 * type normalization and gosrc_join_lines.
 *
 * Beyond "no crash, no out-of-bounds read, no leak", it checks what
 * gosrc.h promises for any input: an error offset inside the input, and on
 * success offsets inside the input that point at the tokens they name
 * (`func`, `(`, `)`, a body's `{` and `}`), calls and literals inside their
 * body, statements inside their body, and a header parse that agrees with
 * the full parse on the package clause and imports. */
#include "fuzz.h"

#include "gosrc/gosrc.h"

static void check_at(const char *src, size_t len, long off, char c, const char *what) {
    fuzz_check(off >= 0 && (size_t)off < len, "%s at %ld outside [0,%zu)", what, off, len);
    fuzz_check(src[off] == c, "%s at %ld is '%c', not '%c'", what, off, src[off], c);
}

static void check_span(size_t off, size_t end, size_t len, const char *what) {
    fuzz_check(off <= end && end <= len, "%s [%zu,%zu) outside [0,%zu]", what, off, end, len);
}

static void check_params(Arena *a, const GoParam *ps, int n, size_t len) {
    for (int i = 0; i < n; i++) {
        fuzz_check(ps[i].name && ps[i].type, "param %d without name or type text", i);
        fuzz_check(ps[i].name_off < (long)len, "param name offset %ld", ps[i].name_off);
        if (ps[i].type_end > 0)
            check_span(ps[i].type_off, ps[i].type_end, len, "param type");
        fuzz_check(gosrc_normalize_type(a, ps[i].type) != NULL, "normalize_type gave NULL");
    }
}

static void check_body(Arena *a, const char *src, size_t len, const GoFunc *fn) {
    GoBody body;
    size_t eoff = 0;
    const char *emsg = NULL;
    if (gosrc_scan_body(a, src, len, fn, &body, &eoff, &emsg) == 0) {
        for (int i = 0; i < body.ncalls; i++) {
            const GoCall *c = &body.calls[i];
            check_at(src, len, (long)c->lparen, '(', "call (");
            check_at(src, len, (long)c->rparen, ')', "call )");
            fuzz_check(c->fun_off <= c->lparen && c->lparen < c->rparen, "call offsets out of order");
            fuzz_check((long)c->lparen > fn->body_lbrace && (long)c->rparen < fn->body_rbrace, "call outside body");
            fuzz_check(c->callee != NULL, "call without callee text");
        }
        for (int i = 0; i < body.nlits; i++) {
            const GoLit *l = &body.lits[i];
            check_at(src, len, (long)l->lbrace, '{', "literal {");
            check_at(src, len, (long)l->rbrace, '}', "literal }");
            fuzz_check(l->type != NULL && l->type_off <= (long)l->lbrace, "literal type");
            fuzz_check((long)l->lbrace > fn->body_lbrace && (long)l->rbrace < fn->body_rbrace, "literal outside body");
        }
    } else {
        fuzz_check(emsg != NULL && eoff <= len, "scan_body error at %zu of %zu", eoff, len);
    }
    GoStmt *st;
    int n;
    if (gosrc_body_stmts(a, src, len, fn, &st, &n) == 0)
        for (int i = 0; i < n; i++) {
            check_span(st[i].off, st[i].end, len, "statement");
            fuzz_check((long)st[i].off > fn->body_lbrace && (long)st[i].end <= fn->body_rbrace,
                       "statement [%zu,%zu) outside body {%ld,%ld}", st[i].off, st[i].end, fn->body_lbrace,
                       fn->body_rbrace);
            fuzz_check(st[i].text != NULL, "statement without text");
        }
    /* The body's inside as code to join (what inject_code hands it). */
    const char *joined, *jerr;
    size_t blen = (size_t)(fn->body_rbrace - fn->body_lbrace - 1);
    if (gosrc_join_lines(a, src + fn->body_lbrace + 1, blen, &joined, &jerr) == 0)
        fuzz_check(joined != NULL && !strchr(joined, '\n'), "join_lines kept a newline");
}

static void check_func(Arena *a, const char *src, size_t len, const GoFunc *fn) {
    check_span(fn->func_off, fn->func_off + 4, len, "func keyword");
    fuzz_check(memcmp(src + fn->func_off, "func", 4) == 0, "func_off does not point at `func`");
    fuzz_check(fn->name && fn->name_off < len, "func name");
    check_at(src, len, (long)fn->params_lparen, '(', "params (");
    check_at(src, len, (long)fn->params_rparen, ')', "params )");
    if (fn->results_lparen >= 0) {
        check_at(src, len, fn->results_lparen, '(', "results (");
        check_at(src, len, fn->results_rparen, ')', "results )");
    }
    fuzz_check(!fn->has_recv || fn->recv_base, "receiver without base name");
    check_params(a, fn->params, fn->nparams, len);
    check_params(a, fn->results, fn->nresults, len);
    check_params(a, fn->recv_list, fn->nrecv_list, len);
    fuzz_check(fn->doc_directives != NULL, "doc_directives NULL");
    if (fn->body_lbrace < 0) {
        fuzz_check(fn->body_rbrace < 0, "body } without {");
        return;
    }
    check_at(src, len, fn->body_lbrace, '{', "body {");
    check_at(src, len, fn->body_rbrace, '}', "body }");
    fuzz_check(fn->body_lbrace < fn->body_rbrace, "body braces out of order");
    check_body(a, src, len, fn);
}

static void check_file(Arena *a, const char *src, size_t len, const GoFile *f) {
    check_span(f->pkg_off, f->pkg_off + 7, len, "package keyword");
    fuzz_check(memcmp(src + f->pkg_off, "package", 7) == 0, "pkg_off does not point at `package`");
    check_span(f->pkg_off, f->pkg_name_end, len, "package clause");
    check_span(f->pkg_name_end, f->imports_end, len, "imports");
    for (int i = 0; i < f->nimports; i++)
        fuzz_check(f->imports[i].path && f->imports[i].path_off < len, "import %d", i);
    for (int i = 0; i < f->nfuncs; i++)
        check_func(a, src, len, &f->funcs[i]);
    for (int i = 0; i < f->ntypes; i++) {
        const GoTypeSpec *t = &f->types[i];
        fuzz_check(t->name && t->name_off < len, "type name");
        if (t->lbrace >= 0) {
            check_at(src, len, t->lbrace, '{', "type {");
            check_at(src, len, t->rbrace, '}', "type }");
        }
    }
    for (int i = 0; i < f->nvalues; i++) {
        const GoValueSpec *v = &f->values[i];
        fuzz_check(v->nnames >= 1, "value spec without names");
        for (int k = 0; k < v->nnames; k++)
            fuzz_check(v->names[k].off < len, "value name offset");
        if (v->type_off >= 0)
            check_span((size_t)v->type_off, (size_t)v->type_end, len, "value type");
        for (int k = 0; k < v->nvalues; k++)
            check_span(v->value_off[k], v->value_end[k], len, "initializer");
        fuzz_check(v->end <= len, "value spec end");
    }
}

/* gosrc_parse_header must succeed where gosrc_parse does, with the same
 * package clause and imports. */
static void check_header_agrees(Arena *a, const char *src, size_t len, const GoFile *full) {
    GoFile h;
    size_t eoff;
    const char *emsg;
    fuzz_check(gosrc_parse_header(a, src, len, &h, &eoff, &emsg) == 0, "header parse failed (%s at %zu) where the full parse succeeded", emsg, eoff);
    fuzz_check(strcmp(h.pkg_name, full->pkg_name) == 0 && h.pkg_off == full->pkg_off, "header: other package clause");
    fuzz_check(h.nimports == full->nimports, "header: %d imports, full parse %d", h.nimports, full->nimports);
    for (int i = 0; i < h.nimports; i++)
        fuzz_check(strcmp(h.imports[i].path, full->imports[i].path) == 0 && h.imports[i].path_off == full->imports[i].path_off,
                   "header: import %d differs", i);
    fuzz_check(h.imports_end == full->imports_end, "header: imports_end %zu, full parse %zu", h.imports_end, full->imports_end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *src = fuzz_copy(data, size);
    Arena *a = arena_new();
    GoFile f;
    size_t eoff = 0;
    const char *emsg = NULL;
    if (gosrc_parse(a, src, size, &f, &eoff, &emsg) == 0) {
        check_file(a, src, size, &f);
        check_header_agrees(a, src, size, &f);
        Buf out = BUF_INIT;
        gosrc_dump(&f, src, &out);
        gosrc_dump_inits(a, &f, src, size, &out);
        for (int i = 0; i < f.nfuncs; i++)
            if (f.funcs[i].body_lbrace >= 0)
                gosrc_dump_body(a, &f.funcs[i], src, size, &out);
        buf_free(&out);
    } else {
        fuzz_check(emsg != NULL && eoff <= size, "parse error at %zu of %zu", eoff, size);
        GoFile h;
        if (gosrc_parse_header(a, src, size, &h, &eoff, &emsg) != 0)
            fuzz_check(emsg != NULL && eoff <= size, "header error at %zu of %zu", eoff, size);
    }
    arena_free(a);
    free(src);
    return 0;
}
