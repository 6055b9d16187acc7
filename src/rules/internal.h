/* Private to src/rules/: shared between its .c files, not part of the
 * component's interface (that is rules.h). */
#ifndef OTEL_RULES_INTERNAL_H
#define OTEL_RULES_INTERNAL_H

#include <stdint.h>

#include <yaml.h>

#include "rules/rules.h"

/* ---- strmap.c: string -> two ints, open addressing ----
 * Keys are borrowed (they must outlive the map; ours live in the RuleSet's
 * arena). Linear probing over a power-of-two table kept at most half full,
 * so a lookup touches one or two slots on average. No deletion: nothing in
 * a RuleSet is ever removed. */
typedef struct {
    const char *key; /* NULL: empty slot */
    uint64_t hash;
    int a, b;        /* the caller's payload */
} StrMapSlot;

typedef struct {
    StrMapSlot *slots;
    size_t cap;      /* 0 or a power of two */
    size_t len;
} StrMap;

/* The slot for key, or NULL when absent. */
StrMapSlot *strmap_find(const StrMap *m, const char *key);
/* The slot for key, added with a = b = -1 when absent (*added tells). */
StrMapSlot *strmap_put(StrMap *m, const char *key, bool *added);
/* Release the table (not the keys). */
void strmap_free(StrMap *m);

/* ---- semver.c ---- */
/* A parsed "vA" or "vA,vB" range: slices of the range string. */
typedef struct {
    const char *low, *high; /* high is NULL for "vA" */
    size_t nlow, nhigh;
} VersionRange;

typedef enum {
    RANGE_OK,
    RANGE_BAD_LOW,  /* first bound is not a valid version */
    RANGE_BAD_HIGH, /* second bound is not a valid version */
    RANGE_TOO_MANY, /* more than one comma */
    RANGE_EMPTY,    /* low >= high: nothing can match */
} RangeStatus;

/* Split and validate a version range string. */
RangeStatus version_range_parse(const char *r, VersionRange *out);
/* true for "vN" / "vN.N": valid for Go's x/mod/semver but not for us. */
bool semver_is_shorthand(const char *s);

/* ---- ruleset.c ---- */
struct RuleSet {
    Arena *arena;        /* every string and modifier array */
    Rule *rules;         /* load order; rules[i].order == i */
    int nrules, caprules;
    const char **files;  /* rule files in load order */
    int nfiles, capfiles;
    StrMap names;        /* rule name -> a: rule index */
    StrMap by_target;    /* exact target -> a: first rule, b: last rule */
    int *next_same;      /* per rule: next rule with the same target list, -1 */
    int main_head, main_tail;
    int other_head, other_tail; /* `$root` and glob rules, checked one by one */
    const char **hooks;  /* distinct hook paths, first-use order */
    int nhooks, caphooks;
};

/* A fresh, empty RuleSet. */
RuleSet *ruleset_new(void);
/* Record a file as loaded (path is copied). */
void ruleset_add_file(RuleSet *rs, const char *path);
/* Append a rule (strings must already live in rs->arena); returns its index. */
int ruleset_add_rule(RuleSet *rs, const Rule *r);
/* Build the target index and the hook path list once loading is done. */
void ruleset_build_index(RuleSet *rs);

/* ---- load.c: the loader, shared with select.c ---- */
/* What a rule has shown so far, beyond the Rule's own fields: a key that
 * was present but invalid has been reported, and must not also be called
 * missing. */
typedef struct {
    bool has_target, has_do, has_func;
    const yaml_node_t *func_key; /* the first selector's key, for "used by no modifier" */
    const char *func_key_name;   /* its name ("func", "file", "param", ...) */
    bool has_struct;             /* where.struct (a merge key counts as every key) */
    const yaml_node_t *struct_key, *pattern_key, *placement_key, *imports_key;
    const yaml_node_t *identifier_key, *kind_key, *directive_key; /* assign_value, expand_directive */
    const yaml_node_t *call_key, *lit_key; /* wrap_call, set_fields */
} RuleSeen;

/* One error of the file; they are printed sorted by position, as a
 * compiler would, although checks that need a whole rule run after it. */
typedef struct {
    size_t line, col; /* 1-based */
    int seq;          /* report order, to keep the sort stable */
    char *msg;
} LoadError;

typedef struct {
    RuleSet *rs;
    const char *file;   /* path used in messages */
    const char *group;
    yaml_document_t *doc;
    LoadError *errs;
    int nerrors, caperrs;
} Loader;


/* Record an error at line:col (1-based). */
void error_at_pos(Loader *L, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define error_at(L, node, ...) \
    error_at_pos((L), (node)->start_mark.line + 1, (node)->start_mark.column + 1, __VA_ARGS__)
#define FOR_PAIRS(p, map) \
    for (const yaml_node_pair_t *p = (map)->data.mapping.pairs.start; \
         p < (map)->data.mapping.pairs.top; p++)
/* Node helpers (load.c): the node at index; a scalar's text; a plain null
 * scalar; "a map"/"a list"/"a string"/"empty"; where to point at a value. */
yaml_node_t *node_at(Loader *L, int index);
const char *scalar(const yaml_node_t *n);
bool is_null(const yaml_node_t *n);
const char *kind_name(const yaml_node_t *n);
const yaml_node_t *value_pos(const yaml_node_t *key, const yaml_node_t *val);
/* Value checks (load.c), each reporting why not and returning NULL/false. */
const char *expect_string(Loader *L, const yaml_node_t *key, const yaml_node_t *val,
                          const char *what);
bool expect_map(Loader *L, const yaml_node_t *key, const yaml_node_t *val, const char *what);
const char *pair_key(Loader *L, const yaml_node_t *map, const yaml_node_pair_t *p,
                     bool check_repeats);
bool in_list(const char *const *list, const char *s);
const char *unknown_key(Loader *L, const yaml_node_t *k, const char *what, const char *where,
                        const char *const *known);
bool is_go_ident(const char *s);
const char *ident_field(Loader *L, const yaml_node_t *k, const yaml_node_t *v,
                        const char *what);

/* ---- select.c: where trees and target globs ---- */
/* Keys of a where map: implemented, and known but not implemented. */
extern const char *const WHERE_KEYS[];
extern const char *const WHERE_LATER[];
/* Load `where` (a map) into r->where, r->func/r->recv (the top map's
 * func), r->funcs; note in *seen whether a function is pinned. */
void select_load_where(Loader *L, const yaml_node_t *wkey, const yaml_node_t *w, Rule *r,
                       RuleSeen *seen);
/* Validate a glob target; returns 0, or -1 after reporting the error at the
 * offending character of node v. */
int select_check_glob(Loader *L, const yaml_node_t *v, const char *pattern);
/* Does the glob pattern match the import path? */
bool select_glob_match(const char *pattern, const char *path);

/* ---- load.c ---- */
/* Parse one file's bytes into rs. name is the path used in messages and as
 * Rule.file; group is the rules' group. Errors are appended to errors as
 * lines; returns how many. Duplicate rule names are checked against every
 * rule already in rs. */
int rules_parse_into(RuleSet *rs, const char *name, const char *group,
                     const char *data, size_t len, Buf *errors);
/* The group of a rule file (rules.h): dir is the name of the directory
 * holding the file, used when the file is rules.yaml/rules.yml. */
char *rules_group_for(Arena *a, const char *path, const char *dir);

#endif
