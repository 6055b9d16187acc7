/* go command-line model: patterns, graph flags, consumed flags. */
#include <stdlib.h>

#include "cli/cli.h"
#include "util/util.h"
#include "test.h"

typedef struct {
    const char *subcmd;
    const char *args[12];
    const char *patterns;    /* space-joined, "" for none */
    const char *graph;       /* space-joined graph flags */
    int ndrop;
} Case;

static const Case cases[] = {
    {"build", {"-o", "app", "./cmd/app"}, "./cmd/app", "", 0},
    {"build", {"-tags", "netgo,x", "-race", "./..."}, "./...", "-tags=netgo,x -race", 0},
    {"build", {"-tags=a", "-ldflags", "-s -w", "p1", "p2"}, "p1 p2", "-tags=a", 0},
    {"build", {"-overlay", "o.json", "-modfile=alt.mod", "."}, ".", "", 3},
    {"build", {"-gcflags=all=-N -l", "-mod=vendor", "."}, ".", "-mod=vendor", 0},
    {"run", {"-race", ".", "-flag", "arg"}, ".", "-race", 0},
    {"run", {"main.go", "util.go", "x", "-v"}, "main.go util.go", "", 0},
    {"test", {"./...", "-run", "TestX", "-count=1", "-v"}, "./...", "", 0},
    {"test", {"-cover", "./pkg", "-args", "-foo", "bar"}, "./pkg", "-cover", 0},
    {"test", {"-timeout", "30s", "-bench", ".", "./a", "./b"}, "./a ./b", "", 0},
    {"install", {"-trimpath", "example.com/cmd@latest"}, "example.com/cmd@latest", "", 0},
    {"build", {"--tags", "x", "."}, ".", "-tags=x", 0},
};

static char *join(const char **v, int n) {
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? " " : "", v[i]);
    char *s = xstrdup(buf_str(&b));
    buf_free(&b);
    return s;
}

/* cmd/go's per-package flags: the last matching -gcflags wins (reach.c
 * merges the user's flags for a package into otel's marker flag). */
static void test_gcflags_for(void) {
    CHECK(go_pattern_match("example.com/x/...", "example.com/x"));
    CHECK(go_pattern_match("example.com/x/...", "example.com/x/y/z"));
    CHECK(!go_pattern_match("example.com/x/...", "example.com/xy"));
    CHECK(go_pattern_match("example.com/...", "example.com/x"));
    CHECK(go_pattern_match("...", "net/http"));
    CHECK(go_pattern_match("net/...", "net/http"));
    CHECK(go_pattern_match("net/http", "net/http"));
    CHECK(!go_pattern_match("net/http", "net/http/httptest"));
    CHECK(go_pattern_match(".../http", "net/http"));
    CHECK(!go_pattern_match("example.com/...", "example.com/vendor/x"));
    CHECK(go_pattern_match("example.com/vendor/...", "example.com/vendor/x"));

    setenv("GOFLAGS", "-gcflags=all=-N -mod=mod", 1);
    char *args[] = {"-gcflags=example.com/other=-m", "-gcflags", "std=-B", "-o", "x", "./cmd"};
    GoInvocation inv;
    CHECK_INT(go_invocation_parse("build", args, 6, &inv), 0);
    CHECK_INT(inv.ngcflags, 3);
    CHECK_STR(inv.gcflags[0], "all=-N");      /* GOFLAGS first */
    CHECK_STR(inv.gcflags[2], "std=-B");
    CHECK_INT(inv.flags_end, 5);              /* before ./cmd */
    char *f = go_gcflags_for(&inv, "example.com/greet", "/m/example.com/greet@v1", false, false, "/w");
    CHECK_STR(f, "-N");
    free(f);
    f = go_gcflags_for(&inv, "example.com/other", "/m/other", false, false, "/w");
    CHECK_STR(f, "-m");
    free(f);
    f = go_gcflags_for(&inv, "net/http", "/goroot/src/net/http", true, false, "/w");
    CHECK_STR(f, "-B");
    free(f);
    go_invocation_free(&inv);
    unsetenv("GOFLAGS");

    /* No pattern: the packages named on the command line; relative
     * patterns match by directory. */
    char *args2[] = {"-gcflags=-l", "-gcflags=./sub/...=-S", "-toolexec", "time -p", "./sub/x"};
    CHECK_INT(go_invocation_parse("build", args2, 5, &inv), 0);
    CHECK_STR(inv.user_toolexec, "time -p");
    CHECK_INT(inv.ntoolexec_drop, 2);
    f = go_gcflags_for(&inv, "example.com/dep", "/m/dep", false, false, "/w");
    CHECK_STR(f, "");
    free(f);
    f = go_gcflags_for(&inv, "example.com/dep", "/m/dep", false, true, "/w");
    CHECK_STR(f, "-l");
    free(f);
    f = go_gcflags_for(&inv, "example.com/w/sub/x", "/w/sub/x", false, true, "/w");
    CHECK_STR(f, "-S");
    free(f);
    go_invocation_free(&inv);

    /* go test reads flags after the packages: otel's go at the end, or
     * before -args. */
    char *args3[] = {"./...", "-run", "X", "-args", "-v"};
    CHECK_INT(go_invocation_parse("test", args3, 5, &inv), 0);
    CHECK_INT(inv.flags_end, 3);
    go_invocation_free(&inv);
    char *args4[] = {"./...", "-count=1"};
    CHECK_INT(go_invocation_parse("test", args4, 2, &inv), 0);
    CHECK_INT(inv.flags_end, 2);
    go_invocation_free(&inv);
}

static void run_tests(void) {
    test_gcflags_for();
    unsetenv("GOFLAGS");
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const Case *k = &cases[c];
        int n = 0;
        while (n < 12 && k->args[n]) n++;
        GoInvocation inv;
        CHECK_INT(go_invocation_parse(k->subcmd, (char **)k->args, n, &inv), 0);
        char *p = join(inv.patterns, inv.npatterns);
        char *g = join(inv.graph_flags, inv.ngraph_flags);
        CHECK_STR(p, k->patterns);
        CHECK_STR(g, k->graph);
        CHECK_INT(inv.ndrop, k->ndrop);
        free(p);
        free(g);
        go_invocation_free(&inv);
    }
    /* otel reads -overlay/-modfile/-mod from GOFLAGS too. */
    setenv("GOFLAGS", "-buildvcs=false -mod=mod -modfile=/x/alt.mod", 1);
    GoInvocation inv;
    char *args[] = {"."};
    CHECK_INT(go_invocation_parse("build", args, 1, &inv), 0);
    CHECK_STR(inv.mod_flag, "mod");
    CHECK_STR(inv.user_modfile, "/x/alt.mod");
    go_invocation_free(&inv);
    unsetenv("GOFLAGS");
    /* A value flag without its value is an error. */
    char *bad[] = {"-o"};
    CHECK_INT(go_invocation_parse("build", bad, 1, &inv), -1);
    go_invocation_free(&inv);
    CHECK(go_subcommand_builds("test"));
    CHECK(!go_subcommand_builds("vet"));
    CHECK(!go_subcommand_builds("env"));
}
