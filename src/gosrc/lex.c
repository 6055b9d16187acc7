/* The Go lexer behind gosrc (see internal.h for the idea).
 *
 * Everything here works on (src, len) without assuming a NUL terminator:
 * every read is bounds-checked, because files go/parser rejects must not
 * make us read past the end. */
#include "gosrc/internal.h"

#include <stdint.h>
#include <string.h>

void lex_init(Lexer *L, const char *src, size_t len, size_t start) {
    memset(L, 0, sizeof *L);
    L->src = src;
    L->len = len;
    L->pos = start;
    L->nl_pos = -1;
    L->off = L->end = L->prev_end = start;
    L->lead_off = L->lead_end = -1;
    L->tok = T_EOF;
}

int lex_precedence(int tok) {
    switch (tok) {
    case T_LOR: return 1;
    case T_LAND: return 2;
    case T_EQL: case T_NEQ: case T_LSS: case T_LEQ: case T_GTR: case T_GEQ: return 3;
    case T_ADD: case T_SUB: case T_OR: case T_XOR: return 4;
    case T_MUL: case T_QUO: case T_REM: case T_SHL: case T_SHR: case T_AND: case T_AND_NOT: return 5;
    default: return 0;
    }
}

/* Identifier bytes: 1 for letters (and '_'), 2 for digits. Bytes >= 0x80
 * count as letters: in a file go/parser accepts they can only be parts of
 * Unicode letters and digits there. */
static const uint8_t ident_class[256] = {
#define R10(x) x, x, x, x, x, x, x, x, x, x
#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
    ['0'] = R10(2),
    ['A'] = R10(1), R16(1), /* A-Z */
    ['_'] = 1,
    ['a'] = R10(1), R16(1), /* a-z */
    [0x80] = R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1),
#undef R10
#undef R16
};

static bool is_letter(unsigned char c) { return ident_class[c] == 1; }

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool is_hex(unsigned char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int keyword(const char *s, size_t n) {
#define KW(word, tok) if (n == sizeof(word) - 1 && memcmp(s, word, n) == 0) return tok
    switch (s[0]) {
    case 'b': KW("break", T_BREAK); break;
    case 'c': KW("case", T_CASE); KW("chan", T_CHAN); KW("const", T_CONST); KW("continue", T_CONTINUE); break;
    case 'd': KW("default", T_DEFAULT); KW("defer", T_DEFER); break;
    case 'e': KW("else", T_ELSE); break;
    case 'f': KW("fallthrough", T_FALLTHROUGH); KW("for", T_FOR); KW("func", T_FUNC); break;
    case 'g': KW("go", T_GO); KW("goto", T_GOTO); break;
    case 'i': KW("if", T_IF); KW("import", T_IMPORT); KW("interface", T_INTERFACE); break;
    case 'm': KW("map", T_MAP); break;
    case 'p': KW("package", T_PACKAGE); break;
    case 'r': KW("range", T_RANGE); KW("return", T_RETURN); break;
    case 's': KW("select", T_SELECT); KW("struct", T_STRUCT); KW("switch", T_SWITCH); break;
    case 't': KW("type", T_TYPE); break;
    case 'v': KW("var", T_VAR); break;
    }
#undef KW
    return T_IDENT;
}

/* Digits of a number in the given base, with '_' separators. Like
 * go/scanner, bases up to 10 accept every decimal digit (the error is
 * reported elsewhere) so the token extent matches. */
static size_t scan_digits(const char *s, size_t p, size_t n, int base) {
    if (base <= 10) {
        while (p < n && (is_digit((unsigned char)s[p]) || s[p] == '_')) p++;
    } else {
        while (p < n && (is_hex((unsigned char)s[p]) || s[p] == '_')) p++;
    }
    return p;
}

/* A number literal starting at p (a digit, or '.' before a digit). */
static size_t scan_number(const char *s, size_t p, size_t n, int *tok) {
    int base = 10;
    *tok = T_INT;
    if (s[p] != '.') {
        if (s[p] == '0') {
            p++;
            char c = p < n ? (char)(s[p] | 0x20) : 0;
            if (c == 'x') { p++; base = 16; }
            else if (c == 'o') { p++; base = 8; }
            else if (c == 'b') { p++; base = 2; }
            else base = 8;
        }
        p = scan_digits(s, p, n, base);
    }
    if (p < n && s[p] == '.') {
        *tok = T_FLOAT;
        p = scan_digits(s, p + 1, n, base);
    }
    if (p < n && ((s[p] | 0x20) == 'e' || (s[p] | 0x20) == 'p')) {
        *tok = T_FLOAT;
        p++;
        if (p < n && (s[p] == '+' || s[p] == '-')) p++;
        p = scan_digits(s, p, n, 10);
    }
    if (p < n && s[p] == 'i') {
        *tok = T_IMAG;
        p++;
    }
    return p;
}

/* An interpreted string or rune literal; p is just past the opening quote.
 * Stops after the closing quote, or at a newline/EOF (unterminated). */
static size_t scan_quoted(const char *s, size_t p, size_t n, char quote) {
    while (p < n) {
        char c = s[p];
        if (c == '\n') return p;
        p++;
        if (c == quote) return p;
        if (c == '\\' && p < n && s[p] != '\n') p++;
    }
    return p;
}

/* A raw string; p is just past the opening backquote. */
static size_t scan_raw(const char *s, size_t p, size_t n) {
    const char *q = memchr(s + p, '`', n - p);
    return q ? (size_t)(q - s) + 1 : n;
}

/* Offset of the first '\n' in a block comment body [p, end), or -1. */
static long first_newline(const char *s, size_t p, size_t end) {
    const char *q = memchr(s + p, '\n', end - p);
    return q ? (long)(q - s) : -1;
}

/* End of a block comment whose body starts at p (just past the slash-star). */
static size_t scan_block_comment(const char *s, size_t p, size_t n) {
    while (p < n) {
        const char *q = memchr(s + p, '*', n - p);
        if (!q) return n;
        p = (size_t)(q - s) + 1;
        if (p < n && s[p] == '/') return p + 1;
    }
    return n;
}

/* Set the current token to [off, end) of kind tok. */
static void set_tok(Lexer *L, int tok, size_t off, size_t end) {
    L->tok = tok;
    L->off = off;
    L->end = end;
    L->pos = end;
}

/* Operators: the kind and length of the operator at s[p]. */
static int scan_operator(const char *s, size_t p, size_t n, size_t *len, bool *semi) {
    char c = s[p];
    char c1 = p + 1 < n ? s[p + 1] : 0;
    char c2 = p + 2 < n ? s[p + 2] : 0;
    *len = 1;
    *semi = false;
    switch (c) {
    case '(': return T_LPAREN;
    case ')': *semi = true; return T_RPAREN;
    case '[': return T_LBRACK;
    case ']': *semi = true; return T_RBRACK;
    case '{': return T_LBRACE;
    case '}': *semi = true; return T_RBRACE;
    case ',': return T_COMMA;
    case ';': return T_SEMICOLON;
    case '~': return T_TILDE;
    case ':': if (c1 == '=') { *len = 2; return T_DEFINE; } return T_COLON;
    case '.': if (c1 == '.' && c2 == '.') { *len = 3; return T_ELLIPSIS; } return T_PERIOD;
    case '+':
        if (c1 == '+') { *len = 2; *semi = true; return T_INC; }
        if (c1 == '=') { *len = 2; return T_OP_ASSIGN; }
        return T_ADD;
    case '-':
        if (c1 == '-') { *len = 2; *semi = true; return T_DEC; }
        if (c1 == '=') { *len = 2; return T_OP_ASSIGN; }
        return T_SUB;
    case '*': if (c1 == '=') { *len = 2; return T_OP_ASSIGN; } return T_MUL;
    case '/': if (c1 == '=') { *len = 2; return T_OP_ASSIGN; } return T_QUO;
    case '%': if (c1 == '=') { *len = 2; return T_OP_ASSIGN; } return T_REM;
    case '^': if (c1 == '=') { *len = 2; return T_OP_ASSIGN; } return T_XOR;
    case '=': if (c1 == '=') { *len = 2; return T_EQL; } return T_ASSIGN;
    case '!': if (c1 == '=') { *len = 2; return T_NEQ; } return T_NOT;
    case '<':
        if (c1 == '-') { *len = 2; return T_ARROW; }
        if (c1 == '<') {
            if (c2 == '=') { *len = 3; return T_OP_ASSIGN; }
            *len = 2; return T_SHL;
        }
        if (c1 == '=') { *len = 2; return T_LEQ; }
        return T_LSS;
    case '>':
        if (c1 == '>') {
            if (c2 == '=') { *len = 3; return T_OP_ASSIGN; }
            *len = 2; return T_SHR;
        }
        if (c1 == '=') { *len = 2; return T_GEQ; }
        return T_GTR;
    case '&':
        if (c1 == '^') {
            if (c2 == '=') { *len = 3; return T_OP_ASSIGN; }
            *len = 2; return T_AND_NOT;
        }
        if (c1 == '&') { *len = 2; return T_LAND; }
        if (c1 == '=') { *len = 2; return T_OP_ASSIGN; }
        return T_AND;
    case '|':
        if (c1 == '|') { *len = 2; return T_LOR; }
        if (c1 == '=') { *len = 2; return T_OP_ASSIGN; }
        return T_OR;
    default: return T_ILLEGAL;
    }
}

void lex_scan(Lexer *L) {
    const char *s = L->src;
    size_t n = L->len, p = L->pos;

    if (L->nl_pos >= 0) { /* the ';' owed by a multi-line comment */
        L->tok = T_SEMICOLON;
        L->off = (size_t)L->nl_pos;
        L->end = L->off + 1;
        L->nl_pos = -1;
        return;
    }
    for (; p < n; p++) {
        char c = s[p];
        if (c == ' ' || c == '\t' || c == '\r') continue;
        if (c == '\n' && !L->insert_semi) continue;
        break;
    }
    if (p >= n) {
        int tok = L->insert_semi ? T_SEMICOLON : T_EOF;
        L->insert_semi = false;
        set_tok(L, tok, n, n);
        return;
    }
    unsigned char c = (unsigned char)s[p];
    bool semi = false;
    if (is_letter(c)) {
        size_t q = p + 1;
        while (q < n && ident_class[(unsigned char)s[q]]) q++;
        int tok = q - p > 1 ? keyword(s + p, q - p) : T_IDENT;
        semi = tok == T_IDENT || tok == T_BREAK || tok == T_CONTINUE ||
               tok == T_FALLTHROUGH || tok == T_RETURN;
        set_tok(L, tok, p, q);
    } else if (is_digit(c) || (c == '.' && p + 1 < n && is_digit((unsigned char)s[p + 1]))) {
        int tok;
        size_t q = scan_number(s, p, n, &tok);
        semi = true;
        set_tok(L, tok, p, q);
    } else if (c == '\n') { /* only reached when insert_semi */
        set_tok(L, T_SEMICOLON, p, p + 1);
    } else if (c == '"' || c == '\'') {
        semi = true;
        set_tok(L, c == '"' ? T_STRING : T_CHAR, p, scan_quoted(s, p + 1, n, (char)c));
    } else if (c == '`') {
        semi = true;
        set_tok(L, T_STRING, p, scan_raw(s, p + 1, n));
    } else if (c == '/' && p + 1 < n && (s[p + 1] == '/' || s[p + 1] == '*')) {
        size_t q;
        if (s[p + 1] == '/') {
            const char *nl = memchr(s + p, '\n', n - p);
            q = nl ? (size_t)(nl - s) : n;
        } else {
            q = scan_block_comment(s, p + 2, n);
            long nl = L->insert_semi ? first_newline(s, p, q) : -1;
            if (nl >= 0) {
                L->nl_pos = nl;
                L->insert_semi = false;
            }
        }
        set_tok(L, T_COMMENT, p, q);
        return; /* a comment leaves insert_semi as it was */
    } else {
        size_t len;
        int tok = scan_operator(s, p, n, &len, &semi);
        if (tok == T_ILLEGAL) {
            /* go/scanner keeps insert_semi across an illegal character */
            set_tok(L, T_ILLEGAL, p, p + 1);
            return;
        }
        set_tok(L, tok, p, p + len);
    }
    L->insert_semi = semi;
}

/* Number of '\n' in src[a, b), counting at most to limit + 1. The ranges
 * are the short gaps between tokens and comments: a plain loop beats memchr. */
static int count_newlines(const char *s, size_t a, size_t b, int limit) {
    int k = 0;
    for (; a < b; a++)
        if (s[a] == '\n' && ++k > limit) break;
    return k;
}

/* go/parser's parser.next(): skip comments, grouping them as go/parser
 * does. Comments on the line of the previous token form a first group of
 * their own (a "line comment"); the rest are grouped while no blank line
 * separates them, and the last group is the lead comment of the token when
 * it ends on the line just above that token. */
void lex_next(Lexer *L) {
    bool have_prev = L->started;
    L->started = true;
    size_t prev = L->off;
    L->prev_end = L->end;
    L->lead_off = L->lead_end = -1;
    lex_scan(L);
    if (L->tok != T_COMMENT) return;

    const char *s = L->src;
    if (have_prev && count_newlines(s, prev, L->off, 0) == 0) {
        size_t last_end = L->end;
        lex_scan(L);
        while (L->tok == T_COMMENT && count_newlines(s, last_end, L->off, 0) == 0) {
            last_end = L->end;
            lex_scan(L);
        }
    }
    bool have_group = false;
    size_t gstart = 0, gend = 0;
    while (L->tok == T_COMMENT) {
        have_group = true;
        gstart = L->off;
        gend = L->end;
        lex_scan(L);
        while (L->tok == T_COMMENT && count_newlines(s, gend, L->off, 1) <= 1) {
            gend = L->end;
            lex_scan(L);
        }
    }
    if (have_group && L->off >= gend && count_newlines(s, gend, L->off, 1) == 1) {
        L->lead_off = (long)gstart;
        L->lead_end = (long)gend;
    }
}

/* Byte classes for the skip loop: 0 is "nothing to see". */
enum { SK_NONE, SK_OPEN, SK_CLOSE, SK_DQUOTE, SK_SQUOTE, SK_RAW, SK_SLASH };
static const uint8_t skip_class[256] = {
    ['('] = SK_OPEN, ['['] = SK_OPEN, ['{'] = SK_OPEN,
    [')'] = SK_CLOSE, [']'] = SK_CLOSE, ['}'] = SK_CLOSE,
    ['"'] = SK_DQUOTE, ['\''] = SK_SQUOTE, ['`'] = SK_RAW, ['/'] = SK_SLASH,
};

static const int close_tok[256] = { [')'] = T_RPAREN, [']'] = T_RBRACK, ['}'] = T_RBRACE };

/* Past the literal or comment starting at s[p] (a quote or '/'); for a
 * lone '/' (division) just past it. */
static size_t skip_special(const char *s, size_t p, size_t n, int cls) {
    switch (cls) {
    case SK_DQUOTE: return scan_quoted(s, p + 1, n, '"');
    case SK_SQUOTE: return scan_quoted(s, p + 1, n, '\'');
    case SK_RAW: return scan_raw(s, p + 1, n);
    default:
        if (p + 1 < n && s[p + 1] == '/') {
            const char *nl = memchr(s + p, '\n', n - p);
            return nl ? (size_t)(nl - s) : n;
        }
        if (p + 1 < n && s[p + 1] == '*') return scan_block_comment(s, p + 2, n);
        return p + 1;
    }
}

/* The partner of the opening bracket was found at p. In a file go/parser
 * rejects it may be the wrong kind (`{ ... )`): report that as a failure,
 * so no caller ever records a `)` as a closing brace. */
static bool found_close(Lexer *L, size_t p, int open_tok) {
    int tok = close_tok[(unsigned char)L->src[p]];
    L->prev_end = p;
    set_tok(L, tok, p, p + 1);
    L->insert_semi = true;
    L->lead_off = L->lead_end = -1;
    return (open_tok == T_LPAREN && tok == T_RPAREN) || (open_tok == T_LBRACK && tok == T_RBRACK) ||
           (open_tok == T_LBRACE && tok == T_RBRACE);
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit i set when byte i of the 16 at s is one skip_class cares about. */
static inline unsigned interesting16(const char *s) {
    __m128i v = _mm_loadu_si128((const __m128i *)s);
#define EQ(ch) _mm_cmpeq_epi8(v, _mm_set1_epi8(ch))
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_or_si128(EQ('('), EQ(')')), _mm_or_si128(EQ('['), EQ(']'))),
                             _mm_or_si128(_mm_or_si128(EQ('{'), EQ('}')), _mm_or_si128(EQ('"'), EQ('\''))));
    m = _mm_or_si128(m, _mm_or_si128(EQ('`'), EQ('/')));
#undef EQ
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The hot loop of the whole scanner: every function body goes through it.
 * Sixteen bytes at a time, find the bytes that matter (brackets, quotes,
 * slashes) and walk only those; brackets just move the depth. */
bool lex_skip_balanced(Lexer *L) {
    const char *s = L->src;
    size_t n = L->len, p = L->end;
    int open_tok = L->tok;
    long depth = 1;
#if defined(__SSE2__)
    while (p + 16 <= n) {
        unsigned mask = interesting16(s + p);
        size_t next_p = p + 16;
        while (mask) {
            size_t q = p + (size_t)__builtin_ctz(mask);
            mask &= mask - 1;
            int cls = skip_class[(unsigned char)s[q]];
            if (cls <= SK_CLOSE) {
                depth += cls == SK_OPEN ? 1 : -1;
                if (depth == 0) return found_close(L, q, open_tok);
                continue;
            }
            size_t after = skip_special(s, q, n, cls);
            if (after >= p + 16) {
                next_p = after;
                break;
            }
            mask &= ~0u << (after - p);
        }
        p = next_p;
    }
#endif
    while (p < n) {
        int cls = skip_class[(unsigned char)s[p]];
        if (cls == SK_NONE) {
            p++;
        } else if (cls <= SK_CLOSE) {
            depth += cls == SK_OPEN ? 1 : -1;
            if (depth == 0) return found_close(L, p, open_tok);
            p++;
        } else {
            p = skip_special(s, p, n, cls);
        }
    }
    L->prev_end = n;
    L->insert_semi = false;
    set_tok(L, T_EOF, n, n);
    return false;
}
