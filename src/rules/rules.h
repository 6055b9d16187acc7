/* rules: load rule files (RULES.md), validate them, index them.
 *
 * Loading uses libyaml's document API (every node keeps its start mark) so
 * that every error carries the file:line:col (1-based) of the offending key
 * or value. Everything RULES.md describes that
 * this version does not implement is rejected at load with
 * "file:line:col: <key> is not supported yet", never silently ignored.
 *
 * The index maps an exact import path to its rules in O(1) (a hash table);
 * `main` rules sit in their own list. Rules keep their load order (file
 * order as given, then order inside the file): several rules on one function
 * run in that order. */
#ifndef OTEL_RULES_H
#define OTEL_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

typedef enum {
    MOD_INJECT_HOOKS,
    MOD_ADD_FILE,
    MOD_INJECT_CODE,          /* inject_code: raw Go statements into a function */
    MOD_ADD_STRUCT_FIELDS,    /* add_struct_fields: fields appended to a struct type */
} ModifierKind;

/* One field of add_struct_fields.new_field. */
typedef struct {
    const char *name;         /* a Go identifier */
    const char *type;         /* type text, one line */
} RuleField;

/* One entry of a rule's top-level `imports`. */
typedef struct {
    const char *alias;        /* the package name to import under, "_" or "." */
    const char *path;         /* import path */
    int line, col;            /* position of the alias key */
} RuleImport;

typedef struct {
    ModifierKind kind;
    int line, col;            /* position of the modifier's key */
    /* MOD_INJECT_HOOKS */
    const char *before;       /* hook function name, NULL when absent */
    const char *after;        /* hook function name, NULL when absent */
    const char *path;         /* import path of the hook package (MOD_ADD_FILE:
                                 of the package holding the file) */
    /* MOD_ADD_FILE */
    const char *file;         /* base name of the Go file to add (x.go) */
    /* MOD_INJECT_CODE */
    const char *raw;          /* the code; a template when it contains "{{" (checked at
                                 load: only RULES.md's subset, inject_template_parse) */
    /* MOD_ADD_STRUCT_FIELDS */
    const RuleField *fields;  /* new_field, in order, nfields >= 1 */
    int nfields;
} Modifier;

typedef struct {
    const char *name;         /* map key, or `name:` when given */
    const char *file;         /* the rule file's path as given */
    int line, col;            /* position of the rule's key */
    const char *group;        /* instrumentation name used by the enable/disable
                                 switches: the rule file's directory name when the
                                 file is called rules.yaml/rules.yml, else the file's
                                 base name without extension */
    const char *target;       /* import path, or "main" */
    bool target_main;         /* target is `main` */
    const char *version;      /* raw version string, NULL when absent */
    const char *func;         /* where.func, NULL when absent */
    const char *recv;         /* where.recv as written ("*T" or "T"), NULL when absent */
    const char *struct_name;  /* where.struct (add_struct_fields), NULL when absent */
    const char *pattern;      /* where.pattern (inject_code): an extended regular expression
                                 over statement text, NULL when absent */
    bool placement_after;     /* where.placement: after (true) or before (false, default) */
    const RuleImport *imports;/* top-level imports, in file order */
    int nimports;
    Modifier *mods;           /* do: in order, nmods >= 1 */
    int nmods;
    int order;                /* global load order, 0-based */
} Rule;

typedef struct RuleSet RuleSet;

/* Load rule files. Each path may be a file or a directory (every *.yaml /
 * *.yml below it, sorted by path; names starting with '.' are skipped and
 * symlinked directories not followed; a directory without rule files is an
 * error). A file reached twice is loaded once. Rule names must be unique
 * across all files. On success returns a RuleSet; on any error returns NULL
 * and appends one "file:line:col: message\n" line per error to errors (all
 * errors of all files, sorted by position within a file; I/O errors are
 * "path: message"). */
RuleSet *rules_load(const char *const *paths, int npaths, Buf *errors);

/* Parse one rule file already in memory (name is used in messages and for
 * the group). Same contract as rules_load. */
RuleSet *rules_load_buffer(const char *name, const char *data, size_t len, Buf *errors);

/* Release a RuleSet. */
void rules_free(RuleSet *rs);

/* All rules in load order. */
const Rule *rules_all(const RuleSet *rs, int *n);

/* Rules that apply to a package, in load order: exact-target rules for
 * import_path, plus `main` rules when is_main. version is the package's
 * module version ("" or NULL for the standard library and for modules
 * without a version); rules whose version range excludes it are left out.
 * Returns a malloc'd array (free it; NULL when *n is 0) and its length in
 * *n. Read-only: safe to call from several threads at once. */
const Rule **rules_for_package(const RuleSet *rs, const char *import_path,
                               bool is_main, const char *version, int *n);

/* Every distinct hook package path the rules use, in first-use order. */
const char **rules_hook_paths(const RuleSet *rs, int *n);

/* Every rule file's path, in load order (for the setup key). */
const char **rules_files(const RuleSet *rs, int *n);

/* Does version v satisfy the range string r ("vA,vB" = [A,B), "vA" = >= A)?
 * Empty or NULL v never matches a non-NULL range. Semver order with
 * pre-releases and pseudo-versions. */
bool rules_version_in_range(const char *r, const char *v);

/* Compare two semver strings ("v1.2.3", "v1.2.3-pre", "v0.0.0-2023...-abc"):
 * <0, 0, >0, as golang.org/x/mod/semver.Compare (build metadata ignored).
 * Invalid versions (and NULL) sort before valid ones and equal each other. */
int semver_compare(const char *a, const char *b);

/* true when s is a valid semantic version with leading "v": vMAJOR.MINOR.PATCH
 * with optional -PRERELEASE and +BUILD. Unlike Go's x/mod/semver, the
 * shorthands "v1" and "v1.2" are not valid (go list prints full versions;
 * in a rule file a short bound is rejected with a hint). */
bool semver_valid(const char *s);

/* `otel rules check PATH...`: argv[0..argc) are the rule files or
 * directories (only the paths: the cli passes what follows "check").
 * Loads them all; on errors prints each as "file:line:col: message" to
 * stderr, then "otel: N error(s) in rule files", and returns 1; on success
 * prints "ok: N rules in M files" to stdout and returns 0. Returns 2 (usage
 * on stderr) when no path is given. */
int rules_check_main(int argc, char **argv);

#endif
