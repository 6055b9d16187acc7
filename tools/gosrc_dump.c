/* gosrc_dump: print gosrc's view of Go files, or measure its speed.
 *
 *   gosrc_dump [--header] FILE...        dump each file (gosrc_dump format)
 *   gosrc_dump [--header] < LIST         same, paths one per line on stdin
 *   gosrc_dump --bench N [--header] ...  parse every file N times, print MB/s
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

static void dump_one(const char *path, bool header_only) {
    printf("file %s\n", path);
    Source s;
    if (load(path, &s) != 0) {
        printf("unreadable \"%s\"\n", strerror(errno));
        fflush(stdout);
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
static int bench(char **paths, int n, int iterations, bool header_only) {
    Source *srcs = xcalloc((size_t)(n ? n : 1), sizeof *srcs);
    int m = 0, failed = 0;
    size_t bytes = 0;
    for (int i = 0; i < n; i++) {
        if (load(paths[i], &srcs[m]) == 0) bytes += srcs[m++].len;
    }
    double *cpu = xmalloc((size_t)iterations * sizeof *cpu);
    double *wall = xmalloc((size_t)iterations * sizeof *wall);
    for (int it = 0; it < iterations; it++) {
        double c0 = clock_secs(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_secs(CLOCK_MONOTONIC);
        for (int i = 0; i < m; i++) {
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
    printf("cpu:  best %.1f MB/s, median %.1f MB/s\n", RATE(cpu[0]), RATE(cpu[iterations / 2]));
    printf("wall: best %.1f MB/s, median %.1f MB/s\n", RATE(wall[0]), RATE(wall[iterations / 2]));
#undef RATE
    free(cpu);
    free(wall);
    for (int i = 0; i < m; i++) {
        free(srcs[i].data);
        free(srcs[i].path);
    }
    free(srcs);
    return 0;
}

int main(int argc, char **argv) {
    int iterations = 0, i = 1;
    bool header_only = false;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc) {
            iterations = atoi(argv[++i]);
            if (iterations <= 0) fatal("--bench needs a positive count");
        } else if (strcmp(argv[i], "--header") == 0) {
            header_only = true;
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
    if (iterations > 0) rc = bench(paths, n, iterations, header_only);
    else for (int k = 0; k < n; k++) dump_one(paths[k], header_only);
    for (int k = 0; k < n; k++) free(paths[k]);
    free(paths);
    return rc;
}
