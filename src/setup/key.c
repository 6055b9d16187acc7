/* The setup key (DESIGN.md §4): a hash of everything that can change what
 * setup produces. Equal keys (plus a verified marker, see marker.c) mean
 * the overlay and modfile written last time are still exactly right.
 *
 * Cheap by construction: files are hashed through the stat cache, so a key
 * over a thousand-package module costs a directory walk and some stat()s.
 * The import fingerprint covers every .go file of the main module: its
 * package clause, build constraint and imports (and its path, so added and
 * removed files count). A body edit leaves it unchanged; a new import does
 * not. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "setup/internal.h"

/* Environment variables that change what go builds or where it looks. */
static const char *const key_env[] = {
    "GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN", "GOWORK",
    "GOPATH", "GOMODCACHE", "GOROOT", "GO111MODULE", "GOAMD64", "GOARM", "GOARM64", "GO386",
    "GOPPC64", "GORISCV64", "GOWASM", "GOMIPS", "GOMIPS64", "GOENV", "CC", "CXX",
    "OTEL_GO_INSTRUMENTATION_DIR", "OTEL_GO_GLS", NULL,
};

static void hash_stat(Hasher *h, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        hasher_str(h, "missing");
        return;
    }
    char buf[128];
    snprintf(buf, sizeof buf, "%lld %lld.%09ld %llu", (long long)st.st_size, (long long)st.st_mtim.tv_sec,
             st.st_mtim.tv_nsec, (unsigned long long)st.st_ino);
    hasher_str(h, buf);
}

/* Hash a file's path and content (through the stat cache). */
static void hash_file(Hasher *h, StatCache *sc, const char *path) {
    char d[33];
    hasher_str(h, path);
    hasher_str(h, statcache_hash(sc, path, d) == 0 ? d : "missing");
}

/* The go binary go would run: the first executable `go` on PATH. */
static char *find_go(void) {
    const char *path = getenv("PATH");
    if (!path) return NULL;
    char *copy = xstrdup(path), *save = NULL, *found = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *p = path_join(*dir ? dir : ".", "go");
        if (access(p, X_OK) == 0) found = realpath(p, NULL);
        free(p);
    }
    free(copy);
    return found;
}

const char *setup_tool_id(Setup *s) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    Hasher *h = hasher_new();
    hasher_str(h, OTEL_VERSION_STRING);
    hash_stat(h, exe); /* a rebuilt otel is a different tool */
    char d[33];
    hasher_final(h, d);
    return arena_strdup(s->a, d);
}

static void hash_go_identity(Hasher *h, StatCache *sc, const Setup *s) {
    hasher_str(h, s->tool_id);
    char *go = find_go();
    hasher_str(h, go ? go : "no-go");
    if (go) hash_stat(h, go);
    free(go);
    for (int i = 0; key_env[i]; i++) {
        const char *v = getenv(key_env[i]);
        hasher_str(h, key_env[i]);
        hasher_str(h, v ? v : "\x01unset");
    }
    /* Settings made with `go env -w` live in the GOENV file. */
    const char *genv = getenv("GOENV");
    char *envfile = NULL;
    if (genv && *genv) envfile = xstrdup(genv);
    else if (getenv("XDG_CONFIG_HOME")) envfile = xasprintf("%s/go/env", getenv("XDG_CONFIG_HOME"));
    else if (getenv("HOME")) envfile = xasprintf("%s/.config/go/env", getenv("HOME"));
    if (envfile && strcmp(envfile, "off") != 0) hash_file(h, sc, envfile);
    free(envfile);
}

static bool ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

typedef enum { WALK_GO_HEADERS, WALK_ALL_SOURCES } WalkMode;

/* Walk a source tree the way go's ./... does (skip testdata, vendor, dot
 * and underscore names, nested modules). WALK_GO_HEADERS hashes each .go
 * file's import fingerprint; WALK_ALL_SOURCES hashes the full content of
 * .go, .yaml, .yml, go.mod and go.sum files (rules and hook sources). */
static void walk_tree(Hasher *h, StatCache *sc, const char *dir, bool top, WalkMode mode, Setup *watch) {
    /* The listing comes from the stat cache while the directory is
     * unchanged: one stat instead of open, getdents and close. */
    const StatDirEntry *ents;
    int n = statcache_list_dir(sc, dir, &ents);
    if (n < 0) return;
    if (!top && mode == WALK_GO_HEADERS) {
        for (int i = 0; i < n; i++)
            if (!ents[i].is_dir && strcmp(ents[i].name, "go.mod") == 0) return; /* another module */
    }
    for (int i = 0; i < n; i++) {
        const char *nm = ents[i].name;
        if (nm[0] == '.' || nm[0] == '_') continue;
        if (ents[i].is_dir) {
            if (strcmp(nm, "testdata") == 0 || strcmp(nm, "vendor") == 0) continue;
            char *p = path_join(dir, nm);
            walk_tree(h, sc, p, false, mode, watch);
            free(p);
        } else if (mode == WALK_GO_HEADERS && ends_with(nm, ".go")) {
            char *p = path_join(dir, nm);
            char d[33];
            hasher_str(h, p);
            hasher_str(h, statcache_header(sc, p, d) == 0 ? d : "unreadable");
            free(p);
        } else if (mode == WALK_ALL_SOURCES &&
                   (ends_with(nm, ".go") || ends_with(nm, ".yaml") || ends_with(nm, ".yml") ||
                    strcmp(nm, "go.mod") == 0 || strcmp(nm, "go.sum") == 0)) {
            char *p = path_join(dir, nm);
            hash_file(h, sc, p);
            if (watch) setup_watch_file(watch, p);
            free(p);
        }
    }
}

void setup_hash_tree_sources(Hasher *h, StatCache *sc, const char *dir, Setup *watch) {
    walk_tree(h, sc, dir, true, WALK_ALL_SOURCES, watch);
}

void setup_hash_import_fingerprint(Hasher *h, StatCache *sc, const char *root) {
    walk_tree(h, sc, root, true, WALK_GO_HEADERS, NULL);
}

static void hash_invocation(Hasher *h, StatCache *sc, const Setup *s) {
    const GoInvocation *inv = s->opt->inv;
    char cwd[PATH_MAX];
    hasher_str(h, getcwd(cwd, sizeof cwd) ? cwd : "?");
    hasher_str(h, strcmp(inv->subcmd, "test") == 0 ? "test" : "build");
    for (int i = 0; i < inv->ngraph_flags; i++) hasher_str(h, inv->graph_flags[i]);
    hasher_str(h, "--patterns");
    for (int i = 0; i < inv->npatterns; i++) hasher_str(h, inv->patterns[i]);
    hasher_str(h, "--overlay");
    if (inv->user_overlay) hash_file(h, sc, inv->user_overlay);
    hasher_str(h, "--modfile");
    if (inv->user_modfile) hash_file(h, sc, inv->user_modfile);
    hasher_str(h, s->work);
}

static void hash_rules_inputs(Hasher *h, StatCache *sc, const Setup *s) {
    const SetupOptions *o = s->opt;
    hasher_str(h, "--rules");
    for (int i = 0; i < o->nrule_paths; i++) {
        struct stat st;
        if (stat(o->rule_paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk_tree(h, sc, o->rule_paths[i], true, WALK_ALL_SOURCES, NULL);
        else
            hash_file(h, sc, o->rule_paths[i]);
    }
    /* Our own modules: built-in rules, hooks, runtime, SDK setup. */
    hasher_str(h, o->instr_dir);
    walk_tree(h, sc, o->instr_dir, true, WALK_ALL_SOURCES, NULL);
}

void setup_compute_key(const Setup *s, StatCache *sc, char graph_key[33], char key[33]) {
    /* The graph key: everything go list's answer depends on. */
    Hasher *h = hasher_new();
    hasher_str(h, "otel-graph-key-1");
    hash_go_identity(h, sc, s);
    hash_invocation(h, sc, s);
    static const char *const modfiles[] = {"go.mod", "go.sum", "go.work", "go.work.sum", "vendor/modules.txt"};
    for (size_t i = 0; i < sizeof modfiles / sizeof *modfiles; i++) {
        char *p = path_join(s->root, modfiles[i]);
        hash_file(h, sc, p);
        free(p);
    }
    hasher_str(h, "--gowork");
    if (s->gowork) {
        hash_file(h, sc, s->gowork);
        char *sum = xasprintf("%s.sum", s->gowork);
        hash_file(h, sc, sum);
        free(sum);
    }
    hasher_str(h, "--fingerprint");
    setup_hash_import_fingerprint(h, sc, s->root);
    hasher_final(h, graph_key);
    /* The setup key adds the rules and otel's own modules, which change
     * what is instrumented but not the package graph. */
    h = hasher_new();
    hasher_str(h, "otel-setup-key-3");
    hasher_str(h, graph_key);
    hash_rules_inputs(h, sc, s);
    /* The flags setup merges into the -gcflags and -toolexec of packages
     * beneath GOMODCACHE (reach.c). */
    hasher_str(h, "--gcflags");
    for (int i = 0; i < s->opt->inv->ngcflags; i++) hasher_str(h, s->opt->inv->gcflags[i]);
    hasher_str(h, s->opt->inv->cover ? "--cover" : "--nocover");
    hasher_str(h, "--toolexec");
    hasher_str(h, s->opt->inv->user_toolexec ? s->opt->inv->user_toolexec : "");
    hasher_final(h, key);
}

int setup_header_digest(const char *data, size_t len, char out[33]) {
    Arena *a = arena_new();
    GoFile gf;
    size_t eoff;
    const char *emsg;
    int rc = gosrc_parse_header(a, data, len, &gf, &eoff, &emsg);
    if (rc == 0) {
        Hasher *h = hasher_new();
        hasher_str(h, gf.pkg_name ? gf.pkg_name : "");
        hasher_str(h, gf.build_constraint ? gf.build_constraint : "");
        for (int i = 0; i < gf.nimports; i++) {
            hasher_str(h, gf.imports[i].name ? gf.imports[i].name : "");
            hasher_str(h, gf.imports[i].path);
        }
        hasher_final(h, out);
    }
    arena_free(a);
    return rc;
}
