/* StrSet: open addressing with linear probing, kept at most half full.
 * Used to fold package variants and deduplicate paths in O(1). */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/util.h"

static size_t slot_of(const StrSet *set, const char *s) {
    size_t mask = set->cap - 1;
    size_t i = (size_t)XXH3_64bits(s, strlen(s)) & mask;
    while (set->slots[i] && strcmp(set->slots[i], s) != 0) i = (i + 1) & mask;
    return i;
}

static void grow(StrSet *set) {
    StrSet bigger = {xcalloc(set->cap ? set->cap * 2 : 64, sizeof(char *)), set->cap ? set->cap * 2 : 64, 0};
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->slots[i]) continue;
        bigger.slots[slot_of(&bigger, set->slots[i])] = set->slots[i];
        bigger.len++;
    }
    free(set->slots);
    *set = bigger;
}

bool strset_add(StrSet *set, const char *s) {
    if ((set->len + 1) * 2 > set->cap) grow(set);
    size_t i = slot_of(set, s);
    if (set->slots[i]) return false;
    set->slots[i] = xstrdup(s);
    set->len++;
    return true;
}

bool strset_has(const StrSet *set, const char *s) {
    if (set->cap == 0) return false;
    return set->slots[slot_of(set, s)] != NULL;
}

void strset_free(StrSet *set) {
    for (size_t i = 0; i < set->cap; i++) free(set->slots[i]);
    free(set->slots);
    set->slots = NULL;
    set->cap = set->len = 0;
}
