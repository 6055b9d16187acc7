/* select: the selectors of a rule (RULES.md "Selectors"): loading `where`
 * into a tree, matching the tree against one function of one file, and
 * glob targets.
 *
 * A where map is the conjunction of its keys; `all-of`, `one-of` and `not`
 * hold more where maps, so the whole `where` is one boolean tree whose
 * leaves are point predicates (`func`+`recv`, signature filters) and file
 * predicates (`where.file`). It is evaluated per (file, function): the
 * instrumenter asks "does this rule reach this function of this file?".
 *
 * A function hook needs its function's name pinned: every function the tree
 * can match must have one of the names in Rule.funcs, so that a file that
 * mentions none of them is never parsed. A tree pins when its map has a
 * `func`, or an `all-of` member pins, or a non-empty `one-of` pins in every
 * member; `not` never pins.
 *
 * where.file follows upstream: one predicate (`has_func` with its optional
 * `has_recv` counting as one) or one combinator per map; nest with `all-of`
 * / `one-of` / `not` to combine. Empty `all-of: []` holds, empty
 * `one-of: []` does not.
 *
 * Globs (targets with *, ?, [ or {): `/`-separated segments; `*` and `?`
 * and classes stay inside a segment, a whole-segment `**` spans zero or more
 * segments (`a/` + `**` matches `a`), `{a,b}` alternates (nesting allowed), `\`
 * quotes the next character. Matching is a small backtracking interpreter
 * over the pattern text; patterns are short and so are import paths. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "rules/internal.h"

const char *const WHERE_KEYS[] = {"func",  "recv",        "file",   "signature",
                                  "signature_contains", "param", "result",
                                  "last_result", "all-of", "one-of", "not",
                                  "struct", "pattern", "placement", "identifier", "kind",
                                  "directive", "function_call", "struct_literal", NULL};
const char *const WHERE_LATER[] = {NULL};
static const char *const FILE_KEYS[] = {"has_func",    "has_recv", "has_struct",
                                        "has_directive", "has_package", "is_test",
                                        "all-of",      "one-of",   "not",  NULL};
static const char *const SIG_KEYS[] = {"args", "returns", NULL};

/* ---- building nodes ---- */

static Selector *new_sel(Loader *L, SelKind kind, const yaml_node_t *k) {
    Selector *s = arena_alloc(L->rs->arena, sizeof *s);
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->line = k ? (int)k->start_mark.line + 1 : 0;
    s->col = k ? (int)k->start_mark.column + 1 : 0;
    return s;
}

static void add_kid(Loader *L, Selector *parent, const Selector *kid, bool first) {
    const Selector **kids = arena_alloc(L->rs->arena, sizeof *kids * (size_t)(parent->nkids + 1));
    int at = 0;
    if (first)
        kids[at++] = kid;
    for (int i = 0; i < parent->nkids; i++)
        kids[at++] = parent->kids[i];
    if (!first)
        kids[at++] = kid;
    parent->kids = kids;
    parent->nkids++;
}

/* where.recv / has_recv: "T" or "*T" for a type name T. */
static const char *recv_field(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                              const char *what) {
    const char *s = expect_string(L, k, v, what);
    if (s && !is_go_ident(s + (*s == '*'))) {
        error_at(L, v, "%s must be T or *T for a type name T, not \"%s\"", what, s);
        return NULL;
    }
    return s;
}

/* A type as the signature filters compare it: spaces (and comments) removed. */
static const char *type_field(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                              const char *what) {
    const char *s = expect_string(L, k, v, what);
    if (!s)
        return NULL;
    const char *t = gosrc_normalize_type(L->rs->arena, s);
    if (!*t) {
        error_at(L, v, "%s must be a Go type, not \"%s\"", what, s);
        return NULL;
    }
    return t;
}

/* args: / returns: of a signature filter, a list of types. */
static void type_list(Loader *L, const yaml_node_t *k, const yaml_node_t *v, const char *what,
                      const char ***out, int *n) {
    if (v->type != YAML_SEQUENCE_NODE) {
        error_at(L, value_pos(k, v), "%s must be a list of types, not %s", what, kind_name(v));
        return;
    }
    int cap = (int)(v->data.sequence.items.top - v->data.sequence.items.start);
    *out = arena_alloc(L->rs->arena, sizeof **out * (size_t)(cap ? cap : 1));
    for (int i = 0; i < cap; i++) {
        const yaml_node_t *item = node_at(L, v->data.sequence.items.start[i]);
        const char *t = type_field(L, NULL, item, what);
        if (t)
            (*out)[(*n)++] = t;
    }
}

static const Selector *load_signature(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                                      SelKind kind) {
    const char *what = kind == SEL_SIGNATURE ? "signature" : "signature_contains";
    if (!expect_map(L, k, v, what))
        return NULL;
    Selector *s = new_sel(L, kind, k);
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *kk = node_at(L, p->key), *vv = node_at(L, p->value);
        char *sub = arena_printf(L->rs->arena, "%s.%s", what, key);
        if (!strcmp(key, "args")) {
            s->has_args = true;
            type_list(L, kk, vv, sub, &s->args, &s->nargs);
        } else if (!strcmp(key, "returns")) {
            s->has_rets = true;
            type_list(L, kk, vv, sub, &s->rets, &s->nrets);
        } else {
            unknown_key(L, kk, "key", arena_printf(L->rs->arena, " in %s", what), SIG_KEYS);
            s->has_args = true; /* one error is enough */
        }
    }
    if (!s->has_args && !s->has_rets)
        error_at(L, value_pos(k, v), "%s needs args or returns (or both)", what);
    return s;
}

/* is_test: a YAML boolean. */
static bool bool_field(Loader *L, const yaml_node_t *k, const yaml_node_t *v, const char *what,
                       bool *out) {
    if (v->type == YAML_SCALAR_NODE && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        const char *s = scalar(v);
        if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE")) {
            *out = true;
            return true;
        }
        if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE")) {
            *out = false;
            return true;
        }
    }
    error_at(L, value_pos(k, v), "%s must be true or false, not %s", what,
             v->type == YAML_SCALAR_NODE && !is_null(v)
                 ? arena_printf(L->rs->arena, "\"%s\"", scalar(v))
                 : kind_name(v));
    return false;
}

/* A directive name as written after "//": no blank, not empty. */
static const char *directive_field(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                                   const char *what) {
    const char *s = expect_string(L, k, v, what);
    if (!s)
        return NULL;
    if (!*s || !strncmp(s, "//", 2) || strpbrk(s, " \t\r\n")) {
        error_at(L, v, "%s must be a directive's name without // or blanks (go:generate), not \"%s\"",
                 what, s);
        return NULL;
    }
    return s;
}

/* ---- where.file ---- */

static const Selector *load_file_node(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                                      const char *what);

/* all-of / one-of: a list of maps, each loaded by one(). */
static Selector *load_list(Loader *L, const yaml_node_t *k, const yaml_node_t *v, SelKind kind,
                           const char *what,
                           const Selector *(*one)(Loader *, const yaml_node_t *,
                                                  const yaml_node_t *, const char *)) {
    Selector *s = new_sel(L, kind, k);
    if (v->type != YAML_SEQUENCE_NODE) {
        error_at(L, value_pos(k, v), "%s must be a list of maps, not %s", what, kind_name(v));
        return s;
    }
    int n = (int)(v->data.sequence.items.top - v->data.sequence.items.start);
    for (int i = 0; i < n; i++) {
        const yaml_node_t *item = node_at(L, v->data.sequence.items.start[i]);
        const Selector *kid = one(L, NULL, item, what);
        if (kid)
            add_kid(L, s, kid, false);
    }
    return s;
}

static const Selector *load_file_node(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                                      const char *what) {
    if (v->type != YAML_MAPPING_NODE) {
        error_at(L, value_pos(k, v), "%s must be a map of file predicates, not %s", what,
                 kind_name(v));
        return NULL;
    }
    const Selector *out = NULL;
    const yaml_node_t *first = NULL, *recv_key = NULL;
    const char *first_name = NULL, *recv = NULL;
    Selector *has_func = NULL;
    bool any = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        any = true;
        const yaml_node_t *kk = node_at(L, p->key), *vv = node_at(L, p->value);
        if (!strcmp(key, "has_recv")) {
            recv_key = kk;
            recv = recv_field(L, kk, vv, "where.file.has_recv");
            continue;
        }
        if (!in_list(FILE_KEYS, key)) {
            unknown_key(L, kk, "file predicate", "", FILE_KEYS);
            continue;
        }
        if (first) {
            error_at(L, kk,
                     "%s holds one predicate or combinator, not both %s and %s (combine them "
                     "with all-of or one-of)",
                     what, first_name, key);
            continue;
        }
        first = kk;
        first_name = key;
        Selector *s = NULL;
        if (!strcmp(key, "has_func")) {
            s = has_func = new_sel(L, SEL_HAS_FUNC, kk);
            s->name = ident_field(L, kk, vv, "where.file.has_func");
        } else if (!strcmp(key, "has_struct")) {
            s = new_sel(L, SEL_HAS_STRUCT, kk);
            s->name = ident_field(L, kk, vv, "where.file.has_struct");
        } else if (!strcmp(key, "has_directive")) {
            s = new_sel(L, SEL_HAS_DIRECTIVE, kk);
            s->name = directive_field(L, kk, vv, "where.file.has_directive");
        } else if (!strcmp(key, "has_package")) {
            s = new_sel(L, SEL_HAS_PACKAGE, kk);
            s->name = ident_field(L, kk, vv, "where.file.has_package");
        } else if (!strcmp(key, "is_test")) {
            s = new_sel(L, SEL_IS_TEST, kk);
            bool_field(L, kk, vv, "where.file.is_test", &s->is_test);
        } else if (!strcmp(key, "not")) {
            s = new_sel(L, SEL_NOT, kk);
            const Selector *kid = load_file_node(L, kk, vv, "where.file.not");
            if (kid)
                add_kid(L, s, kid, false);
        } else {
            bool all = !strcmp(key, "all-of");
            s = load_list(L, kk, vv, all ? SEL_ALL_OF : SEL_ONE_OF,
                          all ? "where.file.all-of" : "where.file.one-of", load_file_node);
        }
        out = s;
    }
    if (recv_key && !has_func)
        error_at(L, recv_key, "where.file.has_recv needs has_func");
    else if (has_func)
        has_func->recv = recv;
    if (!any)
        error_at(L, value_pos(k, v), "%s must not be empty", what);
    return out;
}

/* ---- where ---- */

/* What loading a where map found, for the rule-level checks. */
typedef struct {
    const yaml_node_t *first_key; /* first selector key, for "used by no modifier" */
    const char *first_name;
    bool func_typo;               /* a misspelt func: count it as present */
    bool target_inside;           /* a target key inside where: not also "no target" */
    const yaml_node_t *struct_key, *pattern_key, *placement_key; /* point selectors of the
                                                                     other kinds (top map only) */
    const yaml_node_t *identifier_key, *kind_key, *directive_key, *call_key, *lit_key;
} WhereSeen;

/* where.function_call / where.struct_literal: "import/path.Name". */
static void qualified_field(Loader *L, const yaml_node_t *k, const yaml_node_t *v, const char *what,
                            const char **path, const char **name) {
    const char *s = expect_string(L, k, v, what);
    if (!s)
        return;
    const char *slash = strrchr(s, '/');
    const char *dot = strrchr(slash ? slash : s, '.');
    if (!dot || dot == s || !is_go_ident(dot + 1) || dot[-1] == '/') {
        error_at(L, v, "%s must be import/path.Name, not \"%s\"", what, s);
        return;
    }
    *path = arena_strndup(L->rs->arena, s, (size_t)(dot - s));
    *name = dot + 1;
}

/* where.struct, where.pattern, where.placement, where.identifier,
 * where.kind, where.directive: the point selectors of add_struct_fields,
 * inject_code, assign_value and expand_directive. They name a place, not a condition,
 * so they live on the rule (top map only), not in the where tree. */
static void load_point_key(Loader *L, const char *key, const yaml_node_t *k, const yaml_node_t *v, Rule *top,
                           WhereSeen *ws) {
    if (!top || !ws) {
        error_at(L, k, "where.%s belongs in the rule's where map itself, not inside a combinator", key);
        return;
    }
    if (!strcmp(key, "struct")) {
        ws->struct_key = k;
        top->struct_name = ident_field(L, k, v, "where.struct");
    } else if (!strcmp(key, "identifier")) {
        ws->identifier_key = k;
        top->identifier = ident_field(L, k, v, "where.identifier");
    } else if (!strcmp(key, "kind")) {
        ws->kind_key = k;
        const char *kd = expect_string(L, k, v, "where.kind");
        if (kd && strcmp(kd, "var") != 0 && strcmp(kd, "const") != 0)
            error_at(L, v, "where.kind must be var or const, not \"%s\"", kd);
        else if (kd)
            top->decl_kind = !strcmp(kd, "var") ? 1 : 2;
    } else if (!strcmp(key, "function_call")) {
        ws->call_key = k;
        qualified_field(L, k, v, "where.function_call", &top->call_path, &top->call_name);
    } else if (!strcmp(key, "struct_literal")) {
        ws->lit_key = k;
        qualified_field(L, k, v, "where.struct_literal", &top->lit_path, &top->lit_type);
    } else if (!strcmp(key, "directive")) {
        ws->directive_key = k;
        top->directive = directive_field(L, k, v, "where.directive");
    } else if (!strcmp(key, "pattern")) {
        ws->pattern_key = k;
        top->pattern = expect_string(L, k, v, "where.pattern");
        regex_t re;
        if (top->pattern && regcomp(&re, top->pattern, REG_EXTENDED | REG_NOSUB) != 0) {
            error_at(L, v, "where.pattern \"%s\" is not an extended regular expression", top->pattern);
            top->pattern = NULL;
        } else if (top->pattern) {
            regfree(&re);
        }
    } else {
        ws->placement_key = k;
        const char *pl = expect_string(L, k, v, "where.placement");
        if (pl && strcmp(pl, "before") != 0 && strcmp(pl, "after") != 0)
            error_at(L, v, "where.placement must be before or after, not \"%s\"", pl);
        top->placement_after = pl && !strcmp(pl, "after");
    }
}

static const Selector *load_where_map(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                                      const char *what, Rule *top, WhereSeen *ws);

static const Selector *load_where_item(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                                       const char *what) {
    return load_where_map(L, k, v, what, NULL, NULL);
}

static const Selector *load_where_map(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                                      const char *what, Rule *top, WhereSeen *ws) {
    if (!expect_map(L, k, v, what))
        return NULL;
    Selector *all = new_sel(L, SEL_ALL_OF, k);
    const yaml_node_t *func_key = NULL, *recv_key = NULL;
    const char *func = NULL, *recv = NULL;
    bool func_typo = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *kk = node_at(L, p->key), *vv = node_at(L, p->value);
        const Selector *kid = NULL;
        bool selector = true;
        if (!strcmp(key, "func")) {
            func_key = kk;
            func = ident_field(L, kk, vv, "where.func");
        } else if (!strcmp(key, "recv")) {
            recv_key = kk;
            recv = recv_field(L, kk, vv, "where.recv");
        } else if (!strcmp(key, "file")) {
            kid = load_file_node(L, kk, vv, "where.file");
        } else if (!strcmp(key, "signature")) {
            kid = load_signature(L, kk, vv, SEL_SIGNATURE);
        } else if (!strcmp(key, "signature_contains")) {
            kid = load_signature(L, kk, vv, SEL_SIGNATURE_CONTAINS);
        } else if (!strcmp(key, "param") || !strcmp(key, "result") ||
                   !strcmp(key, "last_result")) {
            Selector *s = new_sel(L, !strcmp(key, "param")    ? SEL_PARAM
                                     : !strcmp(key, "result") ? SEL_RESULT
                                                              : SEL_LAST_RESULT,
                                  kk);
            s->name = type_field(L, kk, vv, arena_printf(L->rs->arena, "where.%s", key));
            kid = s;
        } else if (!strcmp(key, "all-of") || !strcmp(key, "one-of")) {
            bool is_all = !strcmp(key, "all-of");
            kid = load_list(L, kk, vv, is_all ? SEL_ALL_OF : SEL_ONE_OF,
                            is_all ? "where.all-of" : "where.one-of", load_where_item);
        } else if (!strcmp(key, "not")) {
            Selector *s = new_sel(L, SEL_NOT, kk);
            const Selector *inner = load_where_map(L, kk, vv, "where.not", NULL, NULL);
            if (inner)
                add_kid(L, s, inner, false);
            kid = s;
        } else if (!strcmp(key, "target") || !strcmp(key, "version")) {
            error_at(L, kk, "%s is not allowed inside where; it belongs to the rule itself",
                     key);
            if (ws && !strcmp(key, "target"))
                ws->target_inside = true;
            selector = false;
        } else if (!strcmp(key, "struct") || !strcmp(key, "pattern") || !strcmp(key, "placement") ||
                   !strcmp(key, "identifier") || !strcmp(key, "kind") || !strcmp(key, "directive") ||
                   !strcmp(key, "function_call") || !strcmp(key, "struct_literal")) {
            load_point_key(L, key, kk, vv, top, ws);
            selector = false;
        } else if (in_list(WHERE_LATER, key)) {
            error_at(L, kk, "where.%s is not supported yet", key);
            selector = false;
        } else {
            const char *meant = unknown_key(L, kk, "key", " in where", WHERE_KEYS);
            func_typo = func_typo || (meant && !strcmp(meant, "func"));
            selector = false;
        }
        if (selector && ws && !ws->first_key) {
            ws->first_key = kk;
            ws->first_name = key;
        }
        if (kid)
            add_kid(L, all, kid, false);
    }
    if (recv_key && !func_key)
        error_at(L, recv_key, "where.recv needs where.func");
    if (func_key || func_typo) {
        Selector *f = new_sel(L, SEL_FUNC, func_key);
        f->name = func;
        f->recv = recv;
        add_kid(L, all, f, true);
        if (top) {
            top->func = func;
            top->recv = recv;
        }
        if (ws && func_key) {
            ws->first_key = func_key;
            ws->first_name = "func";
        }
    }
    return all;
}

/* Does the tree pin the function's name (see the top of the file)? */
static bool pins(const Selector *s) {
    switch (s->kind) {
    case SEL_FUNC:
        return true;
    case SEL_ALL_OF:
        for (int i = 0; i < s->nkids; i++)
            if (pins(s->kids[i]))
                return true;
        return false;
    case SEL_ONE_OF:
        for (int i = 0; i < s->nkids; i++)
            if (!pins(s->kids[i]))
                return false;
        return s->nkids > 0;
    default:
        return false;
    }
}

/* The func names reachable without passing a `not`. */
static void collect_funcs(Loader *L, const Selector *s, Rule *r) {
    if (s->kind == SEL_NOT)
        return;
    if (s->kind == SEL_FUNC && s->name) {
        for (int i = 0; i < r->nfuncs; i++)
            if (!strcmp(r->funcs[i], s->name))
                return;
        const char **f = arena_alloc(L->rs->arena, sizeof *f * (size_t)(r->nfuncs + 1));
        if (r->nfuncs)
            memcpy(f, r->funcs, sizeof *f * (size_t)r->nfuncs);
        f[r->nfuncs++] = s->name;
        r->funcs = f;
    }
    for (int i = 0; i < s->nkids; i++)
        collect_funcs(L, s->kids[i], r);
}

/* ---- canonical text ---- */

static void put_types(Buf *b, const char *label, const char **t, int n) {
    buf_printf(b, "%s [", label);
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? ", " : "", t[i]);
    buf_puts(b, "]");
}

static void describe(Buf *b, const Selector *s, bool top, bool in_file);

static void describe_kids(Buf *b, const Selector *s, const char *sep, bool in_file) {
    for (int i = 0; i < s->nkids; i++) {
        if (i)
            buf_puts(b, sep);
        describe(b, s->kids[i], false, in_file);
    }
}

static const char *or_q(const char *s) { return s ? s : "?"; }

static void describe(Buf *b, const Selector *s, bool top, bool in_file) {
    switch (s->kind) {
    case SEL_ALL_OF:
        if (!top && s->nkids == 1) {
            describe(b, s->kids[0], false, in_file);
        } else if (top) {
            describe_kids(b, s, ", ", in_file);
        } else {
            buf_puts(b, "all-of(");
            describe_kids(b, s, "; ", in_file);
            buf_puts(b, ")");
        }
        return;
    case SEL_ONE_OF:
        buf_puts(b, "one-of(");
        describe_kids(b, s, "; ", in_file);
        buf_puts(b, ")");
        return;
    case SEL_NOT:
        buf_puts(b, "not(");
        describe_kids(b, s, "; ", in_file);
        buf_puts(b, ")");
        return;
    case SEL_FUNC:
        buf_printf(b, "%s%s%s", s->recv ? s->recv : "", s->recv ? "." : "", or_q(s->name));
        return;
    case SEL_SIGNATURE:
    case SEL_SIGNATURE_CONTAINS:
        buf_puts(b, s->kind == SEL_SIGNATURE ? "signature(" : "signature_contains(");
        if (s->has_args)
            put_types(b, "args", s->args, s->nargs);
        if (s->has_args && s->has_rets)
            buf_puts(b, " ");
        if (s->has_rets)
            put_types(b, "returns", s->rets, s->nrets);
        buf_puts(b, ")");
        return;
    case SEL_PARAM:
        buf_printf(b, "param %s", or_q(s->name));
        return;
    case SEL_RESULT:
        buf_printf(b, "result %s", or_q(s->name));
        return;
    case SEL_LAST_RESULT:
        buf_printf(b, "last_result %s", or_q(s->name));
        return;
    default:
        break;
    }
    /* file predicates: wrapped once in file(...) */
    if (!in_file)
        buf_puts(b, "file(");
    switch (s->kind) {
    case SEL_HAS_FUNC:
        buf_printf(b, "has_func %s%s%s", s->recv ? s->recv : "", s->recv ? "." : "",
                   or_q(s->name));
        break;
    case SEL_HAS_STRUCT:
        buf_printf(b, "has_struct %s", or_q(s->name));
        break;
    case SEL_HAS_DIRECTIVE:
        buf_printf(b, "has_directive %s", or_q(s->name));
        break;
    case SEL_HAS_PACKAGE:
        buf_printf(b, "has_package %s", or_q(s->name));
        break;
    case SEL_IS_TEST:
        buf_printf(b, "is_test %s", s->is_test ? "true" : "false");
        break;
    default:
        break;
    }
    if (!in_file)
        buf_puts(b, ")");
}

/* where.file's combinators are file nodes: describe them inside one file(...). */
static bool is_file_tree(const Selector *s) {
    if (s->kind >= SEL_HAS_FUNC)
        return true;
    if (s->kind == SEL_ALL_OF || s->kind == SEL_ONE_OF || s->kind == SEL_NOT) {
        if (s->nkids == 0)
            return false;
        for (int i = 0; i < s->nkids; i++)
            if (!is_file_tree(s->kids[i]))
                return false;
        return true;
    }
    return false;
}

void select_load_where(Loader *L, const yaml_node_t *wkey, const yaml_node_t *w, Rule *r,
                       RuleSeen *seen) {
    WhereSeen ws = {0};
    const Selector *tree = load_where_map(L, wkey, w, "where", r, &ws);
    if (!tree)
        return;
    r->where = tree;
    seen->struct_key = ws.struct_key;
    seen->has_struct = seen->has_struct || ws.struct_key;
    seen->pattern_key = ws.pattern_key;
    seen->placement_key = ws.placement_key;
    seen->identifier_key = ws.identifier_key;
    seen->kind_key = ws.kind_key;
    seen->directive_key = ws.directive_key;
    seen->call_key = ws.call_key;
    seen->lit_key = ws.lit_key;
    if (ws.kind_key && !ws.identifier_key)
        error_at(L, ws.kind_key, "where.kind needs where.identifier");
    if (ws.placement_key && !ws.pattern_key)
        error_at(L, ws.placement_key, "where.placement needs where.pattern");
    seen->has_func = seen->has_func || pins(tree) || ws.func_typo;
    seen->has_target = seen->has_target || ws.target_inside;
    if (ws.first_key && !seen->func_key) {
        seen->func_key = ws.first_key;
        seen->func_key_name = ws.first_name;
    }
    collect_funcs(L, tree, r);
    Buf b = BUF_INIT;
    for (int i = 0; i < tree->nkids; i++) {
        const Selector *kid = tree->kids[i];
        if (i)
            buf_puts(&b, ", ");
        /* a where.file combinator: "file(all-of(...))" */
        bool file_comb = kid->kind <= SEL_NOT && is_file_tree(kid);
        if (file_comb)
            buf_puts(&b, "file(");
        describe(&b, kid, false, file_comb);
        if (file_comb)
            buf_puts(&b, ")");
    }
    r->where_text = arena_strdup(L->rs->arena, buf_str(&b));
    buf_free(&b);
}

/* ---- matching ---- */

static bool recv_matches(const char *want, const GoFunc *fn) {
    if (!fn->has_recv || !fn->recv_base)
        return false;
    bool want_ptr = want[0] == '*';
    if (want_ptr)
        want++;
    return want_ptr == fn->recv_ptr && strcmp(want, fn->recv_base) == 0;
}

static bool type_is(const SelSubject *s, const GoParam *p, const char *want) {
    return strcmp(gosrc_normalize_type(s->a, p->type), want) == 0;
}

static bool list_exact(const SelSubject *s, const GoParam *ps, int n, const char **want,
                       int nwant) {
    if (n != nwant)
        return false;
    for (int i = 0; i < n; i++)
        if (!type_is(s, &ps[i], want[i]))
            return false;
    return true;
}

static bool list_has(const SelSubject *s, const GoParam *ps, int n, const char *want) {
    for (int i = 0; i < n; i++)
        if (type_is(s, &ps[i], want))
            return true;
    return false;
}

/* A line "//name" (after blanks), name followed by a blank or the line's end. */
static bool has_directive(const char *src, size_t len, const char *name) {
    size_t n = strlen(name);
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && (src[j] == ' ' || src[j] == '\t'))
            j++;
        if (j + 2 + n <= len && src[j] == '/' && src[j + 1] == '/' &&
            !memcmp(src + j + 2, name, n)) {
            size_t e = j + 2 + n;
            if (e == len || src[e] == ' ' || src[e] == '\t' || src[e] == '\n' || src[e] == '\r')
                return true;
        }
        const char *nl = memchr(src + i, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - src) + 1;
    }
    return false;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static bool eval(const Selector *sel, const SelSubject *s) {
    const GoFunc *fn = s->fn;
    const GoFile *f = s->file;
    switch (sel->kind) {
    case SEL_ALL_OF:
        for (int i = 0; i < sel->nkids; i++)
            if (!eval(sel->kids[i], s))
                return false;
        return true;
    case SEL_ONE_OF:
        for (int i = 0; i < sel->nkids; i++)
            if (eval(sel->kids[i], s))
                return true;
        return false;
    case SEL_NOT:
        return sel->nkids == 1 && !eval(sel->kids[0], s);
    case SEL_FUNC:
        if (!fn || !sel->name || strcmp(sel->name, fn->name) != 0)
            return false;
        return sel->recv ? recv_matches(sel->recv, fn) : !fn->has_recv;
    case SEL_SIGNATURE:
        return fn && (!sel->has_args || list_exact(s, fn->params, fn->nparams, sel->args, sel->nargs)) &&
               (!sel->has_rets || list_exact(s, fn->results, fn->nresults, sel->rets, sel->nrets));
    case SEL_SIGNATURE_CONTAINS:
        if (!fn)
            return false;
        for (int i = 0; i < sel->nargs; i++)
            if (list_has(s, fn->params, fn->nparams, sel->args[i]))
                return true;
        for (int i = 0; i < sel->nrets; i++)
            if (list_has(s, fn->results, fn->nresults, sel->rets[i]))
                return true;
        return false;
    case SEL_PARAM:
        return fn && sel->name && list_has(s, fn->params, fn->nparams, sel->name);
    case SEL_RESULT:
        return fn && sel->name && list_has(s, fn->results, fn->nresults, sel->name);
    case SEL_LAST_RESULT:
        return fn && sel->name && fn->nresults > 0 &&
               type_is(s, &fn->results[fn->nresults - 1], sel->name);
    case SEL_HAS_FUNC:
        for (int i = 0; f && sel->name && i < f->nfuncs; i++)
            if (!strcmp(f->funcs[i].name, sel->name) &&
                (!sel->recv || recv_matches(sel->recv, &f->funcs[i])))
                return true;
        return false;
    case SEL_HAS_STRUCT:
        for (int i = 0; f && sel->name && i < f->ntypes; i++)
            if (f->types[i].kind == GO_TYPE_STRUCT && !f->types[i].alias &&
                !strcmp(f->types[i].name, sel->name))
                return true;
        return false;
    case SEL_HAS_DIRECTIVE:
        return sel->name && s->src && has_directive(s->src, s->len, sel->name);
    case SEL_HAS_PACKAGE:
        return f && sel->name && f->pkg_name && !strcmp(f->pkg_name, sel->name);
    case SEL_IS_TEST:
        return s->file_name && ends_with(s->file_name, "_test.go") == sel->is_test;
    }
    return false;
}

bool rules_where_matches(const Rule *r, const SelSubject *s) {
    return !r->where || eval(r->where, s);
}

bool rules_file_may_match(const Rule *r, const char *src, size_t len) {
    for (int i = 0; i < r->nfuncs; i++)
        if (memmem(src, len, r->funcs[i], strlen(r->funcs[i])))
            return true;
    return false;
}

/* ---- globs ---- */

/* The end of the class starting at p ('['), or NULL when unclosed. */
static const char *class_end(const char *p) {
    const char *q = p + 1;
    if (*q == '!' || *q == '^')
        q++;
    if (*q == ']')
        q++; /* a leading ] is a member */
    for (; *q && *q != ']'; q++)
        if (*q == '\\' && q[1])
            q++;
    return *q == ']' ? q : NULL;
}

/* The '}' closing the '{' at p, or NULL. */
static const char *brace_end(const char *p) {
    int depth = 0;
    for (const char *q = p; *q; q++) {
        if (*q == '\\' && q[1])
            q++;
        else if (*q == '[') {
            const char *e = class_end(q);
            if (!e)
                return NULL;
            q = e;
        } else if (*q == '{')
            depth++;
        else if (*q == '}' && --depth == 0)
            return q;
    }
    return NULL;
}

int select_check_glob(Loader *L, const yaml_node_t *v, const char *pat) {
    int depth = 0;
    const char *open = NULL, *bad = NULL, *why = NULL;
    for (const char *q = pat; *q && !bad; q++) {
        if (*q == '\\') {
            if (!q[1]) {
                bad = q;
                why = "ends in a lone \\";
            }
            q++;
        } else if (*q == '[') {
            const char *e = class_end(q);
            if (!e) {
                bad = q;
                why = "has an unclosed [";
            } else if (e == q + 1 || (e == q + 2 && (q[1] == '!' || q[1] == '^'))) {
                bad = q;
                why = "has an empty character class";
            } else {
                for (const char *c = q; c < e; c++)
                    if (*c == '/') {
                        bad = c;
                        why = "has / inside a character class";
                    }
                q = e;
            }
        } else if (!((unsigned char)*q >= 0x80 || (*q >= 'a' && *q <= 'z') ||
                     (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
                     strchr("-._~/+*?{},", *q))) {
            bad = q;
            why = "has a character an import path cannot hold";
        } else if (*q == '{') {
            if (!depth)
                open = q;
            depth++;
        } else if (*q == '}') {
            if (!depth) {
                bad = q;
                why = "has a } without {";
            }
            depth--;
        }
    }
    if (!bad && depth > 0) {
        bad = open;
        why = "has an unclosed {";
    }
    if (!bad && (pat[0] == '/' || pat[strlen(pat) - 1] == '/' || strstr(pat, "//"))) {
        bad = pat[0] == '/' ? pat : strstr(pat, "//") ? strstr(pat, "//") : pat + strlen(pat) - 1;
        why = "has an empty segment";
    }
    if (!bad)
        return 0;
    /* Point at the character (on the value's line; a quoted value starts one later). */
    size_t col = v->start_mark.column + 1 + (size_t)(bad - pat) +
                 (v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? 0 : 1);
    if (strchr(pat, '\n') || v->data.scalar.style > YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        col = v->start_mark.column + 1;
    error_at_pos(L, v->start_mark.line + 1, col, "glob target \"%s\" %s", pat, why);
    return -1;
}

static bool glob_at(const char *p, const char *s);

/* Does s start a segment? (p is the pattern start or follows '/'.) */
static bool class_matches(const char *p, const char *e, char c) {
    bool neg = false;
    const char *q = p + 1;
    if (*q == '!' || *q == '^') {
        neg = true;
        q++;
    }
    bool hit = false;
    bool first = true;
    while (q < e) {
        char lo = *q;
        if (lo == ']' && !first)
            break;
        if (lo == '\\' && q + 1 < e)
            lo = *++q;
        char hi = lo;
        if (q + 2 < e && q[1] == '-' && q[2] != ']') {
            hi = q[2];
            if (hi == '\\' && q + 3 < e) {
                hi = q[3];
                q++;
            }
            q += 2;
        }
        if (c >= lo && c <= hi)
            hit = true;
        q++;
        first = false;
    }
    return hit != neg;
}

/* Expand the alternation at p ('{'...'}') into each alternative followed by
 * the rest, and match each. */
static bool glob_brace(const char *p, const char *s) {
    const char *e = brace_end(p);
    if (!e)
        return false;
    const char *rest = e + 1;
    const char *alt = p + 1;
    int depth = 0;
    for (const char *q = alt;; q++) {
        if (*q == '\\' && q + 1 < e) {
            q++;
            continue;
        }
        if (*q == '[') {
            const char *ce = class_end(q);
            if (ce && ce < e) {
                q = ce;
                continue;
            }
        }
        if (*q == '{')
            depth++;
        else if (*q == '}' && depth > 0 && q != e)
            depth--;
        else if ((*q == ',' && depth == 0) || q == e) {
            size_t na = (size_t)(q - alt), nr = strlen(rest);
            char *cat = xmalloc(na + nr + 1);
            memcpy(cat, alt, na);
            memcpy(cat + na, rest, nr + 1);
            bool ok = glob_at(cat, s);
            free(cat);
            if (ok)
                return true;
            if (q == e)
                return false;
            alt = q + 1;
        }
    }
}

/* Match from a segment start: a whole-segment ** spans segments. */
static bool glob_seg(const char *p, const char *s) {
    if (p[0] == '*' && p[1] == '*' && (p[2] == '/' || p[2] == '\0')) {
        if (p[2] == '\0')
            return true;
        /* zero or more whole segments, then the rest */
        for (const char *t = s;; t++) {
            if (t == s || t[-1] == '/') {
                if (glob_seg(p + 3, t))
                    return true;
            }
            if (!*t)
                return false;
        }
    }
    return glob_at(p, s);
}

static bool glob_at(const char *p, const char *s) {
    for (;;) {
        switch (*p) {
        case '\0':
            return *s == '\0';
        case '/':
            /* a trailing slash-** also matches nothing at all: it matches a */
            if (p[1] == '*' && p[2] == '*' && p[3] == '\0' && *s == '\0')
                return true;
            if (*s != '/')
                return false;
            return glob_seg(p + 1, s + 1);
        case '*':
            while (*p == '*')
                p++; /* a ** inside a segment is a * */
            for (const char *t = s;; t++) {
                if (glob_at(p, t))
                    return true;
                if (!*t || *t == '/')
                    return false;
            }
        case '?':
            if (!*s || *s == '/')
                return false;
            p++;
            s++;
            break;
        case '[': {
            const char *e = class_end(p);
            if (!e || !*s || *s == '/' || !class_matches(p, e, *s))
                return false;
            p = e + 1;
            s++;
            break;
        }
        case '{':
            return glob_brace(p, s);
        case '\\':
            if (p[1])
                p++;
            /* fall through */
        default:
            if (*p != *s)
                return false;
            p++;
            s++;
        }
    }
}

bool select_glob_match(const char *pattern, const char *path) { return glob_seg(pattern, path); }
