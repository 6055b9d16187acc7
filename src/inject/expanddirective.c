/* expanddirective: expand_directive, the rendered template prepended to
 * the body of every function whose doc comment block holds `//name`.
 *
 * The doc comment block is what go/parser calls FuncDecl.Doc, read from
 * the text: the `//` comment lines right above the line of `func`, up to a
 * blank line, code, or a general (slash-star) comment, which ends the
 * scan: a directive is a line comment. In it, the first line `//name` (no blank
 * after `//`; name followed by a blank or the line's end) is the
 * directive; the rest of the line is key:value arguments separated by
 * blanks, each value bare (up to the next blank) or a Go double-quoted
 * string (unquoted for the template). A malformed argument is a setup
 * error naming the rule, the function and the argument.
 *
 * The result is an inject_code use without pattern (CodeUse), so the
 * placement after the body's `{`, the synthetic names and the plan lines
 * for coverage builds are inject_code's. */
#include <string.h>

#include "inject/internal.h"

/* Start of the line holding off. */
static size_t line_start(const char *src, size_t off) {
    while (off > 0 && src[off - 1] != '\n')
        off--;
    return off;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Unquote a Go interpreted string literal s[0..n) (quotes included) into b;
 * false when malformed. Covers the common escapes; \x, \u and octal too. */
static bool unquote(const char *s, size_t n, Buf *b) {
    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        return false;
    for (size_t i = 1; i + 1 < n; i++) {
        char c = s[i];
        if (c != '\\') {
            buf_putc(b, c);
            continue;
        }
        if (++i + 1 >= n)
            return false;
        switch (s[i]) {
        case 'n': buf_putc(b, '\n'); break;
        case 't': buf_putc(b, '\t'); break;
        case 'r': buf_putc(b, '\r'); break;
        case '\\': buf_putc(b, '\\'); break;
        case '"': buf_putc(b, '"'); break;
        case 'a': buf_putc(b, '\a'); break;
        case 'b': buf_putc(b, '\b'); break;
        case 'f': buf_putc(b, '\f'); break;
        case 'v': buf_putc(b, '\v'); break;
        case 'x': {
            if (i + 3 >= n)
                return false;
            unsigned v = 0;
            for (int k = 1; k <= 2; k++) {
                char h = s[i + k];
                int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (d < 0)
                    return false;
                v = v * 16 + (unsigned)d;
            }
            buf_putc(b, (char)v);
            i += 2;
            break;
        }
        default:
            return false; /* \u, \U, octal: not worth it in a directive */
        }
    }
    return true;
}

/* Parse the arguments text[0..n). */
static int parse_args(Arena *a, const char *text, size_t n, DirectiveArg **out, int *nout, const char **bad) {
    int cap = 0, k = 0;
    DirectiveArg *args = NULL;
    size_t i = 0;
    for (;;) {
        while (i < n && blank(text[i]))
            i++;
        if (i >= n)
            break;
        size_t start = i;
        while (i < n && !blank(text[i]) && text[i] != ':' && text[i] != '"')
            i++;
        if (i >= n || text[i] != ':' || i == start) {
            while (i < n && !blank(text[i]))
                i++;
            *bad = arena_strndup(a, text + start, i - start);
            return -1;
        }
        const char *key = arena_strndup(a, text + start, i - start);
        i++;
        Buf v = BUF_INIT;
        if (i < n && text[i] == '"') {
            size_t q = i + 1;
            while (q < n && text[q] != '"')
                q += text[q] == '\\' ? 2 : 1;
            if (q >= n || (q + 1 < n && !blank(text[q + 1])) || !unquote(text + i, q + 1 - i, &v)) {
                buf_free(&v);
                while (i < n && !blank(text[i]))
                    i++;
                *bad = arena_strndup(a, text + start, i - start);
                return -1;
            }
            i = q + 1;
        } else {
            size_t vs = i;
            while (i < n && !blank(text[i]))
                i++;
            buf_append(&v, text + vs, i - vs);
        }
        if (k == cap) {
            cap = cap ? cap * 2 : 4;
            DirectiveArg *na = arena_alloc(a, sizeof *na * (size_t)cap);
            if (k)
                memcpy(na, args, sizeof *na * (size_t)k);
            args = na;
        }
        args[k++] = (DirectiveArg){key, arena_strdup(a, buf_str(&v))};
        buf_free(&v);
    }
    *out = args;
    *nout = k;
    return 0;
}

int inject_find_directive(Arena *a, const char *src, size_t len, const GoFunc *fn, const char *name,
                          DirectiveArg **args, int *nargs, const char **err) {
    (void)len;
    size_t ls = line_start(src, fn->func_off);
    for (size_t i = ls; i < fn->func_off; i++)
        if (!blank(src[i]))
            return 0; /* `func` does not start its line: no doc block */
    size_t nlen = strlen(name);
    while (ls > 0) {
        size_t end = ls - 1; /* the '\n' ending the line above */
        size_t s = line_start(src, end);
        ls = s;
        while (s < end && blank(src[s]))
            s++;
        if (end - s < 2 || src[s] != '/' || src[s + 1] != '/')
            return 0;
        size_t e = end;
        while (e > s && blank(src[e - 1]))
            e--;
        if (e - s >= 2 + nlen && !memcmp(src + s + 2, name, nlen) && (e == s + 2 + nlen || blank(src[s + 2 + nlen]))) {
            const char *bad = NULL;
            if (parse_args(a, src + s + 2 + nlen, e - (s + 2 + nlen), args, nargs, &bad) != 0) {
                *err = arena_printf(a, "//%s above func %s: argument %s is not key:value (value bare or a Go "
                                       "double-quoted string)", name, fn->name, bad);
                return -1;
            }
            return 1;
        }
    }
    return 0;
}
