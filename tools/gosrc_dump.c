/* gosrc_dump: print gosrc's view of Go files, or measure its speed.
 *
 *   gosrc_dump [--header] FILE...        dump each file (gosrc_dump format)
 *   gosrc_dump [--header] < LIST         same, paths one per line on stdin
 *   gosrc_dump --bench N [--header] ...  parse every file N times, print MB/s
 *   gosrc_dump --bodies OUT ...          also write the body dump (calls and
 *                                        composite literals, gosrc_dump_body,
 *                                        then gosrc_dump_inits) of each file
 *                                        to OUT
 *   gosrc_dump --bench N --body ...      time gosrc_scan_body over every body
 *                                        (the declaration parse not counted)
 *
 * Each file's output starts with "file PATH"; then the dump, or
 * "error OFFSET MESSAGE" when gosrc reports a syntax error, or
 * "unreadable MESSAGE". Each file is copied into a buffer of exactly its
 * size first, so that a sanitizer build catches any read past the end.
 * Output is flushed per file: after a crash, the last "file" line names
 * the culprit. tests/t_gosrc_oracle.sh compares this with tools/gosrc-oracle;
 * bench/gosrc_bench.sh runs --bench. */
#include "gosrc/gosrc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    char *path;
    char *data; /* exactly len bytes, no terminator */
    size_t len;
} Source;

/* Read path into an exact-size buffer; -1 with errno on failure. */
static int load(const char *path, Source *s) {
    Buf b = BUF_INIT;
    if (read_file(path, &b) != 0) {
        int e = errno;
        buf_free(&b);
        errno = e;
        return -1;
    }
    s->path = xstrdup(path);
    s->len = b.len;
    s->data = xmalloc(b.len ? b.len : 1);
    memcpy(s->data, b.data ? b.data : "", b.len);
    buf_free(&b);
    return 0;
}

static void dump_one(const char *path, bool header_only, FILE *bodies) {
    printf("file %s\n", path);
    if (bodies) fprintf(bodies, "file %s\n", path);
    Source s;
    if (load(path, &s) != 0) {
        printf("unreadable \"%s\"\n", strerror(errno));
        fflush(stdout);
        if (bodies) fprintf(bodies, "unreadable \"%s\"\n", strerror(errno));
        return;
    }
    Arena *a = arena_new();
    GoFile f;
    size_t err_off = 0;
    const char *err_msg = "";
    int rc = header_only ? gosrc_parse_header(a, s.data, s.len, &f, &err_off, &err_msg)
                         : gosrc_parse(a, s.data, s.len, &f, &err_off, &err_msg);
    Buf out = BUF_INIT;
    if (rc == 0) gosrc_dump(&f, s.data, &out);
    else buf_printf(&out, "error %zu %s\n", err_off, err_msg);
    fwrite(buf_str(&out), 1, out.len, stdout);
    fflush(stdout);
    if (bodies) {
        out.len = 0;
        if (rc == 0) {
            for (int i = 0; i < f.nfuncs; i++)
                if (f.funcs[i].body_lbrace >= 0) gosrc_dump_body(a, &f.funcs[i], s.data, s.len, &out);
            gosrc_dump_inits(a, &f, s.data, s.len, &out);
        } else {
            buf_printf(&out, "error %zu %s\n", err_off, err_msg);
        }
        fwrite(buf_str(&out), 1, out.len, bodies);
        fflush(bodies);
    }
    buf_free(&out);
    arena_free(a);
    free(s.data);
    free(s.path);
}

/* Paths from argv[first..] or, when there are none, from stdin. */
static char **collect_paths(int argc, char **argv, int first, int *n) {
    int cap = 64;
    char **paths = xmalloc((size_t)cap * sizeof *paths);
    *n = 0;
    if (first < argc) {
        for (int i = first; i < argc; i++) {
            if (*n == cap) paths = xrealloc(paths, (size_t)(cap *= 2) * sizeof *paths);
            paths[(*n)++] = xstrdup(argv[i]);
        }
        return paths;
    }
    char *line = NULL;
    size_t linecap = 0;
    ssize_t len;
    while ((len = getline(&line, &linecap, stdin)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0) continue;
        if (*n == cap) paths = xrealloc(paths, (size_t)(cap *= 2) * sizeof *paths);
        paths[(*n)++] = xstrdup(line);
    }
    free(line);
    return paths;
}

static double clock_secs(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Parse every file `iterations` times. Each pass is timed on its own, by
 * CPU time (the machine may be shared: wall time would measure the
 * neighbours) and by wall time; the best and the median pass are printed. */
static int bench(char **paths, int n, int iterations, bool header_only, bool body) {
    Source *srcs = xcalloc((size_t)(n ? n : 1), sizeof *srcs);
    int m = 0, failed = 0;
    size_t bytes = 0;
    for (int i = 0; i < n; i++) {
        if (load(paths[i], &srcs[m]) == 0) bytes += srcs[m++].len;
    }
    /* --body: the declarations are parsed once, outside the timing */
    Arena *decl_arena = arena_new();
    GoFile *files = xcalloc((size_t)(m ? m : 1), sizeof *files);
    bool *parsed = xcalloc((size_t)(m ? m : 1), sizeof *parsed);
    int nbodies = 0;
    if (body) {
        for (int i = 0; i < m; i++) {
            size_t off;
            const char *msg;
            parsed[i] = gosrc_parse(decl_arena, srcs[i].data, srcs[i].len, &files[i], &off, &msg) == 0;
            if (parsed[i])
                for (int k = 0; k < files[i].nfuncs; k++) nbodies += files[i].funcs[k].body_lbrace >= 0;
        }
    }
    long ncalls = 0, nlits = 0;
    double *cpu = xmalloc((size_t)iterations * sizeof *cpu);
    double *wall = xmalloc((size_t)iterations * sizeof *wall);
    for (int it = 0; it < iterations; it++) {
        double c0 = clock_secs(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_secs(CLOCK_MONOTONIC);
        for (int i = 0; body && i < m; i++) {
            if (!parsed[i]) continue;
            Arena *a = arena_new();
            for (int k = 0; k < files[i].nfuncs; k++) {
                const GoFunc *fn = &files[i].funcs[k];
                if (fn->body_lbrace < 0) continue;
                GoBody gb;
                size_t off;
                const char *msg;
                if (gosrc_scan_body(a, srcs[i].data, srcs[i].len, fn, &gb, &off, &msg) != 0) {
                    if (it == 0) failed++;
                } else if (it == 0) {
                    ncalls += gb.ncalls;
                    nlits += gb.nlits;
                }
            }
            arena_free(a);
        }
        for (int i = 0; !body && i < m; i++) {
            Arena *a = arena_new();
            GoFile f;
            size_t off;
            const char *msg;
            int rc = header_only ? gosrc_parse_header(a, srcs[i].data, srcs[i].len, &f, &off, &msg)
                                 : gosrc_parse(a, srcs[i].data, srcs[i].len, &f, &off, &msg);
            if (rc != 0 && it == 0) failed++;
            arena_free(a);
        }
        cpu[it] = clock_secs(CLOCK_PROCESS_CPUTIME_ID) - c0;
        wall[it] = clock_secs(CLOCK_MONOTONIC) - w0;
    }
    qsort(cpu, (size_t)iterations, sizeof *cpu, cmp_double);
    qsort(wall, (size_t)iterations, sizeof *wall, cmp_double);
    double mb = (double)bytes / 1e6;
#define RATE(t) ((t) > 0 ? mb / (t) : 0.0)
    printf("files=%d bytes=%zu failed=%d passes=%d\n", m, bytes, failed, iterations);
    if (body) printf("bodies=%d calls=%ld literals=%ld (MB/s over all file bytes)\n", nbodies, ncalls, nlits);
    printf("cpu:  best %.1f MB/s, median %.1f MB/s\n", RATE(cpu[0]), RATE(cpu[iterations / 2]));
    printf("wall: best %.1f MB/s, median %.1f MB/s\n", RATE(wall[0]), RATE(wall[iterations / 2]));
#undef RATE
    free(cpu);
    free(wall);
    free(files);
    free(parsed);
    arena_free(decl_arena);
    for (int i = 0; i < m; i++) {
        free(srcs[i].data);
        free(srcs[i].path);
    }
    free(srcs);
    return 0;
}

int main(int argc, char **argv) {
    int iterations = 0, i = 1;
    bool header_only = false, body = false;
    FILE *bodies = NULL;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc) {
            iterations = atoi(argv[++i]);
            if (iterations <= 0) fatal("--bench needs a positive count");
        } else if (strcmp(argv[i], "--header") == 0) {
            header_only = true;
        } else if (strcmp(argv[i], "--body") == 0) {
            body = true;
        } else if (strcmp(argv[i], "--bodies") == 0 && i + 1 < argc) {
            bodies = fopen(argv[++i], "w");
            if (!bodies) fatal("cannot write %s: %s", argv[i], strerror(errno));
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            break;
        }
    }
    int n;
    char **paths = collect_paths(argc, argv, i, &n);
    int rc = 0;
    if (iterations > 0) rc = bench(paths, n, iterations, header_only, body);
    else for (int k = 0; k < n; k++) dump_one(paths[k], header_only, bodies);
    if (bodies && fclose(bodies) != 0) fatal("cannot write the body dump");
    for (int k = 0; k < n; k++) free(paths[k]);
    free(paths);
    return rc;
}
