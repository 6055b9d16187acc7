/* golist: run `go list` and turn its JSON stream into a package table. */
#include <json.h>
#include <stdlib.h>
#include <string.h>

#include "golist/golist.h"

static const char *const golist_fields =
    "-json=ImportPath,Name,Dir,Standard,DepOnly,ForTest,Module,GoFiles,CgoFiles,"
    "TestGoFiles,XTestGoFiles,Error";

static const char *get_str(Arena *a, json_object *o, const char *key) {
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string)) return NULL;
    return arena_strndup(a, json_object_get_string(v), (size_t)json_object_get_string_len(v));
}

static bool get_bool(json_object *o, const char *key) {
    json_object *v;
    return json_object_object_get_ex(o, key, &v) && json_object_get_boolean(v);
}

static const char **get_str_array(Arena *a, json_object *o, const char *key, int *n) {
    json_object *v;
    *n = 0;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_array)) return NULL;
    size_t len = json_object_array_length(v);
    const char **arr = arena_alloc(a, sizeof(char *) * (len + 1));
    for (size_t i = 0; i < len; i++) {
        json_object *e = json_object_array_get_idx(v, i);
        arr[(*n)++] = arena_strdup(a, json_object_get_string(e));
    }
    return arr;
}

static void fill_package(Arena *a, json_object *o, GoPackage *p) {
    memset(p, 0, sizeof *p);
    p->import_path = get_str(a, o, "ImportPath");
    p->name = get_str(a, o, "Name");
    p->dir = get_str(a, o, "Dir");
    p->standard = get_bool(o, "Standard");
    p->dep_only = get_bool(o, "DepOnly");
    p->for_test = get_str(a, o, "ForTest");
    json_object *m;
    if (json_object_object_get_ex(o, "Module", &m) && json_object_is_type(m, json_type_object)) {
        p->module_path = get_str(a, m, "Path");
        p->module_version = get_str(a, m, "Version");
        p->module_dir = get_str(a, m, "Dir");
        p->module_main = get_bool(m, "Main");
        json_object *r;
        if (json_object_object_get_ex(m, "Replace", &r) && json_object_is_type(r, json_type_object)) {
            /* A replacement's version is the one that counts; a local
             * directory replacement has none. */
            p->module_version = get_str(a, r, "Version");
            const char *rdir = get_str(a, r, "Dir");
            if (rdir) p->module_dir = rdir;
        }
    }
    if (!p->module_version) p->module_version = "";
    p->go_files = get_str_array(a, o, "GoFiles", &p->ngo_files);
    p->cgo_files = get_str_array(a, o, "CgoFiles", &p->ncgo_files);
    p->test_go_files = get_str_array(a, o, "TestGoFiles", &p->ntest_go_files);
    p->xtest_go_files = get_str_array(a, o, "XTestGoFiles", &p->nxtest_go_files);
    json_object *e;
    if (json_object_object_get_ex(o, "Error", &e) && json_object_is_type(e, json_type_object))
        p->error = get_str(a, e, "Err");
}

typedef struct {
    Arena *arena;
    json_tokener *tok;
    GoPackage *pkgs;
    int npkgs, cap;
    bool bad;
} StreamState;

/* Feed a chunk of the stream; complete objects become packages. */
static void stream_feed(StreamState *st, const char *data, size_t len) {
    size_t off = 0;
    while (off < len && !st->bad) {
        /* Skip whitespace between objects so the tokener starts cleanly. */
        if (json_tokener_get_parse_end(st->tok) == 0 &&
            (data[off] == '\n' || data[off] == ' ' || data[off] == '\r' || data[off] == '\t')) {
            off++;
            continue;
        }
        json_object *o = json_tokener_parse_ex(st->tok, data + off, (int)(len - off));
        enum json_tokener_error err = json_tokener_get_error(st->tok);
        size_t used = json_tokener_get_parse_end(st->tok);
        if (err == json_tokener_continue) return; /* need more input; tokener keeps state */
        if (err != json_tokener_success || !o) {
            st->bad = true;
            return;
        }
        if (st->npkgs == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 256;
            st->pkgs = xrealloc(st->pkgs, sizeof(GoPackage) * (size_t)st->cap);
        }
        fill_package(st->arena, o, &st->pkgs[st->npkgs++]);
        json_object_put(o);
        off += used;
        json_tokener_reset(st->tok);
    }
}

static int stream_finish(StreamState *st, PackageTable *out) {
    json_tokener_free(st->tok);
    if (st->bad) {
        free(st->pkgs);
        return -1;
    }
    /* Move the table into the arena so the caller owns nothing malloc'd. */
    out->pkgs = arena_alloc(st->arena, sizeof(GoPackage) * (size_t)(st->npkgs + 1));
    if (st->npkgs) memcpy(out->pkgs, st->pkgs, sizeof(GoPackage) * (size_t)st->npkgs);
    out->npkgs = st->npkgs;
    free(st->pkgs);
    return 0;
}

int golist_parse(Arena *a, const char *data, size_t len, PackageTable *out) {
    StreamState st = {.arena = a, .tok = json_tokener_new()};
    stream_feed(&st, data, len);
    return stream_finish(&st, out);
}

int golist_run(Arena *a, const char *const *flags, int nflags,
               const char *const *patterns, int npatterns, bool test, PackageTable *out) {
    return golist_run_raw(a, flags, nflags, patterns, npatterns, test, out, NULL);
}

int golist_run_raw(Arena *a, const char *const *flags, int nflags,
                   const char *const *patterns, int npatterns, bool test, PackageTable *out, Buf *raw) {
    int argc = 0;
    const char **argv = xmalloc(sizeof(char *) * (size_t)(nflags + npatterns + 8));
    argv[argc++] = "go";
    argv[argc++] = "list";
    argv[argc++] = "-e";
    argv[argc++] = "-deps";
    if (test) argv[argc++] = "-test";
    argv[argc++] = golist_fields;
    for (int i = 0; i < nflags; i++) argv[argc++] = flags[i];
    for (int i = 0; i < npatterns; i++) argv[argc++] = patterns[i];
    argv[argc] = NULL;
    Buf outbuf = BUF_INIT;
    int rc = run_capture((char *const *)argv, NULL, &outbuf);
    free(argv);
    if (rc != 0) {
        buf_free(&outbuf);
        return -1;
    }
    rc = golist_parse(a, buf_str(&outbuf), outbuf.len, out);
    if (rc == 0 && raw) buf_append(raw, buf_str(&outbuf), outbuf.len);
    buf_free(&outbuf);
    return rc;
}

const char *golist_base_path(Arena *a, const char *import_path) {
    const char *sp = strchr(import_path, ' ');
    if (!sp) return import_path;
    return arena_strndup(a, import_path, (size_t)(sp - import_path));
}
