/* The setup marker: written last, after every file a setup produced, in
 * <work>/setups/<key>/marker. Its presence says "this setup completed";
 * its watch list names the inputs the key cannot cover cheaply:
 *   - every file of a package that rules reached and that the user can
 *     edit (main module, local replacements): a body edit there must be
 *     instrumented afresh, and a new function there may now match;
 *   - hook package sources outside otel's own modules (signatures);
 *   - import fingerprints of locally replaced modules.
 * A hit requires each to be unchanged (content hashes via the stat cache).
 *
 * Format, one item per line:
 *   otel-marker 1
 *   overlay <path> | modfile <path> | modmod 0|1 | langpin <flag> | stats <files> <funcs>
 *   toolexec <value> | gcflag <flag>   (packages beneath GOMODCACHE, reach.c)
 *   watch <hash> <path>
 *   tree <hash> <dir>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup/internal.h"

void setup_watch_file(Setup *s, const char *path) {
    if (!strset_add(&s->watched, path)) return;
    char d[33];
    if (statcache_hash(s->sc, path, d) != 0) strcpy(d, "missing");
    buf_printf(&s->watch, "watch %s %s\n", d, path);
}

void setup_tree_digest(Setup *s, const char *dir, char out[33]) {
    Hasher *h = hasher_new();
    setup_hash_import_fingerprint(h, s->sc, dir);
    hasher_final(h, out);
}

void setup_watch_tree(Setup *s, const char *dir) {
    if (!strset_add(&s->watched, dir)) return;
    char d[33];
    setup_tree_digest(s, dir, d);
    buf_printf(&s->watch, "tree %s %s\n", d, dir);
}

int setup_write_marker(Setup *s, const SetupResult *res) {
    Buf b = BUF_INIT;
    buf_puts(&b, "otel-marker 1\n");
    buf_printf(&b, "overlay %s\n", res->overlay_path ? res->overlay_path : "-");
    buf_printf(&b, "modfile %s\n", res->modfile_path ? res->modfile_path : "-");
    buf_printf(&b, "gowork %s\n", res->gowork_path ? res->gowork_path : "-");
    buf_printf(&b, "modmod %d\n", res->mod_mod ? 1 : 0);
    buf_printf(&b, "langpin %s\n", res->lang_pin ? res->lang_pin : "-");
    buf_printf(&b, "stats %d %d\n", res->nfiles, res->nfuncs);
    if (res->toolexec) buf_printf(&b, "toolexec %s\n", res->toolexec);
    for (int i = 0; i < res->npkg_gcflags; i++) buf_printf(&b, "gcflag %s\n", res->pkg_gcflags[i]);
    buf_append(&b, buf_str(&s->watch), s->watch.len);
    const char *path = arena_printf(s->a, "%s/marker", s->setup_dir);
    int rc = write_file_atomic(path, b.data, b.len);
    buf_free(&b);
    return rc;
}

bool setup_watch_line_holds(Setup *s, const char *kind, const char *hash, const char *path) {
    char d[33];
    if (strcmp(kind, "watch") == 0) {
        if (statcache_hash(s->sc, path, d) != 0) return strcmp(hash, "missing") == 0;
        return strcmp(d, hash) == 0;
    }
    if (strcmp(kind, "tree") == 0) {
        setup_tree_digest(s, path, d);
        return strcmp(d, hash) == 0;
    }
    return false;
}

static char *dup_or_null(const char *v) { return strcmp(v, "-") == 0 ? NULL : xstrdup(v); }

int setup_read_marker(Setup *s, SetupResult *res) {
    const char *path = arena_printf(s->a, "%s/marker", s->setup_dir);
    Buf b = BUF_INIT;
    if (read_file(path, &b) != 0) return -1;
    char *save = NULL;
    char *line = strtok_r(b.data, "\n", &save);
    int ok = line && strcmp(line, "otel-marker 1") == 0 ? 0 : -1;
    if (ok != 0) {
        buf_free(&b);
        return -1;
    }
    SetupResult r = {0};
    while (ok == 0 && (line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *sp = strchr(line, ' ');
        if (!sp) { ok = -1; break; }
        *sp = '\0';
        char *rest = sp + 1;
        if (strcmp(line, "overlay") == 0) r.overlay_path = dup_or_null(rest);
        else if (strcmp(line, "modfile") == 0) r.modfile_path = dup_or_null(rest);
        else if (strcmp(line, "gowork") == 0) r.gowork_path = dup_or_null(rest);
        else if (strcmp(line, "modmod") == 0) r.mod_mod = strcmp(rest, "1") == 0;
        else if (strcmp(line, "langpin") == 0) r.lang_pin = dup_or_null(rest);
        else if (strcmp(line, "stats") == 0) sscanf(rest, "%d %d", &r.nfiles, &r.nfuncs);
        else if (strcmp(line, "toolexec") == 0) r.toolexec = xstrdup(rest);
        else if (strcmp(line, "gcflag") == 0) {
            r.pkg_gcflags = xrealloc(r.pkg_gcflags, sizeof(char *) * (size_t)(r.npkg_gcflags + 1));
            r.pkg_gcflags[r.npkg_gcflags++] = xstrdup(rest);
        }
        else {
            char *sp2 = strchr(rest, ' ');
            if (!sp2) { ok = -1; break; }
            *sp2 = '\0';
            if (!setup_watch_line_holds(s, line, rest, sp2 + 1)) {
                log_msg(LOG_DEBUG, "setup cache: %s changed", sp2 + 1);
                ok = -1;
            }
        }
    }
    /* The files the marker points at must still be there (otel clean, or a
     * user deleting part of .otel-build/). */
    if (ok == 0 && r.overlay_path &&
        (!path_exists(r.overlay_path) || !path_exists(r.modfile_path ? r.modfile_path : r.gowork_path ? r.gowork_path : "")))
        ok = -1;
    buf_free(&b);
    if (ok != 0) {
        setup_result_free(&r);
        return -1;
    }
    *res = r;
    return 0;
}
