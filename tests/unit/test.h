/* A tiny table-friendly test harness for the C unit tests.
 * Each tests/unit/X_test.c defines `static void run_tests(void)` calling
 * CHECK*, and includes this header, which supplies main(). main prints
 * "X: N passed, M failed" and exits non-zero when anything failed. */
#ifndef OTEL_TEST_H
#define OTEL_TEST_H
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond) do { if (cond) test_passed++; else { test_failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && strcmp(g_, w_) == 0) test_passed++; else { test_failed++; \
    fprintf(stderr, "%s:%d: got  \"%s\"\n%*swant \"%s\"\n", __FILE__, __LINE__, \
            g_ ? g_ : "(null)", (int)strlen(__FILE__) + 8, "", w_ ? w_ : "(null)"); } } while (0)

#define CHECK_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
    if (g_ == w_) test_passed++; else { test_failed++; \
    fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); } } while (0)

static void run_tests(void);

int main(int argc, char **argv) {
    (void)argc;
    run_tests();
    const char *name = strrchr(argv[0], '/');
    printf("%s: %d passed, %d failed\n", name ? name + 1 : argv[0], test_passed, test_failed);
    return test_failed ? 1 : 0;
}
#endif
