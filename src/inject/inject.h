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

/* ---- inject_code templates (template.c) ----
 * RULES.md's subset of text/template for inject_code.raw: {{.FuncName}},
 * {{.FuncArgument N}}, {{.FuncReturn N}}, {{.FuncArgumentCount}},
 * {{.FuncReturnCount}}, {{if X}}...{{else}}...{{end}} on those values,
 * printf "%q"/"%s"/"%d" (as `printf "%q" X` or `X | printf "%q"`), and
 * the `{{-`/`-}}` trim markers. Arguments exclude the receiver. */
typedef struct Template Template;

/* Parse a template. On error returns NULL and sets *err (in a) to a message
 * naming the offending action, and *err_off to its offset in text. */
Template *inject_template_parse(Arena *a, const char *text, size_t *err_off, const char **err);

/* Which modifier a template belongs to: it decides the values it may use
 * (checked at parse time, RULES.md "Templates"). */
typedef enum { TPL_INJECT_CODE, TPL_ASSIGN_VALUE, TPL_EXPAND_DIRECTIVE, TPL_WRAP_CALL, TPL_SET_FIELDS } TemplateKind;

/* inject_template_parse for a given modifier's template. */
Template *inject_template_parse_kind(Arena *a, const char *text, TemplateKind kind, size_t *err_off, const char **err);

/* One key:value argument of a directive line (value unquoted). */
typedef struct {
    const char *key;
    const char *value;
} DirectiveArg;

/* What a template is rendered against. */
typedef struct {
    const GoFunc *fn;          /* the function (NULL for assign_value) */
    const char *dot;           /* {{ . }}: the old initializer (assign_value) */
    const DirectiveArg *args;  /* expand_directive: the directive's arguments, in order */
    int nargs;
} TemplateCtx;

/* Does the (TPL_SET_FIELDS) template text use {{ . }} at all (also inside {{if}})? */
bool inject_template_uses_dot(Arena *a, const char *text);

/* Does t use {{ . }} exactly once, as is (no printf but "%s")? (assign_value
 * keeps a multi-line initializer in place only then.) */
bool inject_template_dot_plain_once(const Template *t);

/* inject_template_render against a full context (fn may be NULL only when
 * the template's kind names no function). */
int inject_template_render_ctx(Arena *a, const Template *t, const TemplateCtx *ctx, Buf *out, bool *names_params,
                               bool *names_results, const char **err);

/* Render t for fn. An unnamed or `_` parameter (result) the template names
 * is given the synthetic name _otel_p<i> (_otel_r<i>); *names_params
 * (*names_results) is then set so the caller renames the signature. An
 * index out of range is an error (-1, *err set). */
int inject_template_render(Arena *a, const Template *t, const GoFunc *fn, Buf *out, bool *names_params,
                           bool *names_results, const char **err);

/* ---- inject_code and add_struct_fields (injectcode.c, structfields.c) ----
 * Applied to a file before inject_file (which then runs on the result):
 * every addition stays on its original line, so the result has the same
 * lines and the same declarations, plus fields and statements. */

/* An import the added code needs (RULES.md `imports`). */
typedef struct {
    const char *rule_name;
    const char *alias;       /* package name, "_" or "." */
    const char *path;
} ImportUse;

/* One inject_code modifier on one function, already rendered. */
typedef struct {
    const char *rule_name;
    const GoFunc *fn;
    const char *code;        /* Go statements; joined onto one line by inject_extras */
    const char *pattern;     /* extended regular expression, or NULL: at the body's start */
    bool after;              /* placement after the matched statement */
    bool name_params;        /* give unnamed/_ parameters their synthetic names */
    bool name_results;       /* same for results */
} CodeUse;

/* One add_struct_fields modifier on one struct type of the file. */
typedef struct {
    const char *rule_name;
    const GoTypeSpec *type;  /* a GO_TYPE_STRUCT spec of the file */
    const char *fields;      /* "A T; B U": the fields, joined */
} FieldsUse;

/* One assign_value modifier (setup: the rule names it; the file may or may
 * not declare it, assign_value_declares tells). */
typedef struct {
    const char *rule_name;
    const char *name;        /* where.identifier */
    int decl_kind;           /* 0 var or const, 1 var, 2 const */
    const char *replace;     /* the new initializer, or NULL */
    const char *wrap;        /* template text ({{ . }}: the old initializer), or NULL */
} ValueUse;

/* One wrap_call modifier (wrapcall.c): applied to every matching call in
 * the file's function bodies. */
typedef struct {
    const char *rule_name;
    const char *path;        /* where.function_call: import path ... */
    const char *name;        /* ... and function name */
    const char *replace;     /* template ({{ . }}: the call), or NULL */
    const char *args;        /* append_args joined with ", ", or NULL */
    const char *variadic_type; /* or NULL */
} CallUse;

/* One set_fields field. */
typedef struct {
    const char *name;
    const char *value;       /* or NULL */
    const char *wrap;        /* template ({{ . }}: the present value), or NULL */
} SetField;

/* One set_fields modifier (setfields.c): applied to every matching
 * literal in the file's function bodies. */
typedef struct {
    const char *rule_name;
    const char *path;        /* where.struct_literal: import path ... */
    const char *type;        /* ... and type name */
    bool own;                /* the file is in package path: bare Type{...} matches */
    const SetField *fields;
    int nfields;
} LitUse;

typedef struct {
    const char *src;
    size_t len;
    const GoFile *file;
    const char *path;         /* the file's path, for set_fields' warnings; NULL: no warnings (the
                                 plan's re-application, inject_plan_apply: setup warned already) */
    const CallUse *calls;
    int ncalls;
    const LitUse *lits;
    int nlits;
    const ValueUse *values;
    int nvalues;
    const CodeUse *code;
    int ncode;
    const FieldsUse *fields;
    int nfields;
    const ImportUse *imports; /* added where the file does not import path under alias */
    int nimports;
} ExtraInput;

/* Apply inject_code and add_struct_fields to one file. Returns 0 and the new
 * bytes in *out (in a), or -1 with *err naming the rule and function: code
 * that does not lex or whose brackets do not balance, a pattern that matches
 * no statement of the body, an import alias that the file already uses for
 * another path. */
int inject_extras(Arena *a, const ExtraInput *in, char **out, size_t *out_len, const char **err);

/* Does f import path under a name other than "_" (or is own set)? (wrapcall.c) */
bool inject_file_imports(const GoFile *f, const char *path);

/* Would u change the file src (parsed as f)? Only then does the file need
 * the rule's imports (an unused one does not compile). Errors count as a
 * change: inject_extras reports them. When it would not, the warnings of
 * the literals it skips are given here (path as ExtraInput.path; none when
 * NULL), since inject_extras will not see u. (setfields.c) */
bool inject_lits_change(Arena *a, const char *src, size_t len, const GoFile *f, const char *path, const LitUse *u);

/* Does f declare u's name at package level (as u's kind)? (assignvalue.c) */
bool assign_value_declares(const GoFile *f, const ValueUse *u);

/* expand_directive (expanddirective.c): does fn's doc comment block hold
 * the line `//name args`? 1 (and *args, *nargs: its key:value arguments in
 * order, values unquoted), 0 when not, -1 with *err when an argument is
 * malformed. */
int inject_find_directive(Arena *a, const char *src, size_t len, const GoFunc *fn, const char *name,
                          DirectiveArg **args, int *nargs, const char **err);

/* The extras as plan lines (plan.c), so inject_plan_apply re-applies them
 * before the hooks. Appends to out; nothing when in has no extras. */
void inject_plan_write_extras(const ExtraInput *in, Buf *out);

/* "A T; B U" for add_struct_fields' fields, in a. */
const char *inject_join_fields(Arena *a, const char *const *names, const char *const *types, int n);

#endif
