/* template: RULES.md's subset of Go's text/template, for inject_code.raw.
 *
 * A template is a list of nodes: literal text, a value ({{.FuncName}},
 * {{.FuncArgument N}}, ..., optionally through printf), or an if/else/end.
 * The subset is small enough that a hand-written parser is shorter than any
 * binding, and it lets load time reject everything else by name: a rule
 * must never be half-applied. Values are of two types, strings (names) and
 * ints (counts); `printf "%d"` on a name is refused at parse time, as
 * text/template would print "%!d(string=...)".
 *
 * Rendering needs only the function's declaration (gosrc): names come from
 * the signature, synthetic ones (_otel_p<i>, _otel_r<i>, inject_file's
 * names) for unnamed or `_` parameters and results. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"

typedef enum { V_FUNC_NAME, V_ARG, V_RET, V_ARG_COUNT, V_RET_COUNT } ValKind;

typedef struct {
    ValKind kind;
    int index;   /* V_ARG, V_RET */
    char fmt;    /* 0: as is; 'q', 's', 'd': printf */
} Val;

typedef enum { N_TEXT, N_VALUE, N_IF } NodeKind;

typedef struct Node {
    NodeKind kind;
    const char *text; /* N_TEXT */
    size_t len;
    Val val;          /* N_VALUE, and the condition of N_IF */
    struct Node *then_, *else_;
    struct Node *next;
} Node;

struct Template {
    Node *first;
};

typedef struct {
    Arena *a;
    const char *s;
    size_t pos;
    size_t err_off;
    const char *err;
    bool trim_next;   /* the previous action ended with -}} */
} P;

static bool perr(P *p, size_t off, const char *msg) {
    if (!p->err) {
        p->err = msg;
        p->err_off = off;
    }
    return false;
}

static void skip_space(const char *s, size_t *i, size_t end) {
    while (*i < end && isspace((unsigned char)s[*i]))
        (*i)++;
}

/* One word of an action: an identifier-ish run, a quoted string, or '|'. */
static size_t word_end(const char *s, size_t i, size_t end) {
    if (s[i] == '"') {
        for (i++; i < end && s[i] != '"'; i++)
            if (s[i] == '\\')
                i++;
        return i < end ? i + 1 : end;
    }
    if (s[i] == '|')
        return i + 1;
    while (i < end && !isspace((unsigned char)s[i]) && s[i] != '|')
        i++;
    return i;
}

typedef struct {
    const char *w[8];
    size_t off[8];
    int n;
} Words;

static bool split_words(P *p, size_t start, size_t end, Words *ws) {
    ws->n = 0;
    size_t i = start;
    for (;;) {
        skip_space(p->s, &i, end);
        if (i >= end)
            return true;
        size_t e = word_end(p->s, i, end);
        if (ws->n == 8)
            return perr(p, i, "too many words in one template action");
        ws->off[ws->n] = i;
        ws->w[ws->n++] = arena_strndup(p->a, p->s + i, e - i);
        i = e;
    }
}

/* A value: .FuncName, .FuncArgument N, ... starting at word *k. */
static bool parse_value(P *p, const Words *ws, int *k, Val *v) {
    const char *w = ws->w[*k];
    size_t off = ws->off[*k];
    (*k)++;
    if (!strcmp(w, ".FuncName")) {
        v->kind = V_FUNC_NAME;
    } else if (!strcmp(w, ".FuncArgumentCount")) {
        v->kind = V_ARG_COUNT;
    } else if (!strcmp(w, ".FuncReturnCount")) {
        v->kind = V_RET_COUNT;
    } else if (!strcmp(w, ".FuncArgument") || !strcmp(w, ".FuncReturn")) {
        v->kind = w[5] == 'A' ? V_ARG : V_RET;
        if (*k >= ws->n)
            return perr(p, off, arena_printf(p->a, "%s needs an index ({{%s 0}})", w, w));
        const char *n = ws->w[*k];
        char *end;
        long idx = strtol(n, &end, 10);
        if (!isdigit((unsigned char)n[0]) || *end || idx > 1000)
            return perr(p, ws->off[*k], arena_printf(p->a, "%s needs a number, not %s", w, n));
        v->index = (int)idx;
        (*k)++;
    } else if (!strcmp(w, ".") ) {
        return perr(p, off, "{{ . }} is only for wrap_call, assign_value and set_fields, not inject_code");
    } else if (!strcmp(w, ".FuncArgumentOfType") || !strcmp(w, ".FuncReturnOfType") ||
               !strcmp(w, ".DirectiveArgs") || !strcmp(w, ".DirectiveArg")) {
        return perr(p, off, arena_printf(p->a, "%s is only for expand_directive, not inject_code", w));
    } else {
        return perr(p, off, arena_printf(p->a, "template value %s is not supported", w));
    }
    return true;
}

static bool is_count(ValKind k) { return k == V_ARG_COUNT || k == V_RET_COUNT; }

/* printf FMT: FMT is "%q", "%s" or "%d" exactly. */
static bool parse_fmt(P *p, const Words *ws, int k, char *fmt) {
    if (k >= ws->n)
        return perr(p, ws->off[k - 1], "printf needs a format (\"%q\", \"%s\" or \"%d\")");
    const char *f = ws->w[k];
    if (strcmp(f, "\"%q\"") && strcmp(f, "\"%s\"") && strcmp(f, "\"%d\""))
        return perr(p, ws->off[k], arena_printf(p->a, "printf format %s is not supported (only \"%%q\", \"%%s\", \"%%d\")", f));
    *fmt = f[2];
    return true;
}

/* The words of a value action: VALUE, printf FMT VALUE, VALUE | printf FMT. */
static bool parse_value_action(P *p, const Words *ws, int k, Val *v) {
    if (k >= ws->n)
        return perr(p, p->pos, "empty template action");
    if (!strcmp(ws->w[k], "printf")) {
        char fmt;
        if (!parse_fmt(p, ws, k + 1, &fmt))
            return false;
        k += 2;
        if (k >= ws->n)
            return perr(p, ws->off[k - 1], "printf needs a value after the format");
        if (!parse_value(p, ws, &k, v))
            return false;
        v->fmt = fmt;
    } else {
        if (!parse_value(p, ws, &k, v))
            return false;
        if (k < ws->n && !strcmp(ws->w[k], "|")) {
            if (k + 1 >= ws->n || strcmp(ws->w[k + 1], "printf") != 0)
                return perr(p, ws->off[k], arena_printf(p->a, "| %s is not supported (only | printf \"%%q\", \"%%s\" or \"%%d\")",
                                                        k + 1 < ws->n ? ws->w[k + 1] : "(nothing)"));
            if (!parse_fmt(p, ws, k + 2, &v->fmt))
                return false;
            k += 3;
        }
    }
    if (k < ws->n)
        return perr(p, ws->off[k], arena_printf(p->a, "unexpected %s in template action", ws->w[k]));
    if (v->fmt == 'd' && !is_count(v->kind))
        return perr(p, ws->off[0], "printf \"%d\" needs a count (.FuncArgumentCount, .FuncReturnCount)");
    return true;
}

static Node *new_node(P *p, NodeKind k) {
    Node *n = arena_alloc(p->a, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = k;
    return n;
}

/* Parse nodes until {{else}}/{{end}} (stop is set to which) or the end. */
static Node *parse_list(P *p, const char **stop, Node **last_text);

/* Trim trailing white space of the last text node (for {{-). */
static void trim_left_of(Node *last_text) {
    if (!last_text)
        return;
    while (last_text->len > 0 && isspace((unsigned char)last_text->text[last_text->len - 1]))
        last_text->len--;
}

static Node *parse_list(P *p, const char **stop, Node **last_text) {
    Node *head = NULL, **tail = &head;
    *stop = NULL;
    size_t n = strlen(p->s);
    while (p->pos < n && !p->err) {
        const char *open = strstr(p->s + p->pos, "{{");
        size_t text_end = open ? (size_t)(open - p->s) : n;
        if (text_end > p->pos) {
            Node *t = new_node(p, N_TEXT);
            t->text = p->s + p->pos;
            t->len = text_end - p->pos;
            if (p->trim_next) {
                while (t->len > 0 && isspace((unsigned char)*t->text)) {
                    t->text++;
                    t->len--;
                }
            }
            *tail = t;
            tail = &t->next;
            *last_text = t;
        }
        p->trim_next = false;
        if (!open) {
            p->pos = n;
            break;
        }
        size_t astart = text_end + 2;
        const char *close = strstr(p->s + astart, "}}");
        if (!close) {
            perr(p, text_end, "unclosed template action (no }})");
            break;
        }
        size_t aend = (size_t)(close - p->s);
        p->pos = aend + 2;
        if (astart < aend && p->s[astart] == '-' && astart + 1 < aend && isspace((unsigned char)p->s[astart + 1])) {
            trim_left_of(*last_text);
            astart++;
        }
        if (aend > astart + 1 && p->s[aend - 1] == '-' && isspace((unsigned char)p->s[aend - 2])) {
            p->trim_next = true;
            aend--;
        }
        *last_text = NULL;
        Words ws;
        if (!split_words(p, astart, aend, &ws))
            break;
        if (ws.n == 0) {
            perr(p, text_end, "empty template action");
            break;
        }
        const char *w0 = ws.w[0];
        if (!strcmp(w0, "end") || !strcmp(w0, "else")) {
            if (ws.n > 1) {
                perr(p, ws.off[1], arena_printf(p->a, "{{%s}} takes nothing after it", w0));
                break;
            }
            *stop = w0;
            return head;
        }
        if (!strcmp(w0, "if")) {
            Node *in = new_node(p, N_IF);
            if (!parse_value_action(p, &ws, 1, &in->val))
                break;
            const char *st;
            Node *lt = NULL;
            in->then_ = parse_list(p, &st, &lt);
            if (st && !strcmp(st, "else")) {
                lt = NULL;
                in->else_ = parse_list(p, &st, &lt);
            }
            if (!p->err && (!st || strcmp(st, "end") != 0)) {
                perr(p, text_end, "{{if}} without {{end}}");
                break;
            }
            *tail = in;
            tail = &in->next;
            continue;
        }
        if (w0[0] != '.' && strcmp(w0, "printf") != 0) {
            perr(p, text_end, arena_printf(p->a, "template action {{%s}} is not supported in inject_code (RULES.md lists the subset)",
                                           arena_strndup(p->a, p->s + astart, aend - astart)));
            break;
        }
        Node *v = new_node(p, N_VALUE);
        if (!parse_value_action(p, &ws, 0, &v->val))
            break;
        *tail = v;
        tail = &v->next;
    }
    return head;
}

Template *inject_template_parse(Arena *a, const char *text, size_t *err_off, const char **err) {
    P p = {.a = a, .s = text};
    const char *stop;
    Node *lt = NULL;
    Node *first = parse_list(&p, &stop, &lt);
    if (!p.err && stop)
        perr(&p, p.pos, arena_printf(a, "{{%s}} without {{if}}", stop));
    if (p.err) {
        *err = p.err;
        *err_off = p.err_off;
        return NULL;
    }
    Template *t = arena_alloc(a, sizeof *t);
    t->first = first;
    return t;
}

/* ---- render ---- */

typedef struct {
    Arena *a;
    const GoFunc *fn;
    bool *np, *nr;
    const char *err;
} R;

/* The name of parameter/result i for templates. */
static const char *var_name(R *r, bool ret, int i) {
    const GoParam *p = ret ? &r->fn->results[i] : &r->fn->params[i];
    if (p->name[0] && strcmp(p->name, "_") != 0)
        return p->name;
    *(ret ? r->nr : r->np) = true;
    return arena_printf(r->a, "_otel_%c%d", ret ? 'r' : 'p', i);
}

/* The value as text (is_int tells ints apart for if and %q). */
static const char *eval(R *r, const Val *v, long *num) {
    *num = 0;
    switch (v->kind) {
    case V_FUNC_NAME:
        return r->fn->name;
    case V_ARG_COUNT:
        *num = r->fn->nparams;
        return arena_printf(r->a, "%d", r->fn->nparams);
    case V_RET_COUNT:
        *num = r->fn->nresults;
        return arena_printf(r->a, "%d", r->fn->nresults);
    case V_ARG:
    case V_RET: {
        int n = v->kind == V_ARG ? r->fn->nparams : r->fn->nresults;
        if (v->index >= n) {
            r->err = arena_printf(r->a, "{{.Func%s %d}} is out of range: func %s has %d %s", v->kind == V_ARG ? "Argument" : "Return",
                                  v->index, r->fn->name, n, v->kind == V_ARG ? "parameters (receiver excluded)" : "results");
            return NULL;
        }
        return var_name(r, v->kind == V_RET, v->index);
    }
    }
    return NULL;
}

static bool render_list(R *r, const Node *n, Buf *out) {
    for (; n; n = n->next) {
        long num;
        if (n->kind == N_TEXT) {
            buf_append(out, n->text, n->len);
            continue;
        }
        const char *s = eval(r, &n->val, &num);
        if (!s)
            return false;
        if (n->kind == N_IF) {
            bool truth = is_count(n->val.kind) ? num != 0 : *s != '\0';
            if (!render_list(r, truth ? n->then_ : n->else_, out))
                return false;
        } else if (n->val.fmt == 'q') {
            go_quote(out, s);
        } else {
            buf_puts(out, s);
        }
    }
    return true;
}

int inject_template_render(Arena *a, const Template *t, const GoFunc *fn, Buf *out, bool *names_params,
                           bool *names_results, const char **err) {
    bool np = false, nr = false;
    R r = {.a = a, .fn = fn, .np = &np, .nr = &nr};
    if (!render_list(&r, t->first, out)) {
        *err = r.err;
        return -1;
    }
    *names_params = np;
    *names_results = nr;
    return 0;
}
