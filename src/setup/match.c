/* Matching rules against the package graph and instrumenting the files
 * they reach.
 *
 * For each package (test variants are folded into their base package: the
 * non-test files are the same), the rule index gives the rules for its
 * import path in O(1). A file is only parsed when a cheap byte search finds
 * one of the rules' function names in it; most files of a matched package
 * are never parsed. A file that does not parse is left untouched, so the
 * compiler reports the error in the user's own words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup/internal.h"

/* Does fn match the rule's where.func / where.recv? */
static bool func_matches(const Rule *r, const GoFunc *fn) {
    if (!r->func || strcmp(r->func, fn->name) != 0) return false;
    if (fn->body_lbrace < 0) return false;
    if (!r->recv) return !fn->has_recv;
    if (!fn->has_recv || !fn->recv_base) return false;
    const char *want = r->recv;
    bool want_ptr = want[0] == '*';
    if (want_ptr) want++;
    return want_ptr == fn->recv_ptr && strcmp(want, fn->recv_base) == 0;
}

/* Per-package state while its files are instrumented. */
typedef struct {
    Setup *s;
    const GoPackage *pkg;
    const char *pkg_path;
    /* Lazily parsed type specs of the whole package, for generic receivers. */
    bool types_loaded;
    GoTypeSpec *types;
    int ntypes;
} PkgCtx;

static void load_package_types(PkgCtx *pc) {
    pc->types_loaded = true;
    int cap = 0;
    for (int i = 0; i < pc->pkg->ngo_files; i++) {
        char *path = path_join(pc->pkg->dir, pc->pkg->go_files[i]);
        Buf b = BUF_INIT;
        if (read_file(path, &b) == 0) {
            GoFile gf;
            size_t eoff;
            const char *emsg;
            if (gosrc_parse(pc->s->a, buf_str(&b), b.len, &gf, &eoff, &emsg) == 0) {
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
        buf_free(&b);
        free(path);
    }
}

static int lookup_tparams(void *ud, const char *type_name, const GoTypeParam **out) {
    PkgCtx *pc = ud;
    if (!pc->types_loaded) load_package_types(pc);
    for (int i = 0; i < pc->ntypes; i++) {
        if (strcmp(pc->types[i].name, type_name) == 0) {
            *out = pc->types[i].tparams;
            return pc->types[i].ntparams;
        }
    }
    return -1;
}

static void note_hook_path(Setup *s, const char *path) {
    for (int i = 0; i < s->nhook_paths; i++)
        if (strcmp(s->hook_paths[i], path) == 0) return;
    const char **np = arena_alloc(s->a, sizeof(char *) * (size_t)(s->nhook_paths + 1));
    if (s->nhook_paths) memcpy(np, s->hook_paths, sizeof(char *) * (size_t)s->nhook_paths);
    np[s->nhook_paths++] = path;
    s->hook_paths = np;
    if (strncmp(path, LIBS_MODULE "/", strlen(LIBS_MODULE) + 1) == 0) s->uses_libs = true;
}

/* The hook uses of every matching rule for fn, in rule order. */
static int hook_uses_for(Setup *s, const Rule **rules, int nrules, const GoFunc *fn,
                         HookUse **out, int *nout) {
    int n = 0;
    for (int r = 0; r < nrules; r++)
        if (func_matches(rules[r], fn)) n += rules[r]->nmods;
    *nout = 0;
    if (n == 0) return 0;
    HookUse *uses = arena_alloc(s->a, sizeof(HookUse) * (size_t)n);
    for (int r = 0; r < nrules; r++) {
        const Rule *rule = rules[r];
        if (!func_matches(rule, fn)) continue;
        for (int m = 0; m < rule->nmods; m++) {
            const Modifier *mod = &rule->mods[m];
            if (mod->kind != MOD_INJECT_HOOKS) continue;
            HookUse *u = &uses[(*nout)++];
            u->rule_name = rule->name;
            u->group = rule->group;
            u->hook_path = mod->path;
            if (mod->before && !(u->before = setup_hook_sig(s, mod->path, mod->before))) return -1;
            if (mod->after && !(u->after = setup_hook_sig(s, mod->path, mod->after))) return -1;
            note_hook_path(s, mod->path);
        }
    }
    *out = uses;
    return 0;
}

static bool file_mentions_any(const char *src, size_t len, const Rule **rules, int nrules) {
    for (int r = 0; r < nrules; r++)
        if (rules[r]->func && memmem(src, len, rules[r]->func, strlen(rules[r]->func))) return true;
    return false;
}

/* Instrument one file of pc's package. 1 when instrumented, 0 when not
 * touched, -1 on error. */
static int instrument_file(PkgCtx *pc, const char *name, const Rule **rules, int nrules) {
    Setup *s = pc->s;
    char *path = path_join(pc->pkg->dir, name);
    Buf src = BUF_INIT;
    int result = 0;
    if (read_file(path, &src) != 0) {
        warn("cannot read %s", path);
        goto done;
    }
    if (!file_mentions_any(buf_str(&src), src.len, rules, nrules)) goto done;
    GoFile gf;
    size_t eoff;
    const char *emsg;
    if (gosrc_parse(s->a, buf_str(&src), src.len, &gf, &eoff, &emsg) != 0) {
        log_msg(LOG_DEBUG, "%s: not instrumented, does not parse (offset %zu: %s)", path, eoff, emsg);
        goto done;
    }
    FuncTarget *targets = arena_alloc(s->a, sizeof(FuncTarget) * (size_t)(gf.nfuncs + 1));
    int ntargets = 0;
    for (int f = 0; f < gf.nfuncs; f++) {
        HookUse *uses;
        int nuses;
        if (hook_uses_for(s, rules, nrules, &gf.funcs[f], &uses, &nuses) != 0) {
            result = -1;
            goto done;
        }
        if (nuses == 0) continue;
        targets[ntargets++] = (FuncTarget){.fn = &gf.funcs[f], .hooks = uses, .nhooks = nuses};
    }
    if (ntargets == 0) goto done;
    char id[33];
    hash_bytes(name, strlen(name), id);
    id[8] = '\0';
    InjectInput in = {
        .src = buf_str(&src), .len = src.len, .file = &gf, .pkg_path = pc->pkg_path,
        .targets = targets, .ntargets = ntargets, .id = arena_strdup(s->a, id),
        .tparams = lookup_tparams, .tparams_ud = pc,
    };
    char *out;
    size_t out_len;
    const char *err;
    if (inject_file(s->a, &in, &out, &out_len, &err) != 0) {
        fprintf(stderr, "otel: error: %s: %s\n", path, err);
        result = -1;
        goto done;
    }
    if (setup_add_overlay_file(s, path, out, out_len) != 0) {
        result = -1;
        goto done;
    }
    log_msg(LOG_DEBUG, "instrumented %s (%d function%s)", path, ntargets, ntargets == 1 ? "" : "s");
    s->nfuncs += ntargets;
    s->nfiles++;
    result = 1;
done:
    buf_free(&src);
    free(path);
    return result;
}

static int instrument_package(Setup *s, const GoPackage *pkg, const char *base, const Rule **rules, int nrules) {
    PkgCtx pc = {.s = s, .pkg = pkg, .pkg_path = base};
    int touched = 0;
    for (int i = 0; i < pkg->ngo_files; i++) {
        int rc = instrument_file(&pc, pkg->go_files[i], rules, nrules);
        if (rc < 0) return -1;
        touched += rc;
    }
    if (touched == 0) return 0;
    Buf support = BUF_INIT;
    inject_support_file(pkg->name, &support);
    char *from = path_join(pkg->dir, INJECT_SUPPORT_FILE);
    int rc = setup_add_overlay_file(s, from, buf_str(&support), support.len);
    free(from);
    buf_free(&support);
    return rc;
}

/* Files the user can edit: the main module and local replacements. The
 * standard library is fixed by the Go version and the module cache is
 * read-only, and both are in the setup key. */
static bool package_is_editable(const GoPackage *pkg) {
    return !pkg->standard && (pkg->module_main || !pkg->module_version || !*pkg->module_version);
}

/* `go list -test` also lists the generated test main ("p.test"); its one
 * file lives in go's scratch space, and it is no user's code. */
static bool is_generated_testmain(const GoPackage *pkg) {
    size_t n = strlen(pkg->import_path);
    return strcmp(pkg->name, "main") == 0 && n > 5 && strcmp(pkg->import_path + n - 5, ".test") == 0;
}

int setup_instrument(Setup *s) {
    StrSet done = STRSET_INIT; /* base import paths handled (test variants share files) */
    int status = 0;
    for (int i = 0; i < s->pt.npkgs && status == 0; i++) {
        const GoPackage *pkg = &s->pt.pkgs[i];
        if (!pkg->import_path || !pkg->dir || !pkg->name) continue;
        const char *base = golist_base_path(s->a, pkg->import_path);
        if (!strset_add(&done, base)) continue;
        if (is_generated_testmain(pkg)) continue;
        bool is_main = strcmp(pkg->name, "main") == 0;
        int nrules;
        const Rule **rules = rules_for_package(s->rules, base, is_main,
                                               pkg->standard ? "" : pkg->module_version, &nrules);
        if (nrules == 0) {
            free(rules);
            continue;
        }
        if (package_is_editable(pkg)) {
            /* A later body edit or new function here must be seen. */
            for (int f = 0; f < pkg->ngo_files; f++) {
                char *p = path_join(pkg->dir, pkg->go_files[f]);
                setup_watch_file(s, p);
                free(p);
            }
        }
        int rc = instrument_package(s, pkg, base, rules, nrules);
        free(rules);
        if (rc != 0) status = 2;
    }
    strset_free(&done);
    return status;
}
