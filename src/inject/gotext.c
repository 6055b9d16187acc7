/* gotext: the few token-level operations the injector needs on Go type
 * text (which identifiers a type mentions, renaming type parameters in a
 * constraint) and on Go string literals. Type text comes verbatim from the
 * source, so it may hold comments and struct tags; those are skipped, never
 * mistaken for identifiers. */
#include <string.h>

#include "inject/internal.h"

static bool is_ident_start(unsigned char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_ident_char(unsigned char c) {
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* Offset just past the literal or comment that starts at i, or i when none
 * starts there. */
static size_t skip_noise(const char *t, size_t len, size_t i) {
    if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
        while (i < len && t[i] != '\n')
            i++;
        return i;
    }
    if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
        i += 2;
        while (i + 1 < len && !(t[i] == '*' && t[i + 1] == '/'))
            i++;
        return i + 2 <= len ? i + 2 : len;
    }
    if (t[i] == '"' || t[i] == '\'') {
        char q = t[i++];
        while (i < len && t[i] != q) {
            if (t[i] == '\\')
                i++;
            i++;
        }
        return i + 1 <= len ? i + 1 : len;
    }
    if (t[i] == '`') {
        i++;
        while (i < len && t[i] != '`')
            i++;
        return i + 1 <= len ? i + 1 : len;
    }
    return i;
}

void go_each_ident(const char *t, size_t len, IdentFn fn, void *ud) {
    size_t i = 0;
    bool after_dot = false;
    while (i < len) {
        size_t j = skip_noise(t, len, i);
        if (j != i) {
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)t[i];
        if (is_ident_start(c)) {
            size_t start = i;
            while (i < len && is_ident_char((unsigned char)t[i]))
                i++;
            if (!after_dot && !fn(ud, start, i - start))
                return;
            after_dot = false;
            continue;
        }
        if (c >= '0' && c <= '9') { /* a number (array length): skip it whole */
            while (i < len && (is_ident_char((unsigned char)t[i]) || t[i] == '.'))
                i++;
            after_dot = false;
            continue;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            after_dot = c == '.';
        i++;
    }
}

typedef struct {
    const char *text;
    const char *const *names;
    int n;
    int found; /* index into names, or -1 */
} FindCtx;

static int name_index(const char *const *names, int n, const char *s, size_t len) {
    for (int k = 0; k < n; k++)
        if (strlen(names[k]) == len && memcmp(names[k], s, len) == 0)
            return k;
    return -1;
}

static bool find_ident(void *ud, size_t off, size_t len) {
    FindCtx *c = ud;
    c->found = name_index(c->names, c->n, c->text + off, len);
    return c->found < 0;
}

bool go_mentions_any(const char *text, const char *const *names, int n) {
    FindCtx c = {text, names, n, -1};
    go_each_ident(text, strlen(text), find_ident, &c);
    return c.found >= 0;
}

typedef struct {
    const char *text;
    const char *const *from, *const *to;
    int n;
    size_t copied; /* text[0..copied) is already in out */
    Buf out;
} RenameCtx;

static bool rename_ident(void *ud, size_t off, size_t len) {
    RenameCtx *c = ud;
    int k = name_index(c->from, c->n, c->text + off, len);
    if (k >= 0) {
        buf_append(&c->out, c->text + c->copied, off - c->copied);
        buf_puts(&c->out, c->to[k]);
        c->copied = off + len;
    }
    return true;
}

char *go_rename_idents(Arena *a, const char *text, const char *const *from,
                       const char *const *to, int n) {
    RenameCtx c = {text, from, to, n, 0, BUF_INIT};
    size_t len = strlen(text);
    go_each_ident(text, len, rename_ident, &c);
    buf_append(&c.out, text + c.copied, len - c.copied);
    char *r = arena_strdup(a, buf_str(&c.out));
    buf_free(&c.out);
    return r;
}

void go_quote(Buf *b, const char *s) {
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(b, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            buf_printf(b, "\\x%02x", *p);
        else
            buf_putc(b, (char)*p);
    }
    buf_putc(b, '"');
}

bool go_is_empty_interface(Arena *a, const char *text) {
    const char *n = gosrc_normalize_type(a, text);
    return strcmp(n, "interface{}") == 0 || strcmp(n, "any") == 0;
}

bool go_needs_semi_at_end(const char *t, size_t len) {
    char last = '{';
    bool newline_after = false;
    for (size_t i = 0; i < len;) {
        size_t j = skip_noise(t, len, i);
        if (j != i) {
            bool is_comment = t[i] == '/';
            if (is_comment) {
                if (memchr(t + i, '\n', j - i) || (j < len && t[j] == '\n'))
                    newline_after = true;
            } else {
                last = t[i];
                newline_after = false;
            }
            i = j;
            continue;
        }
        char c = t[i++];
        if (c == '\n')
            newline_after = true;
        else if (c != ' ' && c != '\t' && c != '\r') {
            last = c;
            newline_after = false;
        }
    }
    return !newline_after && last != '{' && last != ';';
}

/* Skip a comment or a string/rune literal at text[i] (i < end); returns
 * the offset past it, or i when there is none there. */
static size_t skip_lit(const char *t, size_t i, size_t end) {
    if (t[i] == '/' && i + 1 < end && t[i + 1] == '/') {
        while (i < end && t[i] != '\n') i++;
        return i;
    }
    if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
        for (i += 2; i + 1 < end && !(t[i] == '*' && t[i + 1] == '/'); i++) {}
        return i + 2 < end ? i + 2 : end;
    }
    if (t[i] == '"' || t[i] == '\'' || t[i] == '`') {
        char q = t[i];
        for (i++; i < end && t[i] != q; i++)
            if (q != '`' && t[i] == '\\') i++;
        return i < end ? i + 1 : end;
    }
    return i;
}

static bool is_comment_at(const char *t, size_t i, size_t end) {
    return t[i] == '/' && i + 1 < end && (t[i + 1] == '/' || t[i + 1] == '*');
}

int go_split_elems(Arena *a, const char *src, size_t off, size_t end, GoElem **out) {
    int n = 0, cap = 8, depth = 0;
    GoElem *v = arena_alloc(a, sizeof *v * (size_t)cap);
    long start = -1, colon = -1;
    size_t last = off;
    for (size_t i = off; i <= end; ) {
        bool stop = i == end;
        if (!stop && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r')) {
            i++;
            continue;
        }
        if (!stop && is_comment_at(src, i, end)) {
            i = skip_lit(src, i, end);
            continue;
        }
        if (stop || (depth == 0 && src[i] == ',')) {
            if (start >= 0) {
                if (n == cap) {
                    GoElem *nv = arena_alloc(a, sizeof *nv * (size_t)cap * 2);
                    memcpy(nv, v, sizeof *v * (size_t)n);
                    v = nv;
                    cap *= 2;
                }
                GoElem e = {(size_t)start, last, -1, 0};
                if (colon >= 0) {
                    size_t ke = (size_t)colon;
                    while (ke > (size_t)start && (src[ke - 1] == ' ' || src[ke - 1] == '\t')) ke--;
                    bool ident = ke > (size_t)start;
                    for (size_t k = (size_t)start; k < ke && ident; k++)
                        ident = src[k] == '_' || (src[k] >= 'a' && src[k] <= 'z') || (src[k] >= 'A' && src[k] <= 'Z') ||
                                (k > (size_t)start && src[k] >= '0' && src[k] <= '9') || (unsigned char)src[k] >= 0x80;
                    if (ident) {
                        size_t vo = (size_t)colon + 1;
                        while (vo < last && (src[vo] == ' ' || src[vo] == '\t' || src[vo] == '\n' || src[vo] == '\r' ||
                                             is_comment_at(src, vo, last)))
                            vo = is_comment_at(src, vo, last) ? skip_lit(src, vo, last) : vo + 1;
                        e.key_end = (long)ke;
                        e.val_off = vo;
                    }
                }
                v[n++] = e;
            }
            if (stop) break;
            start = colon = -1;
            i++;
            continue;
        }
        if (start < 0) start = (long)i;
        size_t j = skip_lit(src, i, end);
        if (j != i) {
            last = i = j;
            continue;
        }
        char c = src[i];
        if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']' || c == '}') depth--;
        else if (c == ':' && depth == 0 && colon < 0) colon = (long)i;
        last = ++i;
    }
    *out = v;
    return n;
}
