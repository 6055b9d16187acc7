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

static void run_tests(void) {
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
