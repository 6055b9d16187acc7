/* The -toolexec wrapper (see toolexec.h). Everything here runs once per
 * tool invocation of a build, so the path for a package no rule touches is
 * an argv scan and an execvp, with nothing read or allocated beyond the
 * new argv. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "toolexec/toolexec.h"
#include "util/util.h"

/* Is the program at path the go tool `name`? */
static bool is_tool(const char *path, const char *name) {
    const char *base = path_base(path);
    size_t n = strlen(name);
    return strncmp(base, name, n) == 0 && (base[n] == '\0' || strcmp(base + n, ".exe") == 0);
}

/* Run the user's toolexec words (if any) in front of the tool, as go would
 * have without otel. */
static int exec_tool(char **user, int nuser, char **tool, int ntool) {
    char **argv = xcalloc((size_t)(nuser + ntool + 1), sizeof(char *));
    for (int i = 0; i < nuser; i++) argv[i] = user[i];
    for (int i = 0; i < ntool; i++) argv[nuser + i] = tool[i];
    fflush(NULL);
    execvp(argv[0], argv);
    fprintf(stderr, "otel toolexec: cannot run %s: %s\n", argv[0], strerror(errno));
    free(argv);
    return 127;
}

/* Growable argument list. */
typedef struct {
    char **v;
    int n, cap;
} Args;

static void args_push(Args *a, char *s) {
    if (a->n + 1 >= a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->v = xrealloc(a->v, sizeof(char *) * (size_t)a->cap);
    }
    a->v[a->n++] = s;
    a->v[a->n] = NULL;
}

/* Decode one line of a go response file (cmd/go's encodeArg: `\\` and
 * `\n` are the only escapes). */
static char *decode_response_arg(const char *s, size_t n) {
    char *out = xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            i++;
            *o++ = s[i] == 'n' ? '\n' : s[i];
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

/* The tool's arguments with any @response-file expanded (go uses one when
 * the command line is very long). 0, or -1 when a file cannot be read. */
static int expand_args(char **tool, int ntool, Args *out) {
    for (int i = 0; i < ntool; i++) {
        if (i == 0 || tool[i][0] != '@') {
            args_push(out, tool[i]);
            continue;
        }
        Buf b = BUF_INIT;
        if (read_file(tool[i] + 1, &b) != 0) {
            fprintf(stderr, "otel toolexec: cannot read %s: %s\n", tool[i] + 1, strerror(errno));
            buf_free(&b);
            return -1;
        }
        const char *p = buf_str(&b), *end = p + b.len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            args_push(out, decode_response_arg(p, len));
            p += len + (nl ? 1 : 0);
        }
        buf_free(&b);
    }
    return 0;
}

static int find_mark(char **args, int n) {
    for (int i = 1; i < n; i++)
        if (strncmp(args[i], TOOLEXEC_MARK_FLAG, strlen(TOOLEXEC_MARK_FLAG)) == 0) return i;
    return -1;
}

/* One line of a pkg file: a file of the package replaced or added. */
typedef struct {
    bool add;
    char *base;   /* file name in the package directory */
    char *copy;   /* the instrumented or generated file */
    bool used;
} PkgFile;

typedef struct {
    char *dir;
    PkgFile *files;
    int nfiles;
    Buf text;
} PkgSpec;

/* Parse <cas>/<xx>/<hash>.pkg:
 *   otel-toolexec 1
 *   dir\t<package directory>
 *   replace\t<file name>\t<copy>
 *   add\t<file name>\t<copy>                                  */
static int read_pkg_spec(const char *cas, const char *hash, PkgSpec *spec) {
    memset(spec, 0, sizeof *spec);
    if (strlen(hash) < 3 || strchr(hash, '/')) return -1;
    char *path = xasprintf("%s/%.2s/%s.pkg", cas, hash, hash);
    int rc = read_file(path, &spec->text);
    if (rc != 0) {
        fprintf(stderr, "otel toolexec: cannot read %s: %s (run `otel clean` and build again)\n", path,
                strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    char *save = NULL;
    char *line = strtok_r(spec->text.data, "\n", &save);
    if (!line || strcmp(line, TOOLEXEC_PKG_HEADER) != 0) return -1;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f1 = strchr(line, '\t');
        if (!f1) return -1;
        *f1++ = '\0';
        if (strcmp(line, "dir") == 0) {
            spec->dir = f1;
            continue;
        }
        char *f2 = strchr(f1, '\t');
        if (!f2) return -1;
        *f2++ = '\0';
        spec->files = xrealloc(spec->files, sizeof(PkgFile) * (size_t)(spec->nfiles + 1));
        spec->files[spec->nfiles++] = (PkgFile){.add = strcmp(line, "add") == 0, .base = f1, .copy = f2};
    }
    return spec->dir ? 0 : -1;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The directory go's -trimpath maps the package directory to (with
 * go build -trimpath: module@version/...), else the directory itself, so
 * that the copies' positions read as the original files' would. */
static char *rewrite_dir(const char *trimpath, const char *dir) {
    size_t dn = strlen(dir);
    for (const char *p = trimpath; p && *p;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        if (len > dn + 2 && strncmp(p, dir, dn) == 0 && strncmp(p + dn, "=>", 2) == 0)
            return xstrndup(p + dn + 2, len - dn - 2);
        p = semi ? semi + 1 : NULL;
    }
    return xstrdup(dir);
}

/* Insert the added files among the .go arguments in file-name order, as
 * go lists a package's files (init functions run in that order). */
static void insert_added(Args *out, PkgSpec *spec) {
    for (int k = 0; k < spec->nfiles; k++) {
        PkgFile *f = &spec->files[k];
        if (!f->add) continue;
        int at = -1, last_go = -1;
        for (int i = 1; i < out->n; i++) {
            if (!ends_with(out->v[i], ".go") || out->v[i][0] == '-') continue;
            last_go = i;
            if (at < 0 && strcmp(path_base(out->v[i]), f->base) > 0) at = i;
        }
        if (at < 0) at = last_go >= 0 ? last_go + 1 : out->n;
        args_push(out, NULL);
        memmove(out->v + at + 1, out->v + at, sizeof(char *) * (size_t)(out->n - 1 - at));
        out->v[at] = f->copy;
        f->used = true;
    }
}

/* The compile command for an instrumented package: copies for the
 * replaced files, the added files, the positions mapped back, the marker
 * removed. 0, or -1 with a message. */
static int rewrite_compile(const Args *in, int mark, PkgSpec *spec, Args *out) {
    size_t dn = strlen(spec->dir);
    int trim_at = -1;
    for (int i = 0; i < in->n; i++) {
        char *a = in->v[i];
        if (i == mark) continue;
        if (strcmp(a, "-trimpath") == 0 && i + 1 < in->n) {
            args_push(out, a);
            trim_at = out->n;
            args_push(out, in->v[++i]);
            continue;
        }
        if (i > 0 && strncmp(a, spec->dir, dn) == 0 && a[dn] == '/' && !strchr(a + dn + 1, '/')) {
            for (int k = 0; k < spec->nfiles; k++) {
                PkgFile *f = &spec->files[k];
                if (!f->add && strcmp(f->base, a + dn + 1) == 0) {
                    a = f->copy;
                    f->used = true;
                    break;
                }
            }
        }
        args_push(out, a);
    }
    insert_added(out, spec);
    for (int k = 0; k < spec->nfiles; k++) {
        if (spec->files[k].used) continue;
        fprintf(stderr,
                "otel toolexec: %s/%s: go did not pass this file to the compiler (a -cover build?); "
                "otel cannot instrument it here\n",
                spec->dir, spec->files[k].base);
        return -1;
    }
    const char *old = trim_at >= 0 ? out->v[trim_at] : "";
    char *rdir = rewrite_dir(old, spec->dir);
    Buf t = BUF_INIT;
    for (int k = 0; k < spec->nfiles; k++)
        buf_printf(&t, "%s=>%s/%s;", spec->files[k].copy, rdir, spec->files[k].base);
    buf_puts(&t, old);
    free(rdir);
    char *value = xstrdup(buf_str(&t));
    buf_free(&t);
    if (trim_at >= 0) {
        out->v[trim_at] = value;
    } else {
        args_push(out, "-trimpath");
        args_push(out, value);
    }
    return 0;
}

int toolexec_main(int argc, char **argv) {
    if (argc < 3) {
        fputs("otel toolexec: usage: otel toolexec CASDIR N [USER-TOOLEXEC...] TOOL [ARGS...] (run by go)\n", stderr);
        return 2;
    }
    const char *cas = argv[0];
    int nuser = atoi(argv[1]);
    if (nuser < 0 || 2 + nuser >= argc) {
        fputs("otel toolexec: malformed command line\n", stderr);
        return 2;
    }
    char **user = argv + 2, **tool = argv + 2 + nuser;
    int ntool = argc - 2 - nuser;
    if (!is_tool(tool[0], "compile")) return exec_tool(user, nuser, tool, ntool);
    int mark = find_mark(tool, ntool);
    bool response = false;
    for (int i = 1; i < ntool && !response; i++) response = tool[i][0] == '@';
    if (mark < 0 && !response) return exec_tool(user, nuser, tool, ntool);

    Args in = {0};
    if (expand_args(tool, ntool, &in) != 0) return 2;
    mark = find_mark(in.v, in.n);
    if (mark < 0) return exec_tool(user, nuser, tool, ntool); /* keep go's response file */
    PkgSpec spec;
    if (read_pkg_spec(cas, in.v[mark] + strlen(TOOLEXEC_MARK_FLAG), &spec) != 0) {
        fprintf(stderr, "otel toolexec: unreadable package file for %s\n", in.v[mark]);
        return 2;
    }
    Args out = {0};
    if (rewrite_compile(&in, mark, &spec, &out) != 0) return 2;
    if (getenv("OTEL_GO_TOOLEXEC_DEBUG")) {
        fprintf(stderr, "otel toolexec:");
        for (int i = 0; i < out.n; i++) fprintf(stderr, " %s", out.v[i]);
        fputc('\n', stderr);
    }
    return exec_tool(user, nuser, out.v, out.n);
}
