/* body: the call expressions and composite literals of a function body.
 *
 * A recursive-descent walk over tokens that follows go/parser's statement
 * and expression grammar closely enough to find every *ast.CallExpr and
 * *ast.CompositeLit at the positions go/parser gives them, without building
 * a tree: each expression is summarised by a small descriptor (its start,
 * what kind of node go/parser would make, the callee name parts). The
 * rules that matter, taken from go/parser:
 *   - any primary expression followed by `(` is a call (conversions too);
 *   - a primary expression followed by `{` starts a composite literal when
 *     it is an array, slice, struct or map type, or, outside control clause
 *     headers (go/parser's exprLev >= 0), an identifier, a selector or an
 *     index expression (a generic type); `(`, `[`, `{` of a literal and a
 *     function literal's body raise the level again inside a header;
 *   - in a literal, an element that starts with `{` is a literal with no
 *     type.
 * Types are walked where they occur so that calls in array lengths are
 * seen. Parameter lists, struct and interface bodies and type argument
 * lists are walked loosely, as a sequence of expressions (a type is an
 * expression here): the positions of what they contain are the same.
 *
 * Results are recorded when their `(` or `{` is reached, so both lists are
 * in source order of that bracket. Errors longjmp back to gosrc_scan_body.
 *
 * stmt.c (the statements inject_code's pattern matches) splits bodies with
 * a look-ahead rule for `{` instead of this grammar; both share lex.c. This
 * parser knows every statement's extent exactly, so gosrc_body_stmts could
 * be built on it (not done yet: it needs its own differential check). */
#include <setjmp.h>
#include <string.h>

#include "gosrc/gosrc.h"
#include "gosrc/internal.h"

#define MAX_DEPTH 2000

/* What go/parser would make of an expression, as far as `{` and callee
 * names care. */
enum { K_OTHER, K_IDENT, K_SELECTOR, K_INDEX, K_LITTYPE, K_LIT };

typedef struct {
    size_t off;         /* offset of its first token */
    int kind;
    int lit;            /* K_LIT: index of the literal */
    size_t n1, n1e;     /* callee name: n1e == 0 when it has none */
    size_t n2, n2e;     /* the selector of `x.Name`; n2e == 0 for a plain name */
} X;

typedef struct {
    Arena *a;
    const char *src;
    size_t len;
    Lexer L;
    size_t last_end;    /* end of the last token consumed */
    int lev;            /* go/parser's exprLev */
    int depth;
    jmp_buf fail;
    size_t err_off;
    const char *err_msg;
    GoCall *calls;
    int ncalls, ccap;
    GoLit *lits;
    int nlits, lcap;
} B;

static _Noreturn void fail(B *b, const char *what) {
    b->err_off = b->L.tok == T_EOF ? b->len : b->L.off;
    b->err_msg = arena_printf(b->a, "expected %s", what);
    longjmp(b->fail, 1);
}

static void next(B *b) {
    b->last_end = b->L.end;
    do lex_scan(&b->L);
    while (b->L.tok == T_COMMENT);
}

static void expect(B *b, int tok, const char *what) {
    if (b->L.tok != tok) fail(b, what);
    next(b);
}

/* go/parser's expectSemi: a `;`, or nothing before `)` and `}`. */
static void expect_semi(B *b) {
    if (b->L.tok == T_SEMICOLON) next(b);
    else if (b->L.tok != T_RPAREN && b->L.tok != T_RBRACE) fail(b, "';'");
}

static void enter(B *b) {
    if (++b->depth > MAX_DEPTH) fail(b, "less nesting");
}

static int add_call(B *b) {
    if (b->ncalls == b->ccap) {
        int cap = b->ccap ? b->ccap * 2 : 16;
        GoCall *v = arena_alloc(b->a, (size_t)cap * sizeof *v);
        if (b->ncalls) memcpy(v, b->calls, (size_t)b->ncalls * sizeof *v);
        b->calls = v;
        b->ccap = cap;
    }
    memset(&b->calls[b->ncalls], 0, sizeof b->calls[0]);
    return b->ncalls++;
}

static int add_lit(B *b) {
    if (b->nlits == b->lcap) {
        int cap = b->lcap ? b->lcap * 2 : 16;
        GoLit *v = arena_alloc(b->a, (size_t)cap * sizeof *v);
        if (b->nlits) memcpy(v, b->lits, (size_t)b->nlits * sizeof *v);
        b->lits = v;
        b->lcap = cap;
    }
    memset(&b->lits[b->nlits], 0, sizeof b->lits[0]);
    return b->nlits++;
}

static X parse_expr(B *b);
static void parse_type(B *b);
static void parse_block(B *b);
static void parse_stmt(B *b);

static X other(size_t off) { return (X){.off = off, .kind = K_OTHER}; }

/* go/parser's tryIdentOrType: the tokens a type can start with. */
static bool starts_type(int t) {
    return t == T_IDENT || t == T_LBRACK || t == T_STRUCT || t == T_MUL || t == T_FUNC ||
           t == T_INTERFACE || t == T_MAP || t == T_CHAN || t == T_LPAREN || t == T_ARROW;
}

/* What parse_loose walks: a type argument list or type parameters (any
 * expression), an interface body (`Name(` is a method), a parameter list or
 * struct body (`name (T)` is a name and a parenthesized type, not a call). */
enum { LOOSE_PLAIN, LOOSE_IFACE, LOOSE_FIELDS };

/* The contents of a parameter list, struct or interface body or type
 * argument list, up to (not including) `closing`: a sequence of
 * expressions, names, commas, tags. */
static void parse_loose(B *b, int closing, int mode) {
    enter(b);
    while (b->L.tok != closing && b->L.tok != T_EOF) {
        int t = b->L.tok;
        if (t == T_COMMA || t == T_SEMICOLON || t == T_ELLIPSIS || t == T_STRING || t == T_OR) {
            next(b);
        } else if (mode != LOOSE_PLAIN && t == T_IDENT) {
            next(b);
            if (b->L.tok == T_PERIOD) {
                next(b);
                expect(b, T_IDENT, "name");
            }
            if (b->L.tok == T_LBRACK) {
                next(b);
                b->lev++;
                parse_loose(b, T_RBRACK, LOOSE_PLAIN);
                b->lev--;
                expect(b, T_RBRACK, "']'");
            }
            if (mode == LOOSE_FIELDS && b->L.tok == T_LPAREN)
                parse_type(b);
        } else if (mode == LOOSE_IFACE && t == T_LPAREN) {
            next(b);
            parse_loose(b, T_RPAREN, LOOSE_FIELDS);
            expect(b, T_RPAREN, "')'");
        } else {
            parse_expr(b);
        }
    }
    b->depth--;
}

/* `(params) results` of a func type; the current token is `(`. */
static void parse_signature(B *b) {
    expect(b, T_LPAREN, "'('");
    parse_loose(b, T_RPAREN, LOOSE_FIELDS);
    expect(b, T_RPAREN, "')'");
    if (b->L.tok == T_LPAREN) {
        next(b);
        parse_loose(b, T_RPAREN, LOOSE_FIELDS);
        expect(b, T_RPAREN, "')'");
    } else if (starts_type(b->L.tok)) {
        parse_type(b);
    }
}

/* `[N]T`, `[...]T`, `[]T`; the current token is `[`. */
static void parse_array_type(B *b) {
    next(b);
    b->lev++;
    if (b->L.tok == T_ELLIPSIS) next(b);
    else if (b->L.tok != T_RBRACK) parse_expr(b);
    b->lev--;
    expect(b, T_RBRACK, "']'");
    parse_type(b);
}

/* struct, interface, map, chan, func, array types (not names). */
static bool parse_type_lit(B *b) {
    switch (b->L.tok) {
    case T_LBRACK: parse_array_type(b); return true;
    case T_STRUCT:
    case T_INTERFACE: {
        bool iface = b->L.tok == T_INTERFACE;
        next(b);
        expect(b, T_LBRACE, "'{'");
        parse_loose(b, T_RBRACE, iface ? LOOSE_IFACE : LOOSE_FIELDS);
        expect(b, T_RBRACE, "'}'");
        return true;
    }
    case T_MAP:
        next(b);
        expect(b, T_LBRACK, "'['");
        parse_type(b);
        expect(b, T_RBRACK, "']'");
        parse_type(b);
        return true;
    case T_CHAN:
        next(b);
        if (b->L.tok == T_ARROW) next(b);
        parse_type(b);
        return true;
    case T_ARROW:
        next(b);
        expect(b, T_CHAN, "chan");
        parse_type(b);
        return true;
    case T_FUNC:
        next(b);
        parse_signature(b);
        return true;
    default: return false;
    }
}

/* A type in a type context (go/parser's parseType): never followed by a
 * call or a literal's `{`. */
static void parse_type(B *b) {
    enter(b);
    int t = b->L.tok;
    if (t == T_IDENT) {
        next(b);
        if (b->L.tok == T_PERIOD) {
            next(b);
            expect(b, T_IDENT, "name");
        }
        if (b->L.tok == T_LBRACK) {
            next(b);
            b->lev++;
            parse_loose(b, T_RBRACK, LOOSE_PLAIN);
            b->lev--;
            expect(b, T_RBRACK, "']'");
        }
    } else if (t == T_MUL) {
        next(b);
        parse_type(b);
    } else if (t == T_LPAREN) {
        next(b);
        parse_type(b);
        expect(b, T_RPAREN, "')'");
    } else if (!parse_type_lit(b)) {
        fail(b, "type");
    }
    b->depth--;
}

/* `{ elements }`; the current token is `{`. type_off -1: elided type. */
static int parse_literal(B *b, long type_off, size_t type_end) {
    enter(b);
    int i = add_lit(b);
    GoLit *l = &b->lits[i];
    l->type_off = type_off;
    l->lbrace = b->L.off;
    l->type = type_off < 0 ? "" : arena_strndup(b->a, b->src + type_off, type_end - (size_t)type_off);
    next(b);
    b->lev++;
    while (b->L.tok != T_RBRACE && b->L.tok != T_EOF) {
        for (int k = 0; k < 2; k++) { /* value, or key ':' value */
            if (b->L.tok == T_LBRACE) parse_literal(b, -1, 0);
            else parse_expr(b);
            if (k == 0 && b->L.tok == T_COLON) next(b);
            else break;
        }
        if (b->L.tok != T_COMMA) break;
        next(b);
    }
    b->lev--;
    if (b->L.tok != T_RBRACE) fail(b, "'}'");
    b->lits[i].rbrace = b->L.off;
    next(b);
    b->depth--;
    return i;
}

static X parse_operand(B *b) {
    size_t off = b->L.off;
    switch (b->L.tok) {
    case T_IDENT: {
        X x = {.off = off, .kind = K_IDENT, .n1 = off, .n1e = b->L.end};
        next(b);
        return x;
    }
    case T_INT: case T_FLOAT: case T_IMAG: case T_CHAR: case T_STRING:
        next(b);
        return other(off);
    case T_LPAREN:
        next(b);
        b->lev++;
        parse_expr(b);
        b->lev--;
        expect(b, T_RPAREN, "')'");
        return other(off);
    case T_FUNC:
        next(b);
        parse_signature(b);
        if (b->L.tok == T_LBRACE) {
            b->lev++;
            parse_block(b);
            b->lev--;
        }
        return other(off);
    case T_LBRACK: case T_STRUCT: case T_MAP: {
        parse_type_lit(b);
        return (X){.off = off, .kind = K_LITTYPE};
    }
    default:
        if (parse_type_lit(b)) return other(off);
        fail(b, "operand");
    }
}

/* "Name" or "x.Name" from the name parts of x; "" when it has none. */
static const char *callee_text(B *b, const X *x) {
    if (!x->n1e) return "";
    size_t l1 = x->n1e - x->n1, l2 = x->n2e ? x->n2e - x->n2 : 0;
    char *s = arena_alloc(b->a, l1 + l2 + 2), *p = s;
    memcpy(p, b->src + x->n1, l1);
    p += l1;
    if (x->n2e) {
        *p++ = '.';
        memcpy(p, b->src + x->n2, l2);
        p += l2;
    }
    *p = '\0';
    return s;
}

static X parse_primary(B *b) {
    X x = parse_operand(b);
    for (;;) {
        switch (b->L.tok) {
        case T_PERIOD:
            next(b);
            if (b->L.tok == T_IDENT) {
                if (x.kind == K_IDENT) {
                    x.n2 = b->L.off;
                    x.n2e = b->L.end;
                } else {
                    x.n1e = 0;
                }
                x.kind = K_SELECTOR;
                next(b);
            } else if (b->L.tok == T_LPAREN) {
                next(b);
                if (b->L.tok == T_TYPE) next(b);
                else parse_type(b);
                expect(b, T_RPAREN, "')'");
                x = other(x.off);
            } else {
                fail(b, "selector or type assertion");
            }
            break;
        case T_LBRACK:
            next(b);
            b->lev++;
            while (b->L.tok != T_RBRACK && b->L.tok != T_EOF) {
                if (b->L.tok == T_COLON || b->L.tok == T_COMMA) next(b);
                else parse_expr(b);
            }
            b->lev--;
            expect(b, T_RBRACK, "']'");
            if (x.kind != K_IDENT && x.kind != K_SELECTOR) x.n1e = 0;
            x.kind = K_INDEX;
            break;
        case T_LPAREN: {
            int i = add_call(b);
            b->calls[i].fun_off = x.off;
            b->calls[i].lparen = b->L.off;
            b->calls[i].callee = callee_text(b, &x);
            next(b);
            b->lev++;
            bool spread = false;
            while (b->L.tok != T_RPAREN && b->L.tok != T_EOF && !spread) {
                parse_expr(b);
                if (b->L.tok == T_ELLIPSIS) {
                    spread = true;
                    next(b);
                }
                if (b->L.tok != T_COMMA) break;
                next(b);
            }
            b->lev--;
            if (b->L.tok != T_RPAREN) fail(b, "')'");
            b->calls[i].rparen = b->L.off;
            b->calls[i].spread = spread;
            next(b);
            x = other(x.off);
            break;
        }
        case T_LBRACE: {
            bool lit = x.kind == K_LITTYPE ||
                       (b->lev >= 0 && (x.kind == K_IDENT || x.kind == K_SELECTOR || x.kind == K_INDEX));
            if (!lit) return x;
            int i = parse_literal(b, (long)x.off, b->last_end);
            x = other(x.off);
            x.kind = K_LIT;
            x.lit = i;
            break;
        }
        default:
            return x;
        }
    }
}

static X parse_unary(B *b) {
    enter(b);
    size_t off = b->L.off;
    X x;
    switch (b->L.tok) {
    case T_ADD: case T_SUB: case T_NOT: case T_XOR: case T_TILDE: case T_ARROW: case T_MUL:
        next(b);
        parse_unary(b);
        x = other(off);
        break;
    case T_AND: {
        next(b);
        X y = parse_unary(b);
        if (y.kind == K_LIT) b->lits[y.lit].addr = true;
        x = other(off);
        break;
    }
    default:
        x = parse_primary(b);
    }
    b->depth--;
    return x;
}

static X parse_expr(B *b) {
    X x = parse_unary(b);
    while (lex_precedence(b->L.tok) > 0) {
        next(b);
        parse_unary(b);
        x = other(x.off);
    }
    return x;
}

enum { S_BASIC, S_LABEL, S_RANGE };

/* A simple statement. Returns true when it was a label (`L:`, consumed
 * with the labelled statement). */
static bool parse_simple(B *b, int mode) {
    if (mode == S_RANGE && b->L.tok == T_RANGE) { /* for range x */
        next(b);
        parse_expr(b);
        return false;
    }
    int n = 0;
    X x;
    for (;;) {
        x = parse_expr(b);
        n++;
        if (b->L.tok != T_COMMA) break;
        next(b);
    }
    switch (b->L.tok) {
    case T_DEFINE: case T_ASSIGN: case T_OP_ASSIGN:
        next(b);
        if (mode == S_RANGE && b->L.tok == T_RANGE) next(b);
        for (;;) {
            parse_expr(b);
            if (b->L.tok != T_COMMA) break;
            next(b);
        }
        return false;
    case T_COLON:
        if (mode == S_LABEL && n == 1 && x.kind == K_IDENT) {
            next(b);
            parse_stmt(b);
            return true;
        }
        return false;
    case T_ARROW:
        next(b);
        parse_expr(b);
        return false;
    case T_INC: case T_DEC:
        next(b);
        return false;
    default:
        return false;
    }
}

static void parse_if(B *b) {
    next(b);
    int prev = b->lev;
    b->lev = -1;
    if (b->L.tok == T_LBRACE) fail(b, "condition");
    if (b->L.tok != T_SEMICOLON) parse_simple(b, S_BASIC);
    if (b->L.tok != T_LBRACE) {
        expect(b, T_SEMICOLON, "';'");
        if (b->L.tok != T_LBRACE) parse_simple(b, S_BASIC);
    }
    b->lev = prev;
    parse_block(b);
    if (b->L.tok == T_ELSE) {
        next(b);
        if (b->L.tok == T_IF) {
            parse_if(b);
        } else if (b->L.tok == T_LBRACE) {
            parse_block(b);
            expect_semi(b);
        } else {
            fail(b, "if or block");
        }
    } else {
        expect_semi(b);
    }
}

/* The body of a switch or select: case clauses. */
static void parse_clauses(B *b, bool select) {
    expect(b, T_LBRACE, "'{'");
    while (b->L.tok == T_CASE || b->L.tok == T_DEFAULT) {
        if (b->L.tok == T_CASE) {
            next(b);
            if (select) {
                parse_simple(b, S_BASIC);
            } else {
                for (;;) {
                    parse_expr(b);
                    if (b->L.tok != T_COMMA) break;
                    next(b);
                }
            }
        } else {
            next(b);
        }
        expect(b, T_COLON, "':'");
        while (b->L.tok != T_CASE && b->L.tok != T_DEFAULT && b->L.tok != T_RBRACE && b->L.tok != T_EOF)
            parse_stmt(b);
    }
    expect(b, T_RBRACE, "'}'");
    expect_semi(b);
}

static void parse_switch(B *b) {
    next(b);
    int prev = b->lev;
    b->lev = -1;
    if (b->L.tok != T_LBRACE) {
        if (b->L.tok != T_SEMICOLON) parse_simple(b, S_BASIC);
        if (b->L.tok == T_SEMICOLON) {
            next(b);
            if (b->L.tok != T_LBRACE) parse_simple(b, S_BASIC);
        }
    }
    b->lev = prev;
    parse_clauses(b, false);
}

static void parse_for(B *b) {
    next(b);
    int prev = b->lev;
    b->lev = -1;
    if (b->L.tok != T_LBRACE) {
        if (b->L.tok != T_SEMICOLON) parse_simple(b, S_RANGE);
        if (b->L.tok == T_SEMICOLON) {
            next(b);
            if (b->L.tok != T_SEMICOLON) parse_simple(b, S_BASIC);
            expect_semi(b);
            if (b->L.tok != T_LBRACE) parse_simple(b, S_BASIC);
        }
    }
    b->lev = prev;
    parse_block(b);
    expect_semi(b);
}

/* One var/const/type spec. */
static void parse_spec(B *b, int kw) {
    if (kw == T_TYPE) {
        expect(b, T_IDENT, "type name");
        if (b->L.tok == T_LBRACK) { /* type parameters or an array length */
            next(b);
            b->lev++;
            parse_loose(b, T_RBRACK, LOOSE_PLAIN);
            b->lev--;
            expect(b, T_RBRACK, "']'");
        }
        if (b->L.tok == T_ASSIGN) next(b);
        if (starts_type(b->L.tok)) parse_type(b);
        return;
    }
    for (;;) {
        expect(b, T_IDENT, "name");
        if (b->L.tok != T_COMMA) break;
        next(b);
    }
    if (b->L.tok != T_ASSIGN && b->L.tok != T_SEMICOLON && b->L.tok != T_RPAREN) parse_type(b);
    if (b->L.tok == T_ASSIGN) {
        next(b);
        for (;;) {
            parse_expr(b);
            if (b->L.tok != T_COMMA) break;
            next(b);
        }
    }
}

static void parse_decl(B *b) {
    int kw = b->L.tok;
    next(b);
    if (b->L.tok == T_LPAREN) {
        next(b);
        while (b->L.tok != T_RPAREN && b->L.tok != T_EOF) {
            parse_spec(b, kw);
            expect_semi(b);
        }
        expect(b, T_RPAREN, "')'");
    } else {
        parse_spec(b, kw);
    }
    expect_semi(b);
}

static void parse_stmt(B *b) {
    enter(b);
    switch (b->L.tok) {
    case T_SEMICOLON: next(b); break;
    case T_RBRACE: break; /* an empty statement after a label */
    case T_VAR: case T_CONST: case T_TYPE: parse_decl(b); break;
    case T_GO: case T_DEFER:
        next(b);
        parse_expr(b);
        expect_semi(b);
        break;
    case T_RETURN:
        next(b);
        if (b->L.tok != T_SEMICOLON && b->L.tok != T_RBRACE) {
            for (;;) {
                parse_expr(b);
                if (b->L.tok != T_COMMA) break;
                next(b);
            }
        }
        expect_semi(b);
        break;
    case T_BREAK: case T_CONTINUE: case T_GOTO: case T_FALLTHROUGH:
        next(b);
        if (b->L.tok == T_IDENT) next(b);
        expect_semi(b);
        break;
    case T_LBRACE:
        parse_block(b);
        expect_semi(b);
        break;
    case T_IF: parse_if(b); break;
    case T_SWITCH: parse_switch(b); break;
    case T_SELECT:
        next(b);
        parse_clauses(b, true);
        break;
    case T_FOR: parse_for(b); break;
    default:
        if (!parse_simple(b, S_LABEL)) expect_semi(b);
    }
    b->depth--;
}

/* `{ statements }`; the current token is `{`; consumes the `}`. */
static void parse_block(B *b) {
    enter(b);
    expect(b, T_LBRACE, "'{'");
    while (b->L.tok != T_RBRACE && b->L.tok != T_EOF && b->L.tok != T_CASE && b->L.tok != T_DEFAULT)
        parse_stmt(b);
    if (b->L.tok != T_RBRACE) fail(b, "'}'");
    next(b);
    b->depth--;
}

int gosrc_scan_body(Arena *a, const char *src, size_t len, const GoFunc *fn, GoBody *out,
                    size_t *err_off, const char **err_msg) {
    memset(out, 0, sizeof *out);
    B b = {.a = a, .src = src, .len = len};
    if (fn->body_lbrace < 0 || (size_t)fn->body_lbrace >= len || src[fn->body_lbrace] != '{') {
        *err_off = 0;
        *err_msg = "no body";
        return -1;
    }
    lex_init(&b.L, src, len, (size_t)fn->body_lbrace);
    next(&b);
    if (setjmp(b.fail) != 0) {
        *err_off = b.err_off;
        *err_msg = b.err_msg;
        return -1;
    }
    parse_block(&b);
    if (b.last_end != (size_t)fn->body_rbrace + 1) {
        *err_off = (size_t)fn->body_rbrace;
        *err_msg = "body does not end at its '}'";
        return -1;
    }
    out->calls = b.calls;
    out->ncalls = b.ncalls;
    out->lits = b.lits;
    out->nlits = b.nlits;
    return 0;
}

int gosrc_scan_expr(Arena *a, const char *src, size_t len, size_t off, size_t end, GoBody *out, size_t *err_off,
                    const char **err_msg) {
    memset(out, 0, sizeof *out);
    B b = {.a = a, .src = src, .len = len};
    if (off >= end || end > len) {
        *err_off = off;
        *err_msg = "empty expression";
        return -1;
    }
    lex_init(&b.L, src, len, off);
    next(&b);
    if (setjmp(b.fail) != 0) {
        *err_off = b.err_off;
        *err_msg = b.err_msg;
        return -1;
    }
    parse_expr(&b);
    if (b.last_end != end) {
        *err_off = b.last_end;
        *err_msg = "expression does not end where its span does";
        return -1;
    }
    out->calls = b.calls;
    out->ncalls = b.ncalls;
    out->lits = b.lits;
    out->nlits = b.nlits;
    return 0;
}
