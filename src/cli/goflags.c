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
    else if (strcmp(nm, "toolexec") == 0) inv->user_toolexec = value;
    else if (strncmp(nm, "cover", 5) == 0) inv->cover = true; /* cover, covermode, coverpkg, coverprofile */
    else if (strcmp(nm, "gcflags") == 0 && value) push(&inv->gcflags, &inv->ngcflags, value);
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

static void gather_goflags(GoInvocation *inv, const char ***goflags_gc, int *ngoflags_gc) {
    const char *env = getenv("GOFLAGS");
    if (!env) return;
    /* GOFLAGS is a space-separated list of -flag=value or -flag. */
    char *copy = xstrdup(env);
    for (char *tok = strtok(copy, " \t"); tok; tok = strtok(NULL, " \t")) {
        while (*tok == '-') tok++;
        if (strncmp(tok, "cover", 5) == 0) inv->cover = true;
        char *eq = strchr(tok, '=');
        if (!eq) continue;
        size_t nlen = (size_t)(eq - tok);
        const char *value = xstrdup(eq + 1);
        push(&inv->owned, &inv->nowned, value);
        if (nlen == 7 && strncmp(tok, "overlay", 7) == 0 && !inv->user_overlay) inv->user_overlay = value;
        else if (nlen == 7 && strncmp(tok, "modfile", 7) == 0 && !inv->user_modfile) inv->user_modfile = value;
        else if (nlen == 3 && strncmp(tok, "mod", 3) == 0 && !inv->mod_flag) inv->mod_flag = value;
        else if (nlen == 8 && strncmp(tok, "toolexec", 8) == 0 && !inv->user_toolexec) inv->user_toolexec = value;
        else if (nlen == 7 && strncmp(tok, "gcflags", 7) == 0) push(goflags_gc, ngoflags_gc, value);
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
    inv->flags_end = -1;
    while (i < nargs) {
        const char *a = args[i];
        if (strcmp(a, "--") == 0) {
            if (inv->flags_end < 0) inv->flags_end = i;
            i++;
            break;
        }
        if (test && (strcmp(a, "-args") == 0 || strcmp(a, "--args") == 0)) {
            inv->flags_end = i;
            break;
        }
        if (a[0] != '-' || a[1] == '\0') {
            /* go build stops reading flags at the first package; go test
             * reads flags after the packages too. */
            if (!test && inv->flags_end < 0) inv->flags_end = i;
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
        bool toolexec = nlen == 8 && strncmp(name, "toolexec", 8) == 0;
        if (eq) {
            note_flag(inv, name, nlen, eq + 1);
            if (consumes) push_int(&inv->drop, &inv->ndrop, i);
            if (toolexec) push_int(&inv->toolexec_drop, &inv->ntoolexec_drop, i);
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
            if (toolexec) {
                push_int(&inv->toolexec_drop, &inv->ntoolexec_drop, i);
                push_int(&inv->toolexec_drop, &inv->ntoolexec_drop, i + 1);
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
    if (inv->flags_end < 0) inv->flags_end = test ? i : nargs;
    /* GOFLAGS' -gcflags come before the command line's in go's order. */
    const char **goflags_gc = NULL;
    int ngoflags_gc = 0;
    const char *cmdline_toolexec = inv->user_toolexec;
    inv->user_toolexec = NULL;
    gather_goflags(inv, &goflags_gc, &ngoflags_gc);
    if (cmdline_toolexec) inv->user_toolexec = cmdline_toolexec;
    if (ngoflags_gc) {
        const char **all = xmalloc(sizeof(char *) * (size_t)(ngoflags_gc + inv->ngcflags));
        memcpy(all, goflags_gc, sizeof(char *) * (size_t)ngoflags_gc);
        if (inv->ngcflags) memcpy(all + ngoflags_gc, inv->gcflags, sizeof(char *) * (size_t)inv->ngcflags);
        free(inv->gcflags);
        free(goflags_gc);
        inv->gcflags = all;
        inv->ngcflags += ngoflags_gc;
    }
    return 0;
}

/* cmd/go's pkgpattern.MatchPattern: `...` matches any string; `x/...`
 * also matches x; a `...` does not reach into vendor directories unless
 * the pattern itself says vendor. */
static bool wild_match(const char *pat, const char *s) {
    const char *dots = strstr(pat, "...");
    if (!dots) return strcmp(pat, s) == 0;
    size_t lit = (size_t)(dots - pat);
    if (strncmp(pat, s, lit) != 0) return false;
    for (const char *t = s + lit;; t++) {
        if (wild_match(dots + 3, t)) return true;
        if (!*t) return false;
    }
}

static bool has_vendor_elem(const char *s) {
    return strncmp(s, "vendor/", 7) == 0 || strstr(s, "/vendor/") != NULL;
}

bool go_pattern_match(const char *pattern, const char *path) {
    if (!strstr(pattern, "vendor") && has_vendor_elem(path) && strstr(pattern, "...")) return false;
    size_t n = strlen(pattern);
    if (n >= 4 && strcmp(pattern + n - 4, "/...") == 0) {
        size_t m = n - 4;
        if (strlen(path) == m && strncmp(pattern, path, m) == 0) return true;
    }
    return wild_match(pattern, path);
}

static bool is_relative_pattern(const char *p) {
    return strcmp(p, ".") == 0 || strcmp(p, "..") == 0 || strncmp(p, "./", 2) == 0 || strncmp(p, "../", 3) == 0;
}

/* filepath.Join's cleaning, lexically: "." elements go, ".." removes the
 * element before it. */
static char *clean_path(const char *p) {
    char *out = xmalloc(strlen(p) + 2);
    size_t n = 0;
    const char *s = p;
    bool abs = *s == '/';
    while (*s) {
        while (*s == '/') s++;
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 0) break;
        if (len == 1 && s[0] == '.') {
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            while (n > 0 && out[n - 1] != '/') n--;
            if (n > 0) n--;
        } else {
            if (n > 0 || abs) out[n++] = '/';
            memcpy(out + n, s, len);
            n += len;
        }
        s += len;
    }
    if (n == 0) out[n++] = abs ? '/' : '.';
    out[n] = '\0';
    return out;
}

/* cmd/go's MatchPackage for a relative pattern: by directory. */
static bool dir_pattern_match(const char *pattern, const char *dir, const char *cwd) {
    const char *dots = strstr(pattern, "...");
    char *base;
    const char *rest = "";
    if (!dots) {
        base = path_join(cwd, pattern);
    } else {
        const char *slash = dots;
        while (slash > pattern && *slash != '/') slash--;
        char *lead = xstrndup(pattern, (size_t)(slash - pattern));
        base = path_join(cwd, lead);
        free(lead);
        rest = *slash == '/' ? slash + 1 : slash;
    }
    char *clean = clean_path(base);
    free(base);
    base = clean;
    bool ok;
    size_t bn = strlen(base);
    if (!*rest) {
        ok = strcmp(dir, base) == 0;
    } else if (strcmp(dir, base) == 0) {
        ok = go_pattern_match(rest, ".") || strcmp(rest, "...") == 0;
    } else if (strncmp(dir, base, bn) == 0 && dir[bn] == '/') {
        ok = go_pattern_match(rest, dir + bn + 1);
    } else {
        ok = false;
    }
    free(base);
    return ok;
}

char *go_gcflags_for(const GoInvocation *inv, const char *import_path, const char *dir, bool standard,
                     bool cmdline, const char *cwd) {
    const char *found = "";
    for (int i = 0; i < inv->ngcflags; i++) {
        const char *v = inv->gcflags[i];
        while (*v == ' ' || *v == '\t') v++;
        if (!*v || *v == '-') {
            if (cmdline) found = v;
            continue;
        }
        const char *eq = strchr(v, '=');
        if (!eq) continue; /* go refuses it */
        char *pat = xstrndup(v, (size_t)(eq - v));
        for (size_t n = strlen(pat); n > 0 && (pat[n - 1] == ' ' || pat[n - 1] == '\t'); n--) pat[n - 1] = '\0';
        bool m;
        if (is_relative_pattern(pat)) m = dir_pattern_match(pat, dir, cwd);
        else if (strcmp(pat, "all") == 0) m = true;
        else if (strcmp(pat, "std") == 0) m = standard;
        else if (strcmp(pat, "cmd") == 0) m = standard && strncmp(import_path, "cmd/", 4) == 0;
        else if (strcmp(pat, "work") == 0 || strcmp(pat, "tool") == 0) m = false; /* main-module packages only */
        else m = go_pattern_match(pat, import_path);
        free(pat);
        if (m) found = eq + 1;
    }
    return xstrdup(found);
}

void go_invocation_free(GoInvocation *inv) {
    for (int i = 0; i < inv->ngraph_flags; i++) free((void *)inv->graph_flags[i]);
    free(inv->graph_flags);
    free(inv->patterns);
    free(inv->drop);
    free(inv->toolexec_drop);
    free(inv->gcflags);
    for (int i = 0; i < inv->nowned; i++) free((void *)inv->owned[i]);
    free(inv->owned);
    memset(inv, 0, sizeof *inv);
}
