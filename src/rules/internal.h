/* Private to src/rules/: shared between its .c files, not part of the
 * component's interface (that is rules.h). */
#ifndef OTEL_RULES_INTERNAL_H
#define OTEL_RULES_INTERNAL_H

#include <stdint.h>

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
