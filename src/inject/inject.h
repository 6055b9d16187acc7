/* inject: turn a Go file's declarations plus the hooks that apply to its
 * functions into an instrumented copy of the file. Pure: no I/O, no global
 * state; the same inputs always give the same bytes.
 *
 * Line numbers are kept exact: every splice inside the original text stays
 * on the line where it is made (the function's `{` line, the signature's
 * line, the package clause's line). Trampolines are appended after the
 * file's last line. See docs/INJECTION.md for the generated code. */
#ifndef OTEL_INJECT_H
#define OTEL_INJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "gosrc/gosrc.h"
#include "util/util.h"

/* The import path of the otel runtime package that trampolines call (through
 * //go:linkname) to ask whether a hook group is enabled and to report a
 * recovered hook panic. It lives in the zero-dependency module
 * instrumentation/ (module path OTEL_RT_MODULE). */
#define OTEL_RT_MODULE "otelgo.dev/instrumentation"
#define OTEL_RT_PACKAGE "otelgo.dev/instrumentation/otelrt"

/* What a hook function declares, read from the hook package's source. */
typedef struct {
    const char *name;   /* hook function name */
    int nparams;        /* parameters after the leading hook-context parameter */
    const bool *boxed;  /* boxed[i]: param i is declared interface{} or any */
    bool variadic_last; /* the last declared parameter is ...T */
} HookSig;

/* One inject_hooks modifier applied to one function. */
typedef struct {
    const char *rule_name;   /* used in generated comments and panic reports */
    const char *group;       /* instrumentation name for the enable switches */
    const char *hook_path;   /* import path of the hook package */
    const HookSig *before;   /* NULL when the rule has no before hook */
    const HookSig *after;    /* NULL when the rule has no after hook */
} HookUse;

/* A function of the file and the hooks to run around it, in rule order. */
typedef struct {
    const GoFunc *fn;
    const HookUse *hooks;
    int nhooks;
} FuncTarget;

/* Look up the type parameters (with constraints) of the package-level type
 * `name` of the same package, for methods on generic types. Return the
 * number of type params and set *out, or -1 when unknown (then `any` is used). */
typedef int (*TypeParamLookup)(void *ud, const char *type_name, const GoTypeParam **out);

typedef struct {
    const char *src;          /* original file bytes */
    size_t len;
    const GoFile *file;       /* gosrc_parse result for src */
    const char *pkg_path;     /* import path of the package (GetPackageName is the
                                 file's package clause name, file->pkg_name) */
    const FuncTarget *targets;
    int ntargets;
    const char *id;           /* short unique token for this file within its package
                                 (e.g. 8 hex digits of the path's hash); every generated
                                 identifier includes it, so two files never collide */
    TypeParamLookup tparams;  /* may be NULL */
    void *tparams_ud;
    bool no_new_imports;      /* the package is compiled through the -toolexec wrapper, whose
                                 importcfg holds only the package's own imports: load the
                                 site flag through otelrt.LoadSite (linkname) instead of
                                 importing sync/atomic */
} InjectInput;

/* The otel runtime function that loads a site flag atomically, for
 * packages that cannot import sync/atomic (InjectInput.no_new_imports). */
#define OTEL_RT_LOAD_SITE OTEL_RT_PACKAGE ".LoadSite"

/* Instrument one file. On success returns 0 and sets *out to the new file's
 * bytes (in a), *out_len; with no targets the bytes are the input's. On
 * failure returns -1 and sets *err to a message naming the rule, the hook and
 * the function: a hook whose parameter count does not fit the function, a
 * hook that must take interface{} for a type-parameter-typed value, a
 * function marked //go:nosplit (or another directive the trampolines would
 * break), a function without body, a function listed in two targets. Targets
 * may be given in any order; the output is the same. */
int inject_file(Arena *a, const InjectInput *in, char **out, size_t *out_len, const char **err);

/* Write down what inject_file is asked to do (the targets' names and their
 * hooks, the id, the package path), so that inject_plan_apply can do the
 * same to another version of the file that has the same declarations:
 * the coverage tool's output (docs/COVERAGE.md). Appends to out. */
void inject_plan_write(const InjectInput *in, Buf *out);

/* Parse src and instrument it as the plan says (functions found by name and
 * receiver). Same contract as inject_file; also fails when a function the
 * plan names is not in src, or src does not parse. */
int inject_plan_apply(Arena *a, const char *plan, size_t plan_len, const char *src, size_t len, char **out,
                      size_t *out_len, const char **err);

/* The support file added (as an overlay-only file) to every instrumented
 * package: the hook context interface and implementation and the linkname
 * declarations of the otel runtime. It imports only "unsafe", so it is valid
 * in the standard library too. pkg_name is the package clause name. */
void inject_support_file(const char *pkg_name, Buf *out);

/* File name of the support file inside the package directory. */
#define INJECT_SUPPORT_FILE "otel_hookctx_gen.go"

/* Read a hook's signature from a parsed hook source file: find the plain,
 * non-generic function `name`, check its first parameter is the hook context
 * (any non-pointer named type), and fill *sig (memory in a). Returns 0, or -1
 * when the file has no such function or it does not have a hook's shape
 * (then the caller looks in the next file). */
int inject_hook_sig(Arena *a, const GoFile *f, const char *name, HookSig *sig);

#endif
