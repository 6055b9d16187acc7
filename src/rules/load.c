/* load: one rule file's YAML -> validated Rule records.
 *
 * libyaml's document API composes the file into a node graph in which every
 * node keeps its start mark, so each check below can point at the exact
 * key or value it is about. The walk never stops at the first problem: it
 * reports every error it can find in the file and keeps going, which is
 * what a user fixing a file wants. Only a YAML syntax error ends the file
 * early, because libyaml stops composing there.
 *
 * Each context (a rule, `where`, a modifier, `inject_hooks`) has a table of
 * the keys it knows. Keys from RULES.md that this version does not
 * implement are known too, so that they fail with "<key> is not supported
 * yet" rather than "unknown key": a rule must never be half-applied. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <regex.h>

#include <yaml.h>

#include "inject/inject.h"
#include "rules/internal.h"

/* Record an error at line:col (1-based). */
void error_at_pos(Loader *L, size_t line, size_t col, const char *fmt, ...) {
    if (L->nerrors == L->caperrs) {
        L->caperrs = L->caperrs ? L->caperrs * 2 : 8;
        L->errs = xrealloc(L->errs, (size_t)L->caperrs * sizeof *L->errs);
    }
    Buf msg = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    /* One error, one line: a message quoting a multi-line value (a template
     * action spanning lines) shows its line breaks as \n. */
    Buf one = BUF_INIT;
    for (size_t i = 0; i < msg.len; i++) {
        if (msg.data[i] == '\n')
            buf_puts(&one, "\\n");
        else if (msg.data[i] == '\r')
            buf_puts(&one, "\\r");
        else
            buf_putc(&one, msg.data[i]);
    }
    buf_free(&msg);
    if (!one.data)
        buf_puts(&one, "");
    L->errs[L->nerrors] = (LoadError){line, col, L->nerrors, one.data};
    L->nerrors++;
}

static int compare_errors(const void *pa, const void *pb) {
    const LoadError *a = pa, *b = pb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq - b->seq;
}

/* Append the file's errors as "file:line:col: message" lines, in order. */
static void flush_errors(Loader *L, Buf *out) {
    if (L->nerrors > 1)
        qsort(L->errs, (size_t)L->nerrors, sizeof *L->errs, compare_errors);
    for (int i = 0; i < L->nerrors; i++) {
        buf_printf(out, "%s:%zu:%zu: %s\n", L->file, L->errs[i].line, L->errs[i].col,
                   L->errs[i].msg);
        free(L->errs[i].msg);
    }
    free(L->errs);
}

/* ---- node helpers ---- */

yaml_node_t *node_at(Loader *L, int index) { return yaml_document_get_node(L->doc, index); }

const char *scalar(const yaml_node_t *n) { return (const char *)n->data.scalar.value; }

/* A plain scalar that YAML reads as null: `key:` with nothing after it, ~, null. */
bool is_null(const yaml_node_t *n) {
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = scalar(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

/* "a map", "a list", "a string" or "empty", for messages. */
const char *kind_name(const yaml_node_t *n) {
    if (n->type == YAML_MAPPING_NODE)
        return "a map";
    if (n->type == YAML_SEQUENCE_NODE)
        return "a list";
    return is_null(n) ? "empty" : "a string";
}

/* Where to point at a value's problem: the value itself, unless it is
 * empty (`key:` and nothing), in which case its key says more. */
const yaml_node_t *value_pos(const yaml_node_t *key, const yaml_node_t *val) {
    return is_null(val) && key ? key : val;
}

/* The value as a string copied into the rule set's arena, or NULL after
 * reporting why it is not one. what names the key in messages. */
const char *expect_string(Loader *L, const yaml_node_t *key, const yaml_node_t *val,
                                 const char *what) {
    if (val->type != YAML_SCALAR_NODE) {
        error_at(L, val, "%s must be a string, not %s", what, kind_name(val));
        return NULL;
    }
    if (is_null(val) || !*scalar(val)) {
        error_at(L, value_pos(key, val), "%s must not be empty", what);
        return NULL;
    }
    if (strlen(scalar(val)) != val->data.scalar.length) {
        error_at(L, val, "%s must not contain a NUL character", what);
        return NULL;
    }
    return arena_strdup(L->rs->arena, scalar(val));
}

/* true when val is a map; otherwise reports it. */
bool expect_map(Loader *L, const yaml_node_t *key, const yaml_node_t *val,
                       const char *what) {
    if (val->type == YAML_MAPPING_NODE)
        return true;
    error_at(L, value_pos(key, val), "%s must be a map, not %s", what, kind_name(val));
    return false;
}

/* "<<", the YAML 1.1 merge key. */
static bool is_merge_key(const yaml_node_t *k) {
    return k->type == YAML_SCALAR_NODE && k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           !strcmp(scalar(k), "<<");
}

/* The key of pair p of map as a string, or NULL after reporting that it is
 * not a usable key (not a string, or a repeat of an earlier key). */
const char *pair_key(Loader *L, const yaml_node_t *map, const yaml_node_pair_t *p,
                            bool check_repeats) {
    const yaml_node_t *k = node_at(L, p->key);
    if (k->type != YAML_SCALAR_NODE || is_null(k)) {
        error_at(L, k, "a key must be a string, not %s", kind_name(k));
        return NULL;
    }
    if (is_merge_key(k)) {
        /* libyaml composes "<<" as an ordinary key; refuse rather than
         * silently drop what the merge would have brought in. */
        error_at(L, k, "YAML merge keys (<<) are not supported; repeat the keys or use an "
                       "alias (*name) for a whole value");
        return NULL;
    }
    if (!check_repeats)
        return scalar(k);
    for (const yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
        const yaml_node_t *prev = node_at(L, q->key);
        if (prev->type == YAML_SCALAR_NODE && !strcmp(scalar(prev), scalar(k))) {
            error_at(L, k, "duplicate key \"%s\" (first at %zu:%zu)", scalar(k),
                     prev->start_mark.line + 1, prev->start_mark.column + 1);
            return NULL;
        }
    }
    return scalar(k);
}

/* ---- key tables ---- */

static const char *const RULE_KEYS[] = {"target", "version", "where", "do", "name", "imports", NULL};
static const char *const RULE_LATER[] = {NULL};
static const char *const MOD_KEYS[] = {"inject_hooks", "add_file", "inject_code", "add_struct_fields",
                                       "assign_value", "expand_directive", "wrap_call", "set_fields", NULL};
static const char *const MOD_LATER[] = {NULL};
static const char *const WRAP_KEYS[] = {"replace", "append_args", "variadic_type", NULL};
static const char *const SET_KEYS[] = {"field", NULL};
static const char *const SET_FIELD_KEYS[] = {"name", "value", "wrap", NULL};
static const char *const HOOK_KEYS[] = {"before", "after", "path", NULL};
static const char *const ADD_FILE_KEYS[] = {"file", "path", NULL};
static const char *const CODE_KEYS[] = {"raw", NULL};
static const char *const FIELDS_KEYS[] = {"new_field", NULL};
static const char *const FIELD_KEYS[] = {"name", "type", NULL};
static const char *const ASSIGN_KEYS[] = {"replace", "wrap", NULL};
static const char *const DIRECTIVE_KEYS[] = {"template", NULL};

bool in_list(const char *const *list, const char *s) {
    for (; *list; list++)
        if (!strcmp(*list, s))
            return true;
    return false;
}

/* Levenshtein distance, capped: enough to suggest a fix for a typo. */
static size_t edit_distance(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    if (na > 32 || nb > 32)
        return 99;
    size_t row[33];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* Report an unknown key of a context whose implemented keys are known[],
 * suggesting the closest one for a likely typo. where names the context in
 * the message ("" for a rule). Returns the suggestion or NULL: the caller
 * takes the suggested key as present, so that a typo gives one error, not
 * also "missing". */
const char *unknown_key(Loader *L, const yaml_node_t *k, const char *what,
                               const char *where, const char *const *known) {
    const char *s = scalar(k);
    const char *best = NULL;
    size_t best_d = 3;
    for (; *known; known++) {
        size_t d = edit_distance(s, *known);
        if (d < best_d && d < strlen(*known)) {
            best = *known;
            best_d = d;
        }
    }
    if (best)
        error_at(L, k, "unknown %s \"%s\"%s (did you mean \"%s\"?)", what, s, where, best);
    else
        error_at(L, k, "unknown %s \"%s\"%s", what, s, where);
    return best;
}

/* ---- value checks ---- */

static bool is_ident_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* A Go identifier (non-ASCII bytes are taken as letters; Go will judge). */
bool is_go_ident(const char *s) {
    if (!is_ident_start((unsigned char)*s))
        return false;
    for (s++; *s; s++)
        if (!is_ident_start((unsigned char)*s) && !(*s >= '0' && *s <= '9'))
            return false;
    return true;
}

/* Characters Go allows in an import path (module.CheckImportPath), plus any
 * non-ASCII byte; no empty element, no leading or trailing slash. */
static bool is_import_path(const char *s) {
    if (*s == '/' || !*s || s[strlen(s) - 1] == '/' || strstr(s, "//"))
        return false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || strchr("-._~/+", c)))
            return false;
    }
    return true;
}

/* An identifier-valued key such as where.func or inject_hooks.before. */
const char *ident_field(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                               const char *what) {
    const char *s = expect_string(L, k, v, what);
    if (s && !is_go_ident(s)) {
        error_at(L, v, "%s must be a Go identifier, not \"%s\"", what, s);
        return NULL;
    }
    return s;
}

static void check_target(Loader *L, const yaml_node_t *v, Rule *r) {
    const char *t = r->target;
    if (!strcmp(t, "main")) {
        r->target_main = true;
    } else if (!strcmp(t, "$root")) {
        r->target_root = true;
    } else if (strpbrk(t, "*?[{")) {
        r->target_glob = true;
        if (select_check_glob(L, v, t) != 0)
            r->target = NULL;
    } else if (!is_import_path(t)) {
        error_at(L, v, "target \"%s\" is not an import path", t);
        r->target = NULL;
    }
}

/* Explain why one bound of a version range is not a version. */
static void bad_version(Loader *L, const yaml_node_t *v, const char *b, size_t n) {
    char *s = arena_strndup(L->rs->arena, b, n);
    char *with_v = arena_printf(L->rs->arena, "v%s", s);
    if (!*s)
        error_at(L, v, "version range \"%s\" has an empty bound", scalar(v));
    else if (semver_is_shorthand(s))
        error_at(L, v, "version \"%s\" must have three numbers (v%s%s)", s, s + 1,
                 strchr(s, '.') ? ".0" : ".0.0");
    else if (s[0] != 'v' && semver_valid(with_v))
        error_at(L, v, "version \"%s\" needs a leading v (%s)", s, with_v);
    else
        error_at(L, v, "invalid version \"%s\": want vMAJOR.MINOR.PATCH[-PRERELEASE]", s);
}

static void check_version(Loader *L, const yaml_node_t *v, Rule *r) {
    VersionRange vr;
    switch (version_range_parse(r->version, &vr)) {
    case RANGE_OK:
        return;
    case RANGE_BAD_LOW:
        bad_version(L, v, vr.low, vr.nlow);
        break;
    case RANGE_BAD_HIGH:
        bad_version(L, v, vr.high, vr.nhigh);
        break;
    case RANGE_TOO_MANY:
        error_at(L, v, "version must be \"vA\" or \"vA,vB\", not \"%s\"", r->version);
        break;
    case RANGE_EMPTY:
        error_at(L, v, "version range \"%s\" is empty: its start must be below its end",
                 r->version);
        break;
    }
    r->version = NULL;
}

/* ---- contexts ---- */

static void load_inject_hooks(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v,
                              Modifier *m) {
    if (!expect_map(L, mkey, v, "inject_hooks"))
        return;
    bool has_path = false, has_hook = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "before")) {
            has_hook = true;
            m->before = ident_field(L, k, val, "inject_hooks.before");
        } else if (!strcmp(key, "after")) {
            has_hook = true;
            m->after = ident_field(L, k, val, "inject_hooks.after");
        } else if (!strcmp(key, "path")) {
            has_path = true;
            m->path = expect_string(L, k, val, "inject_hooks.path");
            if (m->path && !is_import_path(m->path)) {
                error_at(L, val, "inject_hooks.path \"%s\" is not an import path", m->path);
                m->path = NULL;
            }
        } else {
            unknown_key(L, k, "key", " in inject_hooks", HOOK_KEYS);
        }
    }
    if (!has_path)
        error_at(L, mkey, "inject_hooks needs path (the hook package's import path)");
    if (!has_hook)
        error_at(L, mkey, "inject_hooks needs before or after (or both)");
}

/* A Go file's base name: no directory, not hidden, ends in .go, not a test file. */
static bool is_go_file_name(const char *s) {
    size_t n = strlen(s);
    return n > 3 && !strcmp(s + n - 3, ".go") && !strchr(s, '/') && !strchr(s, '\\') &&
           s[0] != '.' && s[0] != '_' && !(n > 8 && !strcmp(s + n - 8, "_test.go"));
}

static void load_add_file(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v,
                          Modifier *m) {
    if (!expect_map(L, mkey, v, "add_file"))
        return;
    bool has_path = false, has_file = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "file")) {
            has_file = true;
            m->file = expect_string(L, k, val, "add_file.file");
            if (m->file && !is_go_file_name(m->file)) {
                error_at(L, val,
                         "add_file.file must be a Go file's name (x.go, no directory, not "
                         "_test.go), not \"%s\"",
                         m->file);
                m->file = NULL;
            }
        } else if (!strcmp(key, "path")) {
            has_path = true;
            m->path = expect_string(L, k, val, "add_file.path");
            if (m->path && !is_import_path(m->path)) {
                error_at(L, val, "add_file.path \"%s\" is not an import path", m->path);
                m->path = NULL;
            }
        } else {
            unknown_key(L, k, "key", " in add_file", ADD_FILE_KEYS);
        }
    }
    if (!has_file)
        error_at(L, mkey, "add_file needs file (the name of the Go file to add)");
    if (!has_path)
        error_at(L, mkey, "add_file needs path (the import path of the package holding the file)");
}

/* Where a template error at byte off of val's text is: on a one-line plain
 * or quoted scalar the column moves along (escapes aside); otherwise the
 * value's start. */
static void template_error_in(Loader *L, const yaml_node_t *val, size_t off, const char *what, const char *msg) {
    size_t line = val->start_mark.line + 1, col = val->start_mark.column + 1;
    yaml_scalar_style_t st = val->data.scalar.style;
    if (!strchr(scalar(val), '\n') && (st == YAML_PLAIN_SCALAR_STYLE || st == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                                       st == YAML_DOUBLE_QUOTED_SCALAR_STYLE))
        col += off + (st == YAML_PLAIN_SCALAR_STYLE ? 0 : 1);
    error_at_pos(L, line, col, "%s: %s", what, msg);
}

static void template_error(Loader *L, const yaml_node_t *val, size_t off, const char *msg) {
    template_error_in(L, val, off, "inject_code.raw", msg);
}

/* A template-valued key of kind k: parsed now, so that a rule is never half-applied. */
static const char *load_template(Loader *L, const yaml_node_t *k, const yaml_node_t *val, TemplateKind kind,
                                 const char *what) {
    const char *t = expect_string(L, k, val, what);
    if (!t)
        return NULL;
    size_t off;
    const char *err;
    if (!inject_template_parse_kind(L->rs->arena, t, kind, &off, &err)) {
        template_error_in(L, val, off, what, err);
        return NULL;
    }
    return t;
}

/* assign_value: {replace: EXPR} or {wrap: TEMPLATE with {{ . }}}. */
static void load_assign_value(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v, Modifier *m) {
    if (!expect_map(L, mkey, v, "assign_value"))
        return;
    const yaml_node_t *rk = NULL, *wk = NULL;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "replace")) {
            rk = k;
            m->replace = expect_string(L, k, val, "assign_value.replace");
            if (m->replace && !m->replace[strspn(m->replace, " \t\r\n")]) {
                error_at(L, val, "assign_value.replace must not be empty (it is the new initializer)");
                m->replace = NULL;
            } else if (m->replace && strstr(m->replace, "{{")) {
                error_at(L, val, "assign_value.replace is an expression, not a template (use wrap for {{ . }})");
                m->replace = NULL;
            }
        } else if (!strcmp(key, "wrap")) {
            wk = k;
            m->wrap = load_template(L, k, val, TPL_ASSIGN_VALUE, "assign_value.wrap");
            if (m->wrap && !strstr(m->wrap, "{{")) {
                error_at(L, val, "assign_value.wrap must use {{ . }} (the old initializer); use replace otherwise");
                m->wrap = NULL;
            }
        } else {
            unknown_key(L, k, "key", " in assign_value", ASSIGN_KEYS);
        }
    }
    if (rk && wk)
        error_at(L, wk, "assign_value takes one of replace and wrap, not both");
    else if (!rk && !wk)
        error_at(L, mkey, "assign_value needs replace (a new initializer) or wrap (a template around the old one)");
}

/* A one-expression string: not empty, not a template. */
static const char *expr_field(Loader *L, const yaml_node_t *k, const yaml_node_t *val, const char *what) {
    const char *s = expect_string(L, k, val, what);
    if (s && !s[strspn(s, " \t\r\n")]) {
        error_at(L, val, "%s must not be empty", what);
        return NULL;
    }
    if (s && strstr(s, "{{")) {
        error_at(L, val, "%s is an expression, not a template", what);
        return NULL;
    }
    return s;
}

/* The shape add_struct_fields and set_fields share: a map whose one key
 * holds a non-empty list of field maps, each read into a record by
 * load_item, no name twice. */
typedef struct {
    const char *mod;          /* the modifier: "add_struct_fields" */
    const char *key;          /* its one key: "new_field" */
    const char *const *keys;  /* the modifier map's known keys (for typo hints) */
    const char *item;         /* what an item is called in messages: "new_field" */
    const char *shape;        /* "{name, type}" */
    const char *dup_fmt;      /* the error for a name given twice (%s: the name) */
    size_t size;              /* of one record */
    bool (*load_item)(Loader *L, const yaml_node_t *item, void *rec); /* item is a map; rec zeroed */
    const char *(*name_of)(const void *rec);
} FieldList;

/* The records of the items that loaded (in the arena; *n of them), or NULL. */
static void *load_field_list(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v, const FieldList *fl, int *n) {
    *n = 0;
    if (!expect_map(L, mkey, v, fl->mod))
        return NULL;
    char *recs = NULL;
    bool has = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (strcmp(key, fl->key) != 0) {
            unknown_key(L, k, "key", arena_printf(L->rs->arena, " in %s", fl->mod), fl->keys);
            continue;
        }
        has = true;
        if (val->type != YAML_SEQUENCE_NODE) {
            error_at(L, value_pos(k, val), "%s.%s must be a list of %s, not %s", fl->mod, fl->key, fl->shape,
                     kind_name(val));
            continue;
        }
        int ni = (int)(val->data.sequence.items.top - val->data.sequence.items.start);
        if (ni == 0) {
            error_at(L, val, "%s.%s must not be empty", fl->mod, fl->key);
            continue;
        }
        recs = arena_alloc(L->rs->arena, fl->size * (size_t)ni);
        *n = 0;
        for (int i = 0; i < ni; i++) {
            const yaml_node_t *item = node_at(L, val->data.sequence.items.start[i]);
            if (item->type != YAML_MAPPING_NODE) {
                error_at(L, item, "a %s item must be a map %s, not %s", fl->item, fl->shape, kind_name(item));
                continue;
            }
            void *rec = recs + fl->size * (size_t)*n;
            memset(rec, 0, fl->size);
            if (!fl->load_item(L, item, rec))
                continue;
            bool dup = false;
            for (int j = 0; j < *n && !dup; j++)
                dup = !strcmp(fl->name_of(recs + fl->size * (size_t)j), fl->name_of(rec));
            if (dup)
                error_at(L, item, fl->dup_fmt, fl->name_of(rec));
            else
                (*n)++;
        }
    }
    if (!has)
        error_at(L, mkey, "%s needs %s (a list of %s)", fl->mod, fl->key, fl->shape);
    return *n ? recs : NULL;
}

/* wrap_call: {replace: TEMPLATE, append_args: [EXPR...], variadic_type: T}. */
static void load_wrap_call(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v, Modifier *m) {
    if (!expect_map(L, mkey, v, "wrap_call"))
        return;
    bool has = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "replace")) {
            has = true;
            m->replace = load_template(L, k, val, TPL_WRAP_CALL, "wrap_call.replace");
        } else if (!strcmp(key, "append_args")) {
            has = true;
            if (val->type != YAML_SEQUENCE_NODE) {
                error_at(L, value_pos(k, val), "wrap_call.append_args must be a list of Go expressions, not %s",
                         kind_name(val));
                continue;
            }
            int n = (int)(val->data.sequence.items.top - val->data.sequence.items.start);
            if (n == 0)
                error_at(L, val, "wrap_call.append_args must not be empty");
            m->append_args = arena_alloc(L->rs->arena, sizeof(char *) * (size_t)(n + 1));
            for (int i = 0; i < n; i++) {
                const char *e = expr_field(L, NULL, node_at(L, val->data.sequence.items.start[i]), "a wrap_call.append_args item");
                if (e)
                    m->append_args[m->nappend++] = e;
            }
        } else if (!strcmp(key, "variadic_type")) {
            m->variadic_type = expr_field(L, k, val, "wrap_call.variadic_type");
            if (m->variadic_type && strpbrk(m->variadic_type, "\n\r")) {
                error_at(L, val, "wrap_call.variadic_type must be on one line");
                m->variadic_type = NULL;
            }
        } else {
            unknown_key(L, k, "key", " in wrap_call", WRAP_KEYS);
        }
    }
    if (!has)
        error_at(L, mkey, "wrap_call needs replace (a template around the call) or append_args (or both)");
}

/* One set_fields.field item (a map): {name, value, wrap}. */
static bool load_set_field(Loader *L, const yaml_node_t *item, void *rec) {
    RuleSetField *f = rec;
    bool ok = true, has_name = false, has_val = false;
    FOR_PAIRS(p, item) {
        const char *key = pair_key(L, item, p, true);
        if (!key) {
            ok = false;
            continue;
        }
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "name")) {
            has_name = true;
            ok &= (f->name = ident_field(L, k, val, "set_fields.field.name")) != NULL;
        } else if (!strcmp(key, "value")) {
            has_val = true;
            ok &= (f->value = expr_field(L, k, val, "set_fields.field.value")) != NULL;
        } else if (!strcmp(key, "wrap")) {
            has_val = true;
            f->wrap = load_template(L, k, val, TPL_SET_FIELDS, "set_fields.field.wrap");
            if (f->wrap && !inject_template_uses_dot(L->rs->arena, f->wrap)) {
                error_at(L, val, "set_fields.field.wrap must use {{ . }} (the field's present value); use value otherwise");
                f->wrap = NULL;
            }
            ok &= f->wrap != NULL;
        } else {
            unknown_key(L, k, "key", " in a set_fields.field item", SET_FIELD_KEYS);
            ok = false;
        }
    }
    if (!has_name)
        error_at(L, item, "a set_fields.field item needs name");
    if (!has_val)
        error_at(L, item, "a set_fields.field item needs value or wrap");
    return ok && has_name && has_val;
}

static const char *set_field_name(const void *rec) { return ((const RuleSetField *)rec)->name; }

static const FieldList SET_FIELDS_LIST = {"set_fields", "field", SET_KEYS, "set_fields.field", "{name, value, wrap}",
                                          "set_fields.field: field %s is set twice in this rule",
                                          sizeof(RuleSetField), load_set_field, set_field_name};

/* set_fields: {field: [{name, value, wrap}...]}. */
static void load_set_fields(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v, Modifier *m) {
    m->set = load_field_list(L, mkey, v, &SET_FIELDS_LIST, &m->nset);
}

/* expand_directive: {template: TEMPLATE}. */
static void load_expand_directive(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v, Modifier *m) {
    if (!expect_map(L, mkey, v, "expand_directive"))
        return;
    bool has = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "template")) {
            has = true;
            m->tmpl = load_template(L, k, val, TPL_EXPAND_DIRECTIVE, "expand_directive.template");
        } else {
            unknown_key(L, k, "key", " in expand_directive", DIRECTIVE_KEYS);
        }
    }
    if (!has)
        error_at(L, mkey, "expand_directive needs template (the code to put at the start of each marked function)");
}

static void load_inject_code(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v, Modifier *m) {
    if (!expect_map(L, mkey, v, "inject_code"))
        return;
    bool has_raw = false;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "raw")) {
            has_raw = true;
            m->raw = expect_string(L, k, val, "inject_code.raw");
            if (m->raw && strstr(m->raw, "{{")) {
                size_t off;
                const char *err;
                if (!inject_template_parse(L->rs->arena, m->raw, &off, &err)) {
                    template_error(L, val, off, err);
                    m->raw = NULL;
                }
            }
        } else {
            unknown_key(L, k, "key", " in inject_code", CODE_KEYS);
        }
    }
    if (!has_raw)
        error_at(L, mkey, "inject_code needs raw (the Go statements to insert)");
}

/* One new_field item (a map): {name, type}. */
static bool load_field(Loader *L, const yaml_node_t *item, void *rec) {
    RuleField *f = rec;
    bool ok = true, has_name = false, has_type = false;
    FOR_PAIRS(p, item) {
        const char *key = pair_key(L, item, p, true);
        if (!key) {
            ok = false;
            continue;
        }
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (!strcmp(key, "name")) {
            has_name = true;
            ok &= (f->name = ident_field(L, k, val, "new_field.name")) != NULL;
        } else if (!strcmp(key, "type")) {
            has_type = true;
            f->type = expect_string(L, k, val, "new_field.type");
            if (f->type && strpbrk(f->type, "\n\r")) {
                error_at(L, val, "new_field.type must be on one line (the field goes on the struct's closing line)");
                f->type = NULL;
            }
            ok &= f->type != NULL;
        } else {
            unknown_key(L, k, "key", " in a new_field item", FIELD_KEYS);
            ok = false;
        }
    }
    if (!has_name)
        error_at(L, item, "a new_field item needs name");
    if (!has_type)
        error_at(L, item, "a new_field item needs type");
    return ok && has_name && has_type;
}

static const char *field_name(const void *rec) { return ((const RuleField *)rec)->name; }

static const FieldList NEW_FIELD_LIST = {"add_struct_fields", "new_field", FIELDS_KEYS, "new_field", "{name, type}",
                                         "field %s is added twice by this add_struct_fields", sizeof(RuleField),
                                         load_field, field_name};

/* add_struct_fields: {new_field: [{name, type}...]}. */
static void load_add_struct_fields(Loader *L, const yaml_node_t *mkey, const yaml_node_t *v, Modifier *m) {
    m->fields = load_field_list(L, mkey, v, &NEW_FIELD_LIST, &m->nfields);
}

/* Is an import path in the standard library's space (no dot in its first
 * element, as cmd/go decides)? */
static bool std_path(const char *p) {
    const char *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    return !memchr(p, '.', n);
}

/* Top-level imports: alias -> path. */
static void load_imports(Loader *L, const yaml_node_t *ikey, const yaml_node_t *v, Rule *r) {
    if (!expect_map(L, ikey, v, "imports"))
        return;
    int n = (int)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
    RuleImport *im = arena_alloc(L->rs->arena, (size_t)(n + 1) * sizeof *im);
    int ni = 0;
    FOR_PAIRS(p, v) {
        const char *key = pair_key(L, v, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
        if (strcmp(key, "_") != 0 && strcmp(key, ".") != 0 && !is_go_ident(key)) {
            error_at(L, k, "imports: alias \"%s\" must be a Go identifier, _ or .", key);
            continue;
        }
        const char *path = expect_string(L, k, val, "an import path");
        if (!path)
            continue;
        if (!is_import_path(path)) {
            error_at(L, val, "imports: \"%s\" is not an import path", path);
            continue;
        }
        im[ni++] = (RuleImport){arena_strdup(L->rs->arena, key), path, (int)k->start_mark.line + 1,
                                (int)k->start_mark.column + 1};
    }
    r->imports = im;
    r->nimports = ni;
}

/* One `do` item: a map with exactly one key naming the modifier. Returns
 * true when it filled *m. */
static bool load_modifier(Loader *L, const yaml_node_t *item, Modifier *m) {
    if (item->type != YAML_MAPPING_NODE) {
        error_at(L, item, "a do item must be a map with one key (the modifier), not %s",
                 kind_name(item));
        return false;
    }
    ptrdiff_t npairs = item->data.mapping.pairs.top - item->data.mapping.pairs.start;
    if (npairs != 1) {
        error_at(L, item, "a do item must have exactly one key (the modifier), not %td",
                 npairs);
        return false;
    }
    const yaml_node_pair_t *p = item->data.mapping.pairs.start;
    const char *key = pair_key(L, item, p, false);
    if (!key)
        return false;
    const yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
    if (in_list(MOD_LATER, key)) {
        error_at(L, k, "%s is not supported yet", key);
        return false;
    }
    if (!in_list(MOD_KEYS, key)) {
        unknown_key(L, k, "modifier", "", MOD_KEYS);
        return false;
    }
    memset(m, 0, sizeof *m);
    m->line = (int)k->start_mark.line + 1;
    m->col = (int)k->start_mark.column + 1;
    if (!strcmp(key, "add_file")) {
        m->kind = MOD_ADD_FILE;
        load_add_file(L, k, v, m);
    } else if (!strcmp(key, "inject_code")) {
        m->kind = MOD_INJECT_CODE;
        load_inject_code(L, k, v, m);
    } else if (!strcmp(key, "add_struct_fields")) {
        m->kind = MOD_ADD_STRUCT_FIELDS;
        load_add_struct_fields(L, k, v, m);
    } else if (!strcmp(key, "assign_value")) {
        m->kind = MOD_ASSIGN_VALUE;
        load_assign_value(L, k, v, m);
    } else if (!strcmp(key, "expand_directive")) {
        m->kind = MOD_EXPAND_DIRECTIVE;
        load_expand_directive(L, k, v, m);
    } else if (!strcmp(key, "wrap_call")) {
        m->kind = MOD_WRAP_CALL;
        load_wrap_call(L, k, v, m);
    } else if (!strcmp(key, "set_fields")) {
        m->kind = MOD_SET_FIELDS;
        load_set_fields(L, k, v, m);
    } else {
        m->kind = MOD_INJECT_HOOKS;
        load_inject_hooks(L, k, v, m);
    }
    return true;
}

/* `do`: a list of modifiers, or one modifier's map as sugar for a list of one. */
static void load_do(Loader *L, const yaml_node_t *dkey, const yaml_node_t *d, Rule *r) {
    bool is_list = d->type == YAML_SEQUENCE_NODE;
    int n;
    if (is_list) {
        n = (int)(d->data.sequence.items.top - d->data.sequence.items.start);
    } else if (d->type == YAML_MAPPING_NODE) {
        n = d->data.mapping.pairs.top > d->data.mapping.pairs.start; /* {} is empty */
    } else {
        if (is_null(d))
            error_at(L, dkey, "do must not be empty");
        else
            error_at(L, d, "do must be a list of modifiers, not %s", kind_name(d));
        return;
    }
    if (n == 0) {
        error_at(L, d, "do must not be empty");
        return;
    }
    r->mods = arena_alloc(L->rs->arena, (size_t)n * sizeof *r->mods);
    for (int i = 0; i < n; i++) {
        const yaml_node_t *item = is_list ? node_at(L, d->data.sequence.items.start[i]) : d;
        if (load_modifier(L, item, &r->mods[r->nmods]))
            r->nmods++;
    }
}

/* A field that an earlier set_fields of rule r sets too (within one
 * set_fields, load_field_list finds it). */
static void check_set_fields_once(Loader *L, const Rule *r, int mi) {
    const Modifier *m = &r->mods[mi];
    for (int k = 0; k < m->nset; k++)
        for (int j = 0; j < mi; j++) {
            const Modifier *o = &r->mods[j];
            bool dup = false;
            for (int q = 0; q < o->nset && o->kind == MOD_SET_FIELDS && !dup; q++)
                dup = !strcmp(o->set[q].name, m->set[k].name);
            if (dup) {
                error_at_pos(L, (size_t)m->line, (size_t)m->col,
                             "set_fields.field: field %s is set twice in this rule (also by the set_fields at line %d)",
                             m->set[k].name, o->line);
                break;
            }
        }
}

/* Checks that need the whole rule: required keys and cross-key needs. */
static void check_rule_complete(Loader *L, const yaml_node_t *rkey, const Rule *r,
                                const RuleSeen *seen) {
    if (!seen->has_target)
        error_at(L, rkey, "rule \"%s\" has no target", r->name);
    if (!seen->has_do)
        error_at(L, rkey, "rule \"%s\" has no do (what to do at the target)", r->name);
    bool uses_func = false, uses_struct = false, uses_code = false, uses_ident = false, uses_dir = false;
    bool uses_call = false, uses_lit = false;
    for (int i = 0; i < r->nmods; i++) {
        const Modifier *m = &r->mods[i];
        size_t ml = (size_t)m->line, mc = (size_t)m->col;
        if (m->kind == MOD_INJECT_HOOKS || m->kind == MOD_INJECT_CODE) {
            uses_func = true;
            uses_code |= m->kind == MOD_INJECT_CODE;
            if (!seen->has_func)
                error_at_pos(L, ml, mc, m->kind == MOD_INJECT_HOOKS
                                            ? "inject_hooks needs where.func (the function to hook)"
                                            : "inject_code needs where.func (the function to inject into)");
        } else if (m->kind == MOD_ADD_STRUCT_FIELDS) {
            uses_struct = true;
            if (!seen->has_struct)
                error_at_pos(L, ml, mc, "add_struct_fields needs where.struct (the struct type to extend)");
        } else if (m->kind == MOD_ASSIGN_VALUE) {
            uses_ident = true;
            if (!seen->identifier_key)
                error_at_pos(L, ml, mc, "assign_value needs where.identifier (the package-level var or const)");
        } else if (m->kind == MOD_WRAP_CALL) {
            uses_call = true;
            if (!seen->call_key)
                error_at_pos(L, ml, mc, "wrap_call needs where.function_call (import/path.Name of the called function)");
        } else if (m->kind == MOD_SET_FIELDS) {
            uses_lit = true;
            if (!seen->lit_key)
                error_at_pos(L, ml, mc, "set_fields needs where.struct_literal (import/path.Type of the literals)");
            check_set_fields_once(L, r, i);
        } else if (m->kind == MOD_EXPAND_DIRECTIVE) {
            uses_dir = uses_func = true; /* func/signature/file selectors filter the marked functions */
            if (!seen->directive_key)
                error_at_pos(L, ml, mc, "expand_directive needs where.directive (the //name that marks functions)");
        }
    }
    if (r->nmods > 0 && !uses_func && seen->func_key)
        error_at(L, seen->func_key,
                 "where.%s is used by no modifier of rule \"%s\" (only inject_hooks, inject_code and "
                 "expand_directive take it)",
                 seen->func_key_name, r->name);
    if (r->nmods > 0 && !uses_struct && seen->struct_key)
        error_at(L, seen->struct_key,
                 "where.struct is used by no modifier of rule \"%s\" (only add_struct_fields takes it)", r->name);
    if (r->nmods > 0 && !uses_code && seen->pattern_key)
        error_at(L, seen->pattern_key,
                 "where.pattern is used by no modifier of rule \"%s\" (only inject_code takes it)", r->name);
    if (r->nmods > 0 && !uses_ident && seen->identifier_key)
        error_at(L, seen->identifier_key,
                 "where.identifier is used by no modifier of rule \"%s\" (only assign_value takes it)", r->name);
    if (r->nmods > 0 && !uses_dir && seen->directive_key)
        error_at(L, seen->directive_key,
                 "where.directive is used by no modifier of rule \"%s\" (only expand_directive takes it)", r->name);
    if (r->nmods > 0 && !uses_call && seen->call_key)
        error_at(L, seen->call_key,
                 "where.function_call is used by no modifier of rule \"%s\" (only wrap_call takes it)", r->name);
    if (r->nmods > 0 && !uses_lit && seen->lit_key)
        error_at(L, seen->lit_key,
                 "where.struct_literal is used by no modifier of rule \"%s\" (only set_fields takes it)", r->name);
    if (r->nmods > 0 && !uses_code && !uses_struct && !uses_ident && !uses_dir && !uses_call && !uses_lit &&
        seen->imports_key)
        error_at(L, seen->imports_key,
                 "imports is used by no modifier of rule \"%s\" (only inject_code, add_struct_fields, "
                 "assign_value, expand_directive, wrap_call and set_fields add code)",
                 r->name);
    /* A standard package can import only standard packages. */
    if (r->target && !r->target_main && r->target[0] != '$' && !strpbrk(r->target, "*?[{") && std_path(r->target))
        for (int i = 0; i < r->nimports; i++)
            if (!std_path(r->imports[i].path))
                error_at_pos(L, (size_t)r->imports[i].line, (size_t)r->imports[i].col,
                             "imports: rule \"%s\" targets standard package %s, which cannot import \"%s\"",
                             r->name, r->target, r->imports[i].path);
}

/* Report a misplaced selector or modifier key at a rule's top level. */
static bool misplaced_key(Loader *L, const yaml_node_t *k, const char *key, RuleSeen *seen) {
    if (in_list(WHERE_KEYS, key) || in_list(WHERE_LATER, key)) {
        error_at(L, k, "unknown key \"%s\" (it belongs under where:)", key);
        seen->has_func = seen->has_func || !strcmp(key, "func");
        return true;
    }
    if (in_list(MOD_KEYS, key) || in_list(MOD_LATER, key)) {
        error_at(L, k, "unknown key \"%s\" (it belongs under do:)", key);
        return true;
    }
    return false;
}

/* Record rule r under its name unless the name is taken. */
static void add_rule(Loader *L, const yaml_node_t *name_pos, Rule *r) {
    bool added;
    StrMapSlot *s = strmap_put(&L->rs->names, r->name, &added);
    if (!added) {
        const Rule *first = &L->rs->rules[s->a];
        error_at(L, name_pos, "duplicate rule name \"%s\" (first defined at %s:%d:%d)",
                 r->name, first->file, first->line, first->col);
        return;
    }
    s->a = ruleset_add_rule(L->rs, r);
}

static void load_rule(Loader *L, const yaml_node_t *rkey, const yaml_node_t *rv) {
    Rule r = {0};
    r.name = arena_strdup(L->rs->arena, scalar(rkey));
    r.file = L->file;
    r.group = L->group;
    r.where_text = ""; /* rules.h: "" without where (select_load_where sets it otherwise) */
    r.line = (int)rkey->start_mark.line + 1;
    r.col = (int)rkey->start_mark.column + 1;
    if (rv->type != YAML_MAPPING_NODE) {
        error_at(L, value_pos(rkey, rv), "rule \"%s\" must be a map, not %s", r.name,
                 kind_name(rv));
        return;
    }
    const yaml_node_t *name_pos = rkey;
    RuleSeen seen = {0};
    FOR_PAIRS(p, rv) {
        if (is_merge_key(node_at(L, p->key)))
            seen = (RuleSeen){.has_target = true, .has_do = true, .has_func = true, .has_struct = true}; /* whatever it merged is unknown */
        const char *key = pair_key(L, rv, p, true);
        if (!key)
            continue;
        const yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
        if (!strcmp(key, "target")) {
            seen.has_target = true;
            if ((r.target = expect_string(L, k, v, "target")))
                check_target(L, v, &r);
        } else if (!strcmp(key, "version")) {
            if ((r.version = expect_string(L, k, v, "version")))
                check_version(L, v, &r);
        } else if (!strcmp(key, "where")) {
            select_load_where(L, k, v, &r, &seen);
        } else if (!strcmp(key, "do")) {
            seen.has_do = true;
            load_do(L, k, v, &r);
        } else if (!strcmp(key, "imports")) {
            seen.imports_key = k;
            load_imports(L, k, v, &r);
        } else if (!strcmp(key, "name")) {
            const char *name = expect_string(L, k, v, "name");
            if (name) {
                r.name = name;
                name_pos = v;
            }
        } else if (in_list(RULE_LATER, key)) {
            error_at(L, k, "%s is not supported yet", key);
        } else if (!misplaced_key(L, k, key, &seen)) {
            const char *meant = unknown_key(L, k, "key", "", RULE_KEYS);
            seen.has_target = seen.has_target || (meant && !strcmp(meant, "target"));
            seen.has_do = seen.has_do || (meant && !strcmp(meant, "do"));
        }
    }
    check_rule_complete(L, rkey, &r, &seen);
    add_rule(L, name_pos, &r);
}

static void load_document(Loader *L) {
    const yaml_node_t *root = yaml_document_get_root_node(L->doc);
    if (is_null(root))
        return; /* "---" and nothing else: a file without rules */
    if (root->type != YAML_MAPPING_NODE) {
        error_at(L, root, "a rule file must be a map from rule name to rule, not %s",
                 kind_name(root));
        return;
    }
    FOR_PAIRS(p, root) {
        /* Repeated rule names are caught as duplicate rules, across files too. */
        if (pair_key(L, root, p, false))
            load_rule(L, node_at(L, p->key), node_at(L, p->value));
    }
}

/* ---- syntax errors ---- */

/* 1-based line and column (in characters) of byte offset off in data. */
static void offset_position(const char *data, size_t len, size_t off, size_t *line,
                            size_t *col) {
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (data[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static void syntax_error(Loader *L, const yaml_parser_t *P, const char *data, size_t len) {
    size_t line, col;
    if (P->error == YAML_READER_ERROR) {
        /* Reader errors (bad encoding) carry a byte offset, not a mark. */
        offset_position(data, len, P->problem_offset, &line, &col);
        error_at_pos(L, line, col, "%s", P->problem ? P->problem : "cannot read the file");
        return;
    }
    if (P->error == YAML_MEMORY_ERROR)
        fatal("out of memory while parsing %s", L->file);
    line = P->problem_mark.line + 1;
    col = P->problem_mark.column + 1;
    if (P->context)
        error_at_pos(L, line, col, "YAML syntax error: %s (%s at line %zu)",
                     P->problem ? P->problem : "?", P->context, P->context_mark.line + 1);
    else
        error_at_pos(L, line, col, "YAML syntax error: %s", P->problem ? P->problem : "?");
}

int rules_parse_into(RuleSet *rs, const char *name, const char *group, const char *data,
                     size_t len, Buf *errors) {
    Loader L = {rs, arena_strdup(rs->arena, name), group, NULL, NULL, 0, 0};
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        fatal("out of memory while parsing %s", name);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    for (int ndocs = 0;; ndocs++) {
        yaml_document_t doc;
        if (!yaml_parser_load(&parser, &doc)) {
            syntax_error(&L, &parser, data, len);
            break;
        }
        if (!yaml_document_get_root_node(&doc)) { /* end of the stream */
            yaml_document_delete(&doc);
            break;
        }
        if (ndocs > 0) {
            error_at_pos(&L, doc.start_mark.line + 1, doc.start_mark.column + 1,
                         "a rule file must hold one YAML document; put more rules in "
                         "the first or in another file");
            yaml_document_delete(&doc);
            break;
        }
        L.doc = &doc;
        load_document(&L);
        L.doc = NULL;
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    flush_errors(&L, errors);
    return L.nerrors;
}

/* Does name end with suffix? */
static bool ends_with(const char *name, const char *suffix) {
    size_t n = strlen(name), ns = strlen(suffix);
    return n >= ns && !strcmp(name + n - ns, suffix);
}

char *rules_group_for(Arena *a, const char *path, const char *dir) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!strcmp(base, "rules.yaml") || !strcmp(base, "rules.yml")) {
        if (dir && *dir)
            return arena_strdup(a, dir);
        /* The directory as written: "x/y/rules.yaml" -> "y". */
        const char *end = slash ? slash : path, *start = path;
        while (end > path && end[-1] == '/')
            end--;
        for (const char *q = path; q < end; q++)
            if (*q == '/')
                start = q + 1;
        size_t n = (size_t)(end - start);
        bool dots = (n == 1 && start[0] == '.') || (n == 2 && !strncmp(start, "..", 2));
        if (n > 0 && !dots)
            return arena_strndup(a, start, n);
        return arena_strdup(a, "rules"); /* no usable directory name */
    }
    size_t n = strlen(base);
    if (ends_with(base, ".yaml"))
        n -= 5;
    else if (ends_with(base, ".yml"))
        n -= 4;
    return arena_strndup(a, base, n);
}
