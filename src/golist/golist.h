/* golist: the package graph, from one `go list -deps -json=<fields>` run.
 *
 * The JSON stream (one object per package, concatenated) is parsed
 * incrementally with json-c's tokener as it arrives, so memory stays
 * proportional to one package at a time plus the table we keep. */
#ifndef OTEL_GOLIST_H
#define OTEL_GOLIST_H

#include <stdbool.h>

#include "util/util.h"

typedef struct {
    const char *import_path;   /* as go list prints it; test variants keep their " [x.test]" suffix */
    const char *name;          /* package clause name */
    const char *dir;
    bool standard;
    bool dep_only;             /* only a dependency, not matched by the patterns */
    const char *for_test;      /* ForTest, or NULL */
    const char *module_path;   /* NULL for the standard library */
    const char *module_version;/* "" for main modules and local replacements */
    const char *module_dir;
    bool module_main;
    const char **go_files;     /* file names relative to dir */
    int ngo_files;
    const char **cgo_files;
    int ncgo_files;
    const char **test_go_files;
    int ntest_go_files;
    const char **xtest_go_files;
    int nxtest_go_files;
    const char *error;         /* the package's load error, or NULL */
} GoPackage;

typedef struct {
    GoPackage *pkgs;
    int npkgs;
} PackageTable;

/* Run `go list -e -deps [-test] -json=... <flags> <patterns>` in the current
 * directory with the current environment; fill *out (strings in a).
 * Returns 0, or -1 when go list could not run or its output was not JSON
 * (go's own stderr has reached the user). */
int golist_run(Arena *a, const char *const *flags, int nflags,
               const char *const *patterns, int npatterns, bool test, PackageTable *out);

/* Like golist_run, and also keeps go list's raw output in raw (appended),
 * so a later run with the same graph can golist_parse it instead. */
int golist_run_raw(Arena *a, const char *const *flags, int nflags,
                   const char *const *patterns, int npatterns, bool test, PackageTable *out, Buf *raw);

/* Parse a go list JSON stream held in memory (for tests). */
int golist_parse(Arena *a, const char *data, size_t len, PackageTable *out);

/* The import path without a test-variant suffix ("p [p.test]" -> "p"), in a. */
const char *golist_base_path(Arena *a, const char *import_path);

#endif
