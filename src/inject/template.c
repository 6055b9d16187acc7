/* template: RULES.md's subset of Go's text/template, for inject_code.raw,
 * assign_value.wrap and expand_directive.template.
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
 * names) for unnamed or `_` parameters and results.
 *
 * Which values a template may use depends on its modifier (TemplateKind),
 * checked at parse time: `{{ . }}` only in assign_value (the old
 * initializer, and no function there, so no .Func* value); .FuncArgumentOfType,
 * .FuncReturnOfType, .DirectiveArgs, .DirectiveArg and {{range .DirectiveArgs}}
 * only in expand_directive. Inside a range, dot is the argument, as in
 * text/template: .Key and .Value are its two fields and nothing else is. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"

typedef enum {
    V_FUNC_NAME, V_ARG, V_RET, V_ARG_COUNT, V_RET_COUNT,
    V_DOT,                                /* assign_value: the old initializer */
    V_ARG_OF_TYPE, V_RET_OF_TYPE,         /* expand_directive: name of the first of that type */
    V_DIR_ARGS, V_DIR_ARG,                /* expand_directive: all arguments, one by key */
    V_KEY, V_VALUE,                       /* inside {{range .DirectiveArgs}} */
} ValKind;

typedef struct {
    ValKind kind;
    int index;   /* V_ARG, V_RET */
    const char *str; /* V_ARG_OF_TYPE, V_RET_OF_TYPE: normalized type; V_DIR_ARG: key */
    char fmt;    /* 0: as is; 'q', 's', 'd': printf */
} Val;

typedef enum { N_TEXT, N_VALUE, N_IF, N_RANGE } NodeKind;

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
    TemplateKind kind;
    int in_range;     /* inside {{range .DirectiveArgs}} */
} P;

static const char *kind_word(TemplateKind k) {
    return k == TPL_ASSIGN_VALUE       ? "assign_value"
           : k == TPL_EXPAND_DIRECTIVE ? "expand_directive"
           : k == TPL_WRAP_CALL        ? "wrap_call"
           : k == TPL_SET_FIELDS       ? "set_fields"
                                       : "inject_code";
}

/* A "..." word without its quotes (\ and \" unescaped), or NULL. */
static const char *string_word(Arena *a, const char *w) {
    size_t n = strlen(w);
    if (n < 2 || w[0] != '"' || w[n - 1] != '"')
        return NULL;
    char *r = arena_alloc(a, n);
    size_t o = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        if (w[i] == '\\' && i + 2 < n)
            i++;
        r[o++] = w[i];
    }
    r[o] = '\0';
    return r;
}

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
    bool func_val = !strncmp(w, ".Func", 5), dir_val = !strncmp(w, ".Directive", 10);
    if (p->in_range && strcmp(w, ".Key") != 0 && strcmp(w, ".Value") != 0)
        return perr(p, off, arena_printf(p->a, "inside {{range .DirectiveArgs}} dot is the argument: only .Key and .Value, not %s", w));
    if (func_val && (p->kind == TPL_ASSIGN_VALUE || p->kind == TPL_SET_FIELDS))
        return perr(p, off, arena_printf(p->a, "%s names a function: %s has none (only {{ . }})", w, kind_word(p->kind)));
    if (!strcmp(w, ".Key") || !strcmp(w, ".Value")) {
        if (!p->in_range)
            return perr(p, off, arena_printf(p->a, "%s is only inside {{range .DirectiveArgs}}", w));
        v->kind = w[1] == 'K' ? V_KEY : V_VALUE;
    } else if (!strcmp(w, ".") && (p->kind == TPL_ASSIGN_VALUE || p->kind == TPL_WRAP_CALL || p->kind == TPL_SET_FIELDS)) {
        v->kind = V_DOT;
    } else if ((!strcmp(w, ".FuncArgumentOfType") || !strcmp(w, ".FuncReturnOfType") || !strcmp(w, ".DirectiveArg")) &&
               p->kind == TPL_EXPAND_DIRECTIVE) {
        v->kind = w[1] == 'D' ? V_DIR_ARG : w[5] == 'A' ? V_ARG_OF_TYPE : V_RET_OF_TYPE;
        const char *arg = *k < ws->n ? string_word(p->a, ws->w[*k]) : NULL;
        if (!arg || !*arg)
            return perr(p, *k < ws->n ? ws->off[*k] : off,
                        arena_printf(p->a, "%s needs a quoted %s ({{%s \"%s\"}})", w, dir_val ? "key" : "type", w,
                                     dir_val ? "name" : "error"));
        v->str = dir_val ? arg : gosrc_normalize_type(p->a, arg);
        (*k)++;
    } else if (!strcmp(w, ".DirectiveArgs") && p->kind == TPL_EXPAND_DIRECTIVE) {
        v->kind = V_DIR_ARGS;
    } else if (!strcmp(w, ".FuncName")) {
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
        return perr(p, off, arena_printf(p->a, "{{ . }} is only for wrap_call, assign_value and set_fields, not %s",
                                         kind_word(p->kind)));
    } else if (!strcmp(w, ".FuncArgumentOfType") || !strcmp(w, ".FuncReturnOfType") ||
               !strcmp(w, ".DirectiveArgs") || !strcmp(w, ".DirectiveArg")) {
        return perr(p, off, arena_printf(p->a, "%s is only for expand_directive, not %s", w, kind_word(p->kind)));
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
        if (!strcmp(w0, "range")) {
            if (p->kind != TPL_EXPAND_DIRECTIVE || ws.n != 2 || strcmp(ws.w[1], ".DirectiveArgs") != 0 || p->in_range) {
                perr(p, text_end, p->kind != TPL_EXPAND_DIRECTIVE
                                      ? arena_printf(p->a, "{{range}} is only for expand_directive, not %s", kind_word(p->kind))
                                      : "only {{range .DirectiveArgs}} is supported (not nested)");
                break;
            }
            Node *rn = new_node(p, N_RANGE);
            rn->val.kind = V_DIR_ARGS;
            const char *st;
            Node *lt = NULL;
            p->in_range++;
            rn->then_ = parse_list(p, &st, &lt);
            p->in_range--;
            if (st && !strcmp(st, "else")) {
                lt = NULL;
                rn->else_ = parse_list(p, &st, &lt);
            }
            if (!p->err && (!st || strcmp(st, "end") != 0)) {
                perr(p, text_end, "{{range}} without {{end}}");
                break;
            }
            *tail = rn;
            tail = &rn->next;
            continue;
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
            perr(p, text_end, arena_printf(p->a, "template action {{%s}} is not supported in %s (RULES.md lists the subset)",
                                           arena_strndup(p->a, p->s + astart, aend - astart), kind_word(p->kind)));
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
    return inject_template_parse_kind(a, text, TPL_INJECT_CODE, err_off, err);
}

Template *inject_template_parse_kind(Arena *a, const char *text, TemplateKind kind, size_t *err_off, const char **err) {
    P p = {.a = a, .s = text, .kind = kind};
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

static int count_dot(const Node *n, bool *plain) {
    int c = 0;
    for (; n; n = n->next) {
        if ((n->kind == N_VALUE || n->kind == N_IF) && n->val.kind == V_DOT) {
            c += n->kind == N_VALUE;
            *plain &= n->kind == N_VALUE && (n->val.fmt == 0 || n->val.fmt == 's');
        }
        c += count_dot(n->then_, plain) + count_dot(n->else_, plain);
    }
    return c;
}

bool inject_template_uses_dot(Arena *a, const char *text) {
    size_t eoff;
    const char *err;
    Template *t = inject_template_parse_kind(a, text, TPL_SET_FIELDS, &eoff, &err);
    bool plain = true;
    return t && count_dot(t->first, &plain) > 0;
}

bool inject_template_dot_plain_once(const Template *t) {
    bool plain = true;
    return count_dot(t->first, &plain) == 1 && plain;
}

/* ---- render ---- */

typedef struct {
    Arena *a;
    const GoFunc *fn;
    const TemplateCtx *ctx;
    const DirectiveArg *cur;  /* inside a range */
    bool *np, *nr;
    const char *err;
} R;

/* A directive argument's value as .DirectiveArgs prints it: bare when it
 * has only letters, digits and _ . / - + =, else Go-quoted. */
static void put_arg_value(Buf *b, const char *v) {
    bool bare = *v != '\0';
    for (const char *c = v; *c && bare; c++)
        bare = isalnum((unsigned char)*c) || strchr("_./-+=", *c);
    if (bare)
        buf_puts(b, v);
    else
        go_quote(b, v);
}

/* The name of the first parameter (result) whose type is t, "" when none. */
static const char *of_type(R *r, bool ret, const char *t) {
    int n = ret ? r->fn->nresults : r->fn->nparams;
    const GoParam *ps = ret ? r->fn->results : r->fn->params;
    for (int i = 0; i < n; i++)
        if (!strcmp(gosrc_normalize_type(r->a, ps[i].type), t)) {
            if (ps[i].name[0] && strcmp(ps[i].name, "_") != 0)
                return ps[i].name;
            *(ret ? r->nr : r->np) = true;
            return arena_printf(r->a, "_otel_%c%d", ret ? 'r' : 'p', i);
        }
    return "";
}

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
    const TemplateCtx *c = r->ctx;
    switch (v->kind) {
    case V_DOT:
        return c->dot ? c->dot : "";
    case V_KEY:
        return r->cur ? r->cur->key : "";
    case V_VALUE:
        return r->cur ? r->cur->value : "";
    case V_ARG_OF_TYPE:
    case V_RET_OF_TYPE:
        return of_type(r, v->kind == V_RET_OF_TYPE, v->str);
    case V_DIR_ARG:
        for (int i = 0; i < c->nargs; i++)
            if (!strcmp(c->args[i].key, v->str))
                return c->args[i].value;
        return "";
    case V_DIR_ARGS: {
        *num = c->nargs;
        Buf b = BUF_INIT;
        for (int i = 0; i < c->nargs; i++) {
            buf_printf(&b, "%s%s:", i ? " " : "", c->args[i].key);
            put_arg_value(&b, c->args[i].value);
        }
        const char *s = arena_strdup(r->a, buf_str(&b));
        buf_free(&b);
        return s;
    }
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
        if (n->kind == N_RANGE) {
            for (int i = 0; i < r->ctx->nargs; i++) {
                r->cur = &r->ctx->args[i];
                bool ok = render_list(r, n->then_, out);
                r->cur = NULL;
                if (!ok)
                    return false;
            }
            if (r->ctx->nargs == 0 && !render_list(r, n->else_, out))
                return false;
        } else if (n->kind == N_IF) {
            bool truth = is_count(n->val.kind) || n->val.kind == V_DIR_ARGS ? num != 0 : *s != '\0';
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
    TemplateCtx c = {.fn = fn};
    return inject_template_render_ctx(a, t, &c, out, names_params, names_results, err);
}

int inject_template_render_ctx(Arena *a, const Template *t, const TemplateCtx *ctx, Buf *out, bool *names_params,
                               bool *names_results, const char **err) {
    bool np = false, nr = false;
    R r = {.a = a, .fn = ctx->fn, .ctx = ctx, .np = &np, .nr = &nr};
    if (!render_list(&r, t->first, out)) {
        *err = r.err;
        return -1;
    }
    *names_params = np;
    *names_results = nr;
    return 0;
}
