/* Fuzz target: template parsing and rendering (src/inject/template.c).
 *
 * Input: one selector byte, then the template text (up to the first NUL:
 * templates come from YAML strings, which are C strings). The selector's
 * low bits choose the modifier kind (inject_code, assign_value,
 * expand_directive, wrap_call, set_fields), the others which function of a
 * fixed Go file (named, unnamed, blank, variadic, generic parameters and
 * results) the template is rendered for. Each kind is rendered with the
 * context its modifier gives it (a function or none, a dot, directive
 * arguments), as setup and inject do.
 *
 * Checked: a parse error has a message and an offset inside the text; a
 * template that parses renders (an error is allowed only with a message:
 * an index out of range is a render-time error); the dot helpers agree
 * with the parse. */
#include "fuzz.h"

#include "gosrc/gosrc.h"
#include "inject/inject.h"

static const char go_src[] =
    "package p\n\n"
    "func Plain() {}\n"
    "func (s *Server) Named(ctx context.Context, a, b int, rest ...string) (n int, err error) { return }\n"
    "func Unnamed(int, string) (int, error) { return 0, nil }\n"
    "func Blank(_ int, x map[string][]byte) (_ bool) { return }\n"
    "func Generic[K comparable, V any](m map[K]V, k K) V { return m[k] }\n"
    "func (l List[T]) Method(f func(T) bool) (out []T) { return }\n";
static Arena *go_arena;
static GoFile go_file;

static const DirectiveArg dir_args[] = {{"name", "span one"}, {"kind", "server"}, {"", "x\"y"}};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    go_arena = arena_new();
    size_t eoff;
    const char *emsg;
    if (gosrc_parse(go_arena, go_src, sizeof go_src - 1, &go_file, &eoff, &emsg) != 0)
        fuzz_fail("the fixed Go file does not parse: %zu: %s", eoff, emsg);
    return 0;
}

static const TemplateKind kinds[] = {TPL_INJECT_CODE, TPL_ASSIGN_VALUE, TPL_EXPAND_DIRECTIVE, TPL_WRAP_CALL,
                                     TPL_SET_FIELDS};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    TemplateKind kind = kinds[(sel & 7) % 5];
    const GoFunc *fn = &go_file.funcs[(sel >> 3) % (unsigned)go_file.nfuncs];
    char *text = fuzz_cstr(data + 1, size - 1);
    size_t tlen = strlen(text);
    Arena *a = arena_new();
    size_t eoff = (size_t)-1;
    const char *err = NULL;
    Template *t = inject_template_parse_kind(a, text, kind, &eoff, &err);
    if (!t) {
        fuzz_check(err && *err && eoff <= tlen, "parse error without message or offset %zu of %zu", eoff, tlen);
    } else {
        TemplateCtx ctx = {0};
        if (kind == TPL_INJECT_CODE || kind == TPL_EXPAND_DIRECTIVE || kind == TPL_WRAP_CALL)
            ctx.fn = fn;
        if (kind == TPL_ASSIGN_VALUE || kind == TPL_WRAP_CALL || kind == TPL_SET_FIELDS)
            ctx.dot = "f(x,\n\ty)";
        if (kind == TPL_EXPAND_DIRECTIVE) {
            ctx.args = dir_args;
            ctx.nargs = (int)(sizeof dir_args / sizeof *dir_args);
        }
        Buf out = BUF_INIT;
        bool np = false, nr = false;
        const char *rerr = NULL;
        if (inject_template_render_ctx(a, t, &ctx, &out, &np, &nr, &rerr) != 0)
            fuzz_check(rerr && *rerr, "render failed without a message");
        buf_free(&out);
        if (kind == TPL_INJECT_CODE) {
            Buf out2 = BUF_INIT;
            (void)inject_template_render(a, t, fn, &out2, &np, &nr, &rerr);
            buf_free(&out2);
        }
        bool once = inject_template_dot_plain_once(t);
        if (kind == TPL_SET_FIELDS)
            fuzz_check(!once || inject_template_uses_dot(a, text), "dot used once but uses_dot says no");
    }
    arena_free(a);
    free(text);
    return 0;
}
