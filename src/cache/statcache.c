/* The stat cache: one text file, one line per path:
 *   <size> <mtime_ns> <ino> <ctime_ns> <recorded_ns> <content hash> <header hash|-> <path>
 * loaded into a hash table at open and written back whole at save.
 * recorded_ns is when the hashes were computed, for the racily-clean rule.
 * A directory's listing takes a line
 *   D <mtime_ns> <ctime_ns> <ino> <recorded_ns> <count> <path>
 * followed by <count> lines "d <name>" (subdirectory) or "f <name>".
 * The first line is "otel-statcache 3". */
#include <dirent.h>
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
    /* A directory's sorted listing (entries of kind directory only). */
    bool is_dir;
    int nents;
    StatDirEntry *ents;   /* malloc'd; names point into `names` */
    char *names;          /* one block holding every entry name */
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

static void free_listing(Entry *e) {
    free(e->ents);
    free(e->names);
    e->ents = NULL;
    e->names = NULL;
    e->nents = 0;
}

/* Give a listing its entries from a block of NUL-separated names (taken
 * over by e), kinds[i] saying whether entry i is a directory. */
static void set_listing(Entry *e, char *block, const bool *kinds, int n) {
    e->names = block;
    e->ents = xmalloc(sizeof(StatDirEntry) * (size_t)(n + 1));
    e->nents = n;
    char *p = block;
    for (int i = 0; i < n; i++) {
        e->ents[i] = (StatDirEntry){p, kinds[i]};
        p += strlen(p) + 1;
    }
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

/* Parse a directory listing: the header at p (in the line ending at nl),
 * then its entry lines. Returns the newline ending the last line consumed
 * (the caller continues after it), or NULL at a malformed end. */
static char *load_dir(StatCache *sc, char *p, char *nl) {
    long long mtime, ctime, ino, recorded, count;
    if (!take_number(&p, &mtime) || !take_number(&p, &ctime) || !take_number(&p, &ino) ||
        !take_number(&p, &recorded) || !take_number(&p, &count) || !*p || count < 0)
        return NULL;
    Entry *e = entry_for(sc, p);
    free_listing(e);
    e->is_dir = true;
    e->mtime_ns = mtime;
    e->ctime_ns = ctime;
    e->ino = (unsigned long long)ino;
    e->recorded_ns = recorded;
    Buf names = BUF_INIT;
    bool *kinds = xmalloc(sizeof(bool) * (size_t)(count + 1));
    for (long long i = 0; i < count; i++) {
        char *line = nl + 1;
        nl = strchr(line, '\n');
        if (!nl || (line[0] != 'd' && line[0] != 'f') || line[1] != ' ') {
            buf_free(&names);
            free(kinds);
            e->is_dir = false;
            return NULL;
        }
        kinds[i] = line[0] == 'd';
        buf_append(&names, line + 2, (size_t)(nl - line - 2) + 1); /* with the NUL: see below */
        names.data[names.len - 1] = '\0';
    }
    set_listing(e, names.data ? names.data : xcalloc(1, 1), kinds, (int)count);
    free(kinds);
    return nl;
}

/* Loading is on the hot path of every otel run (a few thousand lines for a
 * large module), hence the hand-rolled field parsing instead of sscanf. */
static void load(StatCache *sc) {
    Buf b = BUF_INIT;
    if (read_file(sc->file, &b) != 0) return;
    char *p = b.data;
    char *nl = p ? strchr(p, '\n') : NULL;
    if (!nl || (size_t)(nl - p) != strlen("otel-statcache 3") || strncmp(p, "otel-statcache 3", (size_t)(nl - p)) != 0) {
        buf_free(&b);
        return;
    }
    for (p = nl + 1; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl) break;
        *nl = '\0';
        if (p[0] == 'D' && p[1] == ' ') {
            nl = load_dir(sc, p + 2, nl);
            if (!nl) break;
            continue;
        }
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
    free_listing(e);
    e->is_dir = false;
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

static int cmp_dirent(const void *a, const void *b) {
    return strcmp(((const StatDirEntry *)a)->name, ((const StatDirEntry *)b)->name);
}

/* Read a directory's entries (sorted) into e. */
static int read_listing(Entry *e, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    StatDirEntry *tmp = NULL;
    int n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        bool is_dir = de->d_type == DT_DIR;
        if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
            struct stat st;
            is_dir = fstatat(dirfd(d), de->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            tmp = xrealloc(tmp, sizeof(StatDirEntry) * (size_t)cap);
        }
        tmp[n++] = (StatDirEntry){xstrdup(de->d_name), is_dir};
    }
    closedir(d);
    if (n) qsort(tmp, (size_t)n, sizeof(StatDirEntry), cmp_dirent);
    Buf names = BUF_INIT;
    bool *kinds = xmalloc(sizeof(bool) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        buf_append(&names, tmp[i].name, strlen(tmp[i].name) + 1);
        kinds[i] = tmp[i].is_dir;
        free(tmp[i].name);
    }
    free(tmp);
    set_listing(e, names.data ? names.data : xcalloc(1, 1), kinds, n);
    free(kinds);
    return 0;
}

int statcache_list_dir(StatCache *sc, const char *dir, const StatDirEntry **out) {
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return -1;
    Entry *e = entry_for(sc, dir);
    long long mtime = ts_ns(st.st_mtim), ctime = ts_ns(st.st_ctim);
    long long changed = mtime > ctime ? mtime : ctime;
    /* Creating, removing or renaming an entry changes the directory's
     * mtime; the racy window applies as for files. */
    bool fresh = e->is_dir && e->mtime_ns == mtime && e->ctime_ns == ctime &&
                 e->ino == (unsigned long long)st.st_ino && changed + RACY_WINDOW_NS < e->recorded_ns;
    if (!fresh) {
        long long before = now_ns();
        free_listing(e);
        if (read_listing(e, dir) != 0) {
            e->is_dir = false;
            return -1;
        }
        e->is_dir = true;
        e->mtime_ns = mtime;
        e->ctime_ns = ctime;
        e->ino = (unsigned long long)st.st_ino;
        e->recorded_ns = before;
        sc->dirty = true;
    }
    *out = e->ents;
    return e->nents;
}

int statcache_reads(const StatCache *sc) { return sc->reads; }

int statcache_save(StatCache *sc) {
    if (!sc->dirty) return 0;
    Buf b = BUF_INIT;
    buf_puts(&b, "otel-statcache 3\n");
    for (size_t i = 0; i < sc->cap; i++) {
        const Entry *e = &sc->slots[i];
        if (!e->path) continue;
        if (e->is_dir) {
            buf_printf(&b, "D %lld %lld %llu %lld %d %s\n", e->mtime_ns, e->ctime_ns, e->ino, e->recorded_ns,
                       e->nents, e->path);
            for (int k = 0; k < e->nents; k++)
                buf_printf(&b, "%c %s\n", e->ents[k].is_dir ? 'd' : 'f', e->ents[k].name);
            continue;
        }
        if (e->content[0] == '\0') continue;
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
    for (size_t i = 0; i < sc->cap; i++) {
        free_listing(&sc->slots[i]);
        free(sc->slots[i].path);
    }
    free(sc->slots);
    free(sc->file);
    free(sc);
}
