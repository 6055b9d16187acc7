/* util: the small toolbox every other component uses.
 *
 * Memory: x* allocators abort on out-of-memory so call sites stay about the
 * logic. An Arena owns everything allocated during one setup run and is
 * released in one call; Buf is the one growable byte buffer.
 * Logging: one process-wide level (set once by the cli from -v/-vv or
 * OTEL_GO_LOG_LEVEL); messages go to stderr prefixed with "otel: ".
 * Files: whole-file read, atomic write (temp + rename), mkdir -p.
 * Hashing: XXH3-128 through libxxhash, printed as 32 hex digits.
 * Processes: run a child and capture its stdout (posix_spawn). */
#ifndef OTEL_UTIL_H
#define OTEL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

/* ---- memory ---- */
/* malloc that aborts with a message on failure. */
void *xmalloc(size_t n);
/* calloc that aborts with a message on failure. */
void *xcalloc(size_t count, size_t size);
/* realloc that aborts with a message on failure. */
void *xrealloc(void *p, size_t n);
/* strdup that aborts with a message on failure. */
char *xstrdup(const char *s);
/* strndup that aborts with a message on failure. */
char *xstrndup(const char *s, size_t n);
/* printf into a fresh malloc'd string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A bump allocator: many small allocations, one release. Not thread-safe;
 * give each worker thread its own arena. */
typedef struct Arena Arena;
/* Create an empty arena. */
Arena *arena_new(void);
/* Release every block of the arena and the arena itself. NULL is a no-op. */
void arena_free(Arena *a);
/* n bytes, zeroed, aligned for any type; lives until arena_free. */
void *arena_alloc(Arena *a, size_t n);
/* Copy of s[0..n) with a NUL appended. */
char *arena_strndup(Arena *a, const char *s, size_t n);
/* Copy of the NUL-terminated s. */
char *arena_strdup(Arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- growable buffer ---- */
/* Invariant: data is NULL or points at cap bytes, len <= cap, and when
 * data != NULL, data[len] == '\0' (so buf.data is always a C string). */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} Buf;
#define BUF_INIT {NULL, 0, 0}
/* Ensure room for n more bytes (plus the trailing NUL). */
void buf_reserve(Buf *b, size_t n);
/* Append n bytes. */
void buf_append(Buf *b, const void *p, size_t n);
/* Append a C string. */
void buf_puts(Buf *b, const char *s);
/* Append one byte. */
void buf_putc(Buf *b, char c);
/* Append printf output. */
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append vprintf output. */
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
/* Append s as a JSON string literal (with quotes). */
void buf_json_string(Buf *b, const char *s);
/* Forget the contents, keep the memory. */
void buf_clear(Buf *b);
/* The contents as a C string ("" when empty); never NULL. */
const char *buf_str(const Buf *b);
/* Release the memory; the Buf is empty afterwards. */
void buf_free(Buf *b);

/* ---- string set ---- */
/* An open-addressing hash set of strings (copies are malloc'd). */
typedef struct {
    char **slots;
    size_t cap;   /* power of two, or 0 */
    size_t len;
} StrSet;
#define STRSET_INIT {NULL, 0, 0}
/* Add s; true when it was not there before. */
bool strset_add(StrSet *set, const char *s);
/* true when s is in the set. */
bool strset_has(const StrSet *set, const char *s);
/* Release the set; it is empty afterwards. */
void strset_free(StrSet *set);

/* ---- logging ---- */
enum LogLevel { LOG_ERROR = 0, LOG_WARN = 1, LOG_INFO = 2, LOG_DEBUG = 3, LOG_TRACE = 4 };
/* Set the process-wide level; messages above it are dropped. */
void log_set_level(int level);
/* The current level. */
int log_level(void);
/* Print "otel: msg\n" to stderr when level <= the current level. */
void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "otel: warning: msg" at LOG_WARN. */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "otel: error: msg" and exit(2). */
noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- files ---- */
/* Read a whole file into out (appending). 0 on success, -1 with errno set. */
int read_file(const char *path, Buf *out);
/* Write data to path atomically: a temp file in the same directory, fsync-free
 * rename over path. Creates parent directories. 0 on success, -1 on error. */
int write_file_atomic(const char *path, const void *data, size_t len);
/* mkdir -p; 0 on success (also when it exists), -1 on error. */
int mkdir_p(const char *path, unsigned mode);
/* Remove a directory tree (like rm -rf); 0 on success. */
int remove_tree(const char *path);
/* true when path exists (any type). */
bool path_exists(const char *path);
/* Join a and b with one '/', malloc'd. */
char *path_join(const char *a, const char *b);
/* Directory part of path (malloc'd); "." when there is none. */
char *path_dir(const char *path);
/* Final element of path (points into path). */
const char *path_base(const char *path);

/* ---- hashing ---- */
/* An incremental 128-bit hash (XXH3-128). */
typedef struct Hasher Hasher;
/* Start a hash. */
Hasher *hasher_new(void);
/* Feed bytes. */
void hasher_update(Hasher *h, const void *p, size_t n);
/* Feed a C string and its terminating NUL (so "ab","c" != "a","bc"). */
void hasher_str(Hasher *h, const char *s);
/* Finish: 32 lowercase hex digits + NUL into out[33]; frees h. */
void hasher_final(Hasher *h, char out[33]);
/* One-shot hash of bytes as 32 hex digits. */
void hash_bytes(const void *p, size_t n, char out[33]);

/* ---- progress ---- */
/* A status line on stderr for long steps: shown only when stderr is a
 * terminal and the step has run for more than a second, updated a few
 * times a second by a helper thread, erased when the step ends. */
typedef struct Progress Progress;
/* Start watching; label is the fixed start of the line ("otel: setup"). */
Progress *progress_start(const char *label);
/* Say what is happening now (a string that outlives the step, e.g. a literal). */
void progress_phase(Progress *p, const char *phase);
/* Stop, erase the line if one was shown, free p. NULL is a no-op. */
void progress_stop(Progress *p);

/* ---- processes ---- */
/* Run argv (argv[0] found on PATH) with the current environment; capture
 * its stdout into out (when out != NULL), let stderr through. dir: working
 * directory or NULL. Returns the exit status (0..255), or -1 when it could
 * not start or died by a signal. */
int run_capture(char *const argv[], const char *dir, Buf *out);

#endif
