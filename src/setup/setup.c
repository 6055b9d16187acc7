/* The setup step: graph -> rules -> instrumented copies -> overlay and
 * modfile, then exec go. See DESIGN.md §1 for the pipeline. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "setup/internal.h"

/* The nearest directory at or above the current one holding `name`. */
static char *find_upwards(const char *name) {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return NULL;
    char *dir = xstrdup(cwd);
    for (;;) {
        char *mod = path_join(dir, name);
        bool found = path_exists(mod);
        free(mod);
        if (found) return dir;
        if (strcmp(dir, "/") == 0) break;
        char *up = path_dir(dir);
        free(dir);
        dir = up;
    }
    free(dir);
    return NULL;
}

char *setup_find_module_root(void) { return find_upwards("go.mod"); }

char *setup_find_workfile(void) {
    const char *gowork = getenv("GOWORK");
    if (gowork && strcmp(gowork, "off") == 0) return NULL;
    if (gowork && *gowork) return realpath(gowork, NULL);
    char *dir = find_upwards("go.work");
    if (!dir) return NULL;
    char *p = path_join(dir, "go.work");
    free(dir);
    return p;
}

static bool is_instrumentation_dir(const char *dir) {
    char *p = path_join(dir, "otelrt");
    bool ok = path_exists(p);
    free(p);
    return ok;
}

char *setup_find_instrumentation_dir(void) {
    const char *env = getenv("OTEL_GO_INSTRUMENTATION_DIR");
    if (env && *env) return realpath(env, NULL);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    char *bindir = path_dir(exe);
    /* Installed: <prefix>/bin/otel + <prefix>/share/otel/instrumentation.
     * In the source tree: build/otel or build/san/otel + instrumentation/. */
    static const char *const candidates[] = {
        "../share/otel/instrumentation", "../instrumentation", "../../instrumentation",
    };
    char *found = NULL;
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates && !found; i++) {
        char *p = path_join(bindir, candidates[i]);
        if (is_instrumentation_dir(p)) found = realpath(p, NULL);
        free(p);
    }
    free(bindir);
    return found;
}

bool setup_gls_off(void) {
    const char *v = getenv("OTEL_GO_GLS");
    return v && (!strcasecmp(v, "off") || !strcmp(v, "0") || !strcasecmp(v, "false"));
}

RuleSet *setup_load_builtin_rules(const char *instr_dir, Buf *errs) {
    char *libs = path_join(instr_dir, "libs");
    const char *paths[] = {libs}; /* rules_load walks a directory for *.yaml */
    RuleSet *rs = rules_load_without(paths, 1, setup_gls_off() ? GLS_GROUP : NULL, errs);
    free(libs);
    return rs;
}

static int load_rules(Setup *s) {
    const SetupOptions *o = s->opt;
    Buf errs = BUF_INIT;
    if (o->nrule_paths > 0) {
        s->rules = rules_load(o->rule_paths, o->nrule_paths, &errs);
    } else {
        s->rules = setup_load_builtin_rules(o->instr_dir, &errs);
    }
    if (!s->rules) {
        fputs(buf_str(&errs), stderr);
        fputs("otel: fix the rule files above (otel rules check FILE shows the errors)\n", stderr);
        buf_free(&errs);
        return 2;
    }
    buf_free(&errs);
    return 0;
}

static bool vendor_mode(const Setup *s);

/* The flags go list must see: the user's graph flags, their -modfile and
 * -overlay (go list reads those itself from GOFLAGS too). With vendor/,
 * otel builds with -mod=mod (its hook modules are not vendored), so the
 * packages come from the module cache: go list must say so too, or the
 * instrumented files would be the vendored copies go does not build. */
static const char **golist_flags(Setup *s, int *n) {
    const GoInvocation *inv = s->opt->inv;
    const char **f = arena_alloc(s->a, sizeof(char *) * (size_t)(inv->ngraph_flags + 4));
    *n = 0;
    for (int i = 0; i < inv->ngraph_flags; i++) f[(*n)++] = inv->graph_flags[i];
    if (vendor_mode(s)) f[(*n)++] = "-mod=mod";
    if (inv->user_modfile) f[(*n)++] = arena_printf(s->a, "-modfile=%s", inv->user_modfile);
    if (inv->user_overlay) f[(*n)++] = arena_printf(s->a, "-overlay=%s", inv->user_overlay);
    return f;
}

static const char *find_main_module(const PackageTable *pt) {
    for (int i = 0; i < pt->npkgs; i++)
        if (pt->pkgs[i].module_main && pt->pkgs[i].module_path) return pt->pkgs[i].module_path;
    return NULL;
}

/* .otel-build/ holds a .gitignore of `*`, so the user's `git status`
 * stays clean without any edit to their own .gitignore. */
static int prepare_work_dir(const char *work) {
    if (mkdir_p(work, 0755) != 0) {
        fprintf(stderr, "otel: error: cannot create %s: %s\n", work, strerror(errno));
        return -1;
    }
    char *gi = path_join(work, ".gitignore");
    int rc = 0;
    if (!path_exists(gi)) rc = write_file_atomic(gi, "*\n", 2);
    free(gi);
    return rc;
}

/* One otel setup at a time per work directory: concurrent runs would
 * otherwise interleave writes of the overlay and modfile. The lock is
 * released when setup ends; everything it wrote is complete by then. */
static int lock_work_dir(const char *work) {
    char *lp = path_join(work, "lock");
    int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    free(lp);
    if (fd < 0) return -1;
    if (flock(fd, LOCK_EX) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool vendor_mode(const Setup *s) {
    const char *mod = s->opt->inv->mod_flag;
    if (mod) return false; /* the user chose; -mod=vendor with hooks cannot work, go will say so */
    char *mt = path_join(s->root, "vendor/modules.txt");
    bool v = path_exists(mt);
    free(mt);
    return v;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Is p in an editable module outside the main module's tree (a local
 * replacement, another workspace module)? Its imports can change the graph. */
static bool in_editable_outside_module(const Setup *s, const GoPackage *p) {
    if (p->standard || !p->module_dir) return false;
    bool other_main = p->module_main && strcmp(p->module_dir, s->root) != 0; /* workspace module */
    bool local = !p->module_main && !(p->module_version && *p->module_version);
    return other_main || local;
}

/* Local replacements (replace => ../dir) and the other modules of a
 * workspace: the marker watches their import fingerprints. */
static void watch_local_modules(Setup *s) {
    for (int i = 0; i < s->pt.npkgs; i++)
        if (in_editable_outside_module(s, &s->pt.pkgs[i])) setup_watch_tree(s, s->pt.pkgs[i].module_dir);
}

/* Do the hooks in use come only from otel's support groups: otelsetup
 * (flushing the SDK) and gls (the goroutine's current span)? */
static bool only_support_hooks(const Setup *s) {
    if (s->extras) return false; /* body changes of other rules: the user's own */
    for (int i = 0; i < s->nhook_paths; i++)
        if (strcmp(s->hook_paths[i], OTELSETUP_PACKAGE) != 0 && strcmp(s->hook_paths[i], GLS_PACKAGE) != 0)
            return false;
    return true;
}

/* Do the saved tree lines (import fingerprints of modules outside the
 * main one) still hold? */
static bool graph_trees_hold(Setup *s, const char *trees_path) {
    Buf b = BUF_INIT;
    if (read_file(trees_path, &b) != 0) return false;
    bool ok = true;
    char *save = NULL;
    for (char *line = strtok_r(b.data ? b.data : (char[]){0}, "\n", &save); line && ok;
         line = strtok_r(NULL, "\n", &save)) {
        char hash[40], *path = NULL;
        int pos = 0;
        if (sscanf(line, "tree %39s %n", hash, &pos) != 1 || pos == 0) {
            ok = false;
            break;
        }
        path = line + pos;
        ok = setup_watch_line_holds(s, "tree", hash, path);
    }
    buf_free(&b);
    return ok;
}

/* The package graph. go list's answer depends only on the graph key's
 * inputs (not on rules or hook sources) and on the imports of local
 * replacements and other workspace modules (the saved tree lines), so a
 * saved answer is reused when those hold: a body edit of a file that rules
 * reach, or a rule edit, needs no go list. Otherwise go list runs and its
 * answer is saved under <work>/graphs/<graph key>/. */
static int load_graph(Setup *s) {
    const GoInvocation *inv = s->opt->inv;
    const char *gdir = arena_printf(s->a, "%s/graphs/%s", s->work, s->graph_key);
    const char *saved = arena_printf(s->a, "%s/golist.json", gdir);
    const char *trees = arena_printf(s->a, "%s/trees", gdir);
    if (path_exists(saved) && graph_trees_hold(s, trees)) {
        Buf b = BUF_INIT;
        int rc = read_file(saved, &b) == 0 ? golist_parse(s->a, buf_str(&b), b.len, &s->pt) : -1;
        buf_free(&b);
        if (rc == 0) {
            log_msg(LOG_DEBUG, "setup: package graph unchanged, go list output reused");
            s->graph_reused = true;
            utimensat(AT_FDCWD, saved, NULL, 0); /* recently used, for pruning */
            return 0;
        }
    }
    int nflags;
    const char **flags = golist_flags(s, &nflags);
    Buf raw = BUF_INIT;
    int rc = golist_run_raw(s->a, flags, nflags, inv->patterns, inv->npatterns, strcmp(inv->subcmd, "test") == 0,
                            &s->pt, &raw);
    if (rc == 0) {
        /* Trees first, the graph last: a graph without its trees file is
         * never trusted (graph_trees_hold fails). */
        Buf tl = BUF_INIT;
        for (int i = 0; i < s->pt.npkgs; i++) {
            const GoPackage *p = &s->pt.pkgs[i];
            if (!in_editable_outside_module(s, p)) continue;
            char line_hash[33];
            setup_tree_digest(s, p->module_dir, line_hash);
            char *line = xasprintf("tree %s %s\n", line_hash, p->module_dir);
            if (!strstr(buf_str(&tl), line)) buf_puts(&tl, line);
            free(line);
        }
        if (write_file_atomic(trees, buf_str(&tl), tl.len) != 0 ||
            write_file_atomic(saved, raw.data ? raw.data : "", raw.len) != 0)
            warn("cannot write %s", saved);
        buf_free(&tl);
    }
    buf_free(&raw);
    return rc;
}

/* The full setup: graph, rules, instrumented files, overlay, modfile,
 * marker. 0, or an exit status. */
static int setup_miss(Setup *s, SetupResult *res, double t0, Progress *pr) {
    const GoInvocation *inv = s->opt->inv;
    progress_phase(pr, "loading rules");
    int status = load_rules(s);
    if (status != 0) return status;
    progress_phase(pr, "listing packages (go list)");
    if (load_graph(s) != 0) {
        /* go list failed (bad pattern, broken go.mod): let go report it. */
        log_msg(LOG_INFO, "go list failed; building without instrumentation so go reports the error");
        return 0;
    }
    s->main_module = find_main_module(&s->pt);
    watch_local_modules(s);
    setup_read_modcache(s);
    progress_phase(pr, "instrumenting");
    if ((status = setup_instrument(s)) != 0) return status;
    progress_phase(pr, "writing overlay");
    if (s->nfiles > 0 && only_support_hooks(s)) {
        /* Only otel's own flush hooks matched (every program has a main):
         * with no library instrumented there is nothing to trace, so the
         * build is a plain one, SDK and all left out. */
        log_msg(LOG_INFO, "setup: no instrumented library in this build; building without instrumentation");
        s->nfiles = s->nfuncs = 0;
    }
    if (s->nfiles > 0) {
        if (setup_add_runtime_files(s) != 0) return 2;
        if ((status = setup_split_unreachable(s, res)) != 0) return status;
        const char *overlay = setup_write_overlay(s, inv->user_overlay);
        if (!overlay) return 2;
        res->overlay_path = xstrdup(overlay);
        if (s->gowork) {
            /* -modfile is refused in workspace mode: an alternate go.work
             * that also uses otel's modules takes its place. */
            const char *work = setup_write_workfile(s);
            if (!work) return 2;
            res->gowork_path = xstrdup(work);
        } else {
            const char *modfile = setup_write_modfile(s, inv->user_modfile, &res->lang_pin);
            if (!modfile) return 2;
            res->modfile_path = xstrdup(modfile);
        }
        /* With the SDK in the build, the module graph can select newer
         * versions than either go.mod lists (a dependency of the user's
         * may require a newer SDK module), and go would refuse the build in
         * readonly mode. -mod=mod lets go settle versions and sums in the
         * alternate go.mod/go.sum; the user's files are never touched. An
         * explicit -mod from the user wins. */
        res->mod_mod = vendor_mode(s) || (s->uses_libs && !s->gowork && !inv->mod_flag);
        res->nfiles = s->nfiles;
        res->nfuncs = s->nfuncs;
    }
    if (setup_write_marker(s, res) != 0) warn("cannot write the setup marker in %s", s->setup_dir);
    log_msg(LOG_INFO, "setup: instrumented %d function%s in %d file%s (%d of %d candidate files from cache; %d packages %s) in %.0f ms",
            s->nfuncs, s->nfuncs == 1 ? "" : "s", s->nfiles, s->nfiles == 1 ? "" : "s", s->icache_hits,
            s->candidates, s->pt.npkgs, s->graph_reused ? "from the saved graph" : "listed",
            (now_seconds() - t0) * 1000);
    return 0;
}

/* Keep the most recently used setups (a hit touches its marker) and saved
 * graphs; older ones go, so that .otel-build/ does not grow with every
 * import edit. */
enum { SETUPS_KEPT = 16 };

typedef struct {
    char *name;
    long long used_ns;
} SetupAge;

static int newest_first(const void *a, const void *b) {
    const SetupAge *x = a, *y = b;
    return x->used_ns < y->used_ns ? 1 : x->used_ns > y->used_ns ? -1 : strcmp(x->name, y->name);
}

/* Remove all but the SETUPS_KEPT most recently used entries of
 * <work>/<subdir>, judged by the mtime of <entry>/<used_file>; `keep` is
 * never removed. */
static void prune_dir(const Setup *s, const char *subdir, const char *used_file, const char *keep) {
    char *dir = path_join(s->work, subdir);
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return;
    }
    SetupAge *ages = NULL;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char *marker = xasprintf("%s/%s/%s", dir, e->d_name, used_file);
        struct stat st;
        long long used = stat(marker, &st) == 0 ? (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec : 0;
        free(marker);
        ages = xrealloc(ages, sizeof(SetupAge) * (size_t)(n + 1));
        ages[n++] = (SetupAge){xstrdup(e->d_name), used};
    }
    closedir(d);
    if (n > SETUPS_KEPT) qsort(ages, (size_t)n, sizeof(SetupAge), newest_first);
    for (int i = 0; i < n; i++) {
        if (i >= SETUPS_KEPT && strcmp(ages[i].name, keep) != 0) {
            char *victim = path_join(dir, ages[i].name);
            if (remove_tree(victim) == 0) log_msg(LOG_DEBUG, "setup: removed old %s/%s", subdir, ages[i].name);
            free(victim);
        }
        free(ages[i].name);
    }
    free(ages);
    free(dir);
}

/* Mark a setup as just used (for prune_dir). */
static void touch_marker(const Setup *s) {
    char *marker = path_join(s->setup_dir, "marker");
    utimensat(AT_FDCWD, marker, NULL, 0);
    free(marker);
}

int setup_run(const SetupOptions *opt, SetupResult *res) {
    memset(res, 0, sizeof *res);
    double t0 = now_seconds();
    Setup s = {.a = arena_new(), .opt = opt};
    pthread_mutex_init(&s.lock, NULL);
    int status = 0, lockfd = -1;
    char *root = setup_find_module_root();
    if (!root) {
        fprintf(stderr, "otel: error: no go.mod found in the current directory or above\n"
                        "otel: run otel inside a Go module\n");
        status = 2;
        goto out;
    }
    s.root = arena_strdup(s.a, root);
    free(root);
    char *gowork = setup_find_workfile();
    if (gowork) {
        s.gowork = arena_strdup(s.a, gowork);
        free(gowork);
        if (opt->inv->user_modfile) {
            fprintf(stderr, "otel: error: -modfile cannot be used in a Go workspace (%s)\n", s.gowork);
            status = 2;
            goto out;
        }
    }
    s.work = opt->work_dir ? opt->work_dir : arena_printf(s.a, "%s/.otel-build", s.root);
    if (prepare_work_dir(s.work) != 0 || (lockfd = lock_work_dir(s.work)) < 0) {
        status = 2;
        goto out;
    }
    s.cas_dir = arena_printf(s.a, "%s/cache", s.work);
    s.tool_id = setup_tool_id(&s);
    s.sc = statcache_open(arena_printf(s.a, "%s/statcache", s.work), setup_header_digest);
    double t_open = now_seconds();
    setup_compute_key(&s, s.sc, s.graph_key, s.key);
    double t_key = now_seconds();
    s.setup_dir = arena_printf(s.a, "%s/setups/%s", s.work, s.key);
    int marker = setup_read_marker(&s, res);
    log_msg(LOG_DEBUG, "setup: stat cache loaded in %.1f ms, key in %.1f ms (%d files read), marker checked in %.1f ms",
            (t_open - t0) * 1000, (t_key - t_open) * 1000, statcache_reads(s.sc), (now_seconds() - t_key) * 1000);
    if (marker == 0) {
        touch_marker(&s);
        log_msg(LOG_INFO, "setup: cache hit (%d instrumented file%s) in %.1f ms", res->nfiles,
                res->nfiles == 1 ? "" : "s", (now_seconds() - t0) * 1000);
    } else {
        memset(res, 0, sizeof *res);
        Progress *pr = progress_start("otel: setup");
        status = setup_miss(&s, res, t0, pr);
        progress_stop(pr);
        if (status == 0) {
            prune_dir(&s, "setups", "marker", s.key);
            prune_dir(&s, "graphs", "golist.json", s.graph_key);
        }
    }
    if (res->mod_mod && vendor_mode(&s))
        log_msg(LOG_INFO, "vendor/ found: building with -mod=mod so go can see the hook modules");
    else if (res->mod_mod)
        log_msg(LOG_DEBUG, "building with -mod=mod: go settles the SDK's module versions in the alternate go.mod");
    if (statcache_save(s.sc) != 0) warn("cannot write %s/statcache", s.work);
out:
    if (s.rules) rules_free(s.rules);
    statcache_free(s.sc);
    buf_free(&s.watch);
    strset_free(&s.watched);
    if (lockfd >= 0) close(lockfd);
    pthread_mutex_destroy(&s.lock);
    arena_free(s.a);
    return status;
}

static bool in_indexes(const int *v, int n, int i) {
    for (int k = 0; k < n; k++)
        if (v[k] == i) return true;
    return false;
}

/* Is args[i] one otel replaces with its own (-overlay, -modfile; with the
 * wrapper, -toolexec, which the wrapper runs itself)? */
static bool dropped(const GoInvocation *inv, const SetupResult *res, int i) {
    if (!res) return false;
    if (res->overlay_path && in_indexes(inv->drop, inv->ndrop, i)) return true;
    return res->toolexec && in_indexes(inv->toolexec_drop, inv->ntoolexec_drop, i);
}

void setup_result_free(SetupResult *res) {
    free(res->overlay_path);
    free(res->modfile_path);
    free(res->lang_pin);
    free(res->gowork_path);
    free(res->toolexec);
    for (int i = 0; i < res->npkg_gcflags; i++) free(res->pkg_gcflags[i]);
    free(res->pkg_gcflags);
    memset(res, 0, sizeof *res);
}

int setup_exec_go(const GoInvocation *inv, const SetupResult *res, bool force_rebuild) {
    char **argv = xcalloc((size_t)inv->nargs + 12 + (size_t)(res ? res->npkg_gcflags : 0), sizeof(char *));
    int n = 0;
    argv[n++] = "go";
    argv[n++] = (char *)inv->subcmd;
    if (res && res->overlay_path) {
        argv[n++] = xasprintf("-overlay=%s", res->overlay_path);
        if (res->gowork_path) setenv("GOWORK", res->gowork_path, 1);
        else argv[n++] = xasprintf("-modfile=%s", res->modfile_path);
        if (res->mod_mod) argv[n++] = "-mod=mod";
        if (res->lang_pin) argv[n++] = res->lang_pin;
        if (strcmp(inv->subcmd, "test") == 0 && !inv->has_vet) {
            /* vet does not see overlay-only files reliably, and vetting
             * generated code helps nobody (DESIGN.md §1). */
            argv[n++] = "-vet=off";
            log_msg(LOG_INFO, "go test: passing -vet=off (run go vet without otel to vet your code)");
        }
    }
    if (force_rebuild) argv[n++] = "-a";
    if (res && res->toolexec) argv[n++] = xasprintf("-toolexec=%s", res->toolexec);
    for (int i = 0; i <= inv->nargs; i++) {
        /* A package's -gcflags is the last one matching it: otel's come
         * after the user's (and carry the user's flags for the package). */
        if (res && i == inv->flags_end)
            for (int k = 0; k < res->npkg_gcflags; k++) argv[n++] = res->pkg_gcflags[k];
        if (i == inv->nargs) break;
        /* Without instrumentation the user's own -overlay/-modfile stay. */
        if (dropped(inv, res, i)) continue;
        argv[n++] = inv->args[i];
    }
    argv[n] = NULL;
    if (log_level() >= LOG_DEBUG) {
        Buf b = BUF_INIT;
        for (int i = 0; argv[i]; i++) buf_printf(&b, "%s%s", i ? " " : "", argv[i]);
        log_msg(LOG_DEBUG, "exec %s", buf_str(&b));
        buf_free(&b);
    }
    fflush(NULL);
    execvp("go", argv);
    fprintf(stderr, "otel: error: cannot run go: %s\n", strerror(errno));
    return 127;
}
