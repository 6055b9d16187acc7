/* The content-addressed store: <dir>/<k0k1>/<key><suffix>. Entries are
 * immutable once written, so a hit never needs verifying. */
#include <stdio.h>
#include <stdlib.h>

#include "cache/cache.h"

char *cas_path(const char *dir, const char *key, const char *suffix) {
    return xasprintf("%s/%.2s/%s%s", dir, key, key, suffix);
}

bool cas_has(const char *dir, const char *key, const char *suffix) {
    char *p = cas_path(dir, key, suffix);
    bool ok = path_exists(p);
    free(p);
    return ok;
}

int cas_put(const char *dir, const char *key, const char *suffix, const void *data, size_t len) {
    char *p = cas_path(dir, key, suffix);
    int rc = path_exists(p) ? 0 : write_file_atomic(p, data, len);
    free(p);
    return rc;
}
