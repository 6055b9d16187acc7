/* The -toolexec wrapper (see toolexec.h). Everything here runs once per
 * tool invocation of a build, so the path for a package no rule touches is
 * an argv scan and an execvp, with nothing read or allocated beyond the
 * new argv. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>
#include <sys/wait.h>

#include "inject/inject.h"
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
    bool cgo;     /* a cgo file: its copy is cgo's input, not the compiler's */
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

/* Parse a pkg or cover file held in spec->text (in place): after the
 * header line, `dir\t<dir>` and `<kind>\t<file name>\t<path>` lines; kind
 * "add" is a file otel adds, "cgo" a cgo file of the package's (replaced
 * in the cgo step), any other (replace, plan) one of the package's own.
 * 0, or -1 when malformed. */
static int parse_spec(PkgSpec *spec, const char *header) {
    char *save = NULL;
    char *line = strtok_r(spec->text.data, "\n", &save);
    if (!line || strcmp(line, header) != 0) return -1;
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
        spec->files[spec->nfiles++] =
            (PkgFile){.add = strcmp(line, "add") == 0, .cgo = strcmp(line, "cgo") == 0, .base = f1, .copy = f2};
    }
    return spec->dir ? 0 : -1;
}

/* Read and parse <cas>/<xx>/<hash>.pkg:
 *   otel-toolexec 1
 *   dir\t<package directory>
 *   replace\t<file name>\t<copy>
 *   cgo\t<file name>\t<copy>                  (for the cgo step)
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
    return parse_spec(spec, TOOLEXEC_PKG_HEADER);
}

/* Which file of a pkg or cover file an argument path is, or -1. */
static int spec_file_of(const PkgSpec *spec, const char *in) {
    size_t dn = strlen(spec->dir);
    if (strncmp(in, spec->dir, dn) != 0 || in[dn] != '/') return -1;
    for (int k = 0; k < spec->nfiles; k++)
        if (strcmp(spec->files[k].base, in + dn + 1) == 0) return k;
    return -1;
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
    int trim_at = -1;
    /* A covered package's files come from the cover step, which already
     * applied the instrumentation (cover_step): only the added files are
     * otel's to give. */
    bool covered = false;
    for (int i = 1; i < in->n && !covered; i++) covered = strncmp(in->v[i], "-coveragecfg=", 13) == 0;
    /* A cgo file reaches the compiler as cgo's output (x.cgo1.go in go's
     * work directory), made from the copy in the cgo step (cgo_step). */
    for (int k = 0; k < spec->nfiles; k++)
        if ((covered && !spec->files[k].add) || spec->files[k].cgo) spec->files[k].used = true;
    for (int i = 0; i < in->n; i++) {
        char *a = in->v[i];
        if (i == mark) continue;
        if (strcmp(a, "-trimpath") == 0 && i + 1 < in->n) {
            args_push(out, a);
            trim_at = out->n;
            args_push(out, in->v[++i]);
            continue;
        }
        int k = !covered && i > 0 ? spec_file_of(spec, a) : -1;
        if (k >= 0 && !spec->files[k].add) {
            a = spec->files[k].copy;
            spec->files[k].used = true;
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
        if ((!covered && !spec->files[k].cgo) || spec->files[k].add)
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

/* ---- coverage builds ---- */

/* The import path in cover's -pkgcfg file (JSON written by go), or NULL. */
static char *pkgcfg_path(const char *pkgcfg) {
    json_object *root = json_object_from_file(pkgcfg);
    json_object *v;
    char *out = NULL;
    if (root && json_object_object_get_ex(root, "PkgPath", &v) && json_object_is_type(v, json_type_string))
        out = xstrdup(json_object_get_string(v));
    json_object_put(root);
    return out;
}

/* What an index file (cover.idx, cgo.idx: `<import path>\t<value>` lines)
 * says for import path, or NULL. */
static char *lookup_index(const char *index, const char *import_path) {
    Buf b = BUF_INIT;
    char *found = NULL;
    if (read_file(index, &b) == 0) {
        size_t n = strlen(import_path);
        for (const char *p = buf_str(&b); *p && !found;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            if (len > n + 1 && strncmp(p, import_path, n) == 0 && p[n] == '\t') found = xstrndup(p + n + 1, len - n - 1);
            p += len + (nl ? 1 : 0);
        }
    }
    buf_free(&b);
    return found;
}

/* The lines of a file, each malloc'd, in *out. -1 when unreadable. */
static int read_lines(const char *path, Args *out) {
    Buf b = BUF_INIT;
    if (read_file(path, &b) != 0) {
        buf_free(&b);
        return -1;
    }
    for (const char *p = buf_str(&b); *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len) args_push(out, xstrndup(p, len));
        p += len + (nl ? 1 : 0);
    }
    buf_free(&b);
    return 0;
}

/* Run a command and wait for it: its exit status, or 127. */
static int run_wait(char **argv) {
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return 127;
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "otel toolexec: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return 127;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* Apply one injection plan to the cover tool's output file in place. */
static int instrument_cover_output(const char *out_path, const char *plan_path) {
    Buf src = BUF_INIT, plan = BUF_INIT;
    int rc = -1;
    if (read_file(out_path, &src) != 0 || read_file(plan_path, &plan) != 0) {
        fprintf(stderr, "otel toolexec: cannot read %s or %s: %s\n", out_path, plan_path, strerror(errno));
    } else {
        Arena *a = arena_new();
        char *out;
        size_t len;
        const char *err;
        if (inject_plan_apply(a, buf_str(&plan), plan.len, buf_str(&src), src.len, &out, &len, &err) != 0)
            fprintf(stderr, "otel toolexec: %s: cannot instrument the cover tool's output: %s\n", out_path, err);
        else if (write_file_atomic(out_path, out, len) != 0)
            fprintf(stderr, "otel toolexec: cannot write %s: %s\n", out_path, strerror(errno));
        else
            rc = 0;
        arena_free(a);
    }
    buf_free(&src);
    buf_free(&plan);
    return rc;
}

static int copy_file(const char *from, const char *to) {
    Buf b = BUF_INIT;
    int rc = read_file(from, &b) == 0 && write_file_atomic(to, b.data ? b.data : "", b.len) == 0 ? 0 : -1;
    if (rc != 0) fprintf(stderr, "otel toolexec: cannot copy %s to %s: %s\n", from, to, strerror(errno));
    buf_free(&b);
    return rc;
}


/* One cover run for a package otel instruments (see cover_step). */
typedef struct {
    PkgSpec spec;
    Args outs;       /* go's -outfilelist: covervars.go, then one output per input */
    Args argv;       /* the cover command otel runs */
    int *file_of;    /* for each input: its file in spec, or -1 */
    char *list;      /* otel's -outfilelist */
    char *list_flag; /* -outfilelist=<list>, when go used that form */
} CoverRun;

static void cover_run_free(CoverRun *r) {
    buf_free(&r->spec.text);
    free(r->spec.files);
    for (int i = 0; i < r->outs.n; i++) free(r->outs.v[i]);
    free(r->outs.v);
    free(r->argv.v);
    free(r->file_of);
    free(r->list);
    free(r->list_flag);
}

/* The cover command less otel's added files, with an output list to match.
 * 0 or -1. */
static int plan_cover_run(CoverRun *r, char **user, int nuser, char **tool, int first_file, int ntool,
                          const char *outlist) {
    for (int i = 0; i < nuser; i++) args_push(&r->argv, user[i]);
    for (int i = 0; i < first_file; i++) args_push(&r->argv, tool[i]);
    Buf lb = BUF_INIT;
    buf_printf(&lb, "%s\n", r->outs.v[0]);
    r->file_of = xcalloc((size_t)(ntool + 1), sizeof(int));
    for (int i = first_file; i < ntool; i++) {
        r->file_of[i] = spec_file_of(&r->spec, tool[i]);
        if (r->file_of[i] >= 0 && r->spec.files[r->file_of[i]].add) continue;
        args_push(&r->argv, tool[i]);
        buf_printf(&lb, "%s\n", r->outs.v[1 + i - first_file]);
    }
    r->list = xasprintf("%s.otel", outlist);
    int rc = write_file_atomic(r->list, lb.data, lb.len);
    buf_free(&lb);
    if (rc != 0) {
        fprintf(stderr, "otel toolexec: cannot write %s: %s\n", r->list, strerror(errno));
        return -1;
    }
    for (int i = nuser; i < r->argv.n; i++) {
        if (r->argv.v[i] == outlist) {
            r->argv.v[i] = r->list;
        } else if (strncmp(r->argv.v[i], "-outfilelist=", 13) == 0 || strncmp(r->argv.v[i], "--outfilelist=", 14) == 0) {
            r->list_flag = xasprintf("-outfilelist=%s", r->list);
            r->argv.v[i] = r->list_flag;
        }
    }
    return 0;
}

/* `cover -pkgcfg F -mode M -var V -outfilelist L files...` for a package
 * otel instruments: the files otel adds are taken out of cover's inputs
 * (they do not exist on disk, and otel's code is never counted) and written
 * to the outputs go expects; cover runs on the user's files; the injection
 * plans are applied to its outputs. Any other package: cover as is. */
static int cover_step(const char *index, char **user, int nuser, char **tool, int ntool) {
    const char *pkgcfg = NULL, *outlist = NULL;
    int first_file = ntool;
    for (int i = 1; i < ntool; i++) {
        if (tool[i][0] != '-') {
            first_file = i;
            break;
        }
        const char *name = tool[i] + 1 + (tool[i][1] == '-');
        const char *eq = strchr(name, '=');
        const char *val = eq ? eq + 1 : (i + 1 < ntool ? tool[i + 1] : NULL);
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        if (nlen == 6 && strncmp(name, "pkgcfg", 6) == 0) pkgcfg = val;
        if (nlen == 11 && strncmp(name, "outfilelist", 11) == 0) outlist = val;
        if (!eq) i++;
    }
    char *pkg = pkgcfg && outlist ? pkgcfg_path(pkgcfg) : NULL;
    char *cover_file = pkg ? lookup_index(index, pkg) : NULL;
    free(pkg);
    if (!cover_file) return exec_tool(user, nuser, tool, ntool);
    CoverRun r;
    memset(&r, 0, sizeof r);
    int status = 2;
    if (read_file(cover_file, &r.spec.text) != 0 || parse_spec(&r.spec, TOOLEXEC_COVER_HEADER) != 0 || read_lines(outlist, &r.outs) != 0 ||
        r.outs.n != 1 + (ntool - first_file)) {
        fprintf(stderr, "otel toolexec: cannot read %s or %s\n", cover_file, outlist);
    } else if (plan_cover_run(&r, user, nuser, tool, first_file, ntool, outlist) == 0) {
        status = run_wait(r.argv.v);
        for (int i = first_file; i < ntool && status == 0; i++) {
            if (r.file_of[i] < 0) continue;
            const PkgFile *f = &r.spec.files[r.file_of[i]];
            const char *out = r.outs.v[1 + i - first_file];
            if (f->add) status = copy_file(f->copy, out) == 0 ? 0 : 2;
            else status = instrument_cover_output(out, f->copy) == 0 ? 0 : 2;
        }
    }
    cover_run_free(&r);
    free(cover_file);
    return status;
}

/* ---- cgo ---- */

/* The value of flag -name (as `-name V` or `-name=V`) before cgo's "--",
 * and its index in *at (the value's), or NULL. */
static char *flag_value(const Args *in, int end, const char *name, int *at) {
    size_t n = strlen(name);
    for (int i = 1; i < end; i++) {
        const char *a = in->v[i];
        if (a[0] != '-') continue;
        a += 1 + (a[1] == '-');
        if (strncmp(a, name, n) != 0) continue;
        if (a[n] == '=') {
            *at = i;
            return (char *)a + n + 1;
        }
        if (a[n] == '\0' && i + 1 < end) {
            *at = i + 1;
            return in->v[i + 1];
        }
    }
    return NULL;
}

/* Does the current directory name the same directory as dir? (go runs cgo
 * in the package directory, with the cgo files' names relative to it.) */
static bool cwd_is(const char *dir) {
    char *here = getcwd(NULL, 0), *rhere = here ? realpath(here, NULL) : NULL, *rdir = realpath(dir, NULL);
    bool same = rhere && rdir && strcmp(rhere, rdir) == 0;
    free(here);
    free(rhere);
    free(rdir);
    return same;
}

/* `cgo -objdir D -importpath P ... -- <C flags> files...` for a package
 * beneath GOMODCACHE whose cgo files otel instruments (the cgo index names
 * its package file): cgo gets each instrumented copy instead of the file,
 * and -trimpath `copy=>dir/file` (what go gives cgo for an overlaid cgo
 * file), so the //line directives cgo writes into its output name the
 * original file and every position reads as the original's. In a coverage
 * build go hands cgo the cover step's outputs, which cover_step already
 * instrumented: nothing is replaced then. Any other package: cgo as is. */
static int cgo_step(const char *cas, const char *index, bool cover, char **user, int nuser, char **tool, int ntool) {
    Args in = {0};
    if (expand_args(tool, ntool, &in) != 0) return 2;
    int dashes = in.n, at = -1;
    for (int i = 1; i < in.n && dashes == in.n; i++)
        if (strcmp(in.v[i], "--") == 0) dashes = i;
    const char *arg = flag_value(&in, dashes, "importpath", &at);
    /* A test variant's import path may carry " [p.test]"; the index has p. */
    char *path = arg ? xstrndup(arg, strcspn(arg, " ")) : NULL;
    char *hash = path ? lookup_index(index, path) : NULL;
    free(path);
    if (!hash) return exec_tool(user, nuser, tool, ntool);
    PkgSpec spec;
    int rc = read_pkg_spec(cas, hash, &spec);
    free(hash);
    if (rc != 0) {
        fprintf(stderr, "otel toolexec: unreadable package file for %s\n", arg);
        return 2;
    }
    bool here = cwd_is(spec.dir);
    for (int i = dashes + 1; i < in.n; i++) {
        char *full = in.v[i][0] == '/' ? xstrdup(in.v[i]) : here ? path_join(spec.dir, in.v[i]) : NULL;
        int k = full ? spec_file_of(&spec, full) : -1;
        free(full);
        if (k < 0 || !spec.files[k].cgo) continue;
        in.v[i] = spec.files[k].copy;
        spec.files[k].used = true;
    }
    Buf t = BUF_INIT;
    for (int k = 0; k < spec.nfiles; k++) {
        if (!spec.files[k].cgo) continue;
        if (spec.files[k].used) {
            buf_printf(&t, "%s%s=>%s/%s", t.len ? ";" : "", spec.files[k].copy, spec.dir, spec.files[k].base);
        } else if (!cover) {
            fprintf(stderr, "otel toolexec: %s/%s: go did not pass this cgo file to cgo; otel cannot instrument it here\n",
                    spec.dir, spec.files[k].base);
            return 2;
        }
    }
    Args out = {0};
    int trim_at = -1;
    const char *old = flag_value(&in, dashes, "trimpath", &trim_at);
    for (int i = 0; i < in.n; i++) {
        if (i == dashes && t.len > 0 && trim_at < 0) {
            args_push(&out, "-trimpath");
            args_push(&out, xstrdup(buf_str(&t)));
        }
        if (i == trim_at && t.len > 0) { /* go's own rewrites stay, after otel's */
            bool joined = in.v[i] != old; /* -trimpath=V rather than -trimpath V */
            args_push(&out, xasprintf("%s%s%s%s", joined ? "-trimpath=" : "", buf_str(&t), *old ? ";" : "", old));
            continue;
        }
        args_push(&out, in.v[i]);
    }
    buf_free(&t);
    if (getenv("OTEL_GO_TOOLEXEC_DEBUG")) {
        fprintf(stderr, "otel toolexec:");
        for (int i = 0; i < out.n; i++) fprintf(stderr, " %s", out.v[i]);
        fputc('\n', stderr);
    }
    return exec_tool(user, nuser, out.v, out.n);
}

int toolexec_main(int argc, char **argv) {
    if (argc < 5) {
        fputs("otel toolexec: usage: otel toolexec CASDIR COVER-INDEX|- CGO-INDEX|- N [USER-TOOLEXEC...] TOOL [ARGS...] "
              "(run by go)\n",
              stderr);
        return 2;
    }
    const char *cas = argv[0], *cover_index = argv[1], *cgo_index = argv[2];
    int nuser = atoi(argv[3]);
    if (nuser < 0 || 4 + nuser >= argc) {
        fputs("otel toolexec: malformed command line\n", stderr);
        return 2;
    }
    char **user = argv + 4, **tool = argv + 4 + nuser;
    int ntool = argc - 4 - nuser;
    bool cover = strcmp(cover_index, "-") != 0;
    if (cover && is_tool(tool[0], "cover")) return cover_step(cover_index, user, nuser, tool, ntool);
    if (strcmp(cgo_index, "-") != 0 && is_tool(tool[0], "cgo") && !(ntool == 2 && strncmp(tool[1], "-V", 2) == 0))
        return cgo_step(cas, cgo_index, cover, user, nuser, tool, ntool);
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
