/* rules: load rule files (RULES.md), validate them, index them.
 *
 * Loading uses libyaml's document API (every node keeps its start mark) so
 * that every error carries the file:line:col (1-based) of the offending key
 * or value. Everything RULES.md describes that
 * this version does not implement is rejected at load with
 * "file:line:col: <key> is not supported yet", never silently ignored.
 *
 * The index maps an exact import path to its rules in O(1) (a hash table);
 * `main` rules sit in their own list, `$root` and glob rules in a side list
 * checked per package. A rule's `where` is a tree of selectors (select.c)
 * matched per function of a file. Rules keep their load order (file
 * order as given, then order inside the file): several rules on one function
 * run in that order. */
#ifndef OTEL_RULES_H
#define OTEL_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "gosrc/gosrc.h"
#include "util/util.h"

typedef enum {
    MOD_INJECT_HOOKS,
    MOD_ADD_FILE,
    MOD_INJECT_CODE,          /* inject_code: raw Go statements into a function */
    MOD_ADD_STRUCT_FIELDS,    /* add_struct_fields: fields appended to a struct type */
    MOD_ASSIGN_VALUE,         /* assign_value: a package-level var/const's initializer */
    MOD_EXPAND_DIRECTIVE,     /* expand_directive: code at the start of functions marked //name */
    MOD_WRAP_CALL,            /* wrap_call: calls of a package-level function, wrapped/extended */
    MOD_SET_FIELDS,           /* set_fields: fields of struct literals set or wrapped */
} ModifierKind;

/* One field of add_struct_fields.new_field. */
typedef struct {
    const char *name;         /* a Go identifier */
    const char *type;         /* type text, one line */
} RuleField;

/* One field of set_fields.field: at least one of value/wrap. */
typedef struct {
    const char *name;         /* a Go identifier, unique in its rule */
    const char *value;        /* an expression, or NULL */
    const char *wrap;         /* a template using {{ . }} (the present value), or NULL */
} RuleSetField;

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
    /* MOD_ASSIGN_VALUE: exactly one of replace/wrap */
    const char *replace;      /* the new initializer expression */
    const char *wrap;         /* a template whose {{ . }} is the old initializer (checked at load) */
    /* MOD_EXPAND_DIRECTIVE */
    const char *tmpl;         /* the template prepended to each marked function's body */
    /* MOD_WRAP_CALL: at least one of replace/append_args; replace is then a
       template ({{ . }}: the call) */
    const char **append_args; /* Go expressions, in order */
    int nappend;
    const char *variadic_type;/* element type of a spread last argument, or NULL */
    /* MOD_SET_FIELDS */
    const RuleSetField *set;  /* field, in order, nset >= 1 */
    int nset;
} Modifier;

/* A node of a rule's `where` tree (select.c). A where map is SEL_ALL_OF
 * over its keys; `func` with `recv` in the same map is one SEL_FUNC. */
typedef enum {
    SEL_ALL_OF,               /* every kid holds (empty: true) */
    SEL_ONE_OF,               /* some kid holds (empty: false) */
    SEL_NOT,                  /* kids[0] does not hold */
    SEL_FUNC,                 /* name [+ recv]: the function (plain only when recv is NULL) */
    SEL_SIGNATURE,            /* args / rets exact, in order (a list not given: any) */
    SEL_SIGNATURE_CONTAINS,   /* an arg among the params, or a ret among the results */
    SEL_PARAM,                /* name: a parameter's type (receiver excluded) */
    SEL_RESULT,               /* name: a result's type */
    SEL_LAST_RESULT,          /* name: the last result's type */
    SEL_HAS_FUNC,             /* file: declares func name [with receiver recv; NULL: any] */
    SEL_HAS_STRUCT,           /* file: declares struct type name at package level */
    SEL_HAS_DIRECTIVE,        /* file: has a //name comment line */
    SEL_HAS_PACKAGE,          /* file: package clause is name */
    SEL_IS_TEST,              /* file: is (or is not, !is_test) a _test.go file */
} SelKind;

typedef struct Selector {
    SelKind kind;
    int line, col;            /* position of the key */
    const char *name;         /* see SelKind; types have their spaces removed */
    const char *recv;         /* SEL_FUNC, SEL_HAS_FUNC: "*T" or "T", or NULL */
    const char **args, **rets;/* SEL_SIGNATURE(_CONTAINS): types, spaces removed */
    int nargs, nrets;
    bool has_args, has_rets;  /* the list was given (possibly empty) */
    bool is_test;             /* SEL_IS_TEST */
    const struct Selector **kids;
    int nkids;
} Selector;

typedef struct {
    const char *name;         /* map key, or `name:` when given */
    const char *file;         /* the rule file's path as given */
    int line, col;            /* position of the rule's key */
    const char *group;        /* instrumentation name used by the enable/disable
                                 switches: the rule file's directory name when the
                                 file is called rules.yaml/rules.yml, else the file's
                                 base name without extension */
    const char *target;       /* import path, "main", "$root" or a glob */
    bool target_main;         /* target is `main` */
    bool target_root;         /* target is `$root`: every package of the main module(s) */
    bool target_glob;         /* target is a glob over /-separated segments */
    const char *version;      /* raw version string, NULL when absent */
    const char *func;         /* where.func, NULL when absent */
    const char *recv;         /* where.recv as written ("*T" or "T"), NULL when absent */
    const Selector *where;    /* the whole where tree (func/recv above are its top
                                 map's); NULL without where */
    const char **funcs;       /* every func name the where tree may match (a file
                                 mentioning none of them has no target) */
    int nfuncs;
    const char *where_text;   /* canonical text of the where tree ("" without):
                                 shown by rules list, hashed into cache keys */
    const char *struct_name;  /* where.struct (add_struct_fields), NULL when absent */
    const char *pattern;      /* where.pattern (inject_code): an extended regular expression
                                 over statement text, NULL when absent */
    bool placement_after;     /* where.placement: after (true) or before (false, default) */
    const char *identifier;   /* where.identifier (assign_value), NULL when absent */
    int decl_kind;            /* where.kind: 0 any, 1 var, 2 const */
    const char *directive;    /* where.directive (expand_directive): the name after //, NULL when absent */
    const char *call_path;    /* where.function_call (wrap_call): import path ... */
    const char *call_name;    /* ... and function name; NULL when absent */
    const char *lit_path;     /* where.struct_literal (set_fields): import path ... */
    const char *lit_type;     /* ... and type name; NULL when absent */
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

/* rules_load, less the rules of group skip_group (when not NULL): every
 * file is still checked. */
RuleSet *rules_load_without(const char *const *paths, int npaths, const char *skip_group, Buf *errors);

/* Parse one rule file already in memory (name is used in messages and for
 * the group). Same contract as rules_load. */
RuleSet *rules_load_buffer(const char *name, const char *data, size_t len, Buf *errors);

/* Release a RuleSet. */
void rules_free(RuleSet *rs);

/* All rules in load order. */
const Rule *rules_all(const RuleSet *rs, int *n);

/* Rules that apply to a package, in load order: exact-target rules for
 * import_path, `main` rules when is_main, `$root` rules when in_main_module
 * (the package belongs to a main module: go list's Module.Main), and glob
 * rules whose pattern matches import_path. version is the package's
 * module version ("" or NULL for the standard library and for modules
 * without a version); rules whose version range excludes it are left out.
 * Returns a malloc'd array (free it; NULL when *n is 0) and its length in
 * *n. Read-only: safe to call from several threads at once. */
const Rule **rules_for_package(const RuleSet *rs, const char *import_path,
                               bool is_main, bool in_main_module, const char *version, int *n);

/* Does rule r's target (not its version) select this package? */
bool rules_target_matches(const Rule *r, const char *import_path, bool is_main,
                          bool in_main_module);

/* What a where tree is matched against: one function of one file. */
typedef struct {
    const GoFile *file;        /* the parsed file (gosrc) */
    const char *src;          /* its bytes (for has_directive) */
    size_t len;
    const char *file_name;    /* base name (for is_test) */
    const GoFunc *fn;         /* the function; NULL to test file predicates only */
    Arena *a;                 /* scratch */
} SelSubject;

/* Does r's where tree hold for the subject? A rule without where holds
 * everywhere; func/recv/signature leaves are false when s->fn is NULL. */
bool rules_where_matches(const Rule *r, const SelSubject *s);

/* Might a file with these bytes hold a function r matches (does it mention
 * one of r->funcs)? false when r names no function. */
bool rules_file_may_match(const Rule *r, const char *src, size_t len);

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
