/* cache: what lets a later otel run skip work without ever being stale.
 *
 * StatCache maps a file path to (size, mtime in ns, inode, ctime) and two
 * hashes of its bytes: the whole content, and a caller-defined "header"
 * digest (setup uses the import fingerprint: package clause, build
 * constraint, imports). A file whose stat data is unchanged is not read
 * again, except when it is *racily clean*: its mtime is not older than the
 * moment the entry was recorded, so a write in the same clock tick could
 * hide behind an equal mtime (git's rule). Such entries are re-hashed.
 *
 * The content store keeps generated files under a directory by the hash of
 * everything they were made from; a hit reuses the file as is. Every write
 * is atomic (temp + rename), so an interrupted run leaves no half entry. */
#ifndef OTEL_CACHE_H
#define OTEL_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

typedef struct StatCache StatCache;

/* Computes the header digest of a file's bytes into out[33]; returns 0, or
 * -1 when the file has none (then the content hash stands in). */
typedef int (*HeaderDigestFn)(const char *data, size_t len, char out[33]);

/* Load the stat cache stored at path (a missing or corrupt file gives an
 * empty cache). header_fn may be NULL when header digests are not used. */
StatCache *statcache_open(const char *path, HeaderDigestFn header_fn);

/* Content hash of the file at path into out[33]. Returns 0, or -1 when the
 * file cannot be stat'ed or read (errno set). */
int statcache_hash(StatCache *sc, const char *path, char out[33]);

/* Header digest of the file at path into out[33]. Same contract. */
int statcache_header(StatCache *sc, const char *path, char out[33]);

/* statcache_header for the file `name` in the open directory dirfd, whose
 * full path is path: the stat is relative to dirfd, which saves the kernel
 * a full path walk per file when a whole tree is scanned. */
int statcache_header_at(StatCache *sc, int dirfd, const char *name, const char *path, char out[33]);

/* One entry of a directory listing. */
typedef struct {
    char *name;
    bool is_dir;
} StatDirEntry;

/* The entries of directory dir, sorted by name, into *out (owned by the
 * cache; valid until the same directory is listed again or the cache is
 * freed). Answered from the cache while the directory's mtime, ctime and
 * inode are unchanged and not racily clean (adding, removing or renaming
 * an entry changes the directory's mtime). Returns the count, or -1. */
int statcache_list_dir(StatCache *sc, const char *dir, const StatDirEntry **out);

/* How many files were read (not answered from stat data) since open. */
int statcache_reads(const StatCache *sc);

/* Write the cache back (atomically) when anything changed. 0 or -1. */
int statcache_save(StatCache *sc);

/* Release the cache (does not save). */
void statcache_free(StatCache *sc);

/* Content store: the path of entry `key` (32 hex) with suffix (e.g. ".go")
 * under dir, malloc'd. */
char *cas_path(const char *dir, const char *key, const char *suffix);

/* Store data under key unless present. Returns 0 or -1. */
int cas_put(const char *dir, const char *key, const char *suffix, const void *data, size_t len);

/* true when entry key exists. */
bool cas_has(const char *dir, const char *key, const char *suffix);

#endif
