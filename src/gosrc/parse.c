/* gosrc declaration parser: package clause, imports, top-level funcs and
 * type specs. It follows go/parser's decisions token for token where Go's
 * grammar is ambiguous (which names in a parameter list are names, whether
 * `type A[N ...` starts type parameters or an array), because the contract
 * is to agree with go/parser on every file it accepts. What it does not
 * need (bodies, initialisers, struct fields) it skips with
 * lex_skip_balanced() without making tokens.
 *
 * Syntax errors longjmp to gosrc_parse(); all memory is in the caller's
 * arena, except the scratch list of parameter elements (freed on exit). */
#include "gosrc/gosrc.h"
#include "gosrc/internal.h"

#include <setjmp.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    long name_off;    /* -1: no name */
    size_t name_end;
    long type_off;    /* -1: no type (yet) */
    size_t type_end;
} Elem;

typedef struct Node Node;

/* A node of the type-parameter probe (see "the type-parameter probe" below). */
enum { N_IDENT, N_BINARY, N_UNARY, N_STAR, N_CALL, N_PAREN, N_TYPE, N_OTHER };

struct Node {
    int kind;
    int op;              /* operator (binary/unary) or first token of a type */
    const Node *x, *y;   /* operands; call: x = function, y = first argument */
    int nargs;
    bool ellipsis;
    bool complit_ok;     /* may be followed by a composite literal `{` */
};

typedef struct {
    Arena *a;
    Lexer L;
    const char *src;
    size_t len;
    jmp_buf fail;
    size_t err_off;
    const char *err_msg;
    Elem *elems;          /* scratch for one parameter list */
    int cap_elems;
    int depth;            /* recursion depth of the expression probe */
    int nodes;            /* nodes the probe has made */
    bool probe_bailed;    /* the probe hit MAX_PROBE_NODES */
    Node bail_node;       /* what mk() hands out after that */
    GoFunc *funcs;
    int nfuncs, cap_funcs;
    GoTypeSpec *types;
    int ntypes, cap_types;
    GoValueSpec *values;
    int nvalues, cap_values;
    GoImport *imports;
    int nimports, cap_imports;
} Parser;

static _Noreturn void fail(Parser *P, size_t off, const char *msg) {
    P->err_off = off;
    P->err_msg = msg;
    longjmp(P->fail, 1);
}

static _Noreturn void fail_here(Parser *P, const char *what) {
    fail(P, P->L.tok == T_EOF ? P->len : P->L.off, arena_printf(P->a, "expected %s", what));
}

/* Make room for one more element in an arena array of elem-sized items. */
static void *grow(Arena *a, void *arr, int n, int *cap, size_t elem) {
    if (n < *cap) return arr;
    int ncap = *cap ? *cap * 2 : 8;
    void *bigger = arena_alloc(a, (size_t)ncap * elem);
    if (n) memcpy(bigger, arr, (size_t)n * elem);
    *cap = ncap;
    return bigger;
}

static char *text(Parser *P, size_t from, size_t to) {
    return arena_strndup(P->a, P->src + from, to - from);
}

static void next(Parser *P) { lex_next(&P->L); }

static void expect(Parser *P, int tok, const char *what) {
    if (P->L.tok != tok) fail_here(P, what);
}

static void skip_balanced(Parser *P) {
    if (lex_skip_balanced(&P->L)) return;
    if (P->L.tok == T_EOF) fail(P, P->len, "unbalanced brackets");
    fail(P, P->L.off, "mismatched bracket");
}

static bool is_open(int tok) { return tok == T_LPAREN || tok == T_LBRACK || tok == T_LBRACE; }
static bool is_close(int tok) { return tok == T_RPAREN || tok == T_RBRACK || tok == T_RBRACE; }

/* go/parser's expectSemi: `;` is consumed, `)` and `}` are left alone. */
static void expect_semi(Parser *P) {
    if (P->L.tok == T_SEMICOLON) next(P);
    else if (P->L.tok != T_RPAREN && P->L.tok != T_RBRACE) fail_here(P, "';' or newline");
}

/* Tokens that start a type (go/parser's tryIdentOrType). */
static bool starts_type(int tok) {
    switch (tok) {
    case T_IDENT: case T_LBRACK: case T_STRUCT: case T_MUL: case T_FUNC:
    case T_INTERFACE: case T_MAP: case T_CHAN: case T_ARROW: case T_LPAREN:
        return true;
    default:
        return false;
    }
}

/* Move past one type; the current token is its first. False when what
 * follows is not a type (the caller decides whether that is an error).
 * Prefix types loop instead of recursing, so `****T` costs no stack. */
static bool skip_type(Parser *P) {
    Lexer *L = &P->L;
    for (;;) {
        switch (L->tok) {
        case T_IDENT:
            next(P);
            if (L->tok == T_PERIOD) {
                next(P);
                if (L->tok != T_IDENT) return false;
                next(P);
            }
            if (L->tok == T_LBRACK) { /* type arguments */
                if (!lex_skip_balanced(L)) return false;
                next(P);
            }
            return true;
        case T_LPAREN:
            if (!lex_skip_balanced(L)) return false;
            next(P);
            return true;
        case T_STRUCT: case T_INTERFACE:
            next(P);
            if (L->tok != T_LBRACE || !lex_skip_balanced(L)) return false;
            next(P);
            return true;
        case T_MUL:
            next(P);
            continue;
        case T_LBRACK: /* [N]T, []T: the element type follows */
            if (!lex_skip_balanced(L)) return false;
            next(P);
            continue;
        case T_MAP:
            next(P);
            if (L->tok != T_LBRACK || !lex_skip_balanced(L)) return false;
            next(P);
            continue;
        case T_CHAN:
            next(P);
            if (L->tok == T_ARROW) next(P);
            continue;
        case T_ARROW:
            next(P);
            if (L->tok != T_CHAN) return false;
            next(P);
            continue;
        case T_FUNC:
            next(P);
            if (L->tok != T_LPAREN || !lex_skip_balanced(L)) return false;
            next(P);
            if (L->tok == T_LPAREN) {
                if (!lex_skip_balanced(L)) return false;
                next(P);
                return true;
            }
            if (starts_type(L->tok)) continue; /* a single result type */
            return true;
        default:
            return false;
        }
    }
}

/* ---- parameter lists ---------------------------------------------------- */

/* Consume the rest of a list element: tokens up to `,` or the closing
 * token at depth zero, nested brackets skipped whole. */
static void skip_elem_rest(Parser *P, int closing) {
    Lexer *L = &P->L;
    while (L->tok != T_COMMA && L->tok != closing) {
        if (L->tok == T_EOF || L->tok == T_SEMICOLON || is_close(L->tok))
            fail_here(P, closing == T_RPAREN ? "')'" : "']'");
        if (is_open(L->tok)) skip_balanced(P);
        next(P);
    }
}

/* After `name [`: go/parser's parseArrayFieldOrTypeInstance. True when the
 * element is `name [N]E` or `name []E` (a name and an array type), false
 * for a generic instance `name[A, B]`. Leaves the token after `]` current. */
static bool array_field_follows(Parser *P) {
    Lexer *L = &P->L;
    next(P);
    if (L->tok == T_RBRACK) {
        next(P);
        return true;
    }
    int nargs = 1;
    for (;;) {
        if (L->tok == T_EOF) fail_here(P, "']'");
        if (is_open(L->tok)) {
            skip_balanced(P);
        } else if (L->tok == T_COMMA) {
            next(P);
            if (L->tok == T_RBRACK) break; /* trailing comma */
            nargs++;
            continue;
        } else if (L->tok == T_RBRACK) {
            break;
        }
        next(P);
    }
    next(P);
    return nargs == 1 && starts_type(L->tok);
}

/* One element of a parameter list, classified like go/parser's
 * parseParamDecl: a name, a type, or both. */
static void read_elem(Parser *P, int closing, bool tparams, Elem *e) {
    Lexer *L = &P->L;
    size_t t0_off = L->off, t0_end = L->end;
    e->name_off = -1;
    e->type_off = -1;
    if (L->tok == T_IDENT) {
        next(P);
        if (L->tok == T_COMMA || L->tok == closing) { /* a lone name */
            e->name_off = (long)t0_off;
            e->name_end = t0_end;
            return;
        }
        size_t t1_off = L->off;
        bool named;
        switch (L->tok) {
        case T_IDENT: case T_MUL: case T_ARROW: case T_FUNC: case T_CHAN: case T_MAP:
        case T_STRUCT: case T_INTERFACE: case T_LPAREN: case T_ELLIPSIS:
            named = true;
            break;
        case T_LBRACK:
            named = array_field_follows(P);
            break;
        case T_TILDE:
            if (!tparams) fail_here(P, "')'");
            named = true;
            break;
        case T_PERIOD: /* pkg.T */
        case T_OR:     /* A | B in a constraint */
            named = false;
            break;
        default:
            fail_here(P, "type");
        }
        if (named) {
            e->name_off = (long)t0_off;
            e->name_end = t0_end;
            e->type_off = (long)t1_off;
        } else {
            e->type_off = (long)t0_off;
        }
    } else {
        if (!(starts_type(L->tok) || L->tok == T_ELLIPSIS || (tparams && L->tok == T_TILDE)))
            fail_here(P, "type");
        e->type_off = (long)t0_off;
    }
    skip_elem_rest(P, closing);
    e->type_end = L->prev_end;
}

static GoParam make_param(Parser *P, const Elem *e, bool name_is_type) {
    GoParam p;
    if (name_is_type) {
        p.name = "";
        p.name_off = -1;
        p.type_off = (size_t)e->name_off;
        p.type_end = e->name_end;
    } else {
        p.name = e->name_off >= 0 ? text(P, (size_t)e->name_off, e->name_end) : "";
        p.name_off = e->name_off;
        p.type_off = (size_t)e->type_off;
        p.type_end = e->type_end;
    }
    p.type = text(P, p.type_off, p.type_end);
    return p;
}

static bool is_dots(Parser *P, const GoParam *p) {
    return p->type_end - p->type_off >= 3 && memcmp(P->src + p->type_off, "...", 3) == 0;
}

/* A parameter list; the current token is its opening `(` or `[`. On
 * return the closing token is current and its offset is *close_off.
 * Names and types are distributed as go/parser's parseParameterList does:
 * when no element has both a name and a type, every lone name is a type;
 * otherwise a lone name takes the type of the next typed element. */
static GoParam *param_list(Parser *P, int closing, bool tparams, bool dddok,
                           int *count, size_t *close_off) {
    Lexer *L = &P->L;
    int n = 0, named = 0;
    next(P);
    while (L->tok != closing) {
        if (L->tok == T_EOF) fail_here(P, closing == T_RPAREN ? "')'" : "']'");
        if (n == P->cap_elems) {
            P->cap_elems = P->cap_elems ? P->cap_elems * 2 : 16;
            P->elems = xrealloc(P->elems, (size_t)P->cap_elems * sizeof *P->elems);
        }
        Elem *e = &P->elems[n++];
        read_elem(P, closing, tparams, e);
        if (e->name_off >= 0 && e->type_off >= 0) named++;
        if (L->tok == T_COMMA) next(P);
    }
    *close_off = L->off;
    *count = n;
    if (n == 0) return NULL;
    GoParam *out = arena_alloc(P->a, (size_t)n * sizeof *out);
    if (named == 0) {
        if (tparams) fail(P, L->off, "missing type constraint");
        for (int i = 0; i < n; i++) out[i] = make_param(P, &P->elems[i], P->elems[i].type_off < 0);
    } else {
        const Elem *typed = NULL;
        for (int i = n - 1; i >= 0; i--) {
            Elem *e = &P->elems[i];
            if (e->type_off >= 0) {
                if (e->name_off < 0) fail(P, (size_t)e->type_off, "missing parameter name");
                typed = e;
            } else if (typed) {
                e->type_off = typed->type_off;
                e->type_end = typed->type_end;
            } else {
                fail(P, L->off, "missing parameter type");
            }
        }
        for (int i = 0; i < n; i++) out[i] = make_param(P, &P->elems[i], false);
    }
    for (int i = 0; i < n; i++)
        if (is_dots(P, &out[i]) && (!dddok || i + 1 < n))
            fail(P, out[i].type_off, "can only use ... with final parameter");
    return out;
}

static GoTypeParam *to_tparams(Parser *P, const GoParam *ps, int n) {
    if (n == 0) return NULL;
    GoTypeParam *tp = arena_alloc(P->a, (size_t)n * sizeof *tp);
    for (int i = 0; i < n; i++) {
        tp[i].name = ps[i].name;
        tp[i].constraint = ps[i].type;
    }
    return tp;
}

/* ---- the type-parameter probe ------------------------------------------- */

/* `type A[N ...` is either an array type or a type parameter list. go/parser
 * decides by parsing `N ...` as an expression and looking at its shape
 * (parseTypeSpec, extractName, isTypeElem). This probe parses just enough of
 * Go's expression grammar to know that shape; the caller rewinds the lexer
 * afterwards. Nodes live in the arena (this path is rare). */

/* A cap on the probe's memory for hostile input. Past it the probe answers
 * "array"; go/parser rejects expressions nested that deep anyway (its
 * nesting limit is 100000), short of contrived wide ones like a call with
 * 200000 arguments. */
enum { MAX_PROBE_NODES = 200000 };

static Node *mk(Parser *P, int kind, int op, const Node *x, const Node *y) {
    if (P->nodes >= MAX_PROBE_NODES) {
        P->probe_bailed = true;
        memset(&P->bail_node, 0, sizeof P->bail_node);
        P->bail_node.kind = N_OTHER;
        return &P->bail_node;
    }
    P->nodes++;
    Node *n = arena_alloc(P->a, sizeof *n);
    n->kind = kind;
    n->op = op;
    n->x = x;
    n->y = y;
    return n;
}

static Node *probe_binary(Parser *P, Node *x, int prec1);

/* go/parser's parseOperand; NULL when it is not an operand (an error). */
static Node *probe_operand(Parser *P) {
    Lexer *L = &P->L;
    Node *n;
    switch (L->tok) {
    case T_IDENT:
        next(P);
        n = mk(P, N_IDENT, 0, NULL, NULL);
        n->complit_ok = true;
        return n;
    case T_INT: case T_FLOAT: case T_IMAG: case T_CHAR: case T_STRING:
        next(P);
        return mk(P, N_OTHER, 0, NULL, NULL);
    case T_LPAREN: {
        next(P);
        Node *x = probe_binary(P, NULL, 1);
        if (!x || L->tok != T_RPAREN) return NULL;
        next(P);
        return mk(P, N_PAREN, 0, x, NULL);
    }
    case T_FUNC:
        if (!skip_type(P)) return NULL;
        if (L->tok == T_LBRACE) { /* a function literal */
            if (!lex_skip_balanced(L)) return NULL;
            next(P);
            return mk(P, N_OTHER, 0, NULL, NULL);
        }
        return mk(P, N_TYPE, T_FUNC, NULL, NULL);
    case T_LBRACK: case T_STRUCT: case T_INTERFACE: case T_MAP: case T_CHAN: case T_ARROW: {
        int first = L->tok == T_ARROW ? T_CHAN : L->tok;
        if (!skip_type(P)) return NULL;
        n = mk(P, N_TYPE, first, NULL, NULL);
        n->complit_ok = first == T_LBRACK || first == T_STRUCT || first == T_MAP;
        return n;
    }
    default:
        return NULL;
    }
}

/* go/parser's parsePrimaryExpr: selectors, index, calls, composite literals. */
static Node *probe_primary(Parser *P, Node *x) {
    Lexer *L = &P->L;
    if (!x) x = probe_operand(P);
    while (x) {
        switch (L->tok) {
        case T_PERIOD:
            next(P);
            if (L->tok == T_IDENT) {
                next(P);
                x = mk(P, N_OTHER, 0, NULL, NULL);
                x->complit_ok = true;
            } else if (L->tok == T_LPAREN) { /* type assertion */
                if (!lex_skip_balanced(L)) return NULL;
                next(P);
                x = mk(P, N_OTHER, 0, NULL, NULL);
            } else {
                return NULL;
            }
            break;
        case T_LBRACK: /* index, slice or instance */
            if (!lex_skip_balanced(L)) return NULL;
            next(P);
            x = mk(P, N_OTHER, 0, NULL, NULL);
            x->complit_ok = true;
            break;
        case T_LPAREN: {
            next(P);
            Node *call = mk(P, N_CALL, 0, x, NULL);
            while (L->tok != T_RPAREN && L->tok != T_EOF && !call->ellipsis) {
                Node *arg = probe_binary(P, NULL, 1);
                if (!arg) return NULL;
                if (call->nargs++ == 0) call->y = arg;
                if (L->tok == T_ELLIPSIS) {
                    call->ellipsis = true;
                    next(P);
                }
                if (L->tok == T_COMMA) next(P);
                else if (L->tok != T_RPAREN) return NULL;
            }
            if (L->tok != T_RPAREN) return NULL;
            next(P);
            x = call;
            break;
        }
        case T_LBRACE: {
            const Node *t = x;
            while (t->kind == N_PAREN) t = t->x;
            if (!t->complit_ok) return x;
            if (!lex_skip_balanced(L)) return NULL;
            next(P);
            x = mk(P, N_OTHER, 0, NULL, NULL);
            break;
        }
        default:
            return x;
        }
    }
    return NULL;
}

/* go/parser's parseUnaryExpr. */
static Node *probe_unary(Parser *P) {
    Lexer *L = &P->L;
    if (P->depth > 500) return NULL;
    P->depth++;
    Node *r;
    int op = L->tok;
    switch (op) {
    case T_ADD: case T_SUB: case T_NOT: case T_XOR: case T_AND: case T_TILDE: {
        next(P);
        Node *x = probe_unary(P);
        r = x ? mk(P, N_UNARY, op, x, NULL) : NULL;
        break;
    }
    case T_ARROW: { /* `<-chan T` is a type, `<-x` a receive */
        next(P);
        Node *x = probe_unary(P);
        if (x && x->kind == N_TYPE && x->op == T_CHAN) r = x;
        else r = x ? mk(P, N_UNARY, op, x, NULL) : NULL;
        break;
    }
    case T_MUL: {
        next(P);
        Node *x = probe_unary(P);
        r = x ? mk(P, N_STAR, op, x, NULL) : NULL;
        break;
    }
    default:
        r = probe_primary(P, NULL);
    }
    P->depth--;
    return r;
}

/* go/parser's parseBinaryExpr (precedence climbing). */
static Node *probe_binary(Parser *P, Node *x, int prec1) {
    Lexer *L = &P->L;
    if (!x) x = probe_unary(P);
    while (x) {
        int op = L->tok, prec = lex_precedence(op);
        if (prec < prec1) return x;
        next(P);
        Node *y = probe_binary(P, NULL, prec + 1);
        if (!y) return NULL;
        x = mk(P, N_BINARY, op, x, y);
    }
    return NULL;
}

/* go/parser's isTypeElem: x is certainly a type element, not a value.
 * Left operands are followed by a loop, not recursion: a long chain like
 * `a|b|c|...` is a left-deep tree. Right operands have a higher precedence,
 * so recursing on them goes at most five levels per parenthesis. */
static bool is_type_elem(const Node *x) {
    for (;;) {
        switch (x->kind) {
        case N_TYPE: return true;
        case N_UNARY: return x->op == T_TILDE;
        case N_PAREN: x = x->x; continue;
        case N_BINARY:
            if (is_type_elem(x->y)) return true;
            x = x->x;
            continue;
        default: return false;
        }
    }
}

/* go/parser's extractName: can x be read as `name type`? *has_type tells
 * whether a type follows the name. An OR chain `P *E | F | ...` splits when
 * its leftmost operand does, forced by any type element to the right. */
static bool extract_name(const Node *x, bool force, bool *has_type) {
    bool in_or = false;
    while (x->kind == N_BINARY && x->op == T_OR) {
        force = force || is_type_elem(x->y);
        x = x->x;
        in_or = true;
    }
    *has_type = true;
    switch (x->kind) {
    case N_IDENT:
        *has_type = false;
        return !in_or; /* `P | F` is not `P` followed by a type */
    case N_BINARY:
        return x->op == T_MUL && x->x->kind == N_IDENT && (force || is_type_elem(x->y));
    case N_CALL:
        return x->x->kind == N_IDENT && x->nargs == 1 && !x->ellipsis &&
               (force || is_type_elem(x->y));
    default:
        return false;
    }
}

/* The current token is the identifier after `type A[`: does a type
 * parameter list start here? Moves the lexer; the caller rewinds. */
static bool tparams_follow(Parser *P) {
    Lexer *L = &P->L;
    P->nodes = 0;
    P->probe_bailed = false;
    next(P);
    if (L->tok == T_LBRACK) return true; /* `P []E`: index expressions are never constants */
    Node *x = mk(P, N_IDENT, 0, NULL, NULL);
    x->complit_ok = true;
    x = probe_primary(P, x);
    if (x) x = probe_binary(P, x, 1);
    if (!x) return false;
    bool has_type;
    if (P->probe_bailed || !extract_name(x, L->tok == T_COMMA, &has_type)) return false;
    return has_type || L->tok != T_RBRACK;
}

/* ---- declarations -------------------------------------------------------- */

static void add_type(Parser *P, const GoTypeSpec *t) {
    P->types = grow(P->a, P->types, P->ntypes, &P->cap_types, sizeof *P->types);
    P->types[P->ntypes++] = *t;
}

/* A type's right-hand side: kind, struct/interface braces, then skipped. */
static void type_rhs(Parser *P, GoTypeSpec *t) {
    Lexer *L = &P->L;
    if (L->tok == T_STRUCT || L->tok == T_INTERFACE) {
        t->kind = L->tok == T_STRUCT ? GO_TYPE_STRUCT : GO_TYPE_INTERFACE;
        next(P);
        expect(P, T_LBRACE, "'{'");
        t->lbrace = (long)L->off;
        skip_balanced(P);
        t->rbrace = (long)L->off;
        next(P);
    } else if (!skip_type(P)) {
        fail_here(P, "type");
    }
}

static void type_spec(Parser *P) {
    Lexer *L = &P->L;
    expect(P, T_IDENT, "type name");
    GoTypeSpec t = {0};
    t.name = text(P, L->off, L->end);
    t.name_off = L->off;
    t.kind = GO_TYPE_OTHER;
    t.lbrace = t.rbrace = -1;
    next(P);
    if (L->tok == T_LBRACK) {
        Lexer at_lbrack = *L;
        next(P);
        bool generic = false;
        if (L->tok == T_IDENT) {
            Lexer at_ident = *L;
            generic = tparams_follow(P);
            *L = generic ? at_lbrack : at_ident;
        }
        if (generic) {
            size_t close;
            GoParam *ps = param_list(P, T_RBRACK, true, false, &t.ntparams, &close);
            if (t.ntparams == 0) fail(P, close, "empty type parameter list");
            t.tparams = to_tparams(P, ps, t.ntparams);
            next(P);
            if (L->tok == T_ASSIGN) {
                t.alias = true;
                next(P);
            }
            type_rhs(P, &t);
        } else { /* an array type: rewind to its `[` */
            *L = at_lbrack;
            if (!skip_type(P)) fail_here(P, "type");
        }
    } else {
        if (L->tok == T_ASSIGN) {
            t.alias = true;
            next(P);
        }
        type_rhs(P, &t);
    }
    add_type(P, &t);
    expect_semi(P);
}

/* `type T ...` or `type ( ... )`; the current token is `type`. */
static void type_decl(Parser *P) {
    Lexer *L = &P->L;
    next(P);
    if (L->tok != T_LPAREN) {
        type_spec(P);
        return;
    }
    next(P);
    while (L->tok != T_RPAREN && L->tok != T_EOF) type_spec(P);
    expect(P, T_RPAREN, "')'");
    next(P);
    expect_semi(P);
}

/* Move over an expression's tokens up to `,`, `;` or `)` at depth zero
 * (brackets, hence composite literals and function bodies, are skipped
 * balanced); [*off, *end) is its span. */
static void skip_expr(Parser *P, size_t *off, size_t *end) {
    Lexer *L = &P->L;
    *off = L->off;
    if (L->tok == T_COMMA || L->tok == T_SEMICOLON || L->tok == T_RPAREN) fail_here(P, "expression");
    while (L->tok != T_COMMA && L->tok != T_SEMICOLON && L->tok != T_RPAREN) {
        if (L->tok == T_EOF || is_close(L->tok)) fail_here(P, "';' or newline");
        if (is_open(L->tok)) skip_balanced(P);
        next(P);
    }
    *end = L->prev_end;
}

/* One var/const spec: names [type] [= values]. Initializers are spans. */
static void value_spec(Parser *P, bool is_const) {
    Lexer *L = &P->L;
    GoValueSpec v = {.is_const = is_const, .type_off = -1, .type_end = -1};
    int cap = 0;
    for (;;) {
        expect(P, T_IDENT, "identifier");
        v.names = grow(P->a, v.names, v.nnames, &cap, sizeof *v.names);
        v.names[v.nnames++] = (GoValueName){text(P, L->off, L->end), L->off};
        next(P);
        if (L->tok != T_COMMA) break;
        next(P);
    }
    if (L->tok != T_ASSIGN && L->tok != T_SEMICOLON && L->tok != T_RPAREN) {
        v.type_off = (long)L->off;
        if (!skip_type(P)) fail_here(P, "type");
        v.type_end = (long)L->prev_end;
    }
    if (L->tok == T_ASSIGN) {
        next(P);
        int cap_off = 0, cap_end = 0;
        for (;;) {
            size_t off, end;
            skip_expr(P, &off, &end);
            v.value_off = grow(P->a, v.value_off, v.nvalues, &cap_off, sizeof *v.value_off);
            v.value_end = grow(P->a, v.value_end, v.nvalues, &cap_end, sizeof *v.value_end);
            v.value_off[v.nvalues] = off;
            v.value_end[v.nvalues++] = end;
            if (L->tok != T_COMMA) break;
            next(P);
        }
    }
    v.end = L->prev_end;
    P->values = grow(P->a, P->values, P->nvalues, &P->cap_values, sizeof *P->values);
    P->values[P->nvalues++] = v;
    expect_semi(P);
}

/* `var`/`const` declarations, single or grouped; the current token is the keyword. */
static void value_decl(Parser *P) {
    Lexer *L = &P->L;
    bool is_const = L->tok == T_CONST;
    next(P);
    if (L->tok != T_LPAREN) {
        value_spec(P, is_const);
        return;
    }
    next(P);
    while (L->tok != T_RPAREN && L->tok != T_EOF) value_spec(P, is_const);
    expect(P, T_RPAREN, "')'");
    next(P);
    expect_semi(P);
}

/* Does s[0..n) start with prefix once carriage returns are removed? */
static bool starts_with_cr_free(const char *s, size_t n, const char *prefix) {
    size_t i = 0;
    for (; *prefix; prefix++) {
        while (i < n && s[i] == '\r') i++;
        if (i >= n || s[i] != *prefix) return false;
        i++;
    }
    return true;
}

/* The `//go:` comments of the doc comment group [from, to), joined by
 * '\n' with carriage returns removed (go/ast strips them). */
static const char *directives(Parser *P, long from, long to) {
    if (from < 0) return "";
    Buf b = BUF_INIT;
    const char *s = P->src;
    size_t p = (size_t)from, end = (size_t)to;
    while (p < end) {
        if (s[p] == '/' && p + 1 < end && s[p + 1] == '/') {
            const char *nl = memchr(s + p, '\n', end - p);
            size_t q = nl ? (size_t)(nl - s) : end;
            if (starts_with_cr_free(s + p, q - p, "//go:")) {
                if (b.len) buf_putc(&b, '\n');
                for (size_t i = p; i < q; i++)
                    if (s[i] != '\r') buf_putc(&b, s[i]);
            }
            p = q;
        } else if (s[p] == '/' && p + 1 < end && s[p + 1] == '*') {
            const char *q = memmem(s + p + 2, end - p - 2, "*/", 2);
            p = q ? (size_t)(q - s) + 2 : end;
        } else {
            p++;
        }
    }
    const char *r = arena_strdup(P->a, buf_str(&b));
    buf_free(&b);
    return r;
}

/* Token spans of a receiver type, for base/pointer/type-argument analysis. */
typedef struct {
    int tok;
    size_t off, end;
} Tok;

/* Index of the bracket matching the opener at i (forward) in t[0..n). */
static int match_forward(const Tok *t, int i, int n) {
    int depth = 0;
    for (int k = i; k < n; k++) {
        if (is_open(t[k].tok)) depth++;
        else if (is_close(t[k].tok) && --depth == 0) return k;
    }
    return -1;
}

/* Index of the bracket matching the closer at i (backward), or -1. */
static int match_backward(const Tok *t, int i, int lo) {
    int depth = 0;
    for (int k = i; k >= lo; k--) {
        if (is_close(t[k].tok)) depth++;
        else if (is_open(t[k].tok) && --depth == 0) return k;
    }
    return -1;
}

static void strip_parens(const Tok *t, int *lo, int *hi) {
    while (*hi - *lo >= 2 && t[*lo].tok == T_LPAREN && match_forward(t, *lo, *hi) == *hi - 1) {
        (*lo)++;
        (*hi)--;
    }
}

/* Fill recv_base, recv_ptr and recv_tparams from the receiver's type:
 * parentheses and one `*` are removed, then a trailing type argument list
 * `[A, B]` after a name gives the type parameter names. */
static void analyse_receiver(Parser *P, GoFunc *fn, const GoParam *r) {
    Lexer R;
    lex_init(&R, P->src, r->type_end, r->type_off);
    int n = 0, cap = 16;
    Tok *t = xmalloc((size_t)cap * sizeof *t);
    for (lex_next(&R); R.tok != T_EOF; lex_next(&R)) {
        if (R.tok == T_SEMICOLON && R.off >= r->type_end) continue; /* the automatic one at the end */
        if (n == cap) t = xrealloc(t, (size_t)(cap *= 2) * sizeof *t);
        t[n++] = (Tok){R.tok, R.off, R.end};
    }
    int lo = 0, hi = n;
    strip_parens(t, &lo, &hi);
    if (lo < hi && t[lo].tok == T_MUL) {
        fn->recv_ptr = true;
        lo++;
        strip_parens(t, &lo, &hi);
    }
    int count = 0;
    GoTypeParam *tps = NULL;
    if (hi - lo >= 2 && t[hi - 1].tok == T_RBRACK &&
        (t[lo].tok == T_IDENT || t[lo].tok == T_LPAREN)) {
        int k = match_backward(t, hi - 1, lo);
        if (k > lo) {
            tps = arena_alloc(P->a, (size_t)(hi - k) * sizeof *tps);
            int start = k + 1, depth = 0;
            for (int i = k + 1; i < hi; i++) {
                bool end_elem = i == hi - 1 || (depth == 0 && t[i].tok == T_COMMA);
                if (is_open(t[i].tok)) depth++;
                else if (is_close(t[i].tok)) depth--;
                if (!end_elem) continue;
                if (i > start) {
                    tps[count].name = text(P, t[start].off, t[i - 1].end);
                    tps[count].constraint = "";
                    count++;
                }
                start = i + 1;
            }
            hi = k;
        }
    }
    fn->recv_base = lo < hi ? text(P, t[lo].off, t[hi - 1].end) : "";
    fn->recv_tparams = count ? tps : NULL;
    fn->nrecv_tparams = count;
    free(t);
}

static void add_func(Parser *P, const GoFunc *fn) {
    P->funcs = grow(P->a, P->funcs, P->nfuncs, &P->cap_funcs, sizeof *P->funcs);
    P->funcs[P->nfuncs++] = *fn;
}

/* A top-level func or method; the current token is `func`. */
static void func_decl(Parser *P) {
    Lexer *L = &P->L;
    GoFunc fn = {0};
    fn.func_off = L->off;
    fn.doc_directives = directives(P, L->lead_off, L->lead_end);
    fn.results_lparen = fn.results_rparen = -1;
    fn.body_lbrace = fn.body_rbrace = -1;
    next(P);
    if (L->tok == T_LPAREN) {
        size_t close;
        fn.has_recv = true;
        fn.recv_list = param_list(P, T_RPAREN, false, true, &fn.nrecv_list, &close);
        if (fn.nrecv_list > 0) {
            fn.recv = fn.recv_list[0];
            analyse_receiver(P, &fn, &fn.recv);
        } else {
            fn.recv = (GoParam){"", -1, "", 0, 0};
            fn.recv_base = "";
        }
        next(P);
    }
    expect(P, T_IDENT, "function name");
    fn.name = text(P, L->off, L->end);
    fn.name_off = L->off;
    next(P);
    if (L->tok == T_LBRACK) {
        size_t close;
        GoParam *ps = param_list(P, T_RBRACK, true, false, &fn.ntparams, &close);
        if (fn.ntparams == 0) fail(P, close, "empty type parameter list");
        if (fn.has_recv) fail(P, close, "method must have no type parameters");
        fn.tparams = to_tparams(P, ps, fn.ntparams);
        next(P);
    }
    expect(P, T_LPAREN, "'('");
    fn.params_lparen = L->off;
    fn.params = param_list(P, T_RPAREN, false, true, &fn.nparams, &fn.params_rparen);
    fn.variadic = fn.nparams > 0 && is_dots(P, &fn.params[fn.nparams - 1]);
    next(P);
    if (L->tok == T_LPAREN) {
        size_t close;
        fn.results_lparen = (long)L->off;
        fn.results = param_list(P, T_RPAREN, false, false, &fn.nresults, &close);
        fn.results_rparen = (long)close;
        next(P);
    } else if (starts_type(L->tok)) {
        size_t start = L->off;
        if (!skip_type(P)) fail_here(P, "type");
        fn.results = arena_alloc(P->a, sizeof *fn.results);
        fn.results[0] = (GoParam){"", -1, text(P, start, L->prev_end), start, L->prev_end};
        fn.nresults = 1;
    }
    if (L->tok == T_LBRACE) {
        fn.body_lbrace = (long)L->off;
        skip_balanced(P);
        fn.body_rbrace = (long)L->off;
        next(P);
        expect_semi(P);
    } else if (L->tok == T_SEMICOLON) {
        next(P);
        if (L->tok == T_LBRACE) fail(P, L->off, "unexpected semicolon or newline before {");
    } else {
        fail_here(P, "'{' or newline");
    }
    add_func(P, &fn);
}

/* Unquote a Go string literal like strconv.Unquote; NULL when invalid. */
static char *unquote(Parser *P, const char *s, size_t n);

static void import_spec(Parser *P, size_t *end) {
    Lexer *L = &P->L;
    GoImport imp = {0};
    if (L->tok == T_IDENT) {
        imp.name = text(P, L->off, L->end);
        next(P);
    } else if (L->tok == T_PERIOD) {
        imp.name = ".";
        next(P);
    }
    expect(P, T_STRING, "import path");
    imp.path_off = L->off;
    imp.path = unquote(P, P->src + L->off, L->end - L->off);
    if (!imp.path) imp.path = text(P, L->off, L->end);
    *end = L->end;
    next(P);
    expect_semi(P);
    P->imports = grow(P->a, P->imports, P->nimports, &P->cap_imports, sizeof *P->imports);
    P->imports[P->nimports++] = imp;
}

/* `import ...`; the current token is `import`. Returns the decl's end. */
static size_t import_decl(Parser *P) {
    Lexer *L = &P->L;
    size_t end;
    next(P);
    if (L->tok != T_LPAREN) {
        import_spec(P, &end);
        return end;
    }
    next(P);
    while (L->tok != T_RPAREN && L->tok != T_EOF) import_spec(P, &end);
    expect(P, T_RPAREN, "')'");
    end = L->end;
    next(P);
    expect_semi(P);
    return end;
}

/* ---- string literals ----------------------------------------------------- */

static void put_utf8(Buf *b, uint32_t r) {
    if (r < 0x80) {
        buf_putc(b, (char)r);
    } else if (r < 0x800) {
        buf_putc(b, (char)(0xC0 | (r >> 6)));
        buf_putc(b, (char)(0x80 | (r & 0x3F)));
    } else if (r < 0x10000) {
        buf_putc(b, (char)(0xE0 | (r >> 12)));
        buf_putc(b, (char)(0x80 | ((r >> 6) & 0x3F)));
        buf_putc(b, (char)(0x80 | (r & 0x3F)));
    } else {
        buf_putc(b, (char)(0xF0 | (r >> 18)));
        buf_putc(b, (char)(0x80 | ((r >> 12) & 0x3F)));
        buf_putc(b, (char)(0x80 | ((r >> 6) & 0x3F)));
        buf_putc(b, (char)(0x80 | (r & 0x3F)));
    }
}

/* Length of the valid UTF-8 sequence at s[0..n) (Go's rules: no surrogates,
 * no overlong forms, at most U+10FFFF), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *r) {
    unsigned char c = s[0];
    size_t len;
    uint32_t min;
    if (c < 0x80) { *r = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; *r = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; *r = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; *r = c & 0x07; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        *r = (*r << 6) | (s[i] & 0x3F);
    }
    if (*r < min || *r > 0x10FFFF || (*r >= 0xD800 && *r <= 0xDFFF)) return 0;
    return len;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* One escape after '\' in a double-quoted literal at s[*i..n); false when invalid. */
static bool unescape(const char *s, size_t n, size_t *i, Buf *b) {
    if (*i >= n) return false;
    char c = s[(*i)++];
    switch (c) {
    case 'a': buf_putc(b, '\a'); return true;
    case 'b': buf_putc(b, '\b'); return true;
    case 'f': buf_putc(b, '\f'); return true;
    case 'n': buf_putc(b, '\n'); return true;
    case 'r': buf_putc(b, '\r'); return true;
    case 't': buf_putc(b, '\t'); return true;
    case 'v': buf_putc(b, '\v'); return true;
    case '\\': buf_putc(b, '\\'); return true;
    case '"': buf_putc(b, '"'); return true;
    case 'x': case 'u': case 'U': {
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        uint32_t v = 0;
        for (int k = 0; k < digits; k++) {
            if (*i >= n || hexval(s[*i]) < 0) return false;
            v = v << 4 | (uint32_t)hexval(s[(*i)++]);
        }
        if (c == 'x') {
            buf_putc(b, (char)v);
            return true;
        }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
        put_utf8(b, v);
        return true;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = (uint32_t)(c - '0');
        for (int k = 0; k < 2; k++) {
            if (*i >= n || s[*i] < '0' || s[*i] > '7') return false;
            v = v * 8 + (uint32_t)(s[(*i)++] - '0');
        }
        if (v > 255) return false;
        buf_putc(b, (char)v);
        return true;
    }
    default:
        return false;
    }
}

static char *unquote(Parser *P, const char *s, size_t n) {
    if (n < 2 || s[0] != s[n - 1]) return NULL;
    Buf b = BUF_INIT;
    char *r = NULL;
    if (s[0] == '`') {
        for (size_t i = 1; i + 1 < n; i++) {
            if (s[i] == '`') goto out;
            if (s[i] != '\r') buf_putc(&b, s[i]);
        }
    } else if (s[0] == '"') {
        /* Without escapes the bytes are kept as they are when they are valid
         * UTF-8; with escapes every invalid byte becomes U+FFFD, as in Go. */
        bool plain = memchr(s + 1, '\\', n - 2) == NULL;
        for (size_t i = 1; i + 1 < n;) {
            unsigned char c = (unsigned char)s[i];
            uint32_t rune;
            if (c == '"' || c == '\n') goto out;
            if (c == '\\') {
                i++;
                if (!unescape(s, n - 1, &i, &b)) goto out;
            } else if (c < 0x80) {
                buf_putc(&b, (char)c);
                i++;
            } else {
                size_t k = utf8_len((const unsigned char *)s + i, n - 1 - i, &rune);
                if (k == 0) {
                    if (plain) goto out;
                    put_utf8(&b, 0xFFFD);
                    k = 1;
                } else {
                    buf_append(&b, s + i, k);
                }
                i += k;
            }
        }
    } else {
        goto out;
    }
    r = arena_strndup(P->a, buf_str(&b), b.len);
out:
    buf_free(&b);
    return r;
}

/* ---- the file ------------------------------------------------------------ */

/* The first `//go:build` line comment before the package clause that
 * starts its line (see tools/gosrc-oracle/main.go). */
static const char *build_constraint(Parser *P, size_t start, size_t pkg_off) {
    const char *s = P->src;
    bool line_has_content = false;
    for (size_t p = start; p < pkg_off;) {
        char c = s[p];
        if (c == '\n') {
            line_has_content = false;
            p++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            p++;
        } else if (c == '/' && p + 1 < pkg_off && s[p + 1] == '*') {
            const char *q = memmem(s + p + 2, pkg_off - p - 2, "*/", 2);
            p = q ? (size_t)(q - s) + 2 : pkg_off;
            line_has_content = true;
        } else if (c == '/' && p + 1 < pkg_off && s[p + 1] == '/') {
            const char *nl = memchr(s + p, '\n', pkg_off - p);
            size_t q = nl ? (size_t)(nl - s) : pkg_off;
            if (!line_has_content && starts_with_cr_free(s + p, q - p, "//go:build")) {
                Buf t = BUF_INIT;
                for (size_t i = p; i < q; i++)
                    if (s[i] != '\r') buf_putc(&t, s[i]);
                const char *r = NULL;
                if (t.len >= 10 && memcmp(t.data, "//go:build", 10) == 0) {
                    const char *e = t.data + 10, *z = t.data + t.len;
                    if (e == z || strchr(" \t\v\f", *e)) {
                        while (e < z && strchr(" \t\v\f", *e)) e++;
                        while (z > e && strchr(" \t\v\f", z[-1])) z--;
                        r = arena_strndup(P->a, e, (size_t)(z - e));
                    }
                }
                buf_free(&t);
                if (r) return r;
            }
            p = q;
            line_has_content = true;
        } else {
            break;
        }
    }
    return NULL;
}

static void parse_file(Parser *P, GoFile *out, bool header_only) {
    Lexer *L = &P->L;
    size_t start = P->len >= 3 && memcmp(P->src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    lex_init(L, P->src, P->len, start);
    next(P);
    expect(P, T_PACKAGE, "'package'");
    out->pkg_off = L->off;
    out->build_constraint = build_constraint(P, start, L->off);
    next(P);
    expect(P, T_IDENT, "package name");
    out->pkg_name = text(P, L->off, L->end);
    out->pkg_name_end = L->end;
    next(P);
    expect_semi(P);
    out->imports_end = out->pkg_name_end;
    while (L->tok == T_IMPORT) out->imports_end = import_decl(P);
    if (!header_only) {
        while (L->tok != T_EOF) {
            switch (L->tok) {
            case T_FUNC: func_decl(P); break;
            case T_TYPE: type_decl(P); break;
            case T_VAR: case T_CONST: value_decl(P); break;
            case T_IMPORT: fail(P, L->off, "imports must appear before other declarations");
            default: fail_here(P, "declaration");
            }
        }
    }
    out->imports = P->imports;
    out->nimports = P->nimports;
    out->funcs = P->funcs;
    out->nfuncs = P->nfuncs;
    out->types = P->types;
    out->ntypes = P->ntypes;
    out->values = P->values;
    out->nvalues = P->nvalues;
}

static int run(Arena *a, const char *src, size_t len, GoFile *out,
               size_t *err_off, const char **err_msg, bool header_only) {
    Parser *P = xcalloc(1, sizeof *P);
    P->a = a;
    P->src = src;
    P->len = len;
    memset(out, 0, sizeof *out);
    int rc = 0;
    if (setjmp(P->fail) == 0) {
        parse_file(P, out, header_only);
    } else {
        if (err_off) *err_off = P->err_off;
        if (err_msg) *err_msg = P->err_msg;
        rc = -1;
    }
    free(P->elems);
    free(P);
    return rc;
}

int gosrc_parse(Arena *a, const char *src, size_t len, GoFile *out,
                size_t *err_off, const char **err_msg) {
    return run(a, src, len, out, err_off, err_msg, false);
}

int gosrc_parse_header(Arena *a, const char *src, size_t len, GoFile *out,
                       size_t *err_off, const char **err_msg) {
    return run(a, src, len, out, err_off, err_msg, true);
}
