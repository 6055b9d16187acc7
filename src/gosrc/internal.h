/* gosrc internals: the Go lexer shared by the declaration parser (parse.c)
 * and the helpers (dump.c). Not part of the public interface.
 *
 * The lexer follows go/scanner: tokens, automatic semicolons (a newline or
 * EOF after an identifier, literal, `)`, `]`, `}`, `++`, `--`, break,
 * continue, fallthrough or return; a multi-line comment in that state
 * yields the `;` at its first newline), and comments. lex_next() also
 * reproduces go/parser's comment grouping so the parser knows the "lead
 * comment" (doc comment) of each token. lex_skip_balanced() is the fast
 * path: it jumps from an opening bracket to its partner with a byte loop
 * that only understands brackets, strings, runes and comments; function
 * bodies and initialisers go through it and never become tokens. */
#ifndef OTEL_GOSRC_INTERNAL_H
#define OTEL_GOSRC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

enum {
    T_EOF, T_ILLEGAL, T_COMMENT,
    T_IDENT, T_INT, T_FLOAT, T_IMAG, T_CHAR, T_STRING,
    /* keywords */
    T_BREAK, T_CASE, T_CHAN, T_CONST, T_CONTINUE, T_DEFAULT, T_DEFER, T_ELSE,
    T_FALLTHROUGH, T_FOR, T_FUNC, T_GO, T_GOTO, T_IF, T_IMPORT, T_INTERFACE,
    T_MAP, T_PACKAGE, T_RANGE, T_RETURN, T_SELECT, T_STRUCT, T_SWITCH, T_TYPE,
    T_VAR,
    /* operators with a binary precedence */
    T_LOR, T_LAND,                                   /* 1, 2 */
    T_EQL, T_NEQ, T_LSS, T_LEQ, T_GTR, T_GEQ,        /* 3 */
    T_ADD, T_SUB, T_OR, T_XOR,                       /* 4 */
    T_MUL, T_QUO, T_REM, T_SHL, T_SHR, T_AND, T_AND_NOT, /* 5 */
    /* other operators and delimiters */
    T_OP_ASSIGN, /* += -= ... &^= (one kind: the parser never tells them apart) */
    T_ARROW, T_INC, T_DEC, T_ASSIGN, T_DEFINE, T_NOT, T_TILDE, T_ELLIPSIS,
    T_LPAREN, T_RPAREN, T_LBRACK, T_RBRACK, T_LBRACE, T_RBRACE,
    T_COMMA, T_PERIOD, T_SEMICOLON, T_COLON,
};

typedef struct {
    const char *src;
    size_t len;
    size_t pos;          /* next byte to scan */
    bool insert_semi;    /* a newline/EOF now yields ';' */
    bool started;        /* a token has been read (go/parser's first token has no previous line) */
    long nl_pos;         /* pending ';' at this offset (multi-line comment), or -1 */
    /* the current token */
    int tok;
    size_t off, end;     /* [off, end) in src; an automatic ';' has end == off + 1 (or off at EOF) */
    size_t prev_end;     /* end of the token before the current one */
    /* the comment group go/parser would attach as lead (doc) comment of the
     * current token: [lead_off, lead_end), lead_off == -1 when none */
    long lead_off, lead_end;
} Lexer;

/* Start lexing src[start..len) (start skips a BOM); no token is read yet. */
void lex_init(Lexer *L, const char *src, size_t len, size_t start);
/* Advance to the next non-comment token. */
void lex_next(Lexer *L);
/* The current token is `(`, `[` or `{`: move to its partner (the closing
 * bracket at depth zero), which becomes the current token. Returns false at
 * EOF (the current token is then T_EOF) or when the partner is a different
 * kind of bracket (possible only in a file go/parser rejects). */
bool lex_skip_balanced(Lexer *L);
/* Scan one raw token (comments included) without the lead-comment logic. */
void lex_scan(Lexer *L);
/* Binary operator precedence of tok (1..5), 0 when it is not one. */
int lex_precedence(int tok);

#endif
