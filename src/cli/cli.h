/* cli: the `otel` command line.
 *
 *   otel [otel flags] go [otel flags] <subcommand> [go flags] [args]
 *   otel version | otel --help | otel rules check FILE... | otel rules list
 *   otel clean
 *
 * The go-side half of this component is a model of the go command's flags:
 * which flags take a value, which ones change the package graph (and so
 * must be passed to `go list` and hashed into the setup key), and where the
 * package patterns are. The go command is the authority; we only need to
 * find patterns and graph flags reliably, and we pass everything else
 * through untouched. */
#ifndef OTEL_CLI_H
#define OTEL_CLI_H

#include <stdbool.h>

/* A parsed `go <subcommand> ...` invocation. All strings point into argv or
 * are malloc'd and live for the whole run. */
typedef struct {
    const char *subcmd;        /* "build", "install", "run", "test", ... */
    char **args;               /* the arguments after the subcommand, as given */
    int nargs;
    const char **patterns;     /* package patterns / .go files */
    int npatterns;
    const char **graph_flags;  /* normalized "-name=value" / "-name" flags that
                                  change the package graph (for go list + key) */
    int ngraph_flags;
    const char *user_overlay;  /* -overlay value, or NULL */
    const char *user_modfile;  /* -modfile value, or NULL */
    const char *mod_flag;      /* -mod value, or NULL */
    bool has_vet;              /* go test: the user set -vet */
    bool has_x;                /* -x given */
    bool cover;                /* a coverage build: -cover, -covermode, -coverpkg or -coverprofile */
    int *drop;                 /* indexes of args otel consumes (-overlay, -modfile and their values) */
    int ndrop;
    const char *user_toolexec; /* -toolexec value (last one, GOFLAGS first), or NULL */
    int *toolexec_drop;        /* indexes of the -toolexec args and values on the command line */
    int ntoolexec_drop;
    const char **gcflags;      /* every -gcflags value in go's order: GOFLAGS, then the command line */
    int ngcflags;
    int flags_end;             /* index in args where flags otel adds must go so that they come
                                  after the user's (before the packages; for go test, before -args) */
    const char **owned;        /* strings allocated here (values read from GOFLAGS) */
    int nowned;
} GoInvocation;

/* true for the subcommands that compile user code and so are instrumented. */
bool go_subcommand_builds(const char *subcmd);

/* Parse the arguments after `go <subcmd>`; GOFLAGS (from the environment)
 * is read for -overlay/-modfile/-mod/-tags too. Returns 0, or -1 with a
 * message printed for a malformed command line. */
int go_invocation_parse(const char *subcmd, char **args, int nargs, GoInvocation *inv);

/* The -gcflags go applies to one package, given the user's -gcflags in
 * order (the last matching one wins, as in cmd/go's PerPackageFlag): the
 * text after `pattern=` (or the whole value), malloc'd; "" when none
 * matches. cmdline: the package is named by the command line's patterns;
 * cwd: the directory go runs in (for relative patterns). */
char *go_gcflags_for(const GoInvocation *inv, const char *import_path, const char *dir, bool standard,
                     bool cmdline, const char *cwd);

/* Does import path `path` match the go package pattern `pattern` (an
 * import-path pattern with `...` wildcards, as cmd/go matches them)? */
bool go_pattern_match(const char *pattern, const char *path);

/* Release what go_invocation_parse allocated. */
void go_invocation_free(GoInvocation *inv);

#endif
