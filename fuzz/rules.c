/* Fuzz target: rule loading. The input is one rule file's bytes, loaded
 * with rules_load_buffer (no file system: a name for the messages and the
 * group), so everything runs: libyaml's composer, every key table and
 * value check of load.c and check.c, globs, version ranges, templates,
 * patterns (regcomp), where trees, the index.
 *
 * It checks the loader's contract: NULL exactly when there are errors,
 * and then every error line is "fuzz/rules.yaml:LINE:COL: message" with
 * LINE and COL >= 1 and a non-empty message. A loaded set is then used as
 * setup uses it (lookups by package, where trees against a fixed parsed
 * file, file prefilter, hook paths) and freed. */
#include <ctype.h>

#include "fuzz.h"

#include "gosrc/gosrc.h"
#include "rules/rules.h"

#define RULE_FILE "fuzz/rules.yaml"

/* A Go file every loaded where tree is matched against: built once. */
static const char go_src[] =
    "//go:build linux\n"
    "//otel:span name:x\n"
    "package http\n\n"
    "import (\n\t\"context\"\n\t\"net/http\"\n)\n\n"
    "type Server struct{ Addr string }\n\n"
    "type Handler interface{ ServeHTTP(w ResponseWriter, r *Request) }\n\n"
    "var DefaultMaxHeaderBytes = 1 << 20\n\n"
    "func (s *Server) Serve(l Listener) error { return nil }\n\n"
    "func (s Server) ListenAndServe() error { return nil }\n\n"
    "func Open(ctx context.Context, name string, args ...any) (*DB, error) { return nil, nil }\n\n"
    "func Get[T any](url string, v T) (resp *http.Response, err error) { return }\n";
static Arena *go_arena;
static GoFile go_file;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    log_set_level(LOG_ERROR);
    go_arena = arena_new();
    size_t eoff;
    const char *emsg;
    if (gosrc_parse(go_arena, go_src, sizeof go_src - 1, &go_file, &eoff, &emsg) != 0)
        fuzz_fail("the fixed Go file does not parse: %zu: %s", eoff, emsg);
    return 0;
}

/* Every line of errs is "RULE_FILE:L:C: msg" (L, C >= 1). */
static void check_error_lines(const Buf *errs) {
    const char *p = buf_str(errs), *end = p + errs->len;
    fuzz_check(errs->len > 0 && end[-1] == '\n', "errors empty or not newline-terminated: %s", p);
    size_t plen = strlen(RULE_FILE);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        fuzz_check(strncmp(p, RULE_FILE ":", plen + 1) == 0, "error line without the file name: %.*s", (int)(nl - p), p);
        const char *q = p + plen + 1;
        char *e;
        long line = strtol(q, &e, 10);
        fuzz_check(e > q && *e == ':' && line >= 1, "error line without a line number: %.*s", (int)(nl - p), p);
        q = e + 1;
        long col = strtol(q, &e, 10);
        fuzz_check(e > q && *e == ':' && col >= 1, "error line without a column: %.*s", (int)(nl - p), p);
        fuzz_check(e[1] == ' ' && e + 2 < nl, "error line without a message: %.*s", (int)(nl - p), p);
        p = nl + 1;
    }
}

static void use_rules(const RuleSet *rs) {
    int n;
    const Rule *all = rules_all(rs, &n);
    Arena *a = arena_new();
    for (int i = 0; i < n; i++) {
        const Rule *r = &all[i];
        fuzz_check(r->name && r->file && r->group && r->target && r->nmods >= 1 && r->where_text,
                   "rule %d lacks a name, target, group or modifier", i);
        int k;
        const Rule **rules = rules_for_package(rs, r->target, r->target_main, true, "v1.2.3", &k);
        free(rules);
        rules = rules_for_package(rs, "net/http", false, false, NULL, &k);
        free(rules);
        (void)rules_target_matches(r, "example.com/a/b", true, true);
        if (r->version) {
            (void)rules_version_in_range(r->version, "v0.0.0-20230101000000-abcdefabcdef");
            (void)rules_version_in_range(r->version, "v1.2.3-rc.1");
        }
        (void)rules_file_may_match(r, go_src, sizeof go_src - 1);
        SelSubject s = {&go_file, go_src, sizeof go_src - 1, "server_test.go", NULL, a};
        (void)rules_where_matches(r, &s);
        for (int f = 0; f < go_file.nfuncs; f++) {
            s.fn = &go_file.funcs[f];
            (void)rules_where_matches(r, &s);
        }
    }
    (void)rules_hook_paths(rs, &n);
    (void)rules_files(rs, &n);
    arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = fuzz_copy(data, size);
    Buf errs = BUF_INIT;
    RuleSet *rs = rules_load_buffer(RULE_FILE, text, size, &errs);
    if (rs) {
        fuzz_check(errs.len == 0, "a rule set and errors: %s", buf_str(&errs));
        use_rules(rs);
        rules_free(rs);
    } else {
        check_error_lines(&errs);
    }
    buf_free(&errs);
    free(text);
    return 0;
}
