/* The stat cache: one text file, one line per path:
 *   <size> <mtime_ns> <ino> <ctime_ns> <recorded_ns> <content hash> <header hash|-> <path>
 * loaded into a hash table at open and written back whole at save.
 * recorded_ns is when the hashes were computed, for the racily-clean rule.
 * The first line is "otel-statcache 2". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <xxhash.h>

#include "cache/cache.h"

typedef struct {
    char *path;           /* NULL for an empty slot */
    long long size, mtime_ns, ctime_ns;
    unsigned long long ino;
    long long recorded_ns;/* when this entry's hashes were computed */
    char content[33];
    char header[33];      /* "" when not computed yet */
} Entry;

struct StatCache {
    char *file;
    HeaderDigestFn header_fn;
    Entry *slots;
    size_t cap, len;
    bool dirty;
    int reads;
};

static long long ts_ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

/* The coarse clock is the one file timestamps are taken from, so a write
 * after this reading can never get an older timestamp than it. */
static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME_COARSE, &t);
    return ts_ns(t);
}

/* Some filesystems keep whole seconds (or coarser); a change within this
 * window before the recording could share the recorded timestamps. */
enum { RACY_WINDOW_NS = 1000000000 };

static Entry *find_slot(Entry *slots, size_t cap, const char *path) {
    size_t mask = cap - 1, i = (size_t)XXH3_64bits(path, strlen(path)) & mask;
    while (slots[i].path && strcmp(slots[i].path, path) != 0) i = (i + 1) & mask;
    return &slots[i];
}

static void grow(StatCache *sc) {
    size_t ncap = sc->cap ? sc->cap * 2 : 256;
    Entry *ns = xcalloc(ncap, sizeof(Entry));
    for (size_t i = 0; i < sc->cap; i++)
        if (sc->slots[i].path) *find_slot(ns, ncap, sc->slots[i].path) = sc->slots[i];
    free(sc->slots);
    sc->slots = ns;
    sc->cap = ncap;
}

/* The entry for path, created empty when absent. */
static Entry *entry_for(StatCache *sc, const char *path) {
    if ((sc->len + 1) * 2 > sc->cap) grow(sc);
    Entry *e = find_slot(sc->slots, sc->cap, path);
    if (!e->path) {
        memset(e, 0, sizeof *e);
        e->path = xstrdup(path);
        e->size = -1;
        sc->len++;
    }
    return e;
}

/* Parse one decimal field and the space after it; false when malformed. */
static bool take_number(char **p, long long *out) {
    char *end;
    *out = strtoll(*p, &end, 10);
    if (end == *p || *end != ' ') return false;
    *p = end + 1;
    return true;
}

/* Copy a 32-hex-digit field (or "-" for none) and the space after it. */
static bool take_hash(char **p, char out[33]) {
    if ((*p)[0] == '-' && (*p)[1] == ' ') {
        out[0] = '\0';
        *p += 2;
        return true;
    }
    for (int i = 0; i < 32; i++)
        if (!(*p)[i] || (*p)[i] == ' ') return false;
    if ((*p)[32] != ' ') return false;
    memcpy(out, *p, 32);
    out[32] = '\0';
    *p += 33;
    return true;
}

/* Parse one entry line into e (path excluded); returns the path or NULL. */
static char *parse_line(char *line, Entry *e) {
    long long ino;
    char *p = line;
    if (!take_number(&p, &e->size) || !take_number(&p, &e->mtime_ns) || !take_number(&p, &ino) ||
        !take_number(&p, &e->ctime_ns) || !take_number(&p, &e->recorded_ns) || !take_hash(&p, e->content) ||
        !take_hash(&p, e->header) || !e->content[0] || !*p)
        return NULL;
    e->ino = (unsigned long long)ino;
    return p;
}

/* Loading is on the hot path of every otel run (a few thousand lines for a
 * large module), hence the hand-rolled field parsing instead of sscanf. */
static void load(StatCache *sc) {
    Buf b = BUF_INIT;
    if (read_file(sc->file, &b) != 0) return;
    char *p = b.data;
    char *nl = p ? strchr(p, '\n') : NULL;
    if (!nl || (size_t)(nl - p) != strlen("otel-statcache 2") || strncmp(p, "otel-statcache 2", (size_t)(nl - p)) != 0) {
        buf_free(&b);
        return;
    }
    for (p = nl + 1; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl) break;
        *nl = '\0';
        Entry tmp = {0};
        char *path = parse_line(p, &tmp);
        if (!path) continue;
        Entry *e = entry_for(sc, path);
        char *keep = e->path;
        *e = tmp;
        e->path = keep;
    }
    buf_free(&b);
}

StatCache *statcache_open(const char *path, HeaderDigestFn header_fn) {
    StatCache *sc = xcalloc(1, sizeof *sc);
    sc->file = xstrdup(path);
    sc->header_fn = header_fn;
    load(sc);
    return sc;
}

/* Is the entry still a true picture of the file? */
static bool entry_fresh(const Entry *e, const struct stat *st) {
    if (e->size < 0 || e->content[0] == '\0') return false;
    if (e->size != (long long)st->st_size || e->mtime_ns != ts_ns(st->st_mtim) ||
        e->ino != (unsigned long long)st->st_ino || e->ctime_ns != ts_ns(st->st_ctim))
        return false;
    /* Racily clean: changed too close to the moment the entry was made for
     * equal timestamps to prove equal contents. ctime counts too: it is set
     * by the kernel on every write and cannot be forged with touch -d. */
    long long changed = e->mtime_ns > e->ctime_ns ? e->mtime_ns : e->ctime_ns;
    return changed + RACY_WINDOW_NS < e->recorded_ns;
}

/* Bring the entry for path up to date; NULL with errno when unreadable.
 * The stat is of `name` relative to dirfd when dirfd >= 0. */
static Entry *refresh_at(StatCache *sc, int dirfd, const char *name, const char *path, bool want_header) {
    struct stat st;
    if ((dirfd >= 0 ? fstatat(dirfd, name, &st, 0) : stat(path, &st)) != 0) return NULL;
    Entry *e = entry_for(sc, path);
    if (entry_fresh(e, &st) && (!want_header || e->header[0])) return e;
    long long before = now_ns();
    Buf b = BUF_INIT;
    if (read_file(path, &b) != 0) {
        buf_free(&b);
        return NULL;
    }
    sc->reads++;
    e->size = (long long)st.st_size;
    e->mtime_ns = ts_ns(st.st_mtim);
    e->ino = (unsigned long long)st.st_ino;
    e->ctime_ns = ts_ns(st.st_ctim);
    e->recorded_ns = before;
    hash_bytes(buf_str(&b), b.len, e->content);
    e->header[0] = '\0';
    if (sc->header_fn && sc->header_fn(buf_str(&b), b.len, e->header) != 0)
        memcpy(e->header, e->content, 33);
    buf_free(&b);
    sc->dirty = true;
    return e;
}

static Entry *refresh(StatCache *sc, const char *path, bool want_header) {
    return refresh_at(sc, -1, NULL, path, want_header);
}

int statcache_hash(StatCache *sc, const char *path, char out[33]) {
    Entry *e = refresh(sc, path, false);
    if (!e) return -1;
    memcpy(out, e->content, 33);
    return 0;
}

int statcache_header(StatCache *sc, const char *path, char out[33]) {
    Entry *e = refresh(sc, path, true);
    if (!e) return -1;
    memcpy(out, e->header[0] ? e->header : e->content, 33);
    return 0;
}

int statcache_header_at(StatCache *sc, int dirfd, const char *name, const char *path, char out[33]) {
    Entry *e = refresh_at(sc, dirfd, name, path, true);
    if (!e) return -1;
    memcpy(out, e->header[0] ? e->header : e->content, 33);
    return 0;
}

int statcache_reads(const StatCache *sc) { return sc->reads; }

int statcache_save(StatCache *sc) {
    if (!sc->dirty) return 0;
    Buf b = BUF_INIT;
    buf_puts(&b, "otel-statcache 2\n");
    for (size_t i = 0; i < sc->cap; i++) {
        const Entry *e = &sc->slots[i];
        if (!e->path || e->content[0] == '\0') continue;
        buf_printf(&b, "%lld %lld %llu %lld %lld %s %s %s\n", e->size, e->mtime_ns, e->ino, e->ctime_ns,
                   e->recorded_ns, e->content,
                   e->header[0] ? e->header : "-", e->path);
    }
    int rc = write_file_atomic(sc->file, b.data, b.len);
    buf_free(&b);
    if (rc == 0) sc->dirty = false;
    return rc;
}

void statcache_free(StatCache *sc) {
    if (!sc) return;
    for (size_t i = 0; i < sc->cap; i++) free(sc->slots[i].path);
    free(sc->slots);
    free(sc->file);
    free(sc);
}
