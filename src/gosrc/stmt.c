/* stmt: the statements of a function body, and Go code joined onto one
 * line. Both serve inject_code (src/inject/injectcode.c): `where.pattern`
 * is matched against statement text, and raw code must stay on the line
 * where it is spliced.
 *
 * Statements are found from tokens alone, without parsing expressions. A
 * statement runs to the `;` (explicit or automatic) or `}` that ends it at
 * its own bracket depth. Braces are told apart this way:
 *   - after `struct`/`interface`: a type, skipped;
 *   - after `func` and its signature (same depth): a function literal's
 *     body, a block;
 *   - in the header of if/for/switch/select (or after else, or opening a
 *     statement): a block when the token after its partner ends the
 *     statement (`;`, `}`) or is `else` (Go requires a composite literal
 *     in such a header to be parenthesized unless its type is a literal
 *     type like []int{...}, which is then followed by the block's `{`);
 *   - anything else: a composite literal (its contents are still scanned,
 *     so a function literal inside one is found).
 * The `;` of a for/if/switch header (`for i := 0; i < n; i++ {`) stays in
 * the statement. Case labels (`case x:`, `default:`) and statement labels
 * are skipped, not statements.
 *
 * Statement text: the tokens with the source's spacing collapsed to one
 * blank, and gofmt's spacing enforced where it never varies: a blank after
 * `,` and `;` and around assignments, after keywords; none inside `(`/`[`,
 * before `)`/`]`/`,`/`;`/`.`/`++`/`--`, after `.`. Binary operators keep the
 * source's choice (gofmt writes `a*b + c`, so a gofmt'd file's text is its
 * own). A line break becomes "\n" plus one tab per open brace. For a
 * gofmt'd file this is what gofmt prints; for others it is close. */
#include <stdlib.h>
#include <string.h>

#include "gosrc/gosrc.h"
#include "gosrc/internal.h"

typedef struct {
    Arena *a;
    const char *src;
    size_t len;
    Lexer L;
    GoStmt *v;
    int n, cap;
    bool bad;
} S;

static bool is_semi(int t) { return t == T_SEMICOLON; }

static int add_stmt(S *s, size_t off) {
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 16;
        GoStmt *v = arena_alloc(s->a, (size_t)cap * sizeof *v);
        if (s->n)
            memcpy(v, s->v, (size_t)s->n * sizeof *v);
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n] = (GoStmt){off, off, NULL};
    return s->n++;
}

static void parse_block(S *s);

/* Is the `{` now current a block? Look past its partner. */
static bool brace_is_block(S *s) {
    Lexer save = s->L;
    bool block = false;
    if (lex_skip_balanced(&s->L)) {
        lex_next(&s->L);
        int t = s->L.tok;
        block = is_semi(t) || t == T_RBRACE || t == T_ELSE || t == T_EOF;
    }
    s->L = save;
    return block;
}

/* One statement; the current token is its first. Stops at the `;` or `}`
 * that ends it (not consumed). */
static void parse_stmt(S *s) {
    Lexer *L = &s->L;
    /* labels: IDENT ':' */
    while (L->tok == T_IDENT) {
        Lexer save = *L;
        lex_next(L);
        if (L->tok == T_COLON) {
            lex_next(L);
            continue;
        }
        *L = save;
        break;
    }
    if (is_semi(L->tok) || L->tok == T_RBRACE || L->tok == T_EOF)
        return;
    int idx = add_stmt(s, L->off);
    int kw = L->tok;
    bool header = kw == T_IF || kw == T_FOR || kw == T_SWITCH || kw == T_SELECT;
    int depth = 0;
    int funcs[32], nfuncs = 0; /* depths of pending `func` keywords */
    size_t last_end = L->end;
    int prev = T_EOF;
    bool first = true;
    for (;;) {
        int t = L->tok;
        if (t == T_EOF) {
            s->bad = true;
            break;
        }
        if (depth == 0 && !header && (is_semi(t) || t == T_RBRACE))
            break;
        if (depth == 0 && t == T_RBRACE)
            break;
        if (t == T_FUNC) {
            if (nfuncs < 32)
                funcs[nfuncs++] = depth;
        } else if ((t == T_STRUCT || t == T_INTERFACE)) {
            lex_next(L);
            if (L->tok == T_LBRACE) {
                if (!lex_skip_balanced(L)) {
                    s->bad = true;
                    break;
                }
                last_end = L->end;
                prev = T_RBRACE;
                lex_next(L);
            }
            first = false;
            continue;
        } else if (t == T_LPAREN || t == T_LBRACK) {
            depth++;
        } else if (t == T_RPAREN || t == T_RBRACK || t == T_RBRACE) {
            depth--;
            while (nfuncs > 0 && funcs[nfuncs - 1] > depth)
                nfuncs--;
        } else if (t == T_LBRACE) {
            bool block = false;
            if (nfuncs > 0 && funcs[nfuncs - 1] == depth) {
                nfuncs--;
                block = true;
            } else if (depth == 0 && (header || first || prev == T_ELSE)) {
                block = brace_is_block(s);
            }
            if (block) {
                parse_block(s);
                if (s->bad)
                    break;
                if (depth == 0)
                    header = false;
                last_end = L->end;
                prev = T_RBRACE;
                lex_next(L);
                if (depth == 0 && L->tok == T_ELSE) {
                    header = true; /* `else if x; y {` */
                }
                first = false;
                continue;
            }
            depth++;
        } else if (t == T_ELSE) {
            header = true;
        }
        if (!is_semi(t) || (L->off < L->len && L->src[L->off] == ';'))
            last_end = L->end;
        prev = t;
        first = false;
        lex_next(L);
    }
    s->v[idx].end = last_end;
}

/* The current token is a block's `{`; on return it is its `}`. */
static void parse_block(S *s) {
    Lexer *L = &s->L;
    lex_next(L);
    for (;;) {
        int t = L->tok;
        if (t == T_EOF) {
            s->bad = true;
            return;
        }
        if (t == T_RBRACE)
            return;
        if (is_semi(t)) {
            lex_next(L);
            continue;
        }
        if (t == T_CASE || t == T_DEFAULT) {
            int depth = 0;
            while (L->tok != T_EOF && !(depth == 0 && L->tok == T_COLON)) {
                if (L->tok == T_LPAREN || L->tok == T_LBRACK || L->tok == T_LBRACE)
                    depth++;
                else if (L->tok == T_RPAREN || L->tok == T_RBRACK || L->tok == T_RBRACE)
                    depth--;
                lex_next(L);
            }
            if (L->tok == T_EOF) {
                s->bad = true;
                return;
            }
            lex_next(L);
            continue;
        }
        parse_stmt(s);
        if (s->bad)
            return;
    }
}

static bool is_keyword(int t) { return t >= T_BREAK && t <= T_VAR; }

static bool is_assign(int t) { return t == T_ASSIGN || t == T_DEFINE || t == T_OP_ASSIGN; }

/* The normalized text of src[off, end) (see the file comment). */
static const char *stmt_text(Arena *a, const char *src, size_t len, size_t off, size_t end) {
    Lexer L;
    lex_init(&L, src, end < len ? end : len, off);
    Buf b = BUF_INIT;
    int prev = T_EOF, braces = 0;
    size_t prev_end = off;
    bool any = false;
    for (lex_next(&L); L.tok != T_EOF && L.off < end; lex_next(&L)) {
        int t = L.tok;
        if (is_semi(t) && src[L.off] != ';')
            continue; /* an automatic ';' is the line break that follows */
        if (t == T_RBRACE)
            braces--;
        if (any) {
            bool nl = memchr(src + prev_end, '\n', L.off - prev_end) != NULL;
            if (nl) {
                buf_putc(&b, '\n');
                for (int i = 0; i < braces; i++)
                    buf_putc(&b, '\t');
            } else {
                bool gap = L.off > prev_end;
                bool sp = gap;
                if (prev == T_COMMA || prev == T_SEMICOLON || is_assign(prev) || is_assign(t))
                    sp = true;
                if (is_keyword(prev) && !(prev == T_FUNC && t == T_LPAREN))
                    sp = true;
                if (t == T_RPAREN || t == T_RBRACK || t == T_COMMA || t == T_SEMICOLON || t == T_PERIOD ||
                    t == T_INC || t == T_DEC || prev == T_LPAREN || prev == T_LBRACK || prev == T_PERIOD)
                    sp = false;
                if (sp)
                    buf_putc(&b, ' ');
            }
        }
        buf_append(&b, src + L.off, L.end - L.off);
        if (t == T_LBRACE)
            braces++;
        prev = t;
        prev_end = L.end;
        any = true;
    }
    const char *r = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return r;
}

int gosrc_body_stmts(Arena *a, const char *src, size_t len, const GoFunc *fn, GoStmt **out, int *n) {
    *out = NULL;
    *n = 0;
    if (fn->body_lbrace < 0)
        return -1;
    S s = {.a = a, .src = src, .len = len};
    lex_init(&s.L, src, len, (size_t)fn->body_lbrace);
    lex_next(&s.L);
    if (s.L.tok != T_LBRACE)
        return -1;
    parse_block(&s);
    if (s.bad || s.L.off != (size_t)fn->body_rbrace)
        return -1;
    for (int i = 0; i < s.n; i++)
        s.v[i].text = stmt_text(a, src, len, s.v[i].off, s.v[i].end);
    *out = s.v;
    *n = s.n;
    return 0;
}

/* A raw string's contents as an interpreted literal (carriage returns are
 * dropped, as Go drops them from raw strings). */
static void put_raw_as_quoted(Buf *b, const char *s, size_t n) {
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r')
            continue;
        if (c == '\\' || c == '"')
            buf_printf(b, "\\%c", c);
        else if (c == '\n')
            buf_puts(b, "\\n");
        else if (c < 0x20 && c != '\t')
            buf_printf(b, "\\x%02x", c);
        else
            buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

/* What is left open when the code ends inside a literal or a block
 * comment ("string literal", ...), or NULL. The lexer ends such a token
 * at the end of the code (or, for an interpreted literal, its line). */
static const char *unterminated(const char *code, const Lexer *L) {
    size_t n = L->end - L->off;
    const char *t = code + L->off;
    if ((L->tok == T_STRING || L->tok == T_CHAR) && (n < 2 || t[n - 1] != t[0]))
        return t[0] == '`' ? "raw string literal" : L->tok == T_CHAR ? "rune literal" : "string literal";
    if (L->tok == T_COMMENT && t[1] == '*' && (n < 4 || t[n - 2] != '*' || t[n - 1] != '/'))
        return "comment";
    return NULL;
}

int gosrc_join_lines(Arena *a, const char *code, size_t len, const char **out, const char **err) {
    Lexer L;
    lex_init(&L, code, len, 0);
    Buf b = BUF_INIT;
    char stack[256];
    int depth = 0;
    size_t prev_end = 0;
    bool any = false;
    *err = NULL;
    /* lex_scan, not lex_next: comments come too, to be checked and dropped */
    for (lex_scan(&L); L.tok != T_EOF; lex_scan(&L)) {
        int t = L.tok;
        if (t == T_ILLEGAL) {
            *err = arena_printf(a, "invalid character %c in the code", code[L.off]);
            break;
        }
        const char *open = unterminated(code, &L);
        if (open) {
            /* joined as it is, the code would swallow what follows it */
            *err = arena_printf(a, "unterminated %s in the code", open);
            break;
        }
        if (t == T_COMMENT)
            continue;
        if (is_semi(t)) {
            while (b.len > 0 && b.data[b.len - 1] == ' ')
                b.len--;
            if (b.len > 0 && b.data[b.len - 1] != ';' && b.data[b.len - 1] != '{')
                buf_puts(&b, "; ");
            else if (b.len > 0 && b.data[b.len - 1] == '{')
                buf_putc(&b, ' ');
            prev_end = L.end;
            continue;
        }
        if (any && L.off > prev_end && (b.len == 0 || b.data[b.len - 1] != ' '))
            buf_putc(&b, ' ');
        if (t == T_LPAREN || t == T_LBRACK || t == T_LBRACE) {
            if (depth == (int)sizeof stack) {
                *err = "brackets nested too deeply";
                break;
            }
            stack[depth++] = code[L.off];
        } else if (t == T_RPAREN || t == T_RBRACK || t == T_RBRACE) {
            char want = t == T_RPAREN ? '(' : t == T_RBRACK ? '[' : '{';
            if (depth == 0 || stack[depth - 1] != want) {
                *err = arena_printf(a, "unbalanced %c in the code", code[L.off]);
                break;
            }
            depth--;
        }
        if (t == T_STRING && code[L.off] == '`' && memchr(code + L.off, '\n', L.end - L.off))
            put_raw_as_quoted(&b, code + L.off + 1, L.end - L.off - 2);
        else
            buf_append(&b, code + L.off, L.end - L.off);
        prev_end = L.end;
        any = true;
    }
    if (!*err && depth > 0)
        *err = arena_printf(a, "unclosed %c in the code", stack[depth - 1]);
    while (b.len > 0 && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == ';'))
        b.len--;
    *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return *err ? -1 : 0;
}
