/* Hook packages: where their source is, and what their hooks declare.
 *
 * A trampoline passes a parameter boxed when the hook declares it as
 * interface{}/any, so the hook's source is read at setup, once per hook
 * package (all hooks of a package come from one read of its files). The
 * directory is found without another `go list` where possible: our own
 * modules are next to the otel binary, the main module is on disk, and a
 * package already in the build graph has its Dir. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup/internal.h"

static bool has_prefix_path(const char *path, const char *prefix) {
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Ask go itself, with the alternate go.mod, for a package's directory. */
static const char *ask_go_for_dir(Setup *s, const char *path) {
    const char *modfile = s->gowork ? NULL : setup_write_modfile(s, s->opt->inv->user_modfile, NULL);
    if (!s->gowork && !modfile) return NULL;
    /* In a workspace go list already sees the user's modules; ours are not
     * needed to find a third-party hook package. */
    char *mf = modfile ? xasprintf("-modfile=%s", modfile) : xstrdup("-e");
    char *argv[] = {"go", "list", "-e", mf, "-f", "{{.Dir}}", (char *)path, NULL};
    Buf out = BUF_INIT;
    int rc = run_capture(argv, NULL, &out);
    free(mf);
    const char *dir = NULL;
    if (rc == 0 && out.len > 1) {
        size_t n = out.len;
        while (n > 0 && (out.data[n - 1] == '\n' || out.data[n - 1] == '\r')) n--;
        if (n) dir = arena_strndup(s->a, out.data, n);
    }
    buf_free(&out);
    return dir;
}

const char *setup_hook_dir(Setup *s, const char *path) {
    if (has_prefix_path(path, OTEL_RT_MODULE)) {
        const char *rest = path + strlen(OTEL_RT_MODULE);
        return arena_printf(s->a, "%s%s", s->opt->instr_dir, rest);
    }
    /* A main module (a workspace has several): the package is on disk. */
    for (int i = 0; i < s->pt.npkgs; i++) {
        const GoPackage *p = &s->pt.pkgs[i];
        if (p->module_main && p->module_path && p->module_dir && has_prefix_path(path, p->module_path))
            return arena_printf(s->a, "%s%s", p->module_dir, path + strlen(p->module_path));
    }
    if (s->main_module && has_prefix_path(path, s->main_module)) {
        const char *rest = path + strlen(s->main_module);
        return arena_printf(s->a, "%s%s", s->root, rest);
    }
    for (int i = 0; i < s->pt.npkgs; i++)
        if (s->pt.pkgs[i].import_path && strcmp(s->pt.pkgs[i].import_path, path) == 0) return s->pt.pkgs[i].dir;
    return ask_go_for_dir(s, path);
}

static bool is_hook_source(const char *name) {
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".go") == 0 && !(n > 8 && strcmp(name + n - 8, "_test.go") == 0);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Look for `name` in every non-test .go file of dir (sorted, so the answer
 * does not depend on readdir order). */
/* The hook context method set (DESIGN.md §3). The trampolines pass their
 * own interface value; a hook's interface with other methods would index
 * a different method table, and the program would die in the runtime. */
static const char *const hook_context_methods[] = {
    "SetSkipCall", "IsSkipCall", "SetData", "GetData", "GetKeyData", "SetKeyData", "HasKeyData",
    "GetParamCount", "GetParam", "SetParam", "GetReturnValCount", "GetReturnVal", "SetReturnVal",
    "GetFuncName", "GetPackageName", NULL,
};

static bool is_ident_byte(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Check an interface body (the text between its braces) against the hook
 * context method set. Returns NULL when it fits or cannot be judged
 * (embedded interfaces), else a message (in a). */
static const char *check_context_body(Arena *a, const char *body, size_t n) {
    StrSet have = STRSET_INIT;
    bool embedded = false;
    const char *msg = NULL;
    for (size_t i = 0; i < n;) {
        while (i < n && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r' || body[i] == ';')) i++;
        if (i + 1 < n && body[i] == '/' && body[i + 1] == '/') {
            while (i < n && body[i] != '\n') i++;
            continue;
        }
        size_t start = i;
        while (i < n && is_ident_byte(body[i])) i++;
        if (i == start) {
            while (i < n && body[i] != '\n' && body[i] != ';') i++;
            continue;
        }
        char *ident = xstrndup(body + start, i - start);
        if (i < n && body[i] == '(') strset_add(&have, ident);
        else embedded = true;
        free(ident);
        int depth = 0; /* skip the rest of the entry */
        while (i < n && (depth > 0 || (body[i] != '\n' && body[i] != ';'))) {
            if (body[i] == '(') depth++;
            else if (body[i] == ')') depth--;
            i++;
        }
    }
    if (!embedded) {
        for (int m = 0; hook_context_methods[m] && !msg; m++)
            if (!strset_has(&have, hook_context_methods[m]))
                msg = arena_printf(a, "lacks method %s", hook_context_methods[m]);
        int count = 0;
        for (int m = 0; hook_context_methods[m]; m++) count++;
        if (!msg && (int)have.len != count) msg = arena_printf(a, "has %zu methods, not the %d of the hook context", have.len, count);
    }
    strset_free(&have);
    return msg;
}

/* The hook's first parameter type, when declared as an interface in the
 * hook's own package, must have exactly the hook context method set.
 * (Imported types, like instrumentation/hook.HookContext, are trusted.) */
static const char *check_context_type(Setup *s, const GoFile *gf, const char *hook) {
    const char *ctx_type = NULL;
    for (int f = 0; f < gf->nfuncs && !ctx_type; f++)
        if (!gf->funcs[f].has_recv && strcmp(gf->funcs[f].name, hook) == 0 && gf->funcs[f].nparams > 0)
            ctx_type = gf->funcs[f].params[0].type;
    if (!ctx_type || strchr(ctx_type, '.')) return NULL;
    for (int i = 0; i < s->hook_types_n; i++) {
        const HookTypeText *t = &s->hook_types[i];
        if (strcmp(t->name, ctx_type) == 0) {
            const char *msg = check_context_body(s->a, t->body, strlen(t->body));
            return msg ? arena_printf(s->a, "hook context type %s %s", ctx_type, msg) : NULL;
        }
    }
    return NULL;
}

/* Remember the interface types of a hook package file (for the check above). */
static void note_interfaces(Setup *s, const GoFile *gf, const char *src) {
    for (int t = 0; t < gf->ntypes; t++) {
        const GoTypeSpec *ts = &gf->types[t];
        if (ts->kind != GO_TYPE_INTERFACE || ts->lbrace < 0 || ts->rbrace <= ts->lbrace) continue;
        HookTypeText *nt = arena_alloc(s->a, sizeof(HookTypeText) * (size_t)(s->hook_types_n + 1));
        if (s->hook_types_n) memcpy(nt, s->hook_types, sizeof(HookTypeText) * (size_t)s->hook_types_n);
        nt[s->hook_types_n++] = (HookTypeText){
            .name = ts->name,
            .body = arena_strndup(s->a, src + ts->lbrace + 1, (size_t)(ts->rbrace - ts->lbrace - 1)),
        };
        s->hook_types = nt;
    }
}

static bool find_hook_in_dir(Setup *s, const char *dir, const char *name, HookSig *sig, const char **bad) {
    DIR *d = opendir(dir);
    if (!d) return false;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_hook_source(e->d_name)) continue;
        names = xrealloc(names, sizeof(char *) * (n + 1));
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(char *), cmp_str);
    bool found = false;
    const GoFile *hook_file = NULL;
    s->hook_types_n = 0;
    for (size_t i = 0; i < n && !found; i++) {
        char *p = path_join(dir, names[i]);
        Buf b = BUF_INIT;
        if (!has_prefix_path(dir, s->opt->instr_dir)) setup_watch_file(s, p); /* ours are in the key */
        if (read_file(p, &b) == 0) {
            GoFile *gf = arena_alloc(s->a, sizeof(GoFile));
            size_t eoff;
            const char *emsg;
            /* The hook file is copied into the arena: HookSig points into it. */
            const char *src = arena_strndup(s->a, buf_str(&b), b.len);
            if (gosrc_parse(s->a, src, b.len, gf, &eoff, &emsg) == 0) {
                note_interfaces(s, gf, src);
                if (!found && memmem(src, b.len, name, strlen(name)) && inject_hook_sig(s->a, gf, name, sig) == 0) {
                    found = true;
                    hook_file = gf;
                }
            }
        }
        buf_free(&b);
        free(p);
    }
    if (found) *bad = check_context_type(s, hook_file, name);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return found;
}

const HookSig *setup_hook_sig(Setup *s, const char *path, const char *name) {
    for (int i = 0; i < s->nhooks; i++) {
        HookEntry *h = s->hooks[i];
        if (strcmp(h->path, path) == 0 && strcmp(h->name, name) == 0) return h->found ? &h->sig : NULL;
    }
    /* Entries are allocated one by one: callers keep pointers to their sig. */
    HookEntry **nh = arena_alloc(s->a, sizeof(HookEntry *) * (size_t)(s->nhooks + 1));
    if (s->nhooks) memcpy(nh, s->hooks, sizeof(HookEntry *) * (size_t)s->nhooks);
    s->hooks = nh;
    HookEntry *h = arena_alloc(s->a, sizeof(HookEntry));
    s->hooks[s->nhooks++] = h;
    h->path = path;
    h->name = name;
    const char *dir = setup_hook_dir(s, path);
    if (!dir) {
        fprintf(stderr, "otel: error: cannot find hook package %s\n"
                        "otel: add the module that provides it to your go.mod\n", path);
        return NULL;
    }
    const char *bad = NULL;
    h->found = find_hook_in_dir(s, dir, name, &h->sig, &bad);
    if (h->found && bad) {
        fprintf(stderr, "otel: error: hook %s.%s: %s\n"
                        "otel: declare it with the hook context's method set (DESIGN.md §3), or use "
                        "otelgo.dev/instrumentation/hook.HookContext\n",
                path, name, bad);
        h->found = false;
        return NULL;
    }
    if (!h->found) {
        fprintf(stderr, "otel: error: hook %s.%s not found in %s\n"
                        "otel: a hook is a plain function whose first parameter is the hook context\n",
                path, name, dir);
        return NULL;
    }
    return &h->sig;
}
