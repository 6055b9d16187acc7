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

/* Compare Go versions "1.22", "1.22.3", "1.21rc1" by their numeric parts. */
static int go_version_cmp(const char *a, const char *b) {
    while (*a || *b) {
        long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
        if (x != y) return x < y ? -1 : 1;
        if (*a == '.') a++;
        else if (*a) break;
        if (*b == '.') b++;
        else if (*b) break;
    }
    return 0;
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

/* Does the go.mod text already mention module `path` in a directive of
 * the given kind ("require" or "replace")? A textual check is enough: we
 * only avoid adding a duplicate of something the user wrote. */
static bool mentions(const char *text, const char *kind, const char *path) {
    const char *p = text;
    size_t plen = strlen(path);
    bool in_block = false;
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        const char *q = p;
        while (q < p + n && (*q == ' ' || *q == '\t')) q++;
        size_t klen = strlen(kind);
        if (strncmp(q, kind, klen) == 0) {
            q += klen;
            while (q < p + n && (*q == ' ' || *q == '\t')) q++;
            if (*q == '(') in_block = true;
            else if (strncmp(q, path, plen) == 0 && (q[plen] == ' ' || q[plen] == '\t')) return true;
        } else if (in_block) {
            if (*q == ')') in_block = false;
            else if (strncmp(q, path, plen) == 0 && (q[plen] == ' ' || q[plen] == '\t')) return true;
        }
        p = eol ? eol + 1 : NULL;
    }
    return false;
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

static void add_module(Buf *out, const char *user_text, const char *path, const char *dir) {
    if (!mentions(user_text, "require", path)) buf_printf(out, "require %s v0.0.0\n", path);
    if (!mentions(user_text, "replace", path)) buf_printf(out, "replace %s => %s\n", path, dir);
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

const char *setup_write_modfile(Setup *s, const char *user_modfile, char **lang_pin) {
    char *user_mod = user_modfile ? xstrdup(user_modfile) : path_join(s->root, "go.mod");
    Buf text = BUF_INIT;
    if (read_file(user_mod, &text) != 0) {
        fprintf(stderr, "otel: error: cannot read %s: %s\n", user_mod, strerror(errno));
        free(user_mod);
        return NULL;
    }
    const char *libs_dir = arena_printf(s->a, "%s/libs", s->opt->instr_dir);
    Buf out = BUF_INIT;
    /* Raise the go line to the newest of the modules we add: go refuses a
     * main module whose go line is older than a dependency's. */
    size_t loff = 0, llen = 0;
    const char *user_go = go_directive(s->a, buf_str(&text), &loff, &llen);
    const char *libs_go = module_go_version(s, s->opt->instr_dir, NULL);
    if (s->uses_libs) libs_go = module_go_version(s, libs_dir, libs_go);
    if (user_go && libs_go && go_version_cmp(user_go, libs_go) < 0) {
        buf_append(&out, text.data, loff);
        buf_printf(&out, "go %s", libs_go);
        buf_puts(&out, text.data + loff + llen);
        if (lang_pin && s->main_module) {
            *lang_pin = xasprintf("-gcflags=%s/...=-lang=%s", s->main_module, lang_of(s->a, user_go));
            log_msg(LOG_INFO, "go line raised from %s to %s in the alternate go.mod; %s keeps your language version",
                    user_go, libs_go, *lang_pin);
        }
    } else {
        buf_append(&out, buf_str(&text), text.len);
    }
    buf_puts(&out, "\n// Added by otel for the instrumented build.\n");
    add_module(&out, buf_str(&text), OTEL_RT_MODULE, s->opt->instr_dir);
    if (s->uses_libs) add_module(&out, buf_str(&text), LIBS_MODULE, libs_dir);

    const char *modpath = arena_printf(s->a, "%s/go.mod", s->setup_dir);
    char *user_sum = sum_path_for(user_mod);
    Buf sum = BUF_INIT;
    append_sum(&sum, user_sum);
    if (s->uses_libs) {
        char *ls = path_join(libs_dir, "go.sum");
        append_sum(&sum, ls);
        free(ls);
    }
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
