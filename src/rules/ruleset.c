/* ruleset: the loaded rules and the index the build queries.
 *
 * Rules sit in one array in load order; a rule's index is its `order`.
 * The index is a hash map from exact target import path to the first and
 * last rule of that target, with the rules of one target chained through
 * next_same[] in ascending order; `main` rules form one more such chain,
 * and `$root` and glob rules a third (the side list: each is checked
 * against the package). A package lookup is then one hash probe plus a
 * merge of three sorted chains, and the result is in load order without
 * sorting. */
#include <stdlib.h>
#include <string.h>

#include "rules/internal.h"

RuleSet *ruleset_new(void) {
    RuleSet *rs = xcalloc(1, sizeof *rs);
    rs->arena = arena_new();
    rs->main_head = rs->main_tail = -1;
    rs->other_head = rs->other_tail = -1;
    return rs;
}

void rules_free(RuleSet *rs) {
    if (!rs)
        return;
    strmap_free(&rs->names);
    strmap_free(&rs->by_target);
    free(rs->rules);
    free(rs->files);
    free(rs->next_same);
    free(rs->hooks);
    arena_free(rs->arena);
    free(rs);
}

/* Make room for one more element in a growable array. */
static void *grow_for_one(void *p, int len, int *cap, size_t size) {
    if (len < *cap)
        return p;
    *cap = *cap ? *cap * 2 : 16;
    return xrealloc(p, (size_t)*cap * size);
}

void ruleset_add_file(RuleSet *rs, const char *path) {
    rs->files = grow_for_one(rs->files, rs->nfiles, &rs->capfiles, sizeof *rs->files);
    rs->files[rs->nfiles++] = arena_strdup(rs->arena, path);
}

int ruleset_add_rule(RuleSet *rs, const Rule *r) {
    rs->rules = grow_for_one(rs->rules, rs->nrules, &rs->caprules, sizeof *rs->rules);
    rs->rules[rs->nrules] = *r;
    rs->rules[rs->nrules].order = rs->nrules;
    return rs->nrules++;
}

/* Append rule i to the chain whose ends are *head and *tail. */
static void chain_append(RuleSet *rs, int *head, int *tail, int i) {
    if (*tail < 0)
        *head = i;
    else
        rs->next_same[*tail] = i;
    *tail = i;
}

static void add_hook_path(RuleSet *rs, StrMap *seen, const char *path) {
    bool added;
    strmap_put(seen, path, &added);
    if (!added)
        return;
    rs->hooks = grow_for_one(rs->hooks, rs->nhooks, &rs->caphooks, sizeof *rs->hooks);
    rs->hooks[rs->nhooks++] = path;
}

void ruleset_build_index(RuleSet *rs) {
    rs->next_same = xmalloc((size_t)(rs->nrules ? rs->nrules : 1) * sizeof *rs->next_same);
    StrMap seen_hooks = {0};
    for (int i = 0; i < rs->nrules; i++) {
        const Rule *r = &rs->rules[i];
        rs->next_same[i] = -1;
        if (r->target_main) {
            chain_append(rs, &rs->main_head, &rs->main_tail, i);
        } else if (r->target_root || r->target_glob) {
            chain_append(rs, &rs->other_head, &rs->other_tail, i);
        } else {
            bool added;
            StrMapSlot *s = strmap_put(&rs->by_target, r->target, &added);
            chain_append(rs, &s->a, &s->b, i);
        }
        for (int m = 0; m < r->nmods; m++)
            if (r->mods[m].kind == MOD_INJECT_HOOKS)
                add_hook_path(rs, &seen_hooks, r->mods[m].path);
    }
    strmap_free(&seen_hooks);
}

const Rule *rules_all(const RuleSet *rs, int *n) {
    *n = rs->nrules;
    return rs->rules;
}

const char **rules_hook_paths(const RuleSet *rs, int *n) {
    *n = rs->nhooks;
    return rs->hooks;
}

const char **rules_files(const RuleSet *rs, int *n) {
    *n = rs->nfiles;
    return rs->files;
}

bool rules_target_matches(const Rule *r, const char *import_path, bool is_main,
                          bool in_main_module) {
    if (r->target_main)
        return is_main;
    if (r->target_root)
        return in_main_module;
    if (r->target_glob)
        return select_glob_match(r->target, import_path);
    return strcmp(r->target, import_path) == 0;
}

const Rule **rules_for_package(const RuleSet *rs, const char *import_path,
                               bool is_main, bool in_main_module, const char *version, int *n) {
    const StrMapSlot *s = strmap_find(&rs->by_target, import_path);
    /* Three chains in load order, merged: exact target, main, and the
     * $root/glob rules (each checked against the package). */
    int heads[3] = {s ? s->a : -1, is_main ? rs->main_head : -1, rs->other_head};
    const Rule **out = NULL;
    int len = 0, cap = 0;
    for (;;) {
        int c = -1;
        for (int k = 0; k < 3; k++)
            if (heads[k] >= 0 && (c < 0 || heads[k] < heads[c]))
                c = k;
        if (c < 0)
            break;
        int i = heads[c];
        heads[c] = rs->next_same[i];
        const Rule *r = &rs->rules[i];
        if (c == 2 && !rules_target_matches(r, import_path, is_main, in_main_module))
            continue;
        if (r->version && !rules_version_in_range(r->version, version))
            continue;
        out = grow_for_one(out, len, &cap, sizeof *out);
        out[len++] = r;
    }
    *n = len;
    return out;
}
