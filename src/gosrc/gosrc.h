/* gosrc: a Go scanner and declaration parser. No I/O, no global state.
 *
 * Input: the bytes of one .go file. Output: the package clause, the import
 * declarations, every top-level func/method (receiver, type parameters,
 * parameters, results, body brace offsets) and every top-level type spec
 * (kind, type parameters, struct brace offsets), every top-level var/const
 * spec (names, type span, initializer spans). Function bodies and
 * var/const initialisers are skipped by a brace-matching lexer, not parsed:
 * that is what makes this fast enough to run on every candidate file of a
 * build (see README "Why a hand-written scanner").
 *
 * Offsets are byte offsets into the input. Text fields (names, type text)
 * are NUL-terminated copies in the caller's arena. An array whose count is
 * zero may be NULL. Type text is the source
 * slice of the type expression, verbatim (it may hold comments or
 * newlines); gosrc_normalize_type() gives the spaceless form rules compare.
 *
 * Agreement: for every file go/parser accepts, gosrc_dump() prints exactly
 * what tools/gosrc-oracle prints (tests/t_gosrc_oracle.sh over GOROOT/src
 * and tools/gosrc-oracle/testdata); where Go's grammar is ambiguous
 * (`type A[N *M]...`: array or type parameter?) gosrc decides as go/parser
 * does. For a file go/parser rejects, gosrc_parse() may fail or succeed but
 * never crashes or reads out of bounds, and offsets it returns still point
 * at the tokens they name (a body's `}` is a `}`).
 *
 * Internals: lex.c (tokens, semicolons, comment grouping, the fast skip
 * loop), parse.c (declarations), body.c (calls and composite literals in
 * bodies and initializers), stmt.c (statements), dump.c (dump, normalize). */
#ifndef OTEL_GOSRC_H
#define OTEL_GOSRC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

/* One parameter, result or receiver. For `a, b int` there are two GoParams
 * sharing one type span. */
typedef struct {
    const char *name;  /* "" when unnamed; "_" is kept as "_" */
    long name_off;     /* offset of the name, -1 when unnamed */
    const char *type;  /* type text, verbatim; for a variadic param it starts with "..." */
    size_t type_off;   /* [type_off, type_end) is the type expression in the source */
    size_t type_end;
} GoParam;

/* One type parameter: `K comparable` or the `T` of a receiver `List[T]`. */
typedef struct {
    const char *name;         /* for `[K, V any]` two entries with the same constraint */
    const char *constraint; /* verbatim text; "" for receiver type params */
} GoTypeParam;

typedef struct {
    const char *name;
    size_t name_off;
    size_t func_off;          /* offset of the `func` keyword */
    bool has_recv;
    GoParam recv;             /* valid when has_recv: the first receiver parameter (name "",
                               * type "", offsets -1/0 when the list is empty) */
    GoParam *recv_list;       /* every receiver parameter as written. One in valid Go, but
                               * go/parser also accepts `func () M()` and `func (a, b T) M()` */
    int nrecv_list;
    const char *recv_base;    /* receiver base type name: "List" for `*List[T]`; NULL without
                               * receiver. It is the type text with parentheses, one `*` and the
                               * type argument list removed ("pkg.T" or "[]T" in invalid code) */
    bool recv_ptr;            /* receiver is `*T` */
    GoTypeParam *recv_tparams;/* receiver type params (`T` in `*List[T]`); names only (the
                               * source text of each type argument), constraint "" */
    int nrecv_tparams;
    GoTypeParam *tparams;     /* the function's own type params */
    int ntparams;
    GoParam *params;
    int nparams;
    bool variadic;            /* last param is `...T` */
    size_t params_lparen, params_rparen; /* offsets of ( and ) of the parameter list */
    GoParam *results;
    int nresults;
    long results_lparen;      /* -1 when there are no results or one unparenthesized type */
    long results_rparen;
    long body_lbrace;         /* offset of the body's `{`; -1 for a bodyless declaration */
    long body_rbrace;         /* offset of the body's `}`; -1 for a bodyless declaration */
    const char *doc_directives; /* the `//go:` lines of the doc comment group (go/parser's
                                 * FuncDecl.Doc: the comments ending on the line above `func`,
                                 * no blank line between), joined by '\n', CRs removed; "" if none */
} GoFunc;

typedef enum { GO_TYPE_STRUCT, GO_TYPE_INTERFACE, GO_TYPE_OTHER } GoTypeKind;

typedef struct {
    const char *name;
    size_t name_off;
    GoTypeKind kind;
    bool alias;               /* `type A = B` (also generic: `type A[T any] = B[T]`) */
    GoTypeParam *tparams;
    int ntparams;
    long lbrace, rbrace;      /* struct/interface braces; -1 otherwise. The kind is that of
                               * the type expression: `type A (struct{})` is GO_TYPE_OTHER */
} GoTypeSpec;

/* One name of a package-level var/const spec. */
typedef struct {
    const char *name;
    size_t off;
} GoValueName;

/* One package-level var or const spec (`var a, b T = x, y`, one line of a
 * group). Initializers are spans, not parsed: [off, end) is the expression
 * from its first token's start to its last token's end. */
typedef struct {
    bool is_const;
    GoValueName *names;
    int nnames;
    long type_off, type_end;  /* the type expression; -1,-1 when there is none */
    size_t *value_off, *value_end; /* the initializers, nvalues of them (0: none; a tuple
                               * `var a, b = f()` has fewer than nnames) */
    int nvalues;
    size_t end;               /* just past the spec's last token */
} GoValueSpec;

typedef struct {
    const char *name;         /* alias as written ("_", ".", "foo"); NULL when none */
    const char *path;         /* the import path, unquoted as strconv.Unquote does (the literal
                               * as written if that fails) */
    size_t path_off;          /* offset of the path literal */
} GoImport;

typedef struct {
    const char *pkg_name;
    size_t pkg_off;           /* offset of the `package` keyword */
    size_t pkg_name_end;      /* offset just past the package name */
    GoImport *imports;
    int nimports;
    size_t imports_end;       /* offset just past the last import decl (pkg_name_end if none) */
    GoFunc *funcs;
    int nfuncs;
    GoTypeSpec *types;
    int ntypes;
    GoValueSpec *values;      /* package-level var and const specs, source order */
    int nvalues;
    const char *build_constraint; /* the expression of the first `//go:build` line comment
                                   * before the package clause that starts its line, blanks
                                   * trimmed; NULL when there is none */
} GoFile;

/* Parse src[0..len). On success returns 0 and fills *out (all memory in a).
 * On a syntax error returns -1 and sets *err_off and *err_msg (in a). */
int gosrc_parse(Arena *a, const char *src, size_t len, GoFile *out,
                size_t *err_off, const char **err_msg);

/* Parse only the package clause and imports (stops at the first other
 * declaration, which is not looked at: nfuncs and ntypes are 0); the cheap
 * path for import fingerprints. Same contract. */
int gosrc_parse_header(Arena *a, const char *src, size_t len, GoFile *out,
                       size_t *err_off, const char **err_msg);

/* Append the dump of f to out: one line per declaration, the format
 * tools/gosrc-oracle prints (documented in tools/gosrc-oracle/main.go). */
void gosrc_dump(const GoFile *f, const char *src, Buf *out);

/* Type text with comments and all whitespace removed ("map[string] *T" ->
 * "map[string]*T", "chan int" -> "chanint"): the form RULES.md signature
 * filters compare, applied to both sides. String literals (struct tags)
 * are kept verbatim. */
char *gosrc_normalize_type(Arena *a, const char *type);

/* One call expression of a function body (gosrc_scan_body): what go/parser
 * makes an *ast.CallExpr, so type conversions (`T(x)`, `[]byte(s)`) and
 * builtins count too; the matcher tells them apart. */
typedef struct {
    size_t fun_off;      /* start of the callee expression (go/parser's Fun.Pos()) */
    size_t lparen, rparen; /* offsets of the argument list's `(` and its matching `)` */
    const char *callee;  /* "Name" for `Name(...)`, "x.Name" for `x.Name(...)` (x an identifier:
                          * a package alias, or a variable: no type checking), type arguments
                          * dropped (`pkg.F[T](...)` gives "pkg.F"), comments and blanks
                          * removed; "" for any other callee (`f()()`, `(f)()`, `a.b.c()`) */
    bool spread;         /* the last argument is followed by `...` */
} GoCall;

/* One composite literal (an *ast.CompositeLit). */
typedef struct {
    long type_off;       /* start of its type; -1 when the type is elided (`[]T{{1}, {2}}`:
                          * the inner literals have none) */
    size_t lbrace, rbrace;
    const char *type;    /* the type's source text, verbatim; "" when elided */
    bool addr;           /* the literal is the operand of a unary `&` (`&T{}`; not `&T{}.f`) */
} GoLit;

/* What gosrc_scan_body finds in one body, each list in source order of its
 * `(` or `{`. Function literals in the body are included (their calls and
 * literals are part of the list); so are calls in array lengths of types
 * written in the body. */
typedef struct {
    GoCall *calls;
    int ncalls;
    GoLit *lits;
    int nlits;
} GoBody;

/* Scan fn's body (fn from gosrc_parse of the same src) for call expressions
 * and composite literals, by tokens and go/parser's grammar rules (no tree;
 * body.c tells how `{` is classified). Returns 0 and fills *out (in a), or
 * -1 with *err_off and *err_msg when the body is not valid Go or has no
 * body. Agrees with go/parser on every body of GOROOT/src
 * (tests/t_gosrc_oracle.sh). Package-level var initialisers are not
 * scanned. */
int gosrc_scan_body(Arena *a, const char *src, size_t len, const GoFunc *fn, GoBody *out,
                    size_t *err_off, const char **err_msg);

/* Scan one expression, src[off, end) (a package-level var initializer,
 * GoValueSpec.value_off/value_end), for calls and composite literals as
 * gosrc_scan_body does (same grammar, at go/parser's expression level 0).
 * 0, or -1 with *err_off and *err_msg when the span is not one expression. */
int gosrc_scan_expr(Arena *a, const char *src, size_t len, size_t off, size_t end, GoBody *out, size_t *err_off,
                    const char **err_msg);

/* Append the initializer dump of f (tools/gosrc-oracle -bodies): for every
 * initializer of a package-level var or const spec, an `init OFFSET` line,
 * then its call and lit lines, or an `error OFF MSG` line. */
void gosrc_dump_inits(Arena *a, const GoFile *f, const char *src, size_t len, Buf *out);

/* Append the body dump of fn (the format tools/gosrc-oracle -bodies prints):
 * a `body FUNC_OFF NAME` line, then one `call` line per call and one `lit`
 * line per literal, or one `error OFF MSG` line when the scan fails. */
void gosrc_dump_body(Arena *a, const GoFunc *fn, const char *src, size_t len, Buf *out);

/* One statement of a function body (gosrc_body_stmts). */
typedef struct {
    size_t off, end;   /* [off, end): its first token's start to its last token's end */
    const char *text;  /* its tokens as gofmt separates them (stmt.c tells how exactly) */
} GoStmt;

/* The statements of fn's body, in source order, each before the statements
 * nested in it (blocks of if/for/switch/select/else, bare blocks, case
 * clauses, function literal bodies). Case labels are not statements.
 * Returns 0, or -1 when the body does not lex as balanced brackets. */
int gosrc_body_stmts(Arena *a, const char *src, size_t len, const GoFunc *fn, GoStmt **out, int *n);

/* Go statements code[0..len) on one line with the same tokens: newlines
 * that end a statement become "; ", other line breaks a space, comments are
 * dropped, a raw string with a newline becomes an interpreted literal.
 * Trailing semicolons are removed. Returns 0 and *out (in a), or -1 and
 * *err when the code does not lex or its brackets do not balance. */
int gosrc_join_lines(Arena *a, const char *code, size_t len, const char **out, const char **err);

#endif
