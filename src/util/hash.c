/* Hashing through libxxhash's XXH3-128: fast (tens of GB/s), and 128 bits
 * make accidental collisions between cache keys a non-issue. Not a
 * cryptographic hash: keys only need to tell contents apart, not resist an
 * attacker who can already write the user's source tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/util.h"

struct Hasher {
    XXH3_state_t *state;
};

Hasher *hasher_new(void) {
    Hasher *h = xmalloc(sizeof *h);
    h->state = XXH3_createState();
    if (!h->state) fatal("out of memory (xxhash state)");
    XXH3_128bits_reset(h->state);
    return h;
}

void hasher_update(Hasher *h, const void *p, size_t n) { XXH3_128bits_update(h->state, p, n); }

void hasher_str(Hasher *h, const char *s) { hasher_update(h, s, strlen(s) + 1); }

static void hex128(XXH128_hash_t v, char out[33]) {
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)v.high64, (unsigned long long)v.low64);
}

void hasher_final(Hasher *h, char out[33]) {
    hex128(XXH3_128bits_digest(h->state), out);
    XXH3_freeState(h->state);
    free(h);
}

void hash_bytes(const void *p, size_t n, char out[33]) { hex128(XXH3_128bits(p, n), out); }
