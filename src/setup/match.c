/* Matching rules against the package graph and instrumenting the files
 * they reach.
 *
 * For each package (test variants are folded into their base package,
 * whose candidates under `go test` include its internal test files; an
 * external test package "p_test" is a package of its own), the candidate
 * files are its Go files, its cgo files and those test files
 * (setup_source_view), and the rule index gives the rules for its
 * import path in O(1). A file is only parsed when a cheap byte search finds
 * one of the rules' function names in it; most files of a matched package
 * are never parsed. A file that does not parse is left untouched, so the
 * compiler reports the error in the user's own words.
 *
 * Three phases keep the output deterministic while the work runs in
 * parallel:
 *   1. (main thread) read the files of each matched package, pick the
 *      candidates, and look each up in the instrumented-file cache, keyed by
 *      the file's bytes, the rules and the hook sources: a hit needs no
 *      parse and no injection, so a rule on the user's own code re-applies
 *      only to the files that changed;
 *   2. (one worker per core) parse and instrument the misses, each job in
 *      its own arena;
 *   3. (main thread) apply the results in package/file order: overlay
 *      entries, hook packages, counters, cache entries. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "setup/internal.h"

bool setup_func_matches(const Rule *r, const GoFile *gf, const char *src, size_t len, const char *file_name,
                        const GoFunc *fn, Arena *a) {
    if (!r->func && r->nfuncs == 0) return false;
    if (fn->body_lbrace < 0) return false;
    SelSubject subj = {.file = gf, .src = src, .len = len, .file_name = file_name, .fn = fn, .a = a};
    return rules_where_matches(r, &subj);
}

/* A matched package while its files are instrumented. */
typedef struct {
    Setup *s;
    const GoPackage *pkg;
    const char *pkg_path;  /* base import path */
    const Rule **rules;    /* malloc'd, from rules_for_package */
    int nrules;
    Buf *srcs;             /* contents of pkg->go_files, in order */
    /* Type specs of the whole package, parsed on first need (generic
     * receivers), under s->lock. */
    bool types_loaded;
    GoTypeSpec *types;
    int ntypes;
} PkgCtx;

/* One candidate file: inputs, then what instrumenting it produced. */
typedef struct {
    PkgCtx *pc;
    int file;              /* index into pc->pkg->go_files */
    char key[33];          /* instrumented-file cache key */
    bool cached;           /* result came from the cache */
    int status;            /* -1 error, 0 untouched, 1 instrumented */
    const char *out;       /* instrumented text (job arena), when status == 1 and !cached */
    size_t out_len;
    const char *cas_hash;  /* content hash of the output, when cached */
    int nfuncs;
    const char **hook_paths;
    int nhook_paths;
    const char *err;
    Arena *arena;
    Buf tparam_deps;       /* "tparams <type> <digest>\n" for each type looked up in other files */
    Buf plan;              /* the injection plan (inject_plan_write), when instrumented afresh */
    const char *plan_hash; /* content hash of the plan in the store, when cached */
    bool extras;           /* inject_code / add_struct_fields changed the file */
} FileJob;

static void load_package_types(PkgCtx *pc) {
    pc->types_loaded = true;
    int cap = 0;
    for (int i = 0; i < pc->pkg->ngo_files; i++) {
        GoFile gf;
        size_t eoff;
        const char *emsg;
        if (gosrc_parse(pc->s->a, buf_str(&pc->srcs[i]), pc->srcs[i].len, &gf, &eoff, &emsg) != 0) continue;
        for (int t = 0; t < gf.ntypes; t++) {
            if (pc->ntypes == cap) {
                cap = cap ? cap * 2 : 16;
                GoTypeSpec *nt = arena_alloc(pc->s->a, sizeof(GoTypeSpec) * (size_t)cap);
                if (pc->ntypes) memcpy(nt, pc->types, sizeof(GoTypeSpec) * (size_t)pc->ntypes);
                pc->types = nt;
            }
            pc->types[pc->ntypes++] = gf.types[t];
        }
    }
}

/* The type parameters of package-level type `name`, and a digest of them
 * (names and constraints), or -1. Takes s->lock. */
static int package_tparams(PkgCtx *pc, const char *type_name, const GoTypeParam **out, char digest[33]) {
    pthread_mutex_lock(&pc->s->lock);
    if (!pc->types_loaded) load_package_types(pc);
    int n = -1;
    for (int i = 0; i < pc->ntypes && n < 0; i++) {
        if (strcmp(pc->types[i].name, type_name) == 0) {
            *out = pc->types[i].tparams;
            n = pc->types[i].ntparams;
        }
    }
    pthread_mutex_unlock(&pc->s->lock);
    Hasher *h = hasher_new();
    for (int i = 0; i < n; i++) {
        hasher_str(h, (*out)[i].name);
        hasher_str(h, (*out)[i].constraint);
    }
    hasher_final(h, digest);
    return n;
}

/* TypeParamLookup for a job: the answer comes from other files of the
 * package, so it is recorded with the job's cache entry and checked again
 * before the entry is reused. */
static int lookup_tparams(void *ud, const char *type_name, const GoTypeParam **out) {
    FileJob *j = ud;
    char digest[33];
    int n = package_tparams(j->pc, type_name, out, digest);
    buf_printf(&j->tparam_deps, "tparams %s %s\n", type_name, n < 0 ? "-" : digest);
    return n;
}

static const HookSig *locked_hook_sig(Setup *s, const char *path, const char *name) {
    pthread_mutex_lock(&s->lock);
    const HookSig *sig = setup_hook_sig(s, path, name);
    pthread_mutex_unlock(&s->lock);
    return sig;
}

static void job_note_hook_path(FileJob *j, const char *path) {
    for (int i = 0; i < j->nhook_paths; i++)
        if (strcmp(j->hook_paths[i], path) == 0) return;
    const char **np = arena_alloc(j->arena, sizeof(char *) * (size_t)(j->nhook_paths + 1));
    if (j->nhook_paths) memcpy(np, j->hook_paths, sizeof(char *) * (size_t)j->nhook_paths);
    np[j->nhook_paths++] = path;
    j->hook_paths = np;
}

/* Does rule r reach fn of the job's file? */
static bool job_func_matches(FileJob *j, const Rule *r, const GoFile *gf, const GoFunc *fn) {
    const Buf *src = &j->pc->srcs[j->file];
    return setup_func_matches(r, gf, buf_str(src), src->len, j->pc->pkg->go_files[j->file], fn, j->arena);
}

/* The hook uses of every matching rule for fn, in rule order. */
static int hook_uses_for(FileJob *j, const GoFile *gf, const GoFunc *fn, HookUse **out, int *nout) {
    const PkgCtx *pc = j->pc;
    int n = 0;
    for (int r = 0; r < pc->nrules; r++)
        if (job_func_matches(j, pc->rules[r], gf, fn)) n += pc->rules[r]->nmods;
    *nout = 0;
    if (n == 0) return 0;
    HookUse *uses = arena_alloc(j->arena, sizeof(HookUse) * (size_t)n);
    for (int r = 0; r < pc->nrules; r++) {
        const Rule *rule = pc->rules[r];
        if (!job_func_matches(j, rule, gf, fn)) continue;
        for (int m = 0; m < rule->nmods; m++) {
            const Modifier *mod = &rule->mods[m];
            if (mod->kind != MOD_INJECT_HOOKS) continue;
            HookUse *u = &uses[(*nout)++];
            u->rule_name = rule->name;
            u->group = rule->group;
            u->hook_path = mod->path;
            if (mod->before && !(u->before = locked_hook_sig(pc->s, mod->path, mod->before))) return -1;
            if (mod->after && !(u->after = locked_hook_sig(pc->s, mod->path, mod->after))) return -1;
            job_note_hook_path(j, mod->path);
        }
    }
    *out = uses;
    return 0;
}

/* Parse and instrument one file (worker thread). */
static void run_job(FileJob *j) {
    PkgCtx *pc = j->pc;
    const char *name = pc->pkg->go_files[j->file];
    const Buf *src = &pc->srcs[j->file];
    GoFile gf;
    size_t eoff;
    const char *emsg;
    j->arena = arena_new();
    if (gosrc_parse(j->arena, buf_str(src), src->len, &gf, &eoff, &emsg) != 0) {
        log_msg(LOG_DEBUG, "%s/%s: not instrumented, does not parse (offset %zu: %s)", pc->pkg->dir, name, eoff, emsg);
        return;
    }
    /* inject_code and add_struct_fields first (extras.c); the hooks then
     * instrument the result, which has the same lines and declarations. */
    ExtraInput ex;
    const char *text = buf_str(src);
    size_t text_len = src->len;
    if (setup_file_extras(setup_unreachable(pc->s, pc->pkg->dir), j->arena, pc->pkg, pc->rules, pc->nrules, pc->srcs, &gf, name, src, &ex, &j->err) != 0) {
        j->err = arena_printf(j->arena, "%s/%s: %s", pc->pkg->dir, name, j->err);
        j->status = -1;
        return;
    }
    ex.src = text;
    ex.len = text_len;
    int nextras = ex.ncode + ex.nfields + ex.nvalues + ex.ncalls + ex.nlits;
    if (nextras > 0) {
        char *x;
        const char *err = NULL;
        if (inject_extras(j->arena, &ex, &x, &text_len, &err) != 0 ||
            gosrc_parse(j->arena, x, text_len, &gf, &eoff, &emsg) != 0) {
            j->err = arena_printf(j->arena, "%s/%s: %s", pc->pkg->dir, name, err ? err : emsg);
            j->status = -1;
            return;
        }
        text = x;
        j->extras = true;
    }
    FuncTarget *targets = arena_alloc(j->arena, sizeof(FuncTarget) * (size_t)(gf.nfuncs + 1));
    int ntargets = 0;
    for (int f = 0; f < gf.nfuncs; f++) {
        HookUse *uses;
        int nuses;
        if (hook_uses_for(j, &gf, &gf.funcs[f], &uses, &nuses) != 0) {
            j->status = -1;
            return;
        }
        if (nuses) targets[ntargets++] = (FuncTarget){.fn = &gf.funcs[f], .hooks = uses, .nhooks = nuses};
    }
    if (ntargets == 0 && nextras == 0) return;
    char id[33];
    hash_bytes(name, strlen(name), id);
    id[8] = '\0';
    InjectInput in = {
        .src = text, .len = text_len, .file = &gf, .pkg_path = pc->pkg_path,
        .targets = targets, .ntargets = ntargets, .id = arena_strdup(j->arena, id),
        .tparams = lookup_tparams, .tparams_ud = j, .no_new_imports = setup_unreachable(pc->s, pc->pkg->dir),
    };
    char *out;
    size_t out_len;
    const char *err;
    if (inject_file(j->arena, &in, &out, &out_len, &err) != 0) {
        j->err = arena_printf(j->arena, "%s/%s: %s", pc->pkg->dir, name, err);
        j->status = -1;
        return;
    }
    j->out = out;
    j->out_len = out_len;
    j->nfuncs = ntargets + nextras;
    inject_plan_write(&in, &j->plan);
    inject_plan_write_extras(&ex, &j->plan);
    j->status = 1;
}

typedef struct {
    FileJob **jobs;
    int njobs;
    atomic_int next;
} JobQueue;

static void *worker(void *arg) {
    JobQueue *q = arg;
    for (;;) {
        int i = atomic_fetch_add(&q->next, 1);
        if (i >= q->njobs) return NULL;
        run_job(q->jobs[i]);
    }
}

/* Run the jobs on one thread per core (fewer when there are few jobs). */
static void run_jobs(FileJob **jobs, int njobs) {
    JobQueue q = {.jobs = jobs, .njobs = njobs};
    atomic_init(&q.next, 0);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int nthreads = (int)(cores < 1 ? 1 : cores > 16 ? 16 : cores);
    if (nthreads > njobs) nthreads = njobs;
    if (nthreads <= 1) {
        worker(&q);
        return;
    }
    pthread_t tids[16];
    int started = 0;
    for (int t = 0; t < nthreads; t++)
        if (pthread_create(&tids[t], NULL, worker, &q) == 0) started++;
    if (started == 0) worker(&q);
    for (int t = 0; t < started; t++) pthread_join(tids[t], NULL);
}

/* ---- the instrumented-file cache ---- */

static bool has_prefix(const char *s, const char *prefix);

/* Digest of the rules that apply to a package and of their hook packages'
 * sources (which decide how parameters are passed). Hook sources outside
 * otel's own modules are watched by the marker, too. */
static void hash_rules_for(Setup *s, Hasher *h, const Rule **rules, int nrules) {
    for (int r = 0; r < nrules; r++) {
        const Rule *rule = rules[r];
        hasher_str(h, rule->name);
        hasher_str(h, rule->group);
        hasher_str(h, rule->func ? rule->func : "");
        hasher_str(h, rule->recv ? rule->recv : "");
        hasher_str(h, rule->where_text ? rule->where_text : "");
        for (int m = 0; m < rule->nmods; m++) {
            const Modifier *mod = &rule->mods[m];
            if (mod->kind == MOD_INJECT_CODE || mod->kind == MOD_ADD_STRUCT_FIELDS || mod->kind == MOD_ASSIGN_VALUE ||
                mod->kind == MOD_EXPAND_DIRECTIVE || mod->kind == MOD_WRAP_CALL || mod->kind == MOD_SET_FIELDS) {
                setup_hash_extra_mod(h, rule, mod);
                continue;
            }
            hasher_str(h, mod->before ? mod->before : "");
            hasher_str(h, mod->after ? mod->after : "");
            hasher_str(h, mod->path);
            const char *dir = setup_hook_dir(s, mod->path);
            hasher_str(h, dir ? dir : "?");
            if (dir) setup_hash_tree_sources(h, s->sc, dir, has_prefix(dir, s->opt->instr_dir) ? NULL : s);
        }
    }
}

static bool has_prefix(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Does a recorded type-parameter dependency still hold? */
static bool tparam_dep_holds(FileJob *j, const char *line) {
    char type[256], want[40];
    if (sscanf(line, "tparams %255s %39s", type, want) != 2) return false;
    const GoTypeParam *tp;
    char digest[33];
    int n = package_tparams(j->pc, type, &tp, digest);
    return n < 0 ? strcmp(want, "-") == 0 : strcmp(want, digest) == 0;
}

/* Cache entry format:
 *   otel-icache 1
 *   <status> <nfuncs> <output hash|->
 *   hook <path>            (hook packages the output links to)
 *   tparams <type> <digest> (type parameters read from other files)
 * The key covers the file's bytes, the rules and the hook sources; the
 * tparams lines cover what the output took from the package's other files. */
static bool icache_load(Setup *s, FileJob *j) {
    char *p = cas_path(s->cas_dir, j->key, ".icache");
    Buf b = BUF_INIT;
    bool ok = false;
    if (read_file(p, &b) == 0) {
        char *save = NULL;
        char *line = strtok_r(b.data, "\n", &save);
        char hash[33];
        int status, nfuncs;
        if (line && strcmp(line, "otel-icache 1") == 0 && (line = strtok_r(NULL, "\n", &save)) &&
            sscanf(line, "%d %d %32s", &status, &nfuncs, hash) == 3 && (status == 0 || status == 1)) {
            ok = status == 0 || cas_has(s->cas_dir, hash, ".go");
            j->status = status;
            j->nfuncs = nfuncs;
            j->cas_hash = arena_strdup(s->a, hash);
            j->arena = arena_new();
            while (ok && (line = strtok_r(NULL, "\n", &save))) {
                if (strncmp(line, "hook ", 5) == 0) job_note_hook_path(j, arena_strdup(j->arena, line + 5));
                else if (strncmp(line, "plan ", 5) == 0) {
                    j->plan_hash = arena_strdup(s->a, line + 5);
                    ok = cas_has(s->cas_dir, j->plan_hash, ".plan");
                }
                else if (strncmp(line, "tparams ", 8) == 0) ok = tparam_dep_holds(j, line);
                else if (strcmp(line, "extras") == 0) j->extras = true;
                else ok = false;
            }
        }
    }
    buf_free(&b);
    free(p);
    return ok;
}

static void icache_store(Setup *s, FileJob *j, const char *out_hash) {
    Buf b = BUF_INIT;
    buf_printf(&b, "otel-icache 1\n%d %d %s\n", j->status, j->nfuncs, out_hash ? out_hash : "-");
    if (j->plan.len > 0) buf_printf(&b, "plan %s\n", j->plan_hash);
    for (int i = 0; i < j->nhook_paths; i++) buf_printf(&b, "hook %s\n", j->hook_paths[i]);
    if (j->extras) buf_puts(&b, "extras\n");
    buf_append(&b, buf_str(&j->tparam_deps), j->tparam_deps.len);
    if (cas_put(s->cas_dir, j->key, ".icache", b.data, b.len) != 0) warn("cannot write the instrumented-file cache");
    buf_free(&b);
}

/* ---- packages ---- */

static void note_hook_path(Setup *s, const char *path) {
    for (int i = 0; i < s->nhook_paths; i++)
        if (strcmp(s->hook_paths[i], path) == 0) return;
    const char **np = arena_alloc(s->a, sizeof(char *) * (size_t)(s->nhook_paths + 1));
    if (s->nhook_paths) memcpy(np, s->hook_paths, sizeof(char *) * (size_t)s->nhook_paths);
    np[s->nhook_paths++] = arena_strdup(s->a, path);
    s->hook_paths = np;
    if (strncmp(path, LIBS_MODULE "/", strlen(LIBS_MODULE) + 1) == 0) {
        s->uses_libs = true;
        setup_note_lib_module(s, path);
    }
}

static bool file_mentions_any(const Buf *src, const Rule **rules, int nrules) {
    for (int r = 0; r < nrules; r++)
        if (rules_file_may_match(rules[r], buf_str(src), src->len) ||
            setup_rule_mentions_extra(rules[r], buf_str(src), src->len))
            return true;
    return false;
}

/* Files the user can edit: the main module and local replacements. The
 * standard library is fixed by the Go version and the module cache is
 * read-only, and both are in the setup key. */
static bool package_is_editable(const GoPackage *pkg) {
    return !pkg->standard && (pkg->module_main || !pkg->module_version || !*pkg->module_version);
}

/* Phase 1 for one package: read its files, make jobs for the candidates
 * (or take their results from the cache). Appends to *jobs. */
static int prepare_package(Setup *s, PkgCtx *pc, FileJob ***jobs, int *njobs) {
    const GoPackage *pkg = pc->pkg;
    pc->srcs = arena_alloc(s->a, sizeof(Buf) * (size_t)(pkg->ngo_files + 1));
    for (int i = 0; i < pkg->ngo_files; i++) {
        char *path = path_join(pkg->dir, pkg->go_files[i]);
        if (read_file(path, &pc->srcs[i]) != 0) warn("cannot read %s", path);
        /* A later body edit or new function here must be seen. */
        if (package_is_editable(pkg)) setup_watch_file(s, path);
        free(path);
    }
    Hasher *rh = hasher_new();
    hash_rules_for(s, rh, pc->rules, pc->nrules);
    char rules_digest[33];
    hasher_final(rh, rules_digest);
    for (int i = 0; i < pkg->ngo_files; i++) {
        if (!file_mentions_any(&pc->srcs[i], pc->rules, pc->nrules)) continue;
        FileJob *j = arena_alloc(s->a, sizeof(FileJob));
        j->pc = pc;
        j->file = i;
        Hasher *kh = hasher_new();
        hasher_str(kh, s->tool_id);
        hasher_str(kh, pc->pkg_path);
        hasher_str(kh, pkg->name);
        hasher_str(kh, pkg->go_files[i]);
        hasher_update(kh, buf_str(&pc->srcs[i]), pc->srcs[i].len);
        hasher_str(kh, rules_digest);
        hasher_str(kh, setup_unreachable(s, pkg->dir) ? "toolexec" : "overlay");
        hasher_final(kh, j->key);
        j->cached = icache_load(s, j);
        if (!j->cached) {
            arena_free(j->arena);
            j->arena = NULL;
            j->status = 0;
            j->extras = false;
            j->nfuncs = 0;
            j->nhook_paths = 0;
            j->hook_paths = NULL;
        }
        *jobs = xrealloc(*jobs, sizeof(FileJob *) * (size_t)(*njobs + 1));
        (*jobs)[(*njobs)++] = j;
    }
    return 0;
}

/* The job's injection plan into the content store (for coverage builds,
 * which apply it again to the cover tool's output). */
static int store_plan(Setup *s, FileJob *j) {
    char h[33];
    hash_bytes(j->plan.data, j->plan.len, h);
    if (cas_put(s->cas_dir, h, ".plan", j->plan.data, j->plan.len) != 0) {
        fprintf(stderr, "otel: error: cannot write an injection plan under %s\n", s->cas_dir);
        return -1;
    }
    j->plan_hash = arena_strdup(s->a, h);
    return 0;
}

/* Are the rules of a package all otel's support rules (otelsetup, gls)?
 * Their body changes (the gls fields and copies in runtime) alone do not
 * make a build instrumented. */
static bool support_rules_only(const PkgCtx *pc) {
    for (int i = 0; i < pc->nrules; i++) {
        const char *g = pc->rules[i]->group;
        if (!g || (strcmp(g, OTELSETUP_GROUP) != 0 && strcmp(g, GLS_GROUP) != 0)) return false;
    }
    return true;
}

/* Phase 3 for one job: overlay entry, hook packages, cache entry. */
static int apply_job(Setup *s, FileJob *j) {
    const GoPackage *pkg = j->pc->pkg;
    char *path = path_join(pkg->dir, pkg->go_files[j->file]);
    int rc = 0;
    if (j->status < 0) {
        if (j->err) fprintf(stderr, "otel: error: %s\n", j->err);
        rc = -1;
    } else if (j->status == 1) {
        char out_hash[33];
        if (j->cached) {
            rc = setup_add_overlay_cached(s, path, j->cas_hash);
        } else {
            hash_bytes(j->out, j->out_len, out_hash);
            rc = setup_add_overlay_file(s, path, j->out, j->out_len);
            if (rc == 0 && j->plan.len > 0) rc = store_plan(s, j);
            if (rc == 0) icache_store(s, j, out_hash);
        }
        if (rc == 0) s->overlay[s->noverlay - 1].plan = j->plan_hash;
        for (int i = 0; i < j->nhook_paths; i++) note_hook_path(s, j->hook_paths[i]);
        s->extras |= j->extras && !support_rules_only(j->pc);
        s->nfuncs += j->nfuncs;
        s->nfiles++;
        log_msg(LOG_DEBUG, "instrumented %s (%d function%s%s)", path, j->nfuncs, j->nfuncs == 1 ? "" : "s",
                j->cached ? ", cached" : "");
    } else if (!j->cached) {
        icache_store(s, j, NULL);
    }
    if (j->cached) s->icache_hits++;
    s->candidates++;
    free(path);
    return rc;
}

static bool is_external_test(const GoPackage *pkg);
#define SUPPORT_TEST_FILE "otel_hookctx_gen_test.go"

/* The support file; an external test package's is a _test.go file too,
 * or go would see two packages in one directory. */
static int add_support_file(Setup *s, const GoPackage *pkg) {
    Buf support = BUF_INIT;
    inject_support_file(pkg->name, &support);
    char *from = path_join(pkg->dir, is_external_test(pkg) ? SUPPORT_TEST_FILE : INJECT_SUPPORT_FILE);
    int rc = setup_add_overlay_file(s, from, buf_str(&support), support.len);
    free(from);
    buf_free(&support);
    return rc;
}

/* `go list -test` also lists the generated test main ("p.test"); its one
 * file lives in go's scratch space, and it is no user's code. */
static bool is_generated_testmain(const GoPackage *pkg) {
    size_t n = strlen(pkg->import_path);
    return strcmp(pkg->name, "main") == 0 && n > 5 && strcmp(pkg->import_path + n - 5, ".test") == 0;
}

static bool str_ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* An external test package ("p_test [p.test]": package p_test, built from
 * p's XTestGoFiles). */
static bool is_external_test(const GoPackage *pkg) {
    return pkg->for_test && strchr(pkg->import_path, ' ') && str_ends_with(pkg->name, "_test");
}

const GoPackage *setup_source_view(Setup *s, const GoPackage *pkg, bool tests) {
    int ntests = tests ? pkg->ntest_go_files : 0;
    if (pkg->ncgo_files == 0 && ntests == 0) return pkg;
    GoPackage *v = arena_alloc(s->a, sizeof *v);
    *v = *pkg;
    v->ngo_files = 0;
    v->go_files = arena_alloc(s->a, sizeof(char *) * (size_t)(pkg->ngo_files + pkg->ncgo_files + ntests + 1));
    for (int i = 0; i < pkg->ngo_files; i++) v->go_files[v->ngo_files++] = pkg->go_files[i];
    for (int i = 0; i < pkg->ncgo_files; i++) v->go_files[v->ngo_files++] = pkg->cgo_files[i];
    for (int i = 0; i < ntests; i++) v->go_files[v->ngo_files++] = pkg->test_go_files[i];
    return v;
}

/* Are the package's test files (TestGoFiles) candidates? Under `go test`,
 * for the packages under test (not mere dependencies) that the overlay
 * reaches: a package beneath GOMODCACHE keeps its test files as they are
 * (its compile for the test binary and its plain compile share one
 * -otelmark, which cannot say which file set is meant). */
static bool tests_are_candidates(const Setup *s, const GoPackage *pkg) {
    return strcmp(s->opt->inv->subcmd, "test") == 0 && !pkg->dep_only && !setup_unreachable(s, pkg->dir);
}

/* The packages that rules reach, each once (test variants folded). */
static PkgCtx **matched_packages(Setup *s, int *n) {
    StrSet done = STRSET_INIT;
    PkgCtx **out = NULL;
    *n = 0;
    for (int i = 0; i < s->pt.npkgs; i++) {
        const GoPackage *pkg = &s->pt.pkgs[i];
        if (!pkg->import_path || !pkg->dir || !pkg->name) continue;
        const char *base = golist_base_path(s->a, pkg->import_path);
        if (!strset_add(&done, base) || is_generated_testmain(pkg)) continue;
        if (is_external_test(pkg) && setup_unreachable(s, pkg->dir)) continue;
        bool is_main = strcmp(pkg->name, "main") == 0;
        int nrules;
        const Rule **rules = rules_for_package(s->rules, base, is_main, pkg->module_main,
                                               pkg->standard ? "" : pkg->module_version, &nrules);
        if (nrules == 0) {
            free(rules);
            continue;
        }
        PkgCtx *pc = arena_alloc(s->a, sizeof(PkgCtx));
        /* A package's candidates: its Go files, its cgo files (cgo runs on
         * the instrumented copy, docs/INJECTION.md) and under test its
         * internal test files; an external test package's files are its
         * GoFiles already. */
        pkg = setup_source_view(s, pkg, tests_are_candidates(s, pkg));
        *pc = (PkgCtx){.s = s, .pkg = pkg, .pkg_path = base, .rules = rules, .nrules = nrules};
        out = xrealloc(out, sizeof(PkgCtx *) * (size_t)(*n + 1));
        out[(*n)++] = pc;
    }
    strset_free(&done);
    return out;
}

int setup_instrument(Setup *s) {
    int npkgs, njobs = 0, status = 0;
    PkgCtx **pkgs = matched_packages(s, &npkgs);
    FileJob **jobs = NULL;
    for (int p = 0; p < npkgs; p++) prepare_package(s, pkgs[p], &jobs, &njobs);

    FileJob **todo = xmalloc(sizeof(FileJob *) * (size_t)(njobs + 1));
    int ntodo = 0;
    for (int i = 0; i < njobs; i++)
        if (!jobs[i]->cached) todo[ntodo++] = jobs[i];
    run_jobs(todo, ntodo);
    free(todo);

    /* Apply in order; a package with any instrumented file gets the support file. */
    int at = 0;
    for (int p = 0; p < npkgs; p++) {
        int touched = 0;
        for (; at < njobs && jobs[at]->pc == pkgs[p]; at++) {
            if (apply_job(s, jobs[at]) != 0) status = 2;
            if (jobs[at]->status == 1) touched++;
        }
        if (touched && status == 0 && add_support_file(s, pkgs[p]->pkg) != 0) status = 2;
    }
    if (status == 0 && setup_add_files(s, note_hook_path) != 0) status = 2;
    for (int i = 0; i < njobs; i++) {
        arena_free(jobs[i]->arena);
        buf_free(&jobs[i]->tparam_deps);
        buf_free(&jobs[i]->plan);
    }
    for (int p = 0; p < npkgs; p++) {
        for (int f = 0; f < pkgs[p]->pkg->ngo_files; f++) buf_free(&pkgs[p]->srcs[f]);
        free(pkgs[p]->rules);
    }
    free(jobs);
    free(pkgs);
    return status;
}
