/* Reaching the packages Go's overlay cannot (docs/REACH.md).
 *
 * cmd/go refuses any overlay entry beneath GOMODCACHE: every third-party
 * module, and the standard library of a toolchain GOTOOLCHAIN downloaded.
 * For the packages there, setup moves their overlay entries into a package
 * file in the content store (toolexec.h gives its format) and gives go:
 *   -toolexec '<otel> toolexec <cas> <cover index> <cgo index> <n> <user's toolexec words>'
 *   -gcflags=<import path>=<the user's flags for it> -otelmark=<hash>
 * The marker makes the package's cache key depend on its instrumented
 * content (the pkg file names every copy by its content hash), and only
 * that package's: every other package keeps the flags, and so the key, of
 * a plain build. The wrapper strips the marker before the compiler sees it. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "setup/internal.h"
#include "toolexec/toolexec.h"

static bool beneath(const char *dir, const char *path) {
    size_t n = strlen(dir);
    return n > 0 && strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* `go env GOMODCACHE`, in s->a, or NULL. */
static const char *go_modcache(Setup *s) {
    char *argv[] = {"go", "env", "GOMODCACHE", NULL};
    Buf out = BUF_INIT;
    int rc = run_capture(argv, NULL, &out);
    const char *v = NULL;
    if (rc == 0 && out.len > 0) {
        size_t n = out.len;
        while (n > 0 && (out.data[n - 1] == '\n' || out.data[n - 1] == '\r')) n--;
        if (n > 0) v = arena_strndup(s->a, out.data, n);
    }
    buf_free(&out);
    return v;
}

/* The non-test package whose directory is dir. A standard package that
 * only otel's own files bring into the build (internal/coverage/cfile)
 * is not in go list's answer: it is known by its directory under
 * GOROOT/src (that of package runtime, always in the graph). */
static const GoPackage *package_in(Setup *s, const char *dir) {
    const GoPackage *variant = NULL;
    for (int i = 0; i < s->pt.npkgs; i++) {
        const GoPackage *p = &s->pt.pkgs[i];
        if (!p->dir || strcmp(p->dir, dir) != 0) continue;
        if (!strchr(p->import_path, ' ')) return p;
        if (!variant) variant = p;
    }
    const char *src = setup_goroot_src(s);
    if (variant || !src || !beneath(src, dir)) return variant;
    GoPackage *p = arena_alloc(s->a, sizeof *p);
    memset(p, 0, sizeof *p);
    p->import_path = arena_strdup(s->a, dir + strlen(src) + 1);
    p->dir = arena_strdup(s->a, dir);
    p->standard = true;
    p->dep_only = true;
    return p;
}

/* A word as cmd/go's quoted.Split reads it back. */
static void put_quoted_word(Buf *b, const char *w) {
    if (*w && !strpbrk(w, " \t\n\r'\"")) {
        buf_puts(b, w);
        return;
    }
    char q = strchr(w, '\'') ? '"' : '\'';
    buf_printf(b, "%c%s%c", q, w, q);
}

/* cmd/go's quoted.Split: words separated by white space; a word may be
 * wrapped in single or double quotes (no escapes). -1 when a quote is not
 * closed. */
static int split_words(Arena *a, const char *s, const char ***words) {
    int n = 0, cap = 0;
    *words = NULL;
    for (const char *p = s; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        if (!*p) break;
        const char *start = p, *end;
        if (*p == '\'' || *p == '"') {
            const char *close = strchr(p + 1, *p);
            if (!close) return -1;
            start = p + 1;
            end = close;
            p = close + 1;
        } else {
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') p++;
            end = p;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            const char **nw = arena_alloc(a, sizeof(char *) * (size_t)cap);
            if (n) memcpy(nw, *words, sizeof(char *) * (size_t)n);
            *words = nw;
        }
        (*words)[n++] = arena_strndup(a, start, (size_t)(end - start));
    }
    return n;
}

/* The -toolexec value: otel's wrapper (with the cover index of a
 * coverage build, else "-", and the cgo index when a package beneath
 * GOMODCACHE has an instrumented cgo file, else "-"), then the user's own
 * command. */
static char *toolexec_value(Setup *s, const char *cover_index, const char *cgo_index) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    const char **words = NULL;
    int nwords = 0;
    const char *user = s->opt->inv->user_toolexec;
    if (user && (nwords = split_words(s->a, user, &words)) < 0) {
        fprintf(stderr, "otel: error: -toolexec %s: unclosed quote\n", user);
        return NULL;
    }
    char *cas = realpath(s->cas_dir, NULL);
    Buf b = BUF_INIT;
    put_quoted_word(&b, exe);
    buf_puts(&b, " toolexec ");
    put_quoted_word(&b, cas ? cas : s->cas_dir);
    buf_putc(&b, ' ');
    put_quoted_word(&b, cover_index ? cover_index : "-");
    buf_putc(&b, ' ');
    put_quoted_word(&b, cgo_index ? cgo_index : "-");
    buf_printf(&b, " %d", nwords);
    for (int i = 0; i < nwords; i++) {
        buf_putc(&b, ' ');
        put_quoted_word(&b, words[i]);
    }
    free(cas);
    char *v = xstrdup(buf_str(&b));
    buf_free(&b);
    return v;
}

static bool is_cgo_file(const GoPackage *p, const char *name) {
    for (int i = 0; i < p->ncgo_files; i++)
        if (strcmp(p->cgo_files[i], name) == 0) return true;
    return false;
}

/* The package file of one unreachable package (entries [from, to) of
 * the overlay share its directory). A cgo file's copy is for the cgo
 * tool, not the compiler (which gets cgo's output): its kind is "cgo",
 * and the package gets a line `<import path>\t<pkg file hash>` in
 * cgo_index, by which the wrapper finds the package file when go runs cgo
 * (go passes no -gcflags there). Returns the -gcflags argument for it in
 * s->a, or NULL with a message. */
static const char *write_package_file(Setup *s, const char *dir, const OverlayEntry *e, int n, const char *cwd,
                                      Buf *cgo_index) {
    const GoPackage *p = package_in(s, dir);
    if (!p) {
        fprintf(stderr, "otel: error: no package of this build is in %s\n", dir);
        return NULL;
    }
    Buf b = BUF_INIT;
    buf_printf(&b, "%s\ndir\t%s\n", TOOLEXEC_PKG_HEADER, dir);
    /* The marker (and the file's name) is a hash of what the package's
     * files are, not of where this work directory keeps them: the same
     * instrumented package built from another clone or work dir must have
     * the same build-cache key. The copies are named by content hash. */
    Hasher *mh = hasher_new();
    hasher_str(mh, TOOLEXEC_PKG_HEADER);
    bool cgo = false;
    for (int i = 0; i < n; i++) {
        const char *kind = !path_exists(e[i].from)               ? "add"
                           : is_cgo_file(p, path_base(e[i].from)) ? "cgo"
                                                                  : "replace";
        cgo |= kind[0] == 'c';
        buf_printf(&b, "%s\t%s\t%s\n", kind, path_base(e[i].from), e[i].to);
        hasher_str(mh, kind);
        hasher_str(mh, path_base(e[i].from));
        hasher_str(mh, path_base(e[i].to)); /* <content hash>.go */
    }
    char h[33];
    hasher_final(mh, h);
    int rc = cas_put(s->cas_dir, h, ".pkg", b.data, b.len);
    buf_free(&b);
    if (rc != 0) {
        fprintf(stderr, "otel: error: cannot write a package file under %s: %s\n", s->cas_dir, strerror(errno));
        return NULL;
    }
    const char *path = golist_base_path(s->a, p->import_path);
    if (cgo) buf_printf(cgo_index, "%s\t%s\n", path, h);
    char *user = go_gcflags_for(s->opt->inv, path, dir, p->standard, !p->dep_only, cwd);
    const char *flag = arena_printf(s->a, "-gcflags=%s=%s%s%s%s", path, user, *user ? " " : "", TOOLEXEC_MARK_FLAG, h);
    free(user);
    log_msg(LOG_DEBUG, "setup: %s is beneath GOMODCACHE: compiled through otel's -toolexec wrapper", path);
    return flag;
}

static int by_dir(const void *a, const void *b) {
    const OverlayEntry *x = a, *y = b;
    size_t nx = (size_t)(path_base(x->from) - x->from), ny = (size_t)(path_base(y->from) - y->from);
    int c = strncmp(x->from, y->from, nx < ny ? nx : ny);
    if (c != 0 || nx == ny) return c != 0 ? c : strcmp(path_base(x->from), path_base(y->from));
    return nx < ny ? -1 : 1;
}

void setup_read_modcache(Setup *s) { s->modcache = go_modcache(s); }

bool setup_unreachable(const Setup *s, const char *path) { return s->modcache && beneath(s->modcache, path); }

/* Coverage builds: go hands the cover tool each file's path on disk (not
 * the overlay's), so the wrapper runs cover and then applies the injection
 * plans to cover's output, and writes the added files itself
 * (docs/COVERAGE.md). The cover file of one package names them; the index
 * maps import paths to cover files. */
static int write_cover_file(Setup *s, const char *dir, const OverlayEntry *e, int n, Buf *index) {
    const GoPackage *p = package_in(s, dir);
    if (!p) return 0;
    Buf b = BUF_INIT;
    buf_printf(&b, "%s\ndir\t%s\n", TOOLEXEC_COVER_HEADER, dir);
    for (int i = 0; i < n; i++) {
        if (e[i].plan) {
            char *plan = cas_path(s->cas_dir, e[i].plan, ".plan");
            buf_printf(&b, "plan\t%s\t%s\n", path_base(e[i].from), plan);
            free(plan);
        } else if (!path_exists(e[i].from)) {
            buf_printf(&b, "add\t%s\t%s\n", path_base(e[i].from), e[i].to);
        }
    }
    char h[33];
    hash_bytes(b.data, b.len, h);
    int rc = cas_put(s->cas_dir, h, ".cover", b.data, b.len);
    buf_free(&b);
    if (rc != 0) {
        fprintf(stderr, "otel: error: cannot write a cover file under %s: %s\n", s->cas_dir, strerror(errno));
        return -1;
    }
    char *cp = cas_path(s->cas_dir, h, ".cover");
    buf_printf(index, "%s\t%s\n", golist_base_path(s->a, p->import_path), cp);
    free(cp);
    return 0;
}

/* An index file of the setup directory (cover.idx, cgo.idx). */
static const char *write_index(Setup *s, const char *name, const Buf *index) {
    const char *path = arena_printf(s->a, "%s/%s", s->setup_dir, name);
    if (mkdir_p(s->setup_dir, 0755) != 0 || write_file_atomic(path, index->data ? index->data : "", index->len) != 0) {
        fprintf(stderr, "otel: error: cannot write %s: %s\n", path, strerror(errno));
        return NULL;
    }
    return path;
}

int setup_split_unreachable(Setup *s, SetupResult *res) {
    const char *modcache = s->modcache;
    bool cover = s->opt->inv->cover;
    OverlayEntry *all = arena_alloc(s->a, sizeof(OverlayEntry) * (size_t)(s->noverlay + 1));
    int nall = 0, nnear = 0, nfar = 0;
    for (int i = 0; i < s->noverlay; i++) {
        bool far = modcache && beneath(modcache, s->overlay[i].from);
        if (far || cover) all[nall++] = s->overlay[i];
        if (!far) s->overlay[nnear++] = s->overlay[i];
        else nfar++;
    }
    s->noverlay = nnear;
    if (nall == 0) return 0;
    qsort(all, (size_t)nall, sizeof *all, by_dir);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, ".");
    res->pkg_gcflags = xcalloc((size_t)nall, sizeof(char *));
    Buf index = BUF_INIT, cgo_index = BUF_INIT;
    int status = 0;
    for (int i = 0; i < nall && status == 0;) {
        char *dir = path_dir(all[i].from);
        int j = i + 1;
        while (j < nall) {
            char *d = path_dir(all[j].from);
            bool same = strcmp(d, dir) == 0;
            free(d);
            if (!same) break;
            j++;
        }
        if (modcache && beneath(modcache, all[i].from)) {
            const char *flag = write_package_file(s, dir, all + i, j - i, cwd, &cgo_index);
            if (flag) res->pkg_gcflags[res->npkg_gcflags++] = xstrdup(flag);
            else status = 2;
        }
        if (status == 0 && cover && write_cover_file(s, dir, all + i, j - i, &index) != 0) status = 2;
        free(dir);
        i = j;
    }
    const char *index_path = NULL, *cgo_path = NULL;
    if (status == 0 && cover && !(index_path = write_index(s, "cover.idx", &index))) status = 2;
    if (status == 0 && cgo_index.len > 0 && !(cgo_path = write_index(s, "cgo.idx", &cgo_index))) status = 2;
    buf_free(&index);
    buf_free(&cgo_index);
    if (status != 0) return status;
    if (nfar == 0 && !cover) return 0;
    if (!(res->toolexec = toolexec_value(s, index_path, cgo_path))) return 2;
    if (nfar)
        log_msg(LOG_INFO, "setup: %d package%s beneath GOMODCACHE instrumented through -toolexec",
                res->npkg_gcflags, res->npkg_gcflags == 1 ? "" : "s");
    if (cover) log_msg(LOG_INFO, "setup: coverage build: the -toolexec wrapper instruments the cover tool's output");
    return 0;
}
