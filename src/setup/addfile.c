/* add_file rules: a whole Go file from another package, added to the
 * target package through the overlay (RULES.md).
 *
 * The file is read from the directory of the package at `path` (found as
 * hook packages are, hooks.c) and given to Go as <target dir>/<file>:
 * its package clause names the target package, and its `//go:build
 * ignore` (or `// +build ignore`) line is blanked, not removed, so every
 * other line keeps its number (panics and compiler errors point at the
 * file's own lines). The ignore line is what keeps the file out of its
 * own package's build.
 *
 * The source package is linked into the program like a hook package
 * (output.c imports it from main), so the added file may reach its
 * functions by //go:linkname; that is how an added file in a standard
 * library package hands its accessors to hooks.
 *
 * The file's bytes are in the setup key (otel's own modules are hashed
 * whole, key.c) or, outside them, in the marker's watch list, and in the
 * instrumented-file cache key of the target's files (match.c hashes the
 * rule's package sources), so an edit to it re-runs setup. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup/internal.h"

/* Is the line [b, e) a build-ignore constraint? */
static bool is_ignore_line(const char *b, const char *e) {
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
    size_t n = (size_t)(e - b);
    return (n == 17 && memcmp(b, "//go:build ignore", 17) == 0) ||
           (n == 18 && memcmp(b, "// +build ignore", 16) == 0 && b[16] == ' ') ||
           (n == 16 && memcmp(b, "// +build ignore", 16) == 0);
}

/* ---- the added file's own build constraint ----
 * A file may say for which Go versions it is made, next to its ignore:
 * `//go:build ignore && go1.27` or `//go:build ignore && !go1.27` (Go's
 * internals differ between releases). Setup evaluates the constraint
 * itself: the file is added or not, and the line is blanked. go could not
 * do it for a package compiled through the -toolexec wrapper, which adds
 * whatever setup decided. Tags: `ignore` (true here), release tags goX.Y
 * (true up to the Go in use; all true for a development Go). Anything else
 * is an error naming the tag. */
typedef struct {
    const char *p, *end;
    int go_minor;       /* minor version of the Go in use (1.x), or -1 when unknown */
    const char *bad;    /* first unsupported tag or token, NULL while fine */
    Arena *a;
} Expr;

static void expr_space(Expr *e) {
    while (e->p < e->end && (*e->p == ' ' || *e->p == '\t')) e->p++;
}

static bool expr_or(Expr *e);

static bool expr_atom(Expr *e) {
    expr_space(e);
    if (e->p < e->end && *e->p == '!') {
        e->p++;
        return !expr_atom(e);
    }
    if (e->p < e->end && *e->p == '(') {
        e->p++;
        bool v = expr_or(e);
        expr_space(e);
        if (e->p < e->end && *e->p == ')') e->p++;
        else if (!e->bad) e->bad = "(";
        return v;
    }
    const char *b = e->p;
    while (e->p < e->end && (isalnum((unsigned char)*e->p) || *e->p == '_' || *e->p == '.')) e->p++;
    size_t n = (size_t)(e->p - b);
    if (n == 0) {
        if (!e->bad) e->bad = e->p < e->end ? arena_strndup(e->a, e->p, 1) : "end of line";
        e->p = e->end;
        return false;
    }
    if (n == 6 && memcmp(b, "ignore", 6) == 0) return true;
    int minor;
    char tail;
    char *tag = arena_strndup(e->a, b, n);
    if (sscanf(tag, "go1.%d%c", &minor, &tail) == 1 && minor >= 0) return e->go_minor < 0 || minor <= e->go_minor;
    if (!e->bad) e->bad = tag;
    return false;
}

static bool expr_and(Expr *e) {
    bool v = expr_atom(e);
    for (;;) {
        expr_space(e);
        if (e->end - e->p < 2 || memcmp(e->p, "&&", 2) != 0) return v;
        e->p += 2;
        bool r = expr_atom(e);
        v = v && r;
    }
}

static bool expr_or(Expr *e) {
    bool v = expr_and(e);
    for (;;) {
        expr_space(e);
        if (e->end - e->p < 2 || memcmp(e->p, "||", 2) != 0) return v;
        e->p += 2;
        bool r = expr_and(e);
        v = v || r;
    }
}

/* The minor version of the Go in use, from GOROOT/VERSION (read once per
 * setup); -1 when unknown (a development Go). */
static int go_minor_version(Setup *s) {
    if (s->go_minor == 0) {
        const char *src = setup_goroot_src(s);
        char *v = src ? xasprintf("%s/../VERSION", src) : NULL;
        Buf b = BUF_INIT;
        int minor = -1;
        if (!v || read_file(v, &b) != 0 || sscanf(buf_str(&b), "go1.%d", &minor) != 1) minor = -1;
        buf_free(&b);
        free(v);
        s->go_minor = minor + 1;
    }
    return s->go_minor - 1;
}

/* Is [b, e) a //go:build line? Then *keep says whether its constraint
 * holds; -1 with *bad for an unsupported tag. */
static int eval_build_line(Setup *s, const char *b, const char *e, bool *is_build, bool *keep, const char **bad) {
    *is_build = (size_t)(e - b) > 11 && memcmp(b, "//go:build ", 11) == 0;
    if (!*is_build) return 0;
    Expr x = {.p = b + 11, .end = e, .go_minor = go_minor_version(s), .a = s->a};
    while (x.end > x.p && (x.end[-1] == ' ' || x.end[-1] == '\t' || x.end[-1] == '\r')) x.end--;
    *keep = expr_or(&x);
    expr_space(&x);
    if (!x.bad && x.p < x.end) x.bad = arena_strndup(s->a, x.p, (size_t)(x.end - x.p));
    *bad = x.bad;
    return x.bad ? -1 : 0;
}

/* The file as the target package must see it, into out; -1 with *err when
 * it has no package clause. */
static int rewrite_file(Setup *s, Arena *a, const char *src, size_t len, const char *pkg_name, Buf *out,
                        bool *wanted, const char **err) {
    GoFile gf;
    size_t eoff;
    const char *emsg;
    if (gosrc_parse_header(a, src, len, &gf, &eoff, &emsg) != 0) {
        *err = arena_printf(a, "does not parse (offset %zu: %s)", eoff, emsg);
        return -1;
    }
    size_t name = gf.pkg_off + strlen("package");
    while (name < gf.pkg_name_end && (src[name] == ' ' || src[name] == '\t')) name++;
    /* Before the package clause: blank the ignore and build lines (a
     * build line decides whether the file is wanted), keep the rest. */
    size_t at = 0;
    *wanted = true;
    while (at < gf.pkg_off) {
        const char *nl = memchr(src + at, '\n', gf.pkg_off - at);
        size_t end = nl ? (size_t)(nl - src) : gf.pkg_off;
        bool is_build = false, keep = true;
        const char *bad = NULL;
        if (eval_build_line(s, src + at, src + end, &is_build, &keep, &bad) != 0) {
            *err = arena_printf(a, "build constraint: %s is not supported here (only ignore and go1.N)", bad);
            return -1;
        }
        if (is_build) *wanted = *wanted && keep;
        if (!is_build && !is_ignore_line(src + at, src + end)) buf_append(out, src + at, end - at);
        if (nl) buf_putc(out, '\n');
        at = nl ? end + 1 : end;
    }
    buf_append(out, src + gf.pkg_off, name - gf.pkg_off);
    buf_puts(out, pkg_name);
    buf_append(out, src + gf.pkg_name_end, len - gf.pkg_name_end);
    return 0;
}

/* Add one rule's file to pkg. 0, 1 when its build constraint says it is not
 * for this Go, or -1 (message printed). */
static int add_one(Setup *s, const GoPackage *pkg, const Rule *r, const Modifier *m) {
    const char *dir = setup_hook_dir(s, m->path);
    if (!dir) {
        fprintf(stderr, "otel: error: %s:%d:%d: rule %s: add_file: cannot find package %s\n", r->file, m->line,
                m->col, r->name, m->path);
        return -1;
    }
    char *from_path = path_join(dir, m->file);
    Buf src = BUF_INIT, out = BUF_INIT;
    int rc = -1;
    if (read_file(from_path, &src) != 0) {
        fprintf(stderr, "otel: error: %s:%d:%d: rule %s: add_file: cannot read %s\n", r->file, m->line, m->col,
                r->name, from_path);
        goto done;
    }
    if (strncmp(dir, s->opt->instr_dir, strlen(s->opt->instr_dir)) != 0) setup_watch_file(s, from_path);
    const char *err = NULL;
    bool wanted = true;
    if (rewrite_file(s, s->a, buf_str(&src), src.len, pkg->name, &out, &wanted, &err) != 0) {
        fprintf(stderr, "otel: error: %s:%d:%d: rule %s: add_file: %s %s\n", r->file, m->line, m->col, r->name,
                from_path, err);
        goto done;
    }
    if (!wanted) {
        log_msg(LOG_DEBUG, "rule %s: %s is not for this Go (its build constraint)", r->name, from_path);
        rc = 1;
        goto done;
    }
    char *to = path_join(pkg->dir, m->file);
    for (int i = 0; i < pkg->ngo_files; i++)
        if (strcmp(pkg->go_files[i], m->file) == 0)
            warn("rule %s: add_file: %s replaces the package's own file of that name", r->name, to);
    rc = setup_add_overlay_file(s, to, buf_str(&out), out.len);
    if (rc == 0) log_msg(LOG_DEBUG, "added %s (rule %s, from %s)", to, r->name, from_path);
    free(to);
done:
    free(from_path);
    buf_free(&src);
    buf_free(&out);
    return rc;
}

int setup_add_files(Setup *s, void (*note_path)(Setup *, const char *)) {
    StrSet done = STRSET_INIT;
    int rc = 0;
    for (int i = 0; i < s->pt.npkgs && rc == 0; i++) {
        const GoPackage *pkg = &s->pt.pkgs[i];
        if (!pkg->import_path || !pkg->dir || !pkg->name) continue;
        const char *base = golist_base_path(s->a, pkg->import_path);
        size_t n = strlen(base);
        bool testmain = strcmp(pkg->name, "main") == 0 && n > 5 && strcmp(base + n - 5, ".test") == 0;
        if (testmain || !strset_add(&done, base)) continue;
        int nrules;
        const Rule **rules = rules_for_package(s->rules, base, strcmp(pkg->name, "main") == 0, pkg->module_main,
                                               pkg->standard ? "" : pkg->module_version, &nrules);
        for (int r = 0; r < nrules && rc == 0; r++)
            for (int k = 0; k < rules[r]->nmods && rc == 0; k++) {
                const Modifier *m = &rules[r]->mods[k];
                if (m->kind != MOD_ADD_FILE) continue;
                if ((rc = add_one(s, pkg, rules[r], m)) == 0) {
                    note_path(s, m->path);
                    s->nfiles++;
                }
                if (rc == 1) rc = 0; /* not for this Go */
            }
        free(rules);
    }
    strset_free(&done);
    return rc;
}
