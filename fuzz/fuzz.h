/* Helpers shared by the libFuzzer targets in fuzz/ (not a library
 * component: only the targets include it).
 *
 * Each target defines LLVMFuzzerTestOneInput and is linked with clang
 * -fsanitize=fuzzer,address,undefined against the library sources (Makefile
 * `fuzz-build`). A target keeps no state between inputs except what its
 * LLVMFuzzerInitialize builds once (still reachable, so LeakSanitizer
 * does not count it); every allocation of one input is freed before
 * LLVMFuzzerTestOneInput returns. A broken invariant calls fuzz_fail,
 * which aborts: libFuzzer records the input as a crash. */
#ifndef OTEL_FUZZ_H
#define OTEL_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define fuzz_fail(...)                                                                             \
    do {                                                                                           \
        fprintf(stderr, "fuzz invariant broken (%s:%d): ", __FILE__, __LINE__);                    \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

#define fuzz_check(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_fail(__VA_ARGS__);                                                                \
    } while (0)

/* The input in a malloc'd buffer of exactly size bytes (at least one, so
 * malloc(0) is never asked): a read at src[size] is an ASan overflow,
 * which is what the parsers' "src[0..len)" contracts promise not to do. */
static inline char *fuzz_copy(const uint8_t *data, size_t size) {
    char *s = malloc(size ? size : 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    return s;
}

/* The input as a NUL-terminated string (for APIs that take C strings). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* 1-based line of offset off in s. */
static inline int fuzz_line_at(const char *s, size_t off) {
    int l = 1;
    for (size_t i = 0; i < off; i++)
        l += s[i] == '\n';
    return l;
}

#endif
