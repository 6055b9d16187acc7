/* Unit tests for src/rules: semver order and ranges, loading good files
 * (fields, order, groups), directory loading, the package index, and a few
 * errors (the error corpus is tests/rules/bad, run by t_rules_corpus.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/internal.h"
#include "rules/rules.h"
#include "test.h"

/* ---- semver ---- */

/* Strictly ascending: every pair must compare in index order. */
static const char *const ASCENDING[] = {
    "v0.0.0-20190101000000-abcdefabcdef", /* pseudo-versions before any tag */
    "v0.0.0-20200101000000-abcdefabcdef", /* ordered by their timestamp */
    "v0.0.0",
    "v0.1.0",
    "v0.9.0",
    "v0.10.0", /* numeric, not lexical */
    "v1.0.0-alpha",
    "v1.0.0-alpha.1",
    "v1.0.0-alpha.beta",
    "v1.0.0-beta",
    "v1.0.0-beta.2",
    "v1.0.0-beta.11", /* numeric identifiers numerically */
    "v1.0.0-rc.1",
    "v1.0.0",
    "v1.2.3",
    "v1.2.4-0.20230101120000-abcdef123456", /* pseudo-version after v1.2.3 */
    "v1.2.4-0.20230202120000-abcdef123456",
    "v1.2.4-alpha", /* numeric identifier below alphanumeric */
    "v1.2.4-pre.0.20230101120000-abcdef123456",
    "v1.2.4",
    "v1.10.0",
    "v2.0.0",
    "v10.0.0",
    "v99999999999999999999.0.0", /* beyond 64 bits: no overflow */
};

static void test_semver_order(void) {
    int n = (int)(sizeof ASCENDING / sizeof *ASCENDING);
    int bad = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int c = semver_compare(ASCENDING[i], ASCENDING[j]);
            int want = (i > j) - (i < j);
            if ((c > 0) - (c < 0) != want) {
                bad++;
                fprintf(stderr, "semver_compare(%s, %s) = %d, want %d\n", ASCENDING[i],
                        ASCENDING[j], c, want);
            }
        }
    CHECK_INT(bad, 0);
}

static void test_semver_equal_and_invalid(void) {
    static const struct {
        const char *a, *b;
        int want;
    } cases[] = {
        {"v2.0.0+incompatible", "v2.0.0", 0}, /* build metadata is ignored */
        {"v1.0.0+a", "v1.0.0+b", 0},
        {"v1.0.0-rc.1+x", "v1.0.0-rc.1", 0},
        {"junk", "v0.0.0-20190101000000-abcdefabcdef", -1}, /* invalid sorts first */
        {"v0.0.0", "junk", 1},
        {"junk", "1.0.0", 0}, /* invalid ones are all equal */
        {"v1.2", "v0.0.1", -1}, /* a shorthand is invalid here */
        {NULL, "v1.0.0", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int c = semver_compare(cases[i].a, cases[i].b);
        CHECK_INT((c > 0) - (c < 0), cases[i].want);
    }
}

static void test_semver_valid(void) {
    static const struct {
        const char *v;
        bool want;
    } cases[] = {
        {"v1.2.3", true},
        {"v0.0.0", true},
        {"v0.0.0-20190101000000-abcdefabcdef", true},
        {"v1.2.3-rc.1+build.5", true},
        {"v2.0.0+incompatible", true},
        {"v1.2.3-0a", true},     /* leading zero allowed in alphanumerics */
        {"v1.2.3-x-y--z", true}, /* hyphens are identifier characters */
        {"v1.2.3+001", true},    /* leading zeros allowed in build metadata */
        {"", false},
        {"1.2.3", false},
        {"V1.2.3", false},
        {"v1", false},
        {"v1.2", false},
        {"v01.2.3", false},
        {"v1.02.3", false},
        {"v1.2.03", false},
        {"v1.2.3-01", false},
        {"v1.2.3-", false},
        {"v1.2.3-a..b", false},
        {"v1.2.3-a.", false},
        {"v1.2.3+", false},
        {"v1.2.3 ", false},
        {"v1.2.3-a_b", false},
        {"v1.2.3.4", false},
        {"v1.2.-3", false},
        {NULL, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool got = semver_valid(cases[i].v);
        if (got != cases[i].want)
            fprintf(stderr, "semver_valid(%s) = %d\n", cases[i].v ? cases[i].v : "NULL", got);
        CHECK(got == cases[i].want);
    }
}

static void test_ranges(void) {
    static const struct {
        const char *range, *v;
        bool want;
    } cases[] = {
        {"v1.20.0,v1.30.0", "v1.20.0", true}, /* start included */
        {"v1.20.0,v1.30.0", "v1.29.99", true},
        {"v1.20.0,v1.30.0", "v1.30.0", false}, /* end excluded */
        {"v1.20.0,v1.30.0", "v1.19.9", false},
        {"v1.20.0,v1.30.0", "v1.30.0-rc.1", true}, /* a pre-release of the end is below it */
        {"v1.20.0,v1.30.0", "v1.20.0-rc.1", false},
        {"v1.20.0", "v1.20.0-rc.1", false},
        {"v1.20.0", "v1.20.0", true},
        {"v1.20.0", "v2.0.0", true},
        {"v1.20.0", "v1.100.0", true},
        {"v0.0.0", "v0.0.0-20190101000000-abcdefabcdef", false}, /* pseudo < v0.0.0 */
        {"v0.0.0-0", "v0.0.0-20190101000000-abcdefabcdef", true},
        {"v1.2.3", "v1.2.4-0.20230101120000-abcdef123456", true},
        {"v1.2.4,v1.3.0", "v1.2.4-0.20230101120000-abcdef123456", false},
        {"v2.0.0", "v2.0.0+incompatible", true},
        {"v1.0.0, v2.0.0", "v1.5.0", true}, /* blanks around the comma */
        {"v1.20.0", "", false},             /* the standard library: no version */
        {"v1.20.0", NULL, false},
        {NULL, "", true}, /* no range matches everything */
        {NULL, NULL, true},
        {NULL, "v1.0.0", true},
        {"v1.2", "v1.3.0", false},          /* invalid ranges match nothing */
        {"v2.0.0,v1.0.0", "v1.5.0", false}, /* empty range */
        {"v1.0.0,v2.0.0,v3.0.0", "v1.5.0", false},
        {"v1.0.0", "1.5.0", false}, /* invalid version */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool got = rules_version_in_range(cases[i].range, cases[i].v);
        if (got != cases[i].want)
            fprintf(stderr, "rules_version_in_range(%s, %s) = %d\n",
                    cases[i].range ? cases[i].range : "NULL", cases[i].v ? cases[i].v : "NULL",
                    got);
        CHECK(got == cases[i].want);
    }
}

/* ---- loading ---- */

static RuleSet *load_str(const char *name, const char *yaml, Buf *errors) {
    return rules_load_buffer(name, yaml, strlen(yaml), errors);
}

static const char GOOD[] =
    "server_hook:\n"                                             /* 1 */
    "  target: net/http\n"                                       /* 2 */
    "  version: \"v1.20.0,v1.30.0\"\n"                           /* 3 */
    "  where:\n"                                                 /* 4 */
    "    func: ServeHTTP\n"                                      /* 5 */
    "    recv: serverHandler\n"                                  /* 6 */
    "  do:\n"                                                    /* 7 */
    "    - inject_hooks:\n"                                      /* 8 */
    "        before: BeforeServeHTTP\n"                          /* 9 */
    "        after: AfterServeHTTP\n"                            /* 10 */
    "        path: example.com/instr/nethttp/server\n"           /* 11 */
    "    - inject_hooks: {after: Second, path: example.com/b}\n" /* 12 */
    "main_hook:\n"                                               /* 13 */
    "  name: renamed_main\n"                                     /* 14 */
    "  target: main\n"                                           /* 15 */
    "  where: {func: main}\n"                                    /* 16 */
    "  do: {inject_hooks: {before: B, path: example.com/instr/nethttp/server}}\n"
    "client_hook:\n"                                             /* 18 */
    "  target: 'net/http'\n"                                     /* 19 */
    "  version: v1.0.0\n"                                        /* 20 */
    "  where: {func: Do, recv: \"*Client\"}\n"                   /* 21 */
    "  do:\n"                                                    /* 22 */
    "  - inject_hooks: {before: X, path: example.com/c}\n";      /* 23 */

static void test_load_fields(void) {
    Buf err = BUF_INIT;
    RuleSet *rs = load_str("instrumentation/nethttp/rules.yaml", GOOD, &err);
    CHECK_STR(buf_str(&err), "");
    CHECK(rs != NULL);
    if (!rs)
        return;
    int n;
    const Rule *r = rules_all(rs, &n);
    CHECK_INT(n, 3);
    if (n != 3)
        return;

    CHECK_STR(r[0].name, "server_hook");
    CHECK_STR(r[0].file, "instrumentation/nethttp/rules.yaml");
    CHECK_INT(r[0].line, 1);
    CHECK_INT(r[0].col, 1);
    CHECK_STR(r[0].group, "nethttp");
    CHECK_STR(r[0].target, "net/http");
    CHECK(!r[0].target_main);
    CHECK_STR(r[0].version, "v1.20.0,v1.30.0");
    CHECK_STR(r[0].func, "ServeHTTP");
    CHECK_STR(r[0].recv, "serverHandler");
    CHECK_INT(r[0].order, 0);
    CHECK_INT(r[0].nmods, 2);
    CHECK_INT(r[0].mods[0].kind, MOD_INJECT_HOOKS);
    CHECK_INT(r[0].mods[0].line, 8);
    CHECK_INT(r[0].mods[0].col, 7);
    CHECK_STR(r[0].mods[0].before, "BeforeServeHTTP");
    CHECK_STR(r[0].mods[0].after, "AfterServeHTTP");
    CHECK_STR(r[0].mods[0].path, "example.com/instr/nethttp/server");
    CHECK(r[0].mods[1].before == NULL);
    CHECK_STR(r[0].mods[1].after, "Second");
    CHECK_STR(r[0].mods[1].path, "example.com/b");
    CHECK_INT(r[0].mods[1].line, 12);

    CHECK_STR(r[1].name, "renamed_main"); /* name: overrides the key */
    CHECK_INT(r[1].line, 13);
    CHECK(r[1].target_main);
    CHECK_STR(r[1].target, "main");
    CHECK(r[1].version == NULL);
    CHECK(r[1].recv == NULL);
    CHECK_INT(r[1].nmods, 1); /* a single map is sugar for a one-item list */
    CHECK_STR(r[1].mods[0].before, "B");
    CHECK(r[1].mods[0].after == NULL);
    CHECK_INT(r[1].order, 1);

    CHECK_STR(r[2].target, "net/http");
    CHECK_STR(r[2].recv, "*Client");
    CHECK_INT(r[2].mods[0].line, 23);
    CHECK_INT(r[2].mods[0].col, 5);
    CHECK_INT(r[2].order, 2);

    /* Hook paths: distinct, in first-use order. */
    const char **hooks = rules_hook_paths(rs, &n);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(hooks[0], "example.com/instr/nethttp/server");
        CHECK_STR(hooks[1], "example.com/b");
        CHECK_STR(hooks[2], "example.com/c");
    }
    const char **files = rules_files(rs, &n);
    CHECK_INT(n, 1);
    CHECK_STR(files[0], "instrumentation/nethttp/rules.yaml");
    rules_free(rs);
    buf_free(&err);
}

static void test_groups(void) {
    static const struct {
        const char *name, *group;
    } cases[] = {
        {"instrumentation/nethttp/rules.yaml", "nethttp"},
        {"a/grpc/rules.yml", "grpc"},
        {"x/y/grpc.yaml", "grpc"},
        {"sql.yml", "sql"},
        {"dir//rules.yaml", "dir"},
        {"./rules.yaml", "rules"}, /* no directory name in the path given */
        {"rules.yaml", "rules"},
        {"v2.rules.yaml", "v2.rules"},
    };
    const char *yaml = "r: {target: fmt, where: {func: Println}, do: {inject_hooks: "
                       "{before: B, path: h}}}\n";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Buf err = BUF_INIT;
        RuleSet *rs = load_str(cases[i].name, yaml, &err);
        CHECK_STR(buf_str(&err), "");
        if (rs) {
            int n;
            CHECK_STR(rules_all(rs, &n)[0].group, cases[i].group);
        }
        rules_free(rs);
        buf_free(&err);
    }
}

static void test_empty_files(void) {
    static const char *const empty[] = {"", "# only a comment\n", "---\n", "~\n"};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        Buf err = BUF_INIT;
        RuleSet *rs = load_str("e.yaml", empty[i], &err);
        CHECK(rs != NULL);
        CHECK_STR(buf_str(&err), "");
        if (rs) {
            int n;
            rules_all(rs, &n);
            CHECK_INT(n, 0);
        }
        rules_free(rs);
        buf_free(&err);
    }
}

/* An alias shares one node between rules: each rule gets the values. */
static void test_anchors(void) {
    const char *yaml = "a:\n"
                       "  target: x\n"
                       "  where: &w {func: F, recv: T}\n"
                       "  do: &d [{inject_hooks: {before: B, path: h}}]\n"
                       "b: {target: y, where: *w, do: *d}\n";
    Buf err = BUF_INIT;
    RuleSet *rs = load_str("a.yaml", yaml, &err);
    CHECK_STR(buf_str(&err), "");
    if (rs) {
        int n;
        const Rule *r = rules_all(rs, &n);
        CHECK_INT(n, 2);
        CHECK_STR(r[1].target, "y");
        CHECK_STR(r[1].func, "F");
        CHECK_STR(r[1].recv, "T");
        CHECK_INT(r[1].nmods, 1);
        CHECK_STR(r[1].mods[0].before, "B");
        CHECK_INT(r[1].mods[0].line, 4); /* where the shared node was written */
    }
    rules_free(rs);
    buf_free(&err);
}

/* ---- index ---- */

static const char INDEXED[] =
    "a: {target: net/http, where: {func: F}, do: {inject_hooks: {before: B, path: h/a}}}\n"
    "m1: {target: main, where: {func: main}, do: {inject_hooks: {before: B, path: h/m}}}\n"
    "b: {target: net/http, version: 'v1.2.0', where: {func: F}, do: {inject_hooks: {before: B, "
    "path: h/a}}}\n"
    "c: {target: example.com/lib, version: 'v1.0.0,v2.0.0', where: {func: F}, do: "
    "{inject_hooks: {before: B, path: h/c}}}\n"
    "m2: {target: main, version: 'v0.5.0', where: {func: main}, do: {inject_hooks: {after: A, "
    "path: h/m}}}\n"
    "d: {target: net/http, where: {func: G}, do: {inject_hooks: {before: B, path: h/a}}}\n"
    "e: {target: example.com/lib, version: 'v2.0.0', where: {func: F}, do: {inject_hooks: "
    "{before: B, path: h/c}}}\n";

/* The names of the rules that apply, joined by spaces. */
static char *lookup(const RuleSet *rs, const char *path, bool is_main, const char *version) {
    int n;
    const Rule **got = rules_for_package(rs, path, is_main, false, version, &n);
    Buf out = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&out, "%s%s", i ? " " : "", got[i]->name);
    free(got);
    return out.data ? out.data : calloc(1, 1);
}

static void test_index(void) {
    Buf err = BUF_INIT;
    RuleSet *rs = load_str("i.yaml", INDEXED, &err);
    CHECK_STR(buf_str(&err), "");
    if (!rs)
        return;
    static const struct {
        const char *path;
        bool is_main;
        const char *version, *want;
    } cases[] = {
        {"net/http", false, "", "a d"}, /* std: versioned rule b never matches */
        {"net/http", false, NULL, "a d"},
        {"net/http", false, "v1.2.0", "a b d"},
        {"net/http", false, "v1.1.9", "a d"},
        {"net/http/httptest", false, "", ""}, /* exact paths, no prefixes */
        {"net", false, "", ""},
        {"example.com/lib", false, "v1.5.0", "c"},
        {"example.com/lib", false, "v2.0.0", "e"},
        {"example.com/lib", false, "v2.0.0-rc.1", "c"},
        {"example.com/lib", false, "v0.9.0", ""},
        {"example.com/cmd", true, "v0.5.0", "m1 m2"},
        {"example.com/cmd", true, "", "m1"},
        {"example.com/cmd", false, "v0.5.0", ""},
        {"net/http", true, "v1.2.0", "a m1 b m2 d"}, /* exact and main merged in load order */
        {"main", false, "", ""},                      /* `main` is not an import path */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = lookup(rs, cases[i].path, cases[i].is_main, cases[i].version);
        CHECK_STR(got, cases[i].want);
        free(got);
    }
    int n;
    const char **hooks = rules_hook_paths(rs, &n);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(hooks[0], "h/a");
        CHECK_STR(hooks[1], "h/m");
        CHECK_STR(hooks[2], "h/c");
    }
    rules_free(rs);
    buf_free(&err);
}

/* Many targets: the hash table must grow and still find every one. */
static void test_index_many(void) {
    Buf yaml = BUF_INIT, err = BUF_INIT;
    for (int i = 0; i < 1000; i++)
        buf_printf(&yaml,
                   "r%d: {target: example.com/p%d, where: {func: F}, do: {inject_hooks: "
                   "{before: B, path: h}}}\n",
                   i, i % 400);
    RuleSet *rs = load_str("many.yaml", buf_str(&yaml), &err);
    CHECK_STR(buf_str(&err), "");
    if (rs) {
        char *got = lookup(rs, "example.com/p7", false, "v1.0.0");
        CHECK_STR(got, "r7 r407 r807");
        free(got);
        got = lookup(rs, "example.com/p399", false, "v1.0.0");
        CHECK_STR(got, "r399 r799");
        free(got);
        got = lookup(rs, "example.com/p400", false, "v1.0.0");
        CHECK_STR(got, "");
        free(got);
    }
    rules_free(rs);
    buf_free(&yaml);
    buf_free(&err);
}

/* ---- directories and several files ---- */

static void write_text(const char *dir, const char *name, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        abort();
    }
    fputs(text, f);
    fclose(f);
}

static char *rule_yaml(const char *name, const char *target) {
    static char buf[256];
    snprintf(buf, sizeof buf,
             "%s: {target: %s, where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n",
             name, target);
    return buf;
}

static void test_load_dir(void) {
    char dir[] = "/tmp/rules_test.XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char sub[600];
    snprintf(sub, sizeof sub, "%s/zsub", dir);
    mkdir(sub, 0755);
    snprintf(sub, sizeof sub, "%s/grpc", dir);
    mkdir(sub, 0755);
    snprintf(sub, sizeof sub, "%s/.hidden", dir);
    mkdir(sub, 0755);
    write_text(dir, "b.yaml", rule_yaml("rb", "p/b"));
    write_text(dir, "a.yml", rule_yaml("ra", "p/a"));
    write_text(dir, "zsub/c.yaml", rule_yaml("rc", "p/c"));
    write_text(dir, "grpc/rules.yaml", rule_yaml("rg", "p/g"));
    write_text(dir, ".hidden/x.yaml", "this: is not read\n");
    write_text(dir, "notes.txt", "not a rule file\n");

    Buf err = BUF_INIT;
    /* The directory, then a file inside it again: loaded once. */
    char again[600];
    snprintf(again, sizeof again, "%s/b.yaml", dir);
    const char *paths[] = {dir, again};
    RuleSet *rs = rules_load(paths, 2, &err);
    CHECK_STR(buf_str(&err), "");
    if (rs) {
        int n;
        const Rule *r = rules_all(rs, &n);
        Buf got = BUF_INIT;
        for (int i = 0; i < n; i++)
            buf_printf(&got, "%s%s/%s", i ? " " : "", r[i].name, r[i].group);
        CHECK_STR(buf_str(&got), "ra/a rb/b rg/grpc rc/c");
        buf_free(&got);
        const char **files = rules_files(rs, &n);
        CHECK_INT(n, 4);
        if (n == 4) {
            snprintf(again, sizeof again, "%s/grpc/rules.yaml", dir);
            CHECK_STR(files[2], again);
        }
    }
    rules_free(rs);

    /* rules.yaml given directly: its group is its real directory's name. */
    char cwd[4096];
    snprintf(sub, sizeof sub, "%s/grpc", dir);
    if (getcwd(cwd, sizeof cwd) && chdir(sub) == 0) {
        const char *here[] = {"rules.yaml"};
        buf_clear(&err);
        rs = rules_load(here, 1, &err);
        CHECK_STR(buf_str(&err), "");
        if (rs) {
            int n;
            CHECK_STR(rules_all(rs, &n)[0].group, "grpc");
        }
        rules_free(rs);
        CHECK(chdir(cwd) == 0);
    }

    /* Errors from several files are all reported, and a rule name may not
     * repeat across files. */
    write_text(dir, "zsub/c.yaml", "rc: {target: p/c}\n");
    write_text(dir, "zsub/d.yaml", rule_yaml("ra", "p/d"));
    buf_clear(&err);
    rs = rules_load(paths, 1, &err);
    CHECK(rs == NULL);
    Buf want = BUF_INIT;
    buf_printf(&want, "%s/zsub/c.yaml:1:1: rule \"rc\" has no do (what to do at the target)\n",
               dir);
    buf_printf(&want,
               "%s/zsub/d.yaml:1:1: duplicate rule name \"ra\" (first defined at %s/a.yml:1:1)\n",
               dir, dir);
    CHECK_STR(buf_str(&err), buf_str(&want));
    buf_free(&want);
    rules_free(rs);

    /* A missing path and a directory without rule files are errors. */
    snprintf(sub, sizeof sub, "%s/empty", dir);
    mkdir(sub, 0755);
    const char *missing[] = {"/nonexistent/rules.yaml", sub};
    buf_clear(&err);
    rs = rules_load(missing, 2, &err);
    CHECK(rs == NULL);
    Buf want2 = BUF_INIT;
    buf_printf(&want2,
               "/nonexistent/rules.yaml: cannot read: No such file or directory\n"
               "%s: no *.yaml or *.yml rule files in this directory\n",
               sub);
    CHECK_STR(buf_str(&err), buf_str(&want2));
    buf_free(&want2);
    buf_free(&err);

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

/* ---- errors (more in tests/rules/bad) ---- */

static void test_errors(void) {
    static const struct {
        const char *yaml, *want;
    } cases[] = {
        {"- a\n- b\n", "e.yaml:1:1: a rule file must be a map from rule name to rule, not a list\n"},
        {"r:\n  target: x\n  where: {func: F}\n  do: [{inject_hooks: {before: B, path: h}}]\n"
         "  version: '>=v1.0.0'\n",
         "e.yaml:5:12: invalid version \">=v1.0.0\": want vMAJOR.MINOR.PATCH[-PRERELEASE]\n"},
        {"r:\n  target: x\n  target: y\n  where: {func: F}\n  do: {inject_hooks: {before: B, "
         "path: h}}\n",
         "e.yaml:3:3: duplicate key \"target\" (first at 2:3)\n"},
        {"r: {target: x, where: {func: F, recv: 'a.T'}, do: {inject_hooks: {before: B, path: "
         "h}}}\n",
         "e.yaml:1:39: where.recv must be T or *T for a type name T, not \"a.T\"\n"},
        {"r: {target: x, where: {recv: T}, do: {inject_hooks: {before: B, path: h}}}\n",
         "e.yaml:1:24: where.recv needs where.func\n"
         "e.yaml:1:39: inject_hooks needs where.func (the function to hook)\n"},
        {"r: {target: x, where: {func: F}, do: {inject_hooks: {before: B, path: h, aftr: A}}}\n",
         "e.yaml:1:74: unknown key \"aftr\" in inject_hooks (did you mean \"after\"?)\n"},
        {"r: {target: x, where: {func: F}, do: {inject_hook: {before: B, path: h}}}\n",
         "e.yaml:1:39: unknown modifier \"inject_hook\" (did you mean \"inject_hooks\"?)\n"},
        {"r: {target: x, where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n"
         "r: {target: y, where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n",
         "e.yaml:2:1: duplicate rule name \"r\" (first defined at e.yaml:1:1)\n"},
        {"r: {target: 'x', where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n"
         "\tbad: tab\n",
         "e.yaml:2:1: YAML syntax error: found character that cannot start any token (while "
         "scanning for the next token at line 2)\n"},
        {"r: \"\xff\"\n",
         "e.yaml:1:5: invalid leading UTF-8 octet\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Buf err = BUF_INIT;
        RuleSet *rs = load_str("e.yaml", cases[i].yaml, &err);
        CHECK(rs == NULL);
        CHECK_STR(buf_str(&err), cases[i].want);
        rules_free(rs);
        buf_free(&err);
    }
}

/* ---- selectors (select.c) ---- */

static void test_globs(void) {
    static const struct {
        const char *pat, *path;
        bool want;
    } cases[] = {
        {"example.com/svc/*", "example.com/svc/users", true},
        {"example.com/svc/*", "example.com/svc", false},
        {"example.com/svc/*", "example.com/svc/users/v2", false},
        {"example.com/svc/**", "example.com/svc", true},
        {"example.com/svc/**", "example.com/svc/users/v2", true},
        {"example.com/svc/**", "example.com/svcx", false},
        {"example.com/svc/**", "example.com/other", false},
        {"**", "net/http", true},
        {"**/http", "net/http", true},
        {"**/http", "http", true},
        {"**/http", "net/xhttp", false},
        {"net/**/pprof", "net/http/pprof", true},
        {"net/**/pprof", "net/pprof", true},
        {"net/**/pprof", "net/a/b/pprof", true},
        {"net/**/pprof", "net/a/b/pprofx", false},
        {"net/h*", "net/http", true},
        {"net/h**p", "net/http", true}, /* fused ** is a * */
        {"net/h**p", "net/h/p", false},
        {"*", "fmt", true},
        {"*", "net/http", false},
        {"net/htt?", "net/http", true},
        {"net/htt?", "net/htt/", false},
        {"example.com/{svc,api}/*", "example.com/api/v1", true},
        {"example.com/{svc,api}/*", "example.com/web/v1", false},
        {"example.com/{svc,api/v{1,2}}", "example.com/api/v2", true},
        {"example.com/{svc,api/v{1,2}}", "example.com/api/v3", false},
        {"example.com/{,x}y", "example.com/y", true},
        {"example.com/[a-c]x", "example.com/bx", true},
        {"example.com/[a-c]x", "example.com/dx", false},
        {"example.com/[!a-c]x", "example.com/dx", true},
        {"example.com/[^a-c]x", "example.com/ax", false},
        {"example.com/[z-a]x", "example.com/ax", false}, /* reversed range: never matches */
        {"example.com/a\\*", "example.com/a*", true},
        {"example.com/a\\*", "example.com/ab", false},
        {"example.com/*/v2", "example.com/greet/v2", true},
        {"example.com/*/v2", "example.com/greet/v3", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool got = select_glob_match(cases[i].pat, cases[i].path);
        if (got != cases[i].want)
            fprintf(stderr, "glob %s on %s: got %d\n", cases[i].pat, cases[i].path, got);
        CHECK(got == cases[i].want);
    }
}

static const char SIDE[] =
    "x: {target: net/http, where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n"
    "root: {target: $root, where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n"
    "g: {target: 'net/**', where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n"
    "m: {target: main, where: {func: F}, do: {inject_hooks: {before: B, path: h}}}\n"
    "gv: {target: 'example.com/*', version: 'v1.1.0', where: {func: F}, do: {inject_hooks: "
    "{before: B, path: h}}}\n"
    "rootv: {target: $root, version: 'v1.0.0', where: {func: F}, do: {inject_hooks: {before: "
    "B, path: h}}}\n";

static void test_index_side_list(void) {
    Buf err = BUF_INIT;
    RuleSet *rs = load_str("side.yaml", SIDE, &err);
    CHECK_STR(buf_str(&err), "");
    if (!rs)
        return;
    static const struct {
        const char *path;
        bool is_main, in_main;
        const char *version, *want;
    } cases[] = {
        {"net/http", false, false, "", "x g"},
        {"net/http/httptest", false, false, "", "g"},
        {"net", false, false, "", "g"},
        {"example.com/app", true, true, "", "root m"}, /* the main module has no version */
        {"example.com/app/lib", false, true, "", "root"},
        {"example.com/greet", false, false, "v1.0.0", ""},
        {"example.com/greet", false, false, "v1.1.0", "gv"},
        {"example.com/greet", false, false, "", ""}, /* a local replacement: no version */
        {"example.com/app/x", false, true, "v1.0.0", "root rootv"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int n;
        const Rule **got = rules_for_package(rs, cases[i].path, cases[i].is_main,
                                             cases[i].in_main, cases[i].version, &n);
        Buf names = BUF_INIT;
        for (int k = 0; k < n; k++)
            buf_printf(&names, "%s%s", k ? " " : "", got[k]->name);
        free(got);
        CHECK_STR(buf_str(&names), cases[i].want);
        buf_free(&names);
    }
    rules_free(rs);
    buf_free(&err);
}

/* The canonical text of where trees (rules list, cache keys). */
static void test_where_text(void) {
    static const struct {
        const char *where, *want;
    } cases[] = {
        {"{func: F}", "F"},
        {"{func: F, recv: '*T'}", "*T.F"},
        {"{param: ' map[string] int', func: F}", "F, param map[string]int"},
        {"{func: F, signature: {args: [int, '...string'], returns: []}}",
         "F, signature(args [int, ...string] returns [])"},
        {"{func: F, signature_contains: {returns: [error]}, last_result: error, result: bool}",
         "F, signature_contains(returns [error]), last_result error, result bool"},
        {"{func: F, file: {has_func: init}}", "F, file(has_func init)"},
        {"{func: F, file: {has_func: Close, has_recv: '*C'}}", "F, file(has_func *C.Close)"},
        {"{func: F, file: {all-of: [{is_test: false}, {not: {has_struct: Mock}}]}}",
         "F, file(all-of(is_test false; not(has_struct Mock)))"},
        {"{one-of: [{func: A}, {func: B, recv: T}], not: {param: int}}",
         "one-of(A; T.B), not(param int)"},
        {"{func: F, file: {has_directive: 'otel:trace'}, all-of: [{file: {has_package: p}}]}",
         "F, file(has_directive otel:trace), file(has_package p)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Buf yaml = BUF_INIT, err = BUF_INIT;
        buf_printf(&yaml, "r: {target: p, where: %s, do: {inject_hooks: {before: B, path: h}}}\n",
                   cases[i].where);
        RuleSet *rs = load_str("w.yaml", buf_str(&yaml), &err);
        CHECK_STR(buf_str(&err), "");
        if (rs) {
            int n;
            const Rule *r = rules_all(rs, &n);
            CHECK_STR(r->where_text, cases[i].want);
        }
        rules_free(rs);
        buf_free(&yaml);
        buf_free(&err);
    }
}

static const char WHERE_SRC[] =
    "package db\n"
    "\n"
    "import \"context\"\n"
    "\n"
    "//otel:trace kind:db\n"
    "type Conn struct{ n int }\n"
    "\n"
    "type Alias = Conn\n"
    "\n"
    "func init() {}\n"
    "\n"
    "func (c *Conn) Close() error { return nil }\n"
    "\n"
    "func Open(ctx context.Context, name string, opts ...string) (*Conn, error) { return nil, nil }\n"
    "\n"
    "func (c Conn) Query(q string) (rows map[string] int, err error) { return nil, nil }\n";

/* Evaluate a where tree on each function of WHERE_SRC: the names that match. */
static char *matching(const char *where, const char *file_name) {
    Buf yaml = BUF_INIT, err = BUF_INIT, out = BUF_INIT;
    buf_printf(&yaml, "r: {target: p, where: %s, do: {inject_hooks: {before: B, path: h}}}\n",
               where);
    RuleSet *rs = load_str("w.yaml", buf_str(&yaml), &err);
    if (!rs) {
        fprintf(stderr, "%s", buf_str(&err));
        buf_puts(&out, "LOAD ERROR");
    } else {
        Arena *a = arena_new();
        GoFile gf;
        size_t eoff;
        const char *emsg;
        int n;
        const Rule *r = rules_all(rs, &n);
        if (gosrc_parse(a, WHERE_SRC, strlen(WHERE_SRC), &gf, &eoff, &emsg) == 0) {
            for (int i = 0; i < gf.nfuncs; i++) {
                SelSubject s = {&gf, WHERE_SRC, strlen(WHERE_SRC), file_name, &gf.funcs[i], a};
                if (rules_where_matches(r, &s))
                    buf_printf(&out, "%s%s", out.len ? " " : "", gf.funcs[i].name);
            }
        }
        arena_free(a);
    }
    rules_free(rs);
    buf_free(&yaml);
    buf_free(&err);
    return out.data ? out.data : calloc(1, 1);
}

static void test_where_matching(void) {
    static const struct {
        const char *where, *file, *want;
    } cases[] = {
        {"{func: Open}", "db.go", "Open"},
        {"{func: Close}", "db.go", ""}, /* a method: needs recv */
        {"{func: Close, recv: '*Conn'}", "db.go", "Close"},
        {"{func: Query, recv: Conn}", "db.go", "Query"},
        {"{func: Query, recv: '*Conn'}", "db.go", ""},
        {"{func: Open, signature: {args: [context.Context, string, '...string'], returns: ['*Conn', error]}}", "db.go", "Open"},
        {"{func: Open, signature: {args: [context.Context, string]}}", "db.go", ""},
        {"{func: Open, signature: {returns: ['* Conn', error]}}", "db.go", "Open"},
        {"{func: Query, recv: Conn, signature: {returns: ['map[string]int', error]}}", "db.go", "Query"},
        {"{func: Open, signature_contains: {args: [int], returns: [error]}}", "db.go", "Open"},
        {"{func: Open, signature_contains: {args: [int], returns: [bool]}}", "db.go", ""},
        {"{func: Open, param: context.Context}", "db.go", "Open"},
        {"{func: Open, param: string}", "db.go", "Open"},
        {"{func: Open, param: '...string'}", "db.go", "Open"},
        {"{func: Open, param: '*Conn'}", "db.go", ""},
        {"{func: Open, result: '*Conn'}", "db.go", "Open"},
        {"{func: Open, last_result: error}", "db.go", "Open"},
        {"{func: Open, last_result: '*Conn'}", "db.go", ""},
        {"{func: init, last_result: error}", "db.go", ""},
        {"{func: Open, file: {has_func: init}}", "db.go", "Open"},
        {"{func: Open, file: {has_func: Close}}", "db.go", "Open"}, /* any receiver */
        {"{func: Open, file: {has_func: Close, has_recv: Conn}}", "db.go", ""},
        {"{func: Open, file: {has_func: Close, has_recv: '*Conn'}}", "db.go", "Open"},
        {"{func: Open, file: {has_struct: Conn}}", "db.go", "Open"},
        {"{func: Open, file: {has_struct: Alias}}", "db.go", ""}, /* an alias is no struct */
        {"{func: Open, file: {has_directive: 'otel:trace'}}", "db.go", "Open"},
        {"{func: Open, file: {has_directive: 'otel:tr'}}", "db.go", ""},
        {"{func: Open, file: {has_package: db}}", "db.go", "Open"},
        {"{func: Open, file: {has_package: main}}", "db.go", ""},
        {"{func: Open, file: {is_test: true}}", "db.go", ""},
        {"{func: Open, file: {is_test: true}}", "db_test.go", "Open"},
        {"{func: Open, file: {is_test: false}}", "db.go", "Open"},
        {"{func: Open, file: {all-of: []}}", "db.go", "Open"},
        {"{func: Open, file: {one-of: []}}", "db.go", ""},
        {"{func: Open, file: {one-of: [{has_struct: X}, {has_func: init}]}}", "db.go", "Open"},
        {"{func: Open, file: {all-of: [{has_struct: X}, {has_func: init}]}}", "db.go", ""},
        {"{func: Open, file: {not: {has_struct: X}}}", "db.go", "Open"},
        {"{one-of: [{func: Open}, {func: Close, recv: '*Conn'}]}", "db.go", "Close Open"},
        {"{one-of: [{func: Open}, {func: Query, recv: Conn}], not: {param: context.Context}}", "db.go", "Query"},
        {"{all-of: [{func: Open}, {last_result: error}]}", "db.go", "Open"},
        {"{one-of: [{func: Open, file: {has_package: x}}, {func: init}]}", "db.go", "init"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = matching(cases[i].where, cases[i].file);
        if (strcmp(got, cases[i].want))
            fprintf(stderr, "where %s on %s:\n", cases[i].where, cases[i].file);
        CHECK_STR(got, cases[i].want);
        free(got);
    }
}

static void run_tests(void) {
    test_semver_order();
    test_semver_equal_and_invalid();
    test_semver_valid();
    test_ranges();
    test_load_fields();
    test_groups();
    test_empty_files();
    test_anchors();
    test_index();
    test_index_many();
    test_globs();
    test_index_side_list();
    test_where_text();
    test_where_matching();
    test_load_dir();
    test_errors();
}
