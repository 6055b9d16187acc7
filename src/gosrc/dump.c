/* gosrc_dump (the line format tools/gosrc-oracle prints, documented in
 * tools/gosrc-oracle/main.go) and gosrc_normalize_type. */
#include "gosrc/gosrc.h"

#include <string.h>

/* Q: a quoted text with \ " and control bytes escaped, bytes >= 0x80 kept. */
static void put_quoted(Buf *b, const char *s) {
    buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '\\': buf_puts(b, "\\\\"); break;
        case '"': buf_puts(b, "\\\""); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case '\r': buf_puts(b, "\\r"); break;
        default:
            if (c < 0x20 || c == 0x7f) buf_printf(b, "\\x%02x", c);
            else buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

static void put_param(Buf *b, const GoParam *p) {
    put_quoted(b, p->name);
    buf_printf(b, "@%ld:", p->name_off);
    put_quoted(b, p->type);
    buf_printf(b, "@%zu-%zu", p->type_off, p->type_end);
}

static void put_params(Buf *b, const GoParam *ps, int n) {
    buf_putc(b, '[');
    for (int i = 0; i < n; i++) {
        if (i) buf_putc(b, ' ');
        put_param(b, &ps[i]);
    }
    buf_putc(b, ']');
}

static void put_tparams(Buf *b, const GoTypeParam *tps, int n) {
    buf_putc(b, '[');
    for (int i = 0; i < n; i++) {
        if (i) buf_putc(b, ' ');
        buf_printf(b, "%s:", tps[i].name);
        put_quoted(b, tps[i].constraint);
    }
    buf_putc(b, ']');
}

static void put_recv(Buf *b, const GoFunc *fn) {
    if (!fn->has_recv) {
        buf_putc(b, '-');
        return;
    }
    buf_putc(b, '(');
    for (int i = 0; i < fn->nrecv_list; i++) {
        put_param(b, &fn->recv_list[i]);
        buf_putc(b, ' ');
    }
    buf_puts(b, "base=");
    put_quoted(b, fn->recv_base);
    buf_printf(b, " ptr=%d tparams=[", fn->recv_ptr);
    for (int i = 0; i < fn->nrecv_tparams; i++) {
        if (i) buf_putc(b, ' ');
        put_quoted(b, fn->recv_tparams[i].name);
    }
    buf_puts(b, "])");
}

static const char *kind_name(GoTypeKind k) {
    switch (k) {
    case GO_TYPE_STRUCT: return "struct";
    case GO_TYPE_INTERFACE: return "interface";
    default: return "other";
    }
}

void gosrc_dump(const GoFile *f, const char *src, Buf *out) {
    (void)src; /* every text the dump needs is already in f */
    buf_printf(out, "package %zu %s %zu\n", f->pkg_off, f->pkg_name, f->pkg_name_end);
    if (f->build_constraint) {
        buf_puts(out, "build ");
        put_quoted(out, f->build_constraint);
        buf_putc(out, '\n');
    }
    for (int i = 0; i < f->nimports; i++) {
        const GoImport *im = &f->imports[i];
        buf_printf(out, "import %zu %s ", im->path_off, im->name ? im->name : "-");
        put_quoted(out, im->path);
        buf_putc(out, '\n');
    }
    buf_printf(out, "imports_end %zu\n", f->imports_end);
    for (int i = 0; i < f->ntypes; i++) {
        const GoTypeSpec *t = &f->types[i];
        buf_printf(out, "type %zu %s %s alias=%d tparams=", t->name_off, t->name,
                   kind_name(t->kind), t->alias);
        put_tparams(out, t->tparams, t->ntparams);
        buf_printf(out, " braces=%ld,%ld\n", t->lbrace, t->rbrace);
    }
    for (int i = 0; i < f->nvalues; i++) {
        const GoValueSpec *v = &f->values[i];
        buf_printf(out, "value %s names=[", v->is_const ? "const" : "var");
        for (int k = 0; k < v->nnames; k++)
            buf_printf(out, "%s%s@%zu", k ? " " : "", v->names[k].name, v->names[k].off);
        buf_printf(out, "] type=%ld,%ld values=[", v->type_off, v->type_end);
        for (int k = 0; k < v->nvalues; k++)
            buf_printf(out, "%s%zu-%zu", k ? " " : "", v->value_off[k], v->value_end[k]);
        buf_printf(out, "] end=%zu\n", v->end);
    }
    for (int i = 0; i < f->nfuncs; i++) {
        const GoFunc *fn = &f->funcs[i];
        buf_printf(out, "func %zu %s@%zu recv=", fn->func_off, fn->name, fn->name_off);
        put_recv(out, fn);
        buf_puts(out, " tparams=");
        put_tparams(out, fn->tparams, fn->ntparams);
        buf_printf(out, " params=%zu,%zu", fn->params_lparen, fn->params_rparen);
        put_params(out, fn->params, fn->nparams);
        buf_printf(out, " variadic=%d results=%ld,%ld", fn->variadic, fn->results_lparen,
                   fn->results_rparen);
        put_params(out, fn->results, fn->nresults);
        buf_printf(out, " body=%ld,%ld directives=", fn->body_lbrace, fn->body_rbrace);
        put_quoted(out, fn->doc_directives);
        buf_putc(out, '\n');
    }
}

/* Comments and whitespace go; string literals (struct tags) are kept
 * verbatim, since the space inside `json:"a b"` is part of the type. */
char *gosrc_normalize_type(Arena *a, const char *type) {
    size_t n = strlen(type);
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        char c = type[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            i++;
        } else if (c == '/' && type[i + 1] == '/') {
            while (i < n && type[i] != '\n') i++;
        } else if (c == '/' && type[i + 1] == '*') {
            const char *end = strstr(type + i + 2, "*/");
            i = end ? (size_t)(end - type) + 2 : n;
        } else if (c == '"' || c == '\'' || c == '`') {
            out[o++] = type[i++];
            while (i < n && type[i] != c) {
                if (c != '`' && type[i] == '\\' && i + 1 < n) out[o++] = type[i++];
                out[o++] = type[i++];
            }
            if (i < n) out[o++] = type[i++];
        } else {
            out[o++] = type[i++];
        }
    }
    out[o] = '\0';
    return out;
}

static void dump_calls_and_lits(const GoBody *b, Buf *out);

void gosrc_dump_body(Arena *a, const GoFunc *fn, const char *src, size_t len, Buf *out) {
    buf_printf(out, "body %zu %s\n", fn->func_off, fn->name);
    GoBody body;
    size_t err_off = 0;
    const char *err_msg = "";
    if (gosrc_scan_body(a, src, len, fn, &body, &err_off, &err_msg) != 0) {
        buf_printf(out, "error %zu %s\n", err_off, err_msg);
        return;
    }
    dump_calls_and_lits(&body, out);
}

void gosrc_dump_inits(Arena *a, const GoFile *f, const char *src, size_t len, Buf *out) {
    for (int i = 0; i < f->nvalues; i++)
        for (int k = 0; k < f->values[i].nvalues; k++) {
            size_t off = f->values[i].value_off[k], end = f->values[i].value_end[k];
            buf_printf(out, "init %zu\n", off);
            GoBody body;
            size_t err_off = 0;
            const char *err_msg = "";
            if (gosrc_scan_expr(a, src, len, off, end, &body, &err_off, &err_msg) != 0)
                buf_printf(out, "error %zu %s\n", err_off, err_msg);
            else
                dump_calls_and_lits(&body, out);
        }
}

static void dump_calls_and_lits(const GoBody *b, Buf *out) {
    const GoBody body = *b;
    for (int i = 0; i < body.ncalls; i++) {
        const GoCall *c = &body.calls[i];
        buf_printf(out, "call %zu %zu %zu spread=%d callee=", c->fun_off, c->lparen, c->rparen, c->spread);
        put_quoted(out, c->callee);
        buf_putc(out, '\n');
    }
    for (int i = 0; i < body.nlits; i++) {
        const GoLit *l = &body.lits[i];
        buf_printf(out, "lit %zu %zu %zu amp=%d type=", l->type_off < 0 ? l->lbrace : (size_t)l->type_off,
                   l->lbrace, l->rbrace, l->addr);
        put_quoted(out, l->type);
        buf_putc(out, '\n');
    }
}
