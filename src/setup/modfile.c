/* The alternate go.mod and go.sum (-modfile) that let the build see the
 * hook modules without touching the user's files.
 *
 * go.mod: the user's file, then a require + replace (to the local
 * directory) for each of our modules in use. A local replacement needs no
 * checksum, so the zero-dependency runtime module adds nothing to go.sum.
 * When the SDK-bearing libs module is in use, its go.sum lines are appended
 * to the user's: every module version MVS can select is then either the
 * user's or ours, and both are covered. The `go` line is raised to the libs
 * module's when that is newer, because go refuses a main module whose go
 * line is older than a dependency's. That would change the language
 * version the user's own packages compile with (loop variable semantics
 * changed in 1.22), so the old version is pinned back for the main module
 * with -gcflags=<module>/...=-lang=goX.Y: semantics stay the user's. Our
 * runtime module declares an old go line so this only happens for the
 * SDK-bearing libs module and old user go lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup/internal.h"

/* A Go version as go orders them: 1.21 (a language version) < 1.21beta1 <
 * 1.21rc1 < 1.21.0 < 1.21.1. */
typedef struct {
    long major, minor, kind, num; /* kind: 0 language, 1 beta, 2 rc, 3 release */
} GoVersion;

static GoVersion parse_go_version(const char *v) {
    GoVersion g = {0, 0, 0, 0};
    char *end;
    g.major = strtol(v, &end, 10);
    if (*end == '.') g.minor = strtol(end + 1, &end, 10);
    if (*end == '.') {
        g.kind = 3;
        g.num = strtol(end + 1, &end, 10);
    } else if (strncmp(end, "rc", 2) == 0) {
        g.kind = 2;
        g.num = strtol(end + 2, &end, 10);
    } else if (strncmp(end, "beta", 4) == 0) {
        g.kind = 1;
        g.num = strtol(end + 4, &end, 10);
    }
    return g;
}

static int go_version_cmp(const char *a, const char *b) {
    GoVersion x = parse_go_version(a), y = parse_go_version(b);
    long d[] = {x.major - y.major, x.minor - y.minor, x.kind - y.kind, x.num - y.num};
    for (int i = 0; i < 4; i++)
        if (d[i]) return d[i] < 0 ? -1 : 1;
    return 0;
}

/* Do two versions have the same language version (major.minor)? */
static bool same_language(const char *a, const char *b) {
    GoVersion x = parse_go_version(a), y = parse_go_version(b);
    return x.major == y.major && x.minor == y.minor;
}

/* The version of the `go` directive in a go.mod text, or NULL (in a). */
static const char *go_directive(Arena *a, const char *text, size_t *line_off, size_t *line_len) {
    const char *p = text;
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (n > 3 && strncmp(p, "go ", 3) == 0) {
            const char *v = p + 3;
            while (*v == ' ' || *v == '\t') v++;
            size_t vn = 0;
            while (v + vn < p + n && v[vn] != ' ' && v[vn] != '\t' && v[vn] != '\r' && v[vn] != '/') vn++;
            if (line_off) *line_off = (size_t)(p - text);
            if (line_len) *line_len = n;
            return arena_strndup(a, v, vn);
        }
        p = eol ? eol + 1 : NULL;
    }
    return NULL;
}

/* The newer of `have` and the go line of dir/go.mod. */
static const char *module_go_version(Setup *s, const char *dir, const char *have) {
    char *mod = path_join(dir, "go.mod");
    Buf b = BUF_INIT;
    const char *v = NULL;
    if (read_file(mod, &b) == 0) v = go_directive(s->a, buf_str(&b), NULL, NULL);
    buf_free(&b);
    free(mod);
    if (!v) return have;
    if (!have) return v;
    return go_version_cmp(have, v) < 0 ? v : have;
}

/* One `require` entry of a go.mod text, with where its version stands. */
typedef struct {
    const char *path;
    const char *version;
    size_t ver_off, ver_len;
} Require;

typedef struct {
    Require *reqs;
    int nreqs;
    StrSet replaced; /* module paths with a replace directive */
} ModInfo;

/* Split a go.mod line into up to 4 whitespace-separated words; a `//`
 * comment ends the line. */
static int words(const char *line, size_t n, const char *w[4], size_t wl[4]) {
    int k = 0;
    size_t i = 0;
    while (i < n && k < 4) {
        while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) i++;
        if (i >= n || (line[i] == '/' && i + 1 < n && line[i + 1] == '/')) break;
        size_t j = i;
        while (j < n && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') j++;
        w[k] = line + i;
        wl[k++] = j - i;
        i = j;
    }
    return k;
}

static void add_require(Arena *a, ModInfo *mi, const char *path, size_t pl, const char *ver, size_t vl, size_t off) {
    Require *nr = arena_alloc(a, sizeof(Require) * (size_t)(mi->nreqs + 1));
    if (mi->nreqs) memcpy(nr, mi->reqs, sizeof(Require) * (size_t)mi->nreqs);
    nr[mi->nreqs++] = (Require){arena_strndup(a, path, pl), arena_strndup(a, ver, vl), off, vl};
    mi->reqs = nr;
}

/* Read the require and replace directives of a go.mod text. A line-based
 * reading is enough for files that go itself accepts. */
static void parse_gomod(Arena *a, const char *text, ModInfo *mi) {
    memset(mi, 0, sizeof *mi);
    int block = 0; /* 1: inside require ( ), 2: inside replace ( ) */
    for (const char *p = text; p && *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        const char *w[4];
        size_t wl[4];
        int k = words(p, n, w, wl);
        if (block) {
            if (k >= 1 && wl[0] == 1 && w[0][0] == ')') block = 0;
            else if (block == 1 && k >= 2) add_require(a, mi, w[0], wl[0], w[1], wl[1], (size_t)(w[1] - text));
            else if (block == 2 && k >= 1) strset_add(&mi->replaced, arena_strndup(a, w[0], wl[0]));
        } else if (k >= 2 && wl[0] == 7 && (strncmp(w[0], "require", 7) == 0 || strncmp(w[0], "replace", 7) == 0)) {
            bool req = strncmp(w[0], "require", 7) == 0;
            if (wl[1] == 1 && w[1][0] == '(') block = req ? 1 : 2;
            else if (req && k >= 3) add_require(a, mi, w[1], wl[1], w[2], wl[2], (size_t)(w[2] - text));
            else if (!req) strset_add(&mi->replaced, arena_strndup(a, w[1], wl[1]));
        }
        p = eol ? eol + 1 : NULL;
    }
}

static const Require *find_require(const ModInfo *mi, const char *path) {
    for (int i = 0; i < mi->nreqs; i++)
        if (strcmp(mi->reqs[i].path, path) == 0) return &mi->reqs[i];
    return NULL;
}

/* A text edit: replace [off, off+len) of the user's go.mod with text. */
typedef struct {
    size_t off, len;
    const char *text;
} Edit;

static int cmp_edit(const void *a, const void *b) {
    const Edit *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* The pieces otel adds to the user's go.mod: edits in place (go line,
 * raised versions), lines appended at the end, and the requirements the
 * user lacks (several of our modules may require the same module: each
 * is written once, at the highest version asked for). */
typedef struct {
    Edit *edits;
    int nedits;
    Buf tail;
    Require *adds;
    int nadds;
} GoModPatch;

static void patch_edit(Arena *a, GoModPatch *gp, size_t off, size_t len, const char *text) {
    Edit *ne = arena_alloc(a, sizeof(Edit) * (size_t)(gp->nedits + 1));
    if (gp->nedits) memcpy(ne, gp->edits, sizeof(Edit) * (size_t)gp->nedits);
    ne[gp->nedits++] = (Edit){off, len, text};
    gp->edits = ne;
}

/* Raise the user's requirement ur to version, unless another of our
 * modules already raised it higher (one edit per place in the text). */
static void patch_raise(Arena *a, GoModPatch *gp, const Require *ur, const char *version) {
    for (int i = 0; i < gp->nedits; i++)
        if (gp->edits[i].off == ur->ver_off) {
            if (semver_compare(gp->edits[i].text, version) < 0) gp->edits[i].text = version;
            return;
        }
    patch_edit(a, gp, ur->ver_off, ur->ver_len, version);
}

/* Require path (which the user's go.mod lacks) at version, or at the
 * higher version another of our modules asked for. */
static void patch_add_require(Arena *a, GoModPatch *gp, const char *path, const char *version) {
    for (int i = 0; i < gp->nadds; i++)
        if (strcmp(gp->adds[i].path, path) == 0) {
            if (semver_compare(gp->adds[i].version, version) < 0) gp->adds[i].version = version;
            return;
        }
    Require *na = arena_alloc(a, sizeof(Require) * (size_t)(gp->nadds + 1));
    if (gp->nadds) memcpy(na, gp->adds, sizeof(Require) * (size_t)gp->nadds);
    na[gp->nadds++] = (Require){path, version, 0, 0};
    gp->adds = na;
}

/* Our own module: required at v0.0.0 and replaced by its directory. */
static void patch_own_module(GoModPatch *gp, const ModInfo *user, const char *path, const char *dir) {
    if (!find_require(user, path)) buf_printf(&gp->tail, "require %s v0.0.0\n", path);
    if (!strset_has(&user->replaced, path)) buf_printf(&gp->tail, "replace %s => %s\n", path, dir);
}

/* The libs module's requirements: with graph pruning the main go.mod must
 * list every module that provides a package to the build, at the version
 * MVS selects, which is the higher of the user's and ours. */
static void patch_libs_requirements(Setup *s, GoModPatch *gp, const ModInfo *user, const char *libs_text) {
    ModInfo libs;
    parse_gomod(s->a, libs_text, &libs);
    for (int i = 0; i < libs.nreqs; i++) {
        const Require *lr = &libs.reqs[i];
        if (strncmp(lr->path, OTEL_RT_MODULE, strlen(OTEL_RT_MODULE)) == 0) continue;
        const Require *ur = find_require(user, lr->path);
        if (!ur) patch_add_require(s->a, gp, lr->path, lr->version);
        else if (semver_compare(ur->version, lr->version) < 0)
            patch_raise(s->a, gp, ur, lr->version);
    }
    strset_free(&libs.replaced);
}

static void apply_patch(const char *text, size_t len, GoModPatch *gp, Buf *out) {
    if (gp->nedits) qsort(gp->edits, (size_t)gp->nedits, sizeof(Edit), cmp_edit);
    size_t at = 0;
    for (int i = 0; i < gp->nedits; i++) {
        buf_append(out, text + at, gp->edits[i].off - at);
        buf_puts(out, gp->edits[i].text);
        at = gp->edits[i].off + gp->edits[i].len;
    }
    buf_append(out, text + at, len - at);
    buf_puts(out, "\n// Added by otel for the instrumented build.\n");
    buf_append(out, buf_str(&gp->tail), gp->tail.len);
    for (int i = 0; i < gp->nadds; i++) buf_printf(out, "require %s %s // indirect\n", gp->adds[i].path, gp->adds[i].version);
}

/* Append the lines of go.sum file `path` that are not already in out. */
static void append_sum(Buf *out, const char *path) {
    Buf b = BUF_INIT;
    if (read_file(path, &b) != 0) {
        buf_free(&b);
        return;
    }
    StrSet have = STRSET_INIT;
    char *copy = xstrdup(buf_str(out));
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) strset_add(&have, line);
    free(copy);
    if (out->len && out->data[out->len - 1] != '\n') buf_putc(out, '\n');
    for (char *line = strtok(b.data ? b.data : (char[]){0}, "\n"); line; line = strtok(NULL, "\n")) {
        if (strset_add(&have, line)) {
            buf_puts(out, line);
            buf_putc(out, '\n');
        }
    }
    strset_free(&have);
    buf_free(&b);
}

/* The go.sum that goes with a go.mod path: x.mod -> x.sum. */
static char *sum_path_for(const char *modpath) {
    size_t n = strlen(modpath);
    if (n > 4 && strcmp(modpath + n - 4, ".mod") == 0) return xasprintf("%.*s.sum", (int)(n - 4), modpath);
    return xasprintf("%s.sum", modpath);
}

/* "1.22.3" -> "go1.22" (the -lang form), in a. */
static const char *lang_of(Arena *a, const char *v) {
    const char *dot = strchr(v, '.');
    size_t n = strlen(v);
    if (dot) {
        const char *dot2 = strchr(dot + 1, '.');
        size_t end = dot2 ? (size_t)(dot2 - v) : n;
        size_t i = (size_t)(dot + 1 - v);
        while (i < end && v[i] >= '0' && v[i] <= '9') i++;
        n = i;
    }
    return arena_printf(a, "go%.*s", (int)n, v);
}

/* The directory of our module `path` (beneath OTEL_RT_MODULE), in s->a. */
static const char *own_module_dir(Setup *s, const char *path) {
    return arena_printf(s->a, "%s%s", s->opt->instr_dir, path + strlen(OTEL_RT_MODULE));
}

void setup_note_lib_module(Setup *s, const char *pkgpath) {
    const char *rest = pkgpath + strlen(LIBS_MODULE) + 1; /* <name>[/...] */
    size_t n = strcspn(rest, "/");
    const char *mod = arena_printf(s->a, "%s/%.*s", LIBS_MODULE, (int)n, rest);
    for (int i = 0; i < s->nlib_mods; i++)
        if (strcmp(s->lib_mods[i], mod) == 0) return;
    char *gomod = path_join(own_module_dir(s, mod), "go.mod");
    bool own = path_exists(gomod);
    free(gomod);
    if (!own) return; /* a package of the libs module itself */
    const char **nm = arena_alloc(s->a, sizeof(char *) * (size_t)(s->nlib_mods + 1));
    if (s->nlib_mods) memcpy(nm, s->lib_mods, sizeof(char *) * (size_t)s->nlib_mods);
    nm[s->nlib_mods++] = mod;
    s->lib_mods = nm;
}

/* The newest go line among our modules in use (NULL when none has one). */
static const char *own_modules_go(Setup *s) {
    const char *v = module_go_version(s, s->opt->instr_dir, NULL);
    if (s->uses_libs) v = module_go_version(s, own_module_dir(s, LIBS_MODULE), v);
    for (int i = 0; i < s->nlib_mods; i++) v = module_go_version(s, own_module_dir(s, s->lib_mods[i]), v);
    return v;
}

/* Require and replace one of our SDK-side modules (the libs module or a
 * library module) and raise what it requires. */
static void patch_lib_module(Setup *s, GoModPatch *gp, const ModInfo *user, const char *path) {
    const char *dir = own_module_dir(s, path);
    patch_own_module(gp, user, path, dir);
    char *lm = path_join(dir, "go.mod");
    Buf lb = BUF_INIT;
    if (read_file(lm, &lb) == 0) patch_libs_requirements(s, gp, user, buf_str(&lb));
    buf_free(&lb);
    free(lm);
}

/* Append the go.sum of every SDK-side module in use. */
static void append_lib_sums(Setup *s, Buf *sum) {
    int n = s->uses_libs ? s->nlib_mods + 1 : 0;
    for (int i = 0; i < n; i++) {
        char *ls = path_join(own_module_dir(s, i == 0 ? LIBS_MODULE : s->lib_mods[i - 1]), "go.sum");
        append_sum(sum, ls);
        free(ls);
    }
}

const char *setup_write_modfile(Setup *s, const char *user_modfile, char **lang_pin) {
    char *user_mod = user_modfile ? xstrdup(user_modfile) : path_join(s->root, "go.mod");
    Buf text = BUF_INIT;
    if (read_file(user_mod, &text) != 0) {
        fprintf(stderr, "otel: error: cannot read %s: %s\n", user_mod, strerror(errno));
        free(user_mod);
        return NULL;
    }
    ModInfo user;
    parse_gomod(s->a, buf_str(&text), &user);
    GoModPatch gp = {0};
    /* Raise the go line to the newest of the modules we add: go refuses a
     * main module whose go line is older than a dependency's. */
    size_t loff = 0, llen = 0;
    const char *user_go = go_directive(s->a, buf_str(&text), &loff, &llen);
    const char *libs_go = own_modules_go(s);
    if (user_go && libs_go && go_version_cmp(user_go, libs_go) < 0) {
        patch_edit(s->a, &gp, loff, llen, arena_printf(s->a, "go %s", libs_go));
        if (lang_pin && s->main_module && !same_language(user_go, libs_go)) {
            *lang_pin = xasprintf("-gcflags=%s/...=-lang=%s", s->main_module, lang_of(s->a, user_go));
            log_msg(LOG_INFO, "go line raised from %s to %s in the alternate go.mod; %s keeps your language version",
                    user_go, libs_go, *lang_pin);
        }
    }
    patch_own_module(&gp, &user, OTEL_RT_MODULE, s->opt->instr_dir);
    if (s->uses_libs) {
        patch_lib_module(s, &gp, &user, LIBS_MODULE);
        for (int i = 0; i < s->nlib_mods; i++) patch_lib_module(s, &gp, &user, s->lib_mods[i]);
    }
    Buf out = BUF_INIT;
    apply_patch(buf_str(&text), text.len, &gp, &out);
    buf_free(&gp.tail);
    strset_free(&user.replaced);

    const char *modpath = arena_printf(s->a, "%s/go.mod", s->setup_dir);
    char *user_sum = sum_path_for(user_mod);
    Buf sum = BUF_INIT;
    append_sum(&sum, user_sum);
    append_lib_sums(s, &sum);
    const char *sumpath = arena_printf(s->a, "%s/go.sum", s->setup_dir);
    int rc = write_file_atomic(modpath, out.data, out.len);
    if (rc == 0) rc = write_file_atomic(sumpath, buf_str(&sum), sum.len);
    if (rc != 0) fprintf(stderr, "otel: error: cannot write %s: %s\n", modpath, strerror(errno));
    free(user_sum);
    free(user_mod);
    buf_free(&text);
    buf_free(&out);
    buf_free(&sum);
    return rc == 0 ? modpath : NULL;
}

/* ---- workspaces ---- */

/* Is a go.work path relative (to the go.work file's directory)? */
static bool relative_path(const char *w, size_t n) {
    return n > 0 && w[0] != '/' && !(n >= 2 && w[0] == '$');
}

/* Copy one go.work line, making the path words of `use` and of the right
 * side of `replace` absolute (the copy lives in another directory). */
static void copy_work_line(Buf *out, const char *line, size_t n, const char *dir, int *block) {
    const char *w[4];
    size_t wl[4];
    int k = words(line, n, w, wl);
    bool is_use = k >= 1 && wl[0] == 3 && strncmp(w[0], "use", 3) == 0;
    bool is_replace = k >= 1 && wl[0] == 7 && strncmp(w[0], "replace", 7) == 0;
    if ((is_use || is_replace) && k >= 2 && wl[1] == 1 && w[1][0] == '(') {
        *block = is_use ? 1 : 2;
        buf_append(out, line, n);
        return;
    }
    if (*block && k >= 1 && wl[0] == 1 && w[0][0] == ')') *block = 0;
    const char *path = NULL;
    size_t plen = 0;
    if (is_use && k >= 2) path = w[1], plen = wl[1];
    else if (*block == 1 && k >= 1 && !(wl[0] == 1 && w[0][0] == ')')) path = w[0], plen = wl[0];
    else if (is_replace || *block == 2) {
        for (int i = 0; i + 1 < k; i++)
            if (wl[i] == 2 && strncmp(w[i], "=>", 2) == 0 && (w[i + 1][0] == '.')) path = w[i + 1], plen = wl[i + 1];
    }
    if (!path || !relative_path(path, plen)) {
        buf_append(out, line, n);
        return;
    }
    buf_append(out, line, (size_t)(path - line));
    char *joined = xasprintf("%s/%.*s", dir, (int)plen, path);
    char *clean = realpath(joined, NULL); /* go compares cleaned paths */
    buf_puts(out, clean ? clean : joined);
    free(clean);
    free(joined);
    buf_append(out, path + plen, n - (size_t)(path + plen - line));
}

const char *setup_write_workfile(Setup *s) {
    Buf text = BUF_INIT;
    if (read_file(s->gowork, &text) != 0) {
        fprintf(stderr, "otel: error: cannot read %s: %s\n", s->gowork, strerror(errno));
        return NULL;
    }
    char *dir = path_dir(s->gowork);
    const char *libs_dir = arena_printf(s->a, "%s/libs", s->opt->instr_dir);
    /* The go line must not be older than any module of the workspace. */
    size_t loff = 0, llen = 0;
    const char *user_go = go_directive(s->a, buf_str(&text), &loff, &llen);
    const char *ours = own_modules_go(s);
    bool raise = user_go && ours && go_version_cmp(user_go, ours) < 0;
    Buf out = BUF_INIT;
    int block = 0;
    for (const char *p = buf_str(&text); *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (raise && (size_t)(p - text.data) == loff) buf_printf(&out, "go %s", ours);
        else copy_work_line(&out, p, n, dir, &block);
        buf_putc(&out, '\n');
        p = eol ? eol + 1 : p + n;
    }
    buf_puts(&out, "\n// Added by otel for the instrumented build.\n");
    buf_printf(&out, "use %s\n", s->opt->instr_dir);
    if (s->uses_libs) buf_printf(&out, "use %s\n", libs_dir);
    for (int i = 0; i < s->nlib_mods; i++) buf_printf(&out, "use %s\n", own_module_dir(s, s->lib_mods[i]));
    const char *workpath = arena_printf(s->a, "%s/go.work", s->setup_dir);
    Buf sum = BUF_INIT;
    char *user_sum = xasprintf("%s.sum", s->gowork);
    append_sum(&sum, user_sum);
    free(user_sum);
    append_lib_sums(s, &sum);
    const char *sumpath = arena_printf(s->a, "%s/go.work.sum", s->setup_dir);
    int rc = write_file_atomic(workpath, out.data, out.len);
    if (rc == 0) rc = write_file_atomic(sumpath, buf_str(&sum), sum.len);
    if (rc != 0) fprintf(stderr, "otel: error: cannot write %s: %s\n", workpath, strerror(errno));
    free(dir);
    buf_free(&text);
    buf_free(&out);
    buf_free(&sum);
    return rc == 0 ? workpath : NULL;
}
