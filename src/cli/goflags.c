/* A model of the go command's flags, enough to find package patterns and
 * the flags that change the package graph. Flags not listed here are
 * treated as boolean build flags (for build/install/run) or as test-binary
 * flags (for test), and passed through to go untouched either way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/util.h"

/* Build flags of `go build` and friends that take a value. */
static const char *const build_value_flags[] = {
    "C", "o", "p", "asmflags", "buildmode", "compiler", "gccgoflags", "gcflags",
    "installsuffix", "ldflags", "mod", "modfile", "overlay", "pgo", "pkgdir",
    "tags", "toolexec", "covermode", "coverpkg", "exec", "debug-actiongraph",
    "debug-runtime-trace", "debug-trace", "reqsettings", NULL,
};

/* `go test` flags that take a value (beyond the build flags). */
static const char *const test_value_flags[] = {
    "bench", "benchtime", "blockprofile", "blockprofilerate", "count",
    "coverprofile", "cpu", "cpuprofile", "fuzz", "fuzzcachedir",
    "fuzzminimizetime", "fuzztime", "list", "memprofile", "memprofilerate",
    "mutexprofile", "mutexprofilefraction", "outputdir", "parallel", "run",
    "shuffle", "skip", "timeout", "trace", "vet", "artifacts", NULL,
};

/* Flags whose value (or presence) changes which packages or package
 * variants are built. These go to `go list` and into the setup key. */
static const char *const graph_flags[] = {
    "tags", "mod", "race", "msan", "asan", "cover", "coverpkg", "covermode",
    "buildmode", "compiler", "pgo", "linkshared", NULL,
};

static bool in_list(const char *const *list, const char *name, size_t len) {
    for (; *list; list++)
        if (strlen(*list) == len && strncmp(*list, name, len) == 0) return true;
    return false;
}

bool go_subcommand_builds(const char *subcmd) {
    return strcmp(subcmd, "build") == 0 || strcmp(subcmd, "install") == 0 ||
           strcmp(subcmd, "run") == 0 || strcmp(subcmd, "test") == 0;
}

static void push(const char ***arr, int *n, const char *s) {
    *arr = xrealloc(*arr, sizeof(**arr) * (size_t)(*n + 1));
    (*arr)[(*n)++] = s;
}

static void push_int(int **arr, int *n, int v) {
    *arr = xrealloc(*arr, sizeof(**arr) * (size_t)(*n + 1));
    (*arr)[(*n)++] = v;
}

/* Record a flag otel cares about. value is NULL for a boolean flag. */
static void note_flag(GoInvocation *inv, const char *name, size_t nlen, const char *value) {
    char *nm = xstrndup(name, nlen);
    if (strcmp(nm, "overlay") == 0) inv->user_overlay = value;
    else if (strcmp(nm, "modfile") == 0) inv->user_modfile = value;
    else if (strcmp(nm, "mod") == 0) inv->mod_flag = value;
    else if (strcmp(nm, "vet") == 0) inv->has_vet = true;
    else if (strcmp(nm, "x") == 0) inv->has_x = true;
    if (in_list(graph_flags, name, nlen)) {
        if (value) push(&inv->graph_flags, &inv->ngraph_flags, xasprintf("-%s=%s", nm, value));
        else push(&inv->graph_flags, &inv->ngraph_flags, xasprintf("-%s", nm));
    }
    free(nm);
}

static bool is_value_flag(bool test, const char *name, size_t nlen) {
    if (in_list(build_value_flags, name, nlen)) return true;
    return test && in_list(test_value_flags, name, nlen);
}

/* `go run` takes either one package or a list of .go files; the first
 * non-flag argument starts it, and what follows the package (or the last
 * .go file) belongs to the program. */
static int take_run_patterns(GoInvocation *inv, int i) {
    const char *a = inv->args[i];
    size_t n = strlen(a);
    if (n > 3 && strcmp(a + n - 3, ".go") == 0) {
        for (; i < inv->nargs; i++) {
            size_t m = strlen(inv->args[i]);
            if (m <= 3 || strcmp(inv->args[i] + m - 3, ".go") != 0) break;
            push(&inv->patterns, &inv->npatterns, inv->args[i]);
        }
        return i;
    }
    push(&inv->patterns, &inv->npatterns, a);
    return i + 1;
}

static void gather_goflags(GoInvocation *inv) {
    const char *env = getenv("GOFLAGS");
    if (!env) return;
    /* GOFLAGS is a space-separated list of -flag=value or -flag. */
    char *copy = xstrdup(env);
    for (char *tok = strtok(copy, " \t"); tok; tok = strtok(NULL, " \t")) {
        while (*tok == '-') tok++;
        char *eq = strchr(tok, '=');
        if (!eq) continue;
        size_t nlen = (size_t)(eq - tok);
        const char *value = xstrdup(eq + 1);
        push(&inv->owned, &inv->nowned, value);
        if (nlen == 7 && strncmp(tok, "overlay", 7) == 0 && !inv->user_overlay) inv->user_overlay = value;
        else if (nlen == 7 && strncmp(tok, "modfile", 7) == 0 && !inv->user_modfile) inv->user_modfile = value;
        else if (nlen == 3 && strncmp(tok, "mod", 3) == 0 && !inv->mod_flag) inv->mod_flag = value;
    }
    free(copy);
}

int go_invocation_parse(const char *subcmd, char **args, int nargs, GoInvocation *inv) {
    memset(inv, 0, sizeof *inv);
    inv->subcmd = subcmd;
    inv->args = args;
    inv->nargs = nargs;
    bool test = strcmp(subcmd, "test") == 0;
    bool run = strcmp(subcmd, "run") == 0;
    int i = 0;
    while (i < nargs) {
        const char *a = args[i];
        if (strcmp(a, "--") == 0) { i++; break; }
        if (test && (strcmp(a, "-args") == 0 || strcmp(a, "--args") == 0)) break;
        if (a[0] != '-' || a[1] == '\0') {
            if (run) {
                i = take_run_patterns(inv, i);
                break; /* the rest belongs to the program */
            }
            push(&inv->patterns, &inv->npatterns, a);
            i++;
            continue;
        }
        const char *name = a + 1 + (a[1] == '-');
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        bool consumes = (nlen == 7 && strncmp(name, "overlay", 7) == 0) ||
                        (nlen == 7 && strncmp(name, "modfile", 7) == 0);
        if (eq) {
            note_flag(inv, name, nlen, eq + 1);
            if (consumes) push_int(&inv->drop, &inv->ndrop, i);
            i++;
        } else if (is_value_flag(test, name, nlen)) {
            if (i + 1 >= nargs) {
                fprintf(stderr, "otel: error: flag %s needs a value\n", a);
                return -1;
            }
            note_flag(inv, name, nlen, args[i + 1]);
            if (consumes) {
                push_int(&inv->drop, &inv->ndrop, i);
                push_int(&inv->drop, &inv->ndrop, i + 1);
            }
            i += 2;
        } else {
            note_flag(inv, name, nlen, NULL);
            i++;
        }
    }
    if (!run && !test) {
        for (; i < nargs; i++) push(&inv->patterns, &inv->npatterns, args[i]);
    }
    gather_goflags(inv);
    return 0;
}

void go_invocation_free(GoInvocation *inv) {
    for (int i = 0; i < inv->ngraph_flags; i++) free((void *)inv->graph_flags[i]);
    free(inv->graph_flags);
    free(inv->patterns);
    free(inv->drop);
    for (int i = 0; i < inv->nowned; i++) free((void *)inv->owned[i]);
    free(inv->owned);
    memset(inv, 0, sizeof *inv);
}
