/* gosrc unit tests: tables of small tricky sources and what gosrc must see.
 *
 * Each function is checked through a one-line summary (receiver, type
 * params, params, results, body text, directives) so a table row reads like
 * the Go it describes. Every successful parse, here and in the mutation
 * sweep at the end, is also checked for offset invariants: each offset
 * points at the token it names and each text is the source slice at its
 * offsets. Sources are copied into exact-size buffers so ASan catches any
 * read past the end. */
#include "gosrc/gosrc.h"
#include "test.h"

#include <stdlib.h>

/* ---- helpers ------------------------------------------------------------ */

/* An exact-size, unterminated copy of s[0..n): reads past n trip ASan. */
static char *exact_copy(const char *s, size_t n) {
    char *p = xmalloc(n ? n : 1);
    memcpy(p, s, n);
    return p;
}

static bool at(const char *src, size_t len, long off, const char *text) {
    size_t n = strlen(text);
    return off >= 0 && (size_t)off + n <= len && memcmp(src + off, text, n) == 0;
}

static bool slice_is(const char *src, size_t len, size_t from, size_t to, const char *text) {
    return from <= to && to <= len && to - from == strlen(text) && memcmp(src + from, text, to - from) == 0;
}

static bool param_ok(const char *src, size_t len, const GoParam *p) {
    if (!slice_is(src, len, p->type_off, p->type_end, p->type)) return false;
    if (p->name_off < 0) return p->name[0] == '\0';
    return at(src, len, p->name_off, p->name);
}

/* Offsets point at what they name; texts are the slices at their offsets. */
static bool invariants_hold(const char *src, size_t len, const GoFile *f) {
    if (!at(src, len, (long)f->pkg_off, "package")) return false;
    size_t nl = strlen(f->pkg_name);
    if (f->pkg_name_end < nl || !at(src, len, (long)(f->pkg_name_end - nl), f->pkg_name)) return false;
    if (f->imports_end < f->pkg_name_end || f->imports_end > len) return false;
    for (int i = 0; i < f->nimports; i++) {
        size_t o = f->imports[i].path_off;
        if (o >= len || (src[o] != '"' && src[o] != '`') || o >= f->imports_end) return false;
    }
    for (int i = 0; i < f->ntypes; i++) {
        const GoTypeSpec *t = &f->types[i];
        if (!at(src, len, (long)t->name_off, t->name)) return false;
        if (t->kind == GO_TYPE_OTHER ? t->lbrace != -1 || t->rbrace != -1
                                     : !at(src, len, t->lbrace, "{") || !at(src, len, t->rbrace, "}"))
            return false;
    }
    for (int i = 0; i < f->nfuncs; i++) {
        const GoFunc *fn = &f->funcs[i];
        if (!at(src, len, (long)fn->func_off, "func") || !at(src, len, (long)fn->name_off, fn->name))
            return false;
        if (!at(src, len, (long)fn->params_lparen, "(") || !at(src, len, (long)fn->params_rparen, ")"))
            return false;
        for (int k = 0; k < fn->nparams; k++)
            if (!param_ok(src, len, &fn->params[k])) return false;
        for (int k = 0; k < fn->nresults; k++)
            if (!param_ok(src, len, &fn->results[k])) return false;
        for (int k = 0; k < fn->nrecv_list; k++)
            if (!param_ok(src, len, &fn->recv_list[k])) return false;
        if (fn->results_lparen >= 0 && (!at(src, len, fn->results_lparen, "(") || !at(src, len, fn->results_rparen, ")")))
            return false;
        if (fn->results_lparen < 0 && (fn->results_rparen != -1 || fn->nresults > 1)) return false;
        if (fn->body_lbrace >= 0 ? !at(src, len, fn->body_lbrace, "{") || !at(src, len, fn->body_rbrace, "}")
                                 : fn->body_rbrace != -1)
            return false;
        if (fn->has_recv != (fn->recv_base != NULL)) return false;
    }
    return true;
}

/* Parse src (a whole file) into f; 0 on success. Checks invariants. */
static int parse(Arena *a, const char *text, GoFile *f, char **copy) {
    size_t len = strlen(text);
    *copy = exact_copy(text, len);
    size_t err_off = 0;
    const char *err_msg = NULL;
    int rc = gosrc_parse(a, *copy, len, f, &err_off, &err_msg);
    if (rc == 0) CHECK(invariants_hold(*copy, len, f));
    else fprintf(stderr, "parse error at %zu: %s in:\n%s\n", err_off, err_msg, text);
    return rc;
}

static void put_param(Buf *b, const GoParam *p) {
    if (p->name[0]) buf_printf(b, "%s ", p->name);
    buf_puts(b, p->type);
}

/* One line describing everything gosrc found about a func. */
static const char *summary(Arena *a, const char *src, const GoFunc *fn) {
    Buf b = BUF_INIT;
    if (fn->has_recv) {
        buf_puts(&b, "recv(");
        for (int i = 0; i < fn->nrecv_list; i++) {
            if (i) buf_puts(&b, ", ");
            put_param(&b, &fn->recv_list[i]);
        }
        buf_printf(&b, ") base=%s%s", fn->recv_base, fn->recv_ptr ? " ptr" : "");
        for (int i = 0; i < fn->nrecv_tparams; i++)
            buf_printf(&b, "%s%s", i ? "," : " rtp=", fn->recv_tparams[i].name);
        buf_puts(&b, "; ");
    }
    if (fn->ntparams) {
        buf_putc(&b, '[');
        for (int i = 0; i < fn->ntparams; i++)
            buf_printf(&b, "%s%s %s", i ? ", " : "", fn->tparams[i].name, fn->tparams[i].constraint);
        buf_puts(&b, "]");
    }
    buf_putc(&b, '(');
    for (int i = 0; i < fn->nparams; i++) {
        if (i) buf_puts(&b, ", ");
        put_param(&b, &fn->params[i]);
    }
    buf_putc(&b, ')');
    if (fn->variadic) buf_puts(&b, " variadic");
    if (fn->results_lparen >= 0) {
        buf_puts(&b, " (");
        for (int i = 0; i < fn->nresults; i++) {
            if (i) buf_puts(&b, ", ");
            put_param(&b, &fn->results[i]);
        }
        buf_putc(&b, ')');
    } else if (fn->nresults == 1) {
        buf_printf(&b, " %s", fn->results[0].type);
    }
    if (fn->body_lbrace >= 0)
        buf_printf(&b, " %.*s", (int)(fn->body_rbrace - fn->body_lbrace + 1), src + fn->body_lbrace);
    else
        buf_puts(&b, " nobody");
    if (fn->doc_directives[0]) buf_printf(&b, " dirs=%s", fn->doc_directives);
    const char *r = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return r;
}

static const GoFunc *find_func(const GoFile *f, const char *name) {
    for (int i = 0; i < f->nfuncs; i++)
        if (strcmp(f->funcs[i].name, name) == 0) return &f->funcs[i];
    return NULL;
}

/* ---- functions ---------------------------------------------------------- */

/* Each row: declarations after "package p\n", the func to look at, its summary. */
static const struct {
    const char *src, *func, *want;
} func_cases[] = {
    /* receivers */
    {"func (l *List[T]) Push(v T) {}", "Push", "recv(l *List[T]) base=List ptr rtp=T; (v T) {}"},
    {"func (m Map[K, V]) Get(k K) (V, bool) { return }", "Get",
     "recv(m Map[K, V]) base=Map rtp=K,V; (k K) (V, bool) { return }"},
    {"func (T) M() {}", "M", "recv(T) base=T; () {}"},
    {"func (*T) M() {}", "M", "recv(*T) base=T ptr; () {}"},
    {"func (List[_]) M() {}", "M", "recv(List[_]) base=List rtp=_; () {}"},
    {"func (t (*T)) M() {}", "M", "recv(t (*T)) base=T ptr; () {}"},
    {"func (t /* c */ T) M() {}", "M", "recv(t T) base=T; () {}"},
    {"func (a, b T) M() {}", "M", "recv(a T, b T) base=T; () {}"}, /* go/parser accepts it */
    {"func () M() {}", "M", "recv() base=; () {}"},
    /* parameters */
    {"func f(int, string) {}", "f", "(int, string) {}"},
    {"func f(a, b int, c ...string) {}", "f", "(a int, b int, c ...string) variadic {}"},
    {"func f(a, b) {}", "f", "(a, b) {}"}, /* no name has a type: both are types */
    {"func f(...int) {}", "f", "(...int) variadic {}"},
    {"func f([]int, map[string]int, chan<- int) {}", "f", "([]int, map[string]int, chan<- int) {}"},
    {"func f(a []int, b [4]int) {}", "f", "(a []int, b [4]int) {}"},
    {"func f(x I[int, string]) {}", "f", "(x I[int, string]) {}"},
    {"func f(I[int, string], io.Reader) {}", "f", "(I[int, string], io.Reader) {}"},
    {"func f(a [N]int) {}", "f", "(a [N]int) {}"}, /* name [N]E: a name and an array */
    {"func f(T[N]) {}", "f", "(T[N]) {}"},         /* name[N] alone: a generic instance */
    {"func f(fn func(int) (string, error), g func()) {}", "f", "(fn func(int) (string, error), g func()) {}"},
    {"func f(s struct{ a, b int }) {}", "f", "(s struct{ a, b int }) {}"},
    {"func f(\n\ta int, // c\n\tb string,\n) {}", "f", "(a int, b string) {}"},
    {"func f(a /* x */ int /* y */) {}", "f", "(a int) {}"},
    /* results */
    {"func f() error { return nil }", "f", "() error { return nil }"},
    {"func f() (n int, err error) { return }", "f", "() (n int, err error) { return }"},
    {"func f() (int) { return 0 }", "f", "() (int) { return 0 }"},
    {"func f() func() int { return nil }", "f", "() func() int { return nil }"},
    {"func f() func() {}", "f", "() func() {}"},
    {"func f() struct{ a int } { return x }", "f", "() struct{ a int } { return x }"},
    {"func f() interface{ M() } { return nil }", "f", "() interface{ M() } { return nil }"},
    {"func f() map[string]func() { return nil }", "f", "() map[string]func() { return nil }"},
    {"func f() <-chan int { return nil }", "f", "() <-chan int { return nil }"},
    {"func f() *T[int] { return nil }", "f", "() *T[int] { return nil }"},
    {"func f() T[int] { return x }", "f", "() T[int] { return x }"},
    /* type parameters */
    {"func Map[S ~[]E, E, R any](s S) []R { return nil }", "Map",
     "[S ~[]E, E any, R any](s S) []R { return nil }"},
    {"func Sum[T interface{ ~int }](xs ...T) T { return 0 }", "Sum",
     "[T interface{ ~int }](xs ...T) variadic T { return 0 }"},
    {"func F[T ~int | ~string, P *T]() {}", "F", "[T ~int | ~string, P *T]() {}"},
    /* bodies: braces inside literals and comments are not braces */
    {"func f() { _ = `}` }\nfunc g() {}", "f", "() { _ = `}` }"},
    {"func f() { _ = \"}\\\"}\" }", "f", "() { _ = \"}\\\"}\" }"},
    {"func f() { _, _ = '}', '\\'' }", "f", "() { _, _ = '}', '\\'' }"},
    {"func f() { /* } */ // }\n}", "f", "() { /* } */ // }\n}"},
    {"func f() { if x { return } }", "f", "() { if x { return } }"},
    {"func f() { _ = a / b }", "f", "() { _ = a / b }"},
    /* semicolon insertion */
    {"func f() int\nfunc g() {}", "f", "() int nobody"},
    {"func f() int\nfunc g() {}", "g", "() {}"},
    {"var x = 1\nfunc f() {}", "f", "() {}"},
    {"var x = func() {\n}\nfunc f() {}", "f", "() {}"},
    {"const (\n\ta = iota\n\tb\n)\nfunc f() {}", "f", "() {}"},
    {"func f() {}; func g() {}", "g", "() {}"},
    {"func f() (\n\ta int,\n) {\n}", "f", "() (a int) {\n}"},
    /* directives */
    {"//go:linkname now runtime.now\nfunc now() (int64, int32)", "now",
     "() (int64, int32) nobody dirs=//go:linkname now runtime.now"},
    {"//go:noinline\n//go:nosplit\n// Doc.\nfunc f() {}", "f", "() {} dirs=//go:noinline\n//go:nosplit"},
    {"//go:noinline\n\nfunc f() {}", "f", "() {}"},                  /* a blank line detaches */
    {"var x = 1 // c\n//go:noinline\nfunc f() {}", "f", "() {} dirs=//go:noinline"},
    {"func g() {}; // c\nfunc f() {}", "f", "() {}"}, /* a line comment, not a doc comment */
    {"/*\n//go:noinline\n*/\nfunc f() {}", "f", "() {}"},
    {"//go:noinline\r\nfunc f() {}", "f", "() {} dirs=//go:noinline"},
};

static void test_funcs(void) {
    for (size_t i = 0; i < sizeof func_cases / sizeof func_cases[0]; i++) {
        Arena *a = arena_new();
        char *src = arena_printf(a, "package p\n%s\n", func_cases[i].src);
        GoFile f;
        char *copy;
        if (parse(a, src, &f, &copy) == 0) {
            const GoFunc *fn = find_func(&f, func_cases[i].func);
            CHECK(fn != NULL);
            if (fn) CHECK_STR(summary(a, copy, fn), func_cases[i].want);
        } else {
            CHECK(!"parse failed");
        }
        free(copy);
        arena_free(a);
    }
}

/* Offsets and texts of one func, spelled out. */
static void test_func_fields(void) {
    Arena *a = arena_new();
    const char *src = "package p\n\nfunc (l *List[T]) Push(v T, rest ...T) (n int, err error) {\n}\n";
    GoFile f;
    char *copy;
    CHECK_INT(parse(a, src, &f, &copy), 0);
    CHECK_INT(f.nfuncs, 1);
    const GoFunc *fn = &f.funcs[0];
    CHECK_INT(fn->func_off, 11);
    CHECK_STR(fn->name, "Push");
    CHECK_INT(fn->name_off, 29);
    CHECK(fn->has_recv);
    CHECK_INT(fn->nrecv_list, 1);
    CHECK_STR(fn->recv.name, "l");
    CHECK_INT(fn->recv.name_off, 17);
    CHECK_STR(fn->recv.type, "*List[T]");
    CHECK_INT(fn->recv.type_off, 19);
    CHECK_INT(fn->recv.type_end, 27);
    CHECK_STR(fn->recv_base, "List");
    CHECK(fn->recv_ptr);
    CHECK_INT(fn->nrecv_tparams, 1);
    CHECK_STR(fn->recv_tparams[0].name, "T");
    CHECK_STR(fn->recv_tparams[0].constraint, "");
    CHECK_INT(fn->ntparams, 0);
    CHECK_INT(fn->params_lparen, 33);
    CHECK_INT(fn->params_rparen, 48);
    CHECK_INT(fn->nparams, 2);
    CHECK_STR(fn->params[1].name, "rest");
    CHECK_STR(fn->params[1].type, "...T");
    CHECK(fn->variadic);
    CHECK_INT(fn->results_lparen, 50);
    CHECK_INT(fn->results_rparen, 67);
    CHECK_INT(fn->nresults, 2);
    CHECK_STR(fn->results[1].name, "err");
    CHECK_STR(fn->results[1].type, "error");
    CHECK_INT(fn->body_lbrace, 69);
    CHECK_INT(fn->body_rbrace, 71);
    CHECK_STR(fn->doc_directives, "");
    CHECK(f.build_constraint == NULL);

    free(copy);

    /* unnamed params: name "" and name_off -1; the type is the identifier */
    CHECK_INT(parse(a, "package p\nfunc f(int, string)\n", &f, &copy), 0);
    CHECK_INT(f.funcs[0].nparams, 2);
    CHECK_STR(f.funcs[0].params[1].name, "");
    CHECK_INT(f.funcs[0].params[1].name_off, -1);
    CHECK_STR(f.funcs[0].params[1].type, "string");
    CHECK_INT(f.funcs[0].params[1].type_off, 22);
    CHECK(!f.funcs[0].has_recv);
    CHECK(f.funcs[0].recv_base == NULL);
    CHECK_INT(f.funcs[0].results_lparen, -1);
    CHECK_INT(f.funcs[0].body_lbrace, -1);
    free(copy);
    arena_free(a);
}

/* ---- types -------------------------------------------------------------- */

static const char *type_summary(Arena *a, const GoTypeSpec *t) {
    static const char *kinds[] = {"struct", "interface", "other"};
    Buf b = BUF_INIT;
    buf_printf(&b, "%s%s", kinds[t->kind], t->alias ? " alias" : "");
    for (int i = 0; i < t->ntparams; i++)
        buf_printf(&b, "%s%s %s", i ? ", " : " [", t->tparams[i].name, t->tparams[i].constraint);
    if (t->ntparams) buf_putc(&b, ']');
    const char *r = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return r;
}

static const struct {
    const char *src, *type, *want;
} type_cases[] = {
    {"type A[T any] struct{}", "A", "struct [T any]"},
    {"type A [N]int", "A", "other"},
    {"type A[N]int", "A", "other"},
    {"type A [N * M]int", "A", "other"},
    {"type A [len(x)]int", "A", "other"},
    {"type A[P *C] int", "A", "other"},           /* go/parser: an array */
    {"type A[P *C,] int", "A", "other [P *C]"},   /* the comma makes it a type parameter */
    {"type A[P *C | ~D] int", "A", "other [P *C | ~D]"},
    {"type A[P []int] int", "A", "other [P []int]"},
    {"type A[P ([]int)] int", "A", "other [P ([]int)]"},
    {"type A[P interface{ ~int }] interface{ M() }", "A", "interface [P interface{ ~int }]"},
    {"type A[K comparable, V any] map[K]V", "A", "other [K comparable, V any]"},
    {"type A[K, V any] struct{}", "A", "struct [K any, V any]"},
    {"type A = B", "A", "other alias"},
    {"type A = struct{}", "A", "struct alias"},
    {"type A[T any] = B[T]", "A", "other alias [T any]"},
    {"type A (struct{})", "A", "other"},
    {"type (\n\tA int\n\tB struct{ x int }\n\tC = interface{}\n)", "B", "struct"},
    {"type (\n\tA int\n\tB struct{ x int }\n\tC = interface{}\n)", "C", "interface alias"},
    {"type S struct {\n\ta int `json:\"}\"`\n\tb struct{ c int }\n}", "S", "struct"},
};

static void test_types(void) {
    for (size_t i = 0; i < sizeof type_cases / sizeof type_cases[0]; i++) {
        Arena *a = arena_new();
        char *src = arena_printf(a, "package p\n%s\n", type_cases[i].src);
        GoFile f;
        char *copy;
        const GoTypeSpec *t = NULL;
        if (parse(a, src, &f, &copy) == 0) {
            for (int k = 0; k < f.ntypes; k++)
                if (strcmp(f.types[k].name, type_cases[i].type) == 0) t = &f.types[k];
        }
        CHECK(t != NULL);
        if (t) CHECK_STR(type_summary(a, t), type_cases[i].want);
        free(copy);
        arena_free(a);
    }
    /* struct braces */
    Arena *a = arena_new();
    GoFile f;
    char *copy;
    CHECK_INT(parse(a, "package p\ntype S struct{ a int }\ntype N [2]int\n", &f, &copy), 0);
    CHECK_INT(f.ntypes, 2);
    CHECK_INT(f.types[0].name_off, 15);
    CHECK_INT(f.types[0].lbrace, 23);
    CHECK_INT(f.types[0].rbrace, 31);
    CHECK_INT(f.types[1].lbrace, -1);
    CHECK_INT(f.types[1].rbrace, -1);
    free(copy);
    arena_free(a);
}

/* ---- package clause, imports, build constraint --------------------------- */

static void test_imports(void) {
    Arena *a = arena_new();
    const char *src =
        "// Copyright.\n\n//go:build linux && !cgo\n\npackage p // c\n\n"
        "import _ \"unsafe\"\nimport f \"fmt\"\nimport (\n\t\"os\"\n\t. \"strings\"\n\tio2 \"io\"\n\t`raw/path`\n\t\"a\\x62\"\n)\n\n"
        "func F() {}\n";
    GoFile f;
    char *copy;
    CHECK_INT(parse(a, src, &f, &copy), 0);
    CHECK_STR(f.pkg_name, "p");
    CHECK_INT(f.pkg_off, 41);
    CHECK_INT(f.pkg_name_end, 50);
    CHECK_STR(f.build_constraint, "linux && !cgo");
    CHECK_INT(f.nimports, 7);
    static const char *names[] = {"_", "f", NULL, ".", "io2", NULL, NULL};
    static const char *paths[] = {"unsafe", "fmt", "os", "strings", "io", "raw/path", "ab"};
    for (int i = 0; i < 7 && i < f.nimports; i++) {
        if (names[i]) CHECK_STR(f.imports[i].name, names[i]);
        else CHECK(f.imports[i].name == NULL);
        CHECK_STR(f.imports[i].path, paths[i]);
    }
    CHECK_INT(f.imports[0].path_off, 66);
    CHECK_INT(f.imports_end, (long)(strstr(src, ")\n\nfunc") - src) + 1);
    CHECK_INT(f.nfuncs, 1);
    free(copy);

    /* header only: stops after the imports, ignores what follows */
    const char *hdr = "package p\nimport \"fmt\"\nfunc F( {{{ not go\n";
    size_t err_off;
    const char *err_msg;
    char *hcopy = exact_copy(hdr, strlen(hdr));
    CHECK_INT(gosrc_parse_header(a, hcopy, strlen(hdr), &f, &err_off, &err_msg), 0);
    CHECK_INT(f.nimports, 1);
    CHECK_INT(f.imports_end, 22);
    CHECK_INT(f.nfuncs, 0);
    CHECK_INT(gosrc_parse(a, hcopy, strlen(hdr), &f, &err_off, &err_msg), -1);
    free(hcopy);

    /* no imports: imports_end is the end of the package name */
    CHECK_INT(parse(a, "package p\nfunc F() {}\n", &f, &copy), 0);
    CHECK_INT(f.imports_end, 9);
    CHECK(f.build_constraint == NULL);
    free(copy);

    /* not constraints: inside a block comment, after other text, //go:buildx */
    CHECK_INT(parse(a, "/* //go:build a */ //go:build b\n//go:buildx c\n// go:build d\npackage p\n", &f, &copy), 0);
    CHECK(f.build_constraint == NULL);
    free(copy);
    arena_free(a);
}

/* ---- errors --------------------------------------------------------------- */

static const char *bad_sources[] = {
    "",
    "package",
    "func f() {}",
    "package p\nfunc",
    "package p\nfunc f(",
    "package p\nfunc f() {",
    "package p\nfunc f()\n{\n}",
    "package p\nfunc (r T) M[P any]() {}",
    "package p\nfunc f(a int, string) {}",
    "package p\nfunc f(a, b int, c) {}",
    "package p\nfunc f[]() {}",
    "package p\nvar x = 1\nimport \"fmt\"",
    "package p\nimport fmt",
    "package p\ntype",
    "package p\ntype A struct",
    "package p\n}",
    "package p\nfunc f(a ...int, b int) {}",
};

static void test_errors(void) {
    for (size_t i = 0; i < sizeof bad_sources / sizeof bad_sources[0]; i++) {
        Arena *a = arena_new();
        size_t len = strlen(bad_sources[i]);
        char *copy = exact_copy(bad_sources[i], len);
        GoFile f;
        size_t err_off = (size_t)-1;
        const char *err_msg = NULL;
        int rc = gosrc_parse(a, copy, len, &f, &err_off, &err_msg);
        if (rc != -1) fprintf(stderr, "accepted: %s\n", bad_sources[i]);
        CHECK_INT(rc, -1);
        CHECK(err_off <= len);
        CHECK(err_msg && err_msg[0]);
        free(copy);
        arena_free(a);
    }
}

/* ---- normalize ------------------------------------------------------------ */

static void test_normalize(void) {
    static const struct { const char *in, *want; } cases[] = {
        {"map[string] *T", "map[string]*T"},
        {"chan int", "chanint"},
        {"*http.Request", "*http.Request"},
        {" context.Context ", "context.Context"},
        {"func(a int,\n\tb string) (int, error)", "func(aint,bstring)(int,error)"},
        {"*T /* c */", "*T"},
        {"[]int // c\n", "[]int"},
        {"struct{ a int `json:\"a b\"` }", "struct{aint`json:\"a b\"`}"},
        {"struct{ a int \"x /* y */\" }", "struct{aint\"x /* y */\"}"},
        {"...interface{}", "...interface{}"},
        {"", ""},
    };
    Arena *a = arena_new();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(gosrc_normalize_type(a, cases[i].in), cases[i].want);
    arena_free(a);
}

/* ---- dump ----------------------------------------------------------------- */

static void test_dump(void) {
    Arena *a = arena_new();
    const char *src = "package p\nimport x \"fmt\"\ntype S[T any] struct{}\n//go:noinline\nfunc (s *S[T]) M(a, b int) (err error) {}\n";
    GoFile f;
    char *copy;
    CHECK_INT(parse(a, src, &f, &copy), 0);
    Buf out = BUF_INIT;
    gosrc_dump(&f, copy, &out);
    CHECK_STR(buf_str(&out),
              "package 0 p 9\n"
              "import 19 x \"fmt\"\n"
              "imports_end 24\n"
              "type 30 S struct alias=0 tparams=[T:\"any\"] braces=45,46\n"
              "func 62 M@77 recv=(\"s\"@68:\"*S[T]\"@70-75 base=\"S\" ptr=1 tparams=[\"T\"]) tparams=[] "
              "params=78,87[\"a\"@79:\"int\"@84-87 \"b\"@82:\"int\"@84-87] variadic=0 "
              "results=89,99[\"err\"@90:\"error\"@94-99] body=101,102 directives=\"//go:noinline\"\n");
    buf_free(&out);
    free(copy);
    arena_free(a);
}

/* ---- robustness ------------------------------------------------------------ */

/* Long chains and deep nesting: no recursion blow-up, and the answers
 * go/parser gives (checked against tools/gosrc-oracle when written). */
static void test_big(void) {
    enum { TERMS = 20000, PARENS = 2000 };
    Buf b = BUF_INIT;
    buf_puts(&b, "package p\ntype A [1");
    for (int i = 0; i < TERMS; i++) buf_puts(&b, "+1");
    buf_puts(&b, "]int\ntype B[P *a");
    for (int i = 0; i < TERMS; i++) buf_puts(&b, "|a");
    buf_puts(&b, "] int\ntype C[P *a");
    for (int i = 0; i < TERMS; i++) buf_puts(&b, "|a");
    buf_puts(&b, "|~b] int\ntype D [");
    for (int i = 0; i < PARENS; i++) buf_putc(&b, '(');
    buf_putc(&b, '1');
    for (int i = 0; i < PARENS; i++) buf_putc(&b, ')');
    buf_puts(&b, "]int\nfunc F() { ");
    for (int i = 0; i < 100000; i++) buf_putc(&b, '{');
    for (int i = 0; i < 100000; i++) buf_putc(&b, '}');
    buf_puts(&b, " }\n");
    Arena *a = arena_new();
    GoFile f;
    char *copy;
    CHECK_INT(parse(a, buf_str(&b), &f, &copy), 0);
    CHECK_INT(f.ntypes, 4);
    CHECK_INT(f.types[0].ntparams, 0); /* array */
    CHECK_INT(f.types[1].ntparams, 0); /* array: `P *a|a...` is an expression */
    CHECK_INT(f.types[2].ntparams, 1); /* generic: `~b` makes it a type */
    CHECK_INT(f.types[3].ntparams, 0);
    CHECK_INT(f.nfuncs, 1);
    CHECK_INT(f.funcs[0].body_rbrace, (long)b.len - 2);
    free(copy);
    arena_free(a);
    buf_free(&b);
}


/* Every prefix of a rich source, and the source with each byte replaced by
 * each of a few troublesome bytes, must parse or fail cleanly, and any
 * success must satisfy the invariants. Under ASan this is a small fuzzer. */
static void test_mutations(void) {
    static const char base[] =
        "//go:build x\n\npackage p\n\nimport (\n\tf \"fmt\"\n\t_ `unsafe`\n)\n\n"
        "type L[T any, P *T | ~int] struct{ v T; s string `j:\"}\"` }\n"
        "type A [N*2]int\ntype (B = L[int, int]; C interface{ M() })\n"
        "var v, w = '}', \"{\\\"\" /* } */\nconst c = 1e3 + 0x1p-2 + .5i\n"
        "//go:noinline\nfunc (l *L[T, P]) M(a, b int, c ...[]T) (r func() int, e error) {\n"
        "\tif a > b { return nil, nil } // }\n\t_ = `}` + \"}\"\n}\n"
        "func G[K comparable](m map[K]struct{}) <-chan K\n";
    static const char subst[] = "{}()[]\"'`/*\n;,.~|";
    size_t n = sizeof base - 1;
    int parsed = 0, failed = 0;
    bool all_ok = true;
    for (size_t cut = 0; cut <= n; cut++) {
        for (int variant = -1; variant < (int)sizeof subst - 1; variant++) {
            if (variant >= 0 && cut == n) continue;
            char *copy = exact_copy(base, variant < 0 ? cut : n);
            size_t len = variant < 0 ? cut : n;
            if (variant >= 0) copy[cut] = subst[variant];
            Arena *a = arena_new();
            GoFile f;
            size_t err_off;
            const char *err_msg;
            if (gosrc_parse(a, copy, len, &f, &err_off, &err_msg) == 0) {
                parsed++;
                if (!invariants_hold(copy, len, &f)) {
                    all_ok = false;
                    fprintf(stderr, "invariants broken: cut=%zu variant=%d\n", cut, variant);
                }
                Buf out = BUF_INIT;
                gosrc_dump(&f, copy, &out);
                buf_free(&out);
            } else {
                failed++;
                if (err_off > len) all_ok = false;
            }
            gosrc_parse_header(a, copy, len, &f, &err_off, &err_msg);
            arena_free(a);
            free(copy);
        }
    }
    CHECK(all_ok);
    CHECK(parsed > 0 && failed > 0);
    Arena *a = arena_new();
    GoFile f;
    size_t err_off;
    const char *err_msg;
    CHECK_INT(gosrc_parse(a, base, n, &f, &err_off, &err_msg), 0);
    CHECK_INT(f.nfuncs, 2);
    CHECK_INT(f.ntypes, 4);
    arena_free(a);
}

/* ---- bodies: calls and composite literals ------------------------------- */

/* CHECK that also yields the condition, to guard what follows. */
#define CHECK_OK(c) ((c) ? (test_passed++, true) \
                         : (test_failed++, fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c), false))

/* Offsets point at their brackets, texts are the slices at their offsets,
 * and both lists are in source order of their brackets. */
static bool body_invariants_hold(const char *src, size_t len, const GoFunc *fn, const GoBody *b) {
    size_t lo = (size_t)fn->body_lbrace, hi = (size_t)fn->body_rbrace;
    for (int i = 0; i < b->ncalls; i++) {
        const GoCall *c = &b->calls[i];
        if (!at(src, len, (long)c->lparen, "(") || !at(src, len, (long)c->rparen, ")")) return false;
        if (c->fun_off <= lo || c->fun_off >= c->lparen || c->rparen >= hi) return false;
        if (i && c->lparen <= b->calls[i - 1].lparen) return false;
    }
    for (int i = 0; i < b->nlits; i++) {
        const GoLit *l = &b->lits[i];
        if (!at(src, len, (long)l->lbrace, "{") || !at(src, len, (long)l->rbrace, "}")) return false;
        if (l->lbrace <= lo || l->rbrace >= hi) return false;
        if (l->type_off < 0 ? l->type[0] != '\0' : !at(src, len, l->type_off, l->type)) return false;
        if (i && l->lbrace <= b->lits[i - 1].lbrace) return false;
    }
    return true;
}

/* One line for a body: each call as C[callee]<source from callee to `)`>
 * (with "..." noted), then each literal as L[&]<type>{...} (its source from
 * `{` to `}`), separated by " | ". */
static const char *body_summary(Arena *a, const char *src, const GoBody *b) {
    Buf o = BUF_INIT;
    for (int i = 0; i < b->ncalls; i++) {
        const GoCall *c = &b->calls[i];
        buf_printf(&o, "%sC[%s]%.*s%s", o.len ? " | " : "", c->callee, (int)(c->rparen + 1 - c->fun_off),
                   src + c->fun_off, c->spread ? " spread" : "");
    }
    for (int i = 0; i < b->nlits; i++) {
        const GoLit *l = &b->lits[i];
        buf_printf(&o, "%sL%s%s%.*s", o.len ? " | " : "", l->addr ? "&" : "", l->type,
                   (int)(l->rbrace + 1 - l->lbrace), src + l->lbrace);
    }
    const char *r = arena_strdup(a, buf_str(&o));
    buf_free(&o);
    return r;
}

/* Each row: the statements of `func f()`'s body, and its summary. */
static const struct {
    const char *body, *want;
} body_cases[] = {
    {"", ""},
    {"f()", "C[f]f()"},
    {"pkg.F(a, b)", "C[pkg.F]pkg.F(a, b)"},
    {"pkg . /* c */ F(x)", "C[pkg.F]pkg . /* c */ F(x)"},
    {"a.b.c()", "C[]a.b.c()"},
    {"x.M()", "C[x.M]x.M()"}, /* a method call reads like a package call: the matcher decides */
    {"_ = x.M", ""},           /* a method value is no call */
    {"f(g(x))", "C[f]f(g(x)) | C[g]g(x)"},
    {"f(x)(y)", "C[f]f(x) | C[]f(x)(y)"}, /* ordered by `(`: the inner call's comes first */
    {"f(xs...)", "C[f]f(xs...) spread"},
    {"f(a, xs...,)", "C[f]f(a, xs...,) spread"},
    /* generics */
    {"f[T](x)", "C[f]f[T](x)"},
    {"pkg.F[int, string](x)", "C[pkg.F]pkg.F[int, string](x)"},
    {"_ = G[int]{}", "LG[int]{}"},
    {"_ = &pkg.G[K, V]{a: 1}", "L&pkg.G[K, V]{a: 1}"},
    /* conversions are calls */
    {"_ = []byte(s)", "C[][]byte(s)"},
    {"_ = (*T)(p)", "C[](*T)(p)"},
    {"_ = int64(n)", "C[int64]int64(n)"},
    {"_ = interface{}(x)", "C[]interface{}(x)"},
    {"_ = func()(x)", ""}, /* `(x)` is the func type's result list */
    {"_ = (func())(x)", "C[](func())(x)"},
    {"_ = chan int(nil)", "C[]chan int(nil)"},
    {"_ = x.(T)", ""},
    /* composite literals */
    {"_ = T{}", "LT{}"},
    {"_ = &T{a: 1}", "L&T{a: 1}"},
    {"_ = &T{}.f", "LT{}"}, /* the & applies to the selector */
    {"_ = *T{}", "LT{}"},
    {"_ = []T{{1}, {a: 2}}", "L[]T{{1}, {a: 2}} | L{1} | L{a: 2}"},
    {"_ = map[K]V{{1}: {2}}", "Lmap[K]V{{1}: {2}} | L{1} | L{2}"},
    {"_ = [...]int{1, 2}", "L[...]int{1, 2}"},
    {"_ = struct{ a int }{1}", "Lstruct{ a int }{1}"},
    {"_ = T{f(x)}", "C[f]f(x) | LT{f(x)}"},
    {"_ = [len(s)]int{}", "C[len]len(s) | L[len(s)]int{}"},
    {"var a [unsafe.Sizeof(x)]byte", "C[unsafe.Sizeof]unsafe.Sizeof(x)"},
    {"type L struct { f [len(s)]int `j:\"{\"` }", "C[len]len(s)"},
    {"var i interface { M(int) T; io.Reader }", ""}, /* a method is no call */
    {"_ = func(a int, b ...T) (T, error) { return T{}, nil }", "LT{}"},
    {"_ = func() T { return x }", ""}, /* the result type T is not a literal type */
    /* `{` in control clause headers: a bare type name needs parentheses */
    {"if x == (T{}) { f() }", "C[f]f() | LT{}"},
    {"if x := T; x { }", ""},
    {"for _, v := range []T{{1}} { }", "L[]T{{1}} | L{1}"},
    {"for i := range pkg.T { g(i) }", "C[g]g(i)"},
    {"switch x := f(T{}); x { case T{}.a: }", "C[f]f(T{}) | LT{} | LT{}"},
    {"switch T.x { }", ""},
    {"if func() bool { return T{} == x }() { }", "C[]func() bool { return T{} == x }() | LT{}"},
    {"for x := (struct{ n int }{1}); x.n < 3; x.n++ { }", "Lstruct{ n int }{1}"},
    {"if m[T{}.k] { }", "LT{}"},
    {"switch v := x.(type) { case []int, map[K]V: f(v) }", "C[f]f(v)"},
    {"select { case v := <-ch(): g(v); default: }", "C[ch]ch() | C[g]g(v)"},
    /* statements */
    {"go f(x)", "C[f]f(x)"},
    {"defer mu.Unlock()", "C[mu.Unlock]mu.Unlock()"},
    {"go func() { h() }()", "C[h]h() | C[]func() { h() }()"},
    {"L:\n\tfor { break L }\nM: f()", "C[f]f()"},
    {"L: }\nfunc g() {", ""},
    {"ch <- T{}", "LT{}"},
    {"x, y := f(), g()", "C[f]f() | C[g]g()"},
    {"x.n++", ""},
    {"{ f() }", "C[f]f()"},
    {"if a { f() } else if b { g() } else { h() }", "C[f]f() | C[g]g() | C[h]h()"},
    {"return T{}, f()", "C[f]f() | LT{}"},
    {"var (a = f(); b T = T{})", "C[f]f() | LT{}"},
    {"const c = len(\"ab\")", "C[len]len(\"ab\")"},
    /* brackets in literals and comments are not brackets */
    {"_ = \"f(x) T{}\" + `g(` /* h() */ // k()\n", ""},
    {"_ = '('", ""},
};

static void test_bodies(void) {
    for (size_t i = 0; i < sizeof body_cases / sizeof body_cases[0]; i++) {
        Arena *a = arena_new();
        const char *text = arena_printf(a, "package p\nfunc f() {\n\t%s\n}\n", body_cases[i].body);
        GoFile f;
        char *copy;
        if (parse(a, text, &f, &copy) != 0 || !CHECK_OK(f.nfuncs >= 1)) {
            free(copy);
            arena_free(a);
            continue;
        }
        size_t len = strlen(text), err_off;
        const char *err_msg = NULL;
        GoBody b;
        int rc = gosrc_scan_body(a, copy, len, &f.funcs[0], &b, &err_off, &err_msg);
        CHECK_INT(rc, 0);
        if (rc == 0) {
            CHECK(body_invariants_hold(copy, len, &f.funcs[0], &b));
            CHECK_STR(body_summary(a, copy, &b), body_cases[i].want);
        } else {
            fprintf(stderr, "scan error at %zu: %s in:\n%s\n", err_off, err_msg, text);
        }
        free(copy);
        arena_free(a);
    }
}

/* A bodiless function, and bodies that are not Go, fail cleanly. */
static void test_body_errors(void) {
    static const char *bad[] = {
        "func f()\n",
        "func f() { f( }\n",
        "func f() { if { } }\n",
        "func f() { x := }\n",
        "func f() { _ = x.(1) }\n",
        "func f() { a b }\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Arena *a = arena_new();
        const char *text = arena_printf(a, "package p\n%s", bad[i]);
        size_t len = strlen(text), err_off = 0;
        char *copy = exact_copy(text, len);
        const char *err_msg = NULL;
        GoFile f;
        if (gosrc_parse(a, copy, len, &f, &err_off, &err_msg) == 0 && f.nfuncs == 1) {
            GoBody b;
            CHECK_INT(gosrc_scan_body(a, copy, len, &f.funcs[0], &b, &err_off, &err_msg), -1);
            CHECK(err_msg != NULL && err_off <= len);
        }
        free(copy);
        arena_free(a);
    }
}

/* The body dump prints what the oracle prints (format in
 * tools/gosrc-oracle/main.go). */
static void test_body_dump(void) {
    Arena *a = arena_new();
    const char *text = "package p\nfunc f() { _ = &pkg.T{[]int{}}; g(x...) }\n";
    size_t len = strlen(text);
    GoFile f;
    char *copy;
    if (parse(a, text, &f, &copy) == 0) {
        Buf out = BUF_INIT;
        gosrc_dump_body(a, &f.funcs[0], copy, len, &out);
        CHECK_STR(buf_str(&out), "body 10 f\n"
                                 "call 42 43 48 spread=1 callee=\"g\"\n"
                                 "lit 26 31 39 amp=1 type=\"pkg.T\"\n"
                                 "lit 32 37 38 amp=0 type=\"[]int\"\n");
        buf_free(&out);
    }
    free(copy);
    arena_free(a);
}

/* Every prefix of a rich body, and the body with each byte replaced by a
 * few troublesome bytes: whenever the declarations parse, the body scan
 * succeeds or fails cleanly, and a success satisfies the invariants. */
static void test_body_mutations(void) {
    static const char base[] =
        "package p\nfunc f(xs ...int) (T, error) {\n"
        "L:\tif x := (T{a: g(1)}); x.a > 0 { defer h[int](xs...) } else { go func() { _ = &T{} }() }\n"
        "\tfor _, v := range []T{{1}, {b: 2}} { switch v.(type) { case T: } }\n"
        "\tselect { case c <- map[K]V{}: default: }\n"
        "\tvar a [len(\"x(\")]int; _ = a; type S struct{ f [cap(b)]T `t` }\n"
        "\treturn (*T)(p).m(), nil // f(\n}\n";
    static const char subst[] = "{}()[]\"'`/*\n;,.&:";
    size_t n = sizeof base - 1;
    int scanned = 0, failed = 0;
    bool all_ok = true;
    for (size_t cut = 0; cut <= n; cut++) {
        for (int variant = -1; variant < (int)sizeof subst - 1; variant++) {
            if (variant >= 0 && cut == n) continue;
            size_t len = variant < 0 ? cut : n;
            char *copy = exact_copy(base, len);
            if (variant >= 0) copy[cut] = subst[variant];
            Arena *a = arena_new();
            GoFile f;
            size_t err_off;
            const char *err_msg;
            if (gosrc_parse(a, copy, len, &f, &err_off, &err_msg) == 0) {
                for (int k = 0; k < f.nfuncs; k++) {
                    if (f.funcs[k].body_lbrace < 0) continue;
                    GoBody b;
                    if (gosrc_scan_body(a, copy, len, &f.funcs[k], &b, &err_off, &err_msg) == 0) {
                        scanned++;
                        if (!body_invariants_hold(copy, len, &f.funcs[k], &b)) {
                            all_ok = false;
                            fprintf(stderr, "body invariants broken: cut=%zu variant=%d\n", cut, variant);
                        }
                    } else {
                        failed++;
                        if (err_off > len) all_ok = false;
                    }
                }
            }
            arena_free(a);
            free(copy);
        }
    }
    CHECK(all_ok);
    CHECK(scanned > 0 && failed > 0);
    Arena *a = arena_new();
    GoFile f;
    size_t err_off;
    const char *err_msg;
    GoBody b;
    if (CHECK_OK(gosrc_parse(a, base, n, &f, &err_off, &err_msg) == 0)) {
        CHECK_INT(gosrc_scan_body(a, base, n, &f.funcs[0], &b, &err_off, &err_msg), 0);
        CHECK_INT(b.ncalls, 7);
        CHECK_INT(b.nlits, 6);
    }
    arena_free(a);
}

/* gosrc_join_lines refuses code that ends inside a literal or comment
 * (found by fuzz/inject: "`raw\nabc" came out as "raw\nab", its last
 * byte taken for the closing quote). */
static void test_join_unterminated(void) {
    static const struct { const char *code, *err; } cases[] = {
        {"x = `raw\nabc", "unterminated raw string literal in the code"},
        {"x = `", "unterminated raw string literal in the code"},
        {"x = \"abc\ny()", "unterminated string literal in the code"},
        {"x = 'a", "unterminated rune literal in the code"},
        {"x = 1 /* abc", "unterminated comment in the code"},
        {"x = 1 /*/", "unterminated comment in the code"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Arena *a = arena_new();
        const char *out, *err = NULL;
        CHECK_INT(gosrc_join_lines(a, cases[i].code, strlen(cases[i].code), &out, &err), -1);
        CHECK_STR(err, cases[i].err);
        arena_free(a);
    }
    Arena *a = arena_new();
    const char *out, *err = NULL;
    static const char ok[] = "x := `a\nb` /* c\nd */\ny := '\\''; z := \"\\\"\" /**/";
    CHECK_INT(gosrc_join_lines(a, ok, strlen(ok), &out, &err), 0);
    CHECK_STR(out, "x := \"a\\nb\"; y := '\\''; z := \"\\\"\"");
    arena_free(a);
}

static void run_tests(void) {
    test_join_unterminated();
    test_funcs();
    test_func_fields();
    test_types();
    test_imports();
    test_errors();
    test_normalize();
    test_dump();
    test_big();
    test_mutations();
    test_bodies();
    test_body_errors();
    test_body_dump();
    test_body_mutations();
}
