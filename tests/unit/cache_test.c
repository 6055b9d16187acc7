/* Stat cache: answers from stat data when a file is unchanged and old
 * enough; re-reads when it changed (even with equal size and mtime) or is
 * racily clean; survives a save/load round trip. Content store basics. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "test.h"

static void write_str(const char *path, const char *s) { CHECK_INT(write_file_atomic(path, s, strlen(s)), 0); }

/* Set a file's mtime to `secs_ago` seconds in the past. */
static void age(const char *path, int secs_ago) {
    struct timespec ts[2];
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec -= secs_ago;
    ts[1] = ts[0];
    CHECK_INT(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static int header_len(const char *data, size_t len, char out[33]) {
    /* A toy header digest: the first line only. */
    const char *nl = memchr(data, '\n', len);
    hash_bytes(data, nl ? (size_t)(nl - data) : len, out);
    return 0;
}

static void run_tests(void) {
    char dir[] = "/tmp/otel-cache-test.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *f = path_join(dir, "a.go");
    char *store = path_join(dir, "statcache");
    write_str(f, "package a\nfunc A() {}\n");
    char h1[33], h2[33], hd1[33], hd2[33];

    StatCache *sc = statcache_open(store, header_len);
    CHECK_INT(statcache_hash(sc, f, h1), 0);
    CHECK_INT(statcache_reads(sc), 1);
    /* Just written: racily clean, so it is read again. */
    CHECK_INT(statcache_hash(sc, f, h2), 0);
    CHECK_INT(statcache_reads(sc), 2);
    CHECK_STR(h1, h2);
    statcache_free(sc);

    /* An old file is answered from stat data after one read. */
    age(f, 10);
    sc = statcache_open(store, header_len);
    CHECK_INT(statcache_hash(sc, f, h1), 0);
    CHECK_INT(statcache_header(sc, f, hd1), 0);
    CHECK_INT(statcache_save(sc), 0);
    statcache_free(sc);
    sc = statcache_open(store, header_len);
    /* ctime is "now" for a just-written file; wait out the racy window. */
    sleep(2);
    statcache_free(sc);
    sc = statcache_open(store, header_len);
    CHECK_INT(statcache_hash(sc, f, h2), 0);
    CHECK_STR(h1, h2);
    int reads_before = statcache_reads(sc);
    (void)reads_before;
    statcache_save(sc);
    statcache_free(sc);
    sc = statcache_open(store, header_len);
    CHECK_INT(statcache_hash(sc, f, h2), 0);
    CHECK_INT(statcache_reads(sc), 0); /* from stat data */
    statcache_free(sc);

    /* Same size, mtime forced back to the old value: ctime still changes,
     * so the edit is seen. */
    struct stat st;
    stat(f, &st);
    write_str(f, "package a\nfunc B() {}\n");
    struct timespec ts[2] = {st.st_mtim, st.st_mtim};
    utimensat(AT_FDCWD, f, ts, 0);
    sc = statcache_open(store, header_len);
    CHECK_INT(statcache_hash(sc, f, h2), 0);
    CHECK(strcmp(h1, h2) != 0);
    /* The header (first line) did not change. */
    CHECK_INT(statcache_header(sc, f, hd2), 0);
    CHECK_STR(hd1, hd2);
    statcache_free(sc);

    /* Missing file. */
    sc = statcache_open(store, header_len);
    CHECK_INT(statcache_hash(sc, "/nonexistent/x.go", h1), -1);
    statcache_free(sc);

    /* Directory listings: sorted, with kinds; a new entry is seen at once
     * (the directory's mtime changes), also from a reloaded cache. */
    char *sub = path_join(dir, "sub");
    CHECK_INT(mkdir_p(sub, 0755), 0);
    char *zf = path_join(dir, "z.go");
    write_str(zf, "package z\n");
    sc = statcache_open(store, header_len);
    const StatDirEntry *ents;
    int n = statcache_list_dir(sc, dir, &ents);
    CHECK(n >= 4);
    bool sorted = true, sub_is_dir = false;
    for (int i = 1; i < n; i++) sorted = sorted && strcmp(ents[i - 1].name, ents[i].name) < 0;
    for (int i = 0; i < n; i++) if (strcmp(ents[i].name, "sub") == 0) sub_is_dir = ents[i].is_dir;
    CHECK(sorted);
    CHECK(sub_is_dir);
    CHECK_INT(statcache_save(sc), 0);
    statcache_free(sc);
    char *nf = path_join(dir, "new.go");
    write_str(nf, "package z\n");
    sc = statcache_open(store, header_len);
    int n2 = statcache_list_dir(sc, dir, &ents);
    CHECK_INT(n2, n + 1);
    bool seen = false;
    for (int i = 0; i < n2; i++) seen = seen || strcmp(ents[i].name, "new.go") == 0;
    CHECK(seen);
    CHECK_INT(statcache_list_dir(sc, "/nonexistent-dir", &ents), -1);
    statcache_save(sc);
    statcache_free(sc);
    free(sub);
    free(zf);
    free(nf);

    /* Content store. */
    char *cas = path_join(dir, "cas");
    char key[33];
    hash_bytes("hello", 5, key);
    CHECK(!cas_has(cas, key, ".go"));
    CHECK_INT(cas_put(cas, key, ".go", "hello", 5), 0);
    CHECK(cas_has(cas, key, ".go"));
    char *p = cas_path(cas, key, ".go");
    Buf b = BUF_INIT;
    CHECK_INT(read_file(p, &b), 0);
    CHECK_STR(buf_str(&b), "hello");
    buf_free(&b);
    free(p);
    free(cas);
    free(f);
    free(store);
    remove_tree(dir);
}
