/* strmap: a small open-addressing hash map from string to two ints.
 *
 * Why our own: the index needs only insert and lookup on string keys, with
 * no deletion, and that is sixty lines. The Debian candidates are heavier
 * than the need (GLib's GHashTable pulls in all of GLib; hsearch(3) allows
 * one table per process, which is global state). The hash is XXH3-64 from
 * libxxhash, already a dependency for util's content hashes, and it is
 * stored in each slot so that growing and most failed probes skip strcmp. */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "rules/internal.h"

static uint64_t hash_key(const char *key) { return XXH3_64bits(key, strlen(key)); }

/* The slot holding key, or the empty slot where it would go. */
static StrMapSlot *probe(const StrMap *m, const char *key, uint64_t h) {
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        StrMapSlot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

static void grow(StrMap *m) {
    StrMap bigger = {xcalloc(m->cap ? m->cap * 2 : 16, sizeof(StrMapSlot)),
                     m->cap ? m->cap * 2 : 16, m->len};
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *probe(&bigger, m->slots[i].key, m->slots[i].hash) = m->slots[i];
    free(m->slots);
    *m = bigger;
}

StrMapSlot *strmap_find(const StrMap *m, const char *key) {
    if (m->len == 0)
        return NULL;
    StrMapSlot *s = probe(m, key, hash_key(key));
    return s->key ? s : NULL;
}

StrMapSlot *strmap_put(StrMap *m, const char *key, bool *added) {
    if ((m->len + 1) * 2 > m->cap)
        grow(m);
    uint64_t h = hash_key(key);
    StrMapSlot *s = probe(m, key, h);
    *added = s->key == NULL;
    if (*added) {
        *s = (StrMapSlot){key, h, -1, -1};
        m->len++;
    }
    return s;
}

void strmap_free(StrMap *m) {
    free(m->slots);
    *m = (StrMap){0};
}
