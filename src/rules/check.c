/* check: `otel rules check PATH...`, the rule-file validator users run.
 *
 * Kept in this component so that the cli only forwards to it. The output
 * is compiler-like so editors can jump to each error: one
 * "file:line:col: message" line per error on stderr, then a count. */
#include <stdio.h>

#include "rules/internal.h"

static int count_lines(const char *s) {
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

int rules_check_main(int argc, char **argv) {
    if (argc < 1) {
        fprintf(stderr, "usage: otel rules check FILE|DIR...\n");
        return 2;
    }
    Buf errors = BUF_INIT;
    RuleSet *rs = rules_load((const char *const *)argv, argc, &errors);
    if (!rs) {
        int n = count_lines(buf_str(&errors));
        fputs(buf_str(&errors), stderr);
        fprintf(stderr, "otel: %d error%s in rule files\n", n, n == 1 ? "" : "s");
        buf_free(&errors);
        return 1;
    }
    int nrules, nfiles;
    rules_all(rs, &nrules);
    rules_files(rs, &nfiles);
    printf("ok: %d rule%s in %d file%s\n", nrules, nrules == 1 ? "" : "s", nfiles,
           nfiles == 1 ? "" : "s");
    rules_free(rs);
    buf_free(&errors);
    return 0;
}
