/* setup: everything otel does before go runs.
 *
 * setup_run reads the package graph, matches rules, writes the instrumented
 * copies, the overlay and the alternate go.mod/go.sum under the work
 * directory (.otel-build/ in the main module's root), and says how to call
 * go. setup_exec_go then replaces otel with go (execvp), so go's exit status
 * and signals are the user's own.
 *
 * Nothing outside the work directory is ever written: the user's go.mod,
 * go.sum and sources are only read. */
#ifndef OTEL_SETUP_H
#define OTEL_SETUP_H

#include <stdbool.h>

#include "cli/cli.h"

typedef struct {
    const GoInvocation *inv;
    const char *const *rule_paths; /* --rules; NULL/0 means the built-in rules */
    int nrule_paths;
    const char *work_dir;          /* --work-dir; NULL means <module root>/.otel-build */
    const char *instr_dir;         /* the instrumentation/ Go module directory */
    bool force_rebuild;            /* --force-rebuild: pass -a */
} SetupOptions;

typedef struct {
    char *overlay_path;  /* -overlay=..., NULL when nothing is instrumented */
    char *modfile_path;  /* -modfile=..., NULL when nothing is instrumented or in a workspace */
    char *gowork_path;   /* workspace mode: GOWORK for go (instead of -modfile), else NULL */
    bool mod_mod;        /* add -mod=mod (vendor mode cannot see the hook modules) */
    char *lang_pin;      /* -gcflags=<main module>/...=-lang=goX.Y when the go line had to be
                            raised (see modfile.c), else NULL */
    int nfiles;          /* instrumented files */
    int nfuncs;          /* instrumented functions */
    char *toolexec;      /* -toolexec value when a package is beyond the overlay's reach
                            (beneath GOMODCACHE), else NULL (reach.c) */
    char **pkg_gcflags;  /* for each such package: -gcflags=<path>=<user's flags> -otelmark=<hash> */
    int npkg_gcflags;
} SetupResult;

/* Release what a SetupResult holds. */
void setup_result_free(SetupResult *res);

/* Run the setup step. Returns 0 on success (result filled), or an exit
 * status (>0) after printing the reason. */
int setup_run(const SetupOptions *opt, SetupResult *res);

/* Replace this process with `go <subcmd> <otel's flags> <user's args>`.
 * Returns only on failure (127 when go cannot be executed). */
int setup_exec_go(const GoInvocation *inv, const SetupResult *res, bool force_rebuild);

/* `otel rules list [packages]`: print, for each rule, the packages of the
 * build it matches and the functions it would instrument. 0 or an exit
 * status. */
int setup_list_rules(const SetupOptions *opt);

/* Locate the instrumentation/ module next to the otel executable
 * (OTEL_GO_INSTRUMENTATION_DIR overrides). malloc'd, or NULL. */
char *setup_find_instrumentation_dir(void);

/* Find the directory holding go.mod, walking up from the current directory.
 * malloc'd, or NULL. */
char *setup_find_module_root(void);

/* The go.work file go would use (GOWORK, else the nearest go.work at or
 * above the current directory), malloc'd; NULL outside a workspace. */
char *setup_find_workfile(void);

#endif
