/* semver: validation and ordering of module versions, and rule version ranges.
 *
 * The order is Semantic Versioning 2.0.0 (semver.org) with the leading "v"
 * Go requires, and it agrees with golang.org/x/mod/semver.Compare on every
 * version both accept: numbers compare numerically (by length, then
 * digit by digit, so there is no overflow on huge numbers); a pre-release
 * sorts before its release; pre-release identifiers compare left to right,
 * numeric ones numerically and below alphanumeric ones, which compare in
 * ASCII order; a longer list wins when all shared identifiers are equal;
 * build metadata ("+incompatible", "+meta") is ignored.
 *
 * Go pseudo-versions need no special case: "v0.0.0-20230101120000-abcdef"
 * is a pre-release of v0.0.0, and "v1.2.4-0.20230101120000-abcdef" a
 * pre-release of v1.2.4 that sorts after v1.2.3 and before v1.2.4-alpha.
 *
 * One deliberate difference from x/mod/semver: the shorthands "v1" and
 * "v1.2" are not valid here. go list always prints canonical versions, and
 * in a rule file a shorthand bound is more likely a typo than intent, so
 * the loader rejects it with a hint instead of guessing. */
#include <string.h>

#include "rules/internal.h"

/* A parsed version: slices of the original string. */
typedef struct {
    const char *major, *minor, *patch; /* digit runs */
    size_t nmajor, nminor, npatch;
    const char *pre;                   /* after the '-', NULL when none */
    size_t npre;
} Semver;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_ident_char(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* Read a decimal number without extra leading zeros at *s (before end);
 * advance *s past it. */
static bool parse_number(const char **s, const char *end, const char **start, size_t *n) {
    const char *p = *s;
    while (p < end && is_digit(*p))
        p++;
    size_t len = (size_t)(p - *s);
    if (len == 0 || (len > 1 && **s == '0'))
        return false;
    *start = *s;
    *n = len;
    *s = p;
    return true;
}

/* Read dot-separated non-empty identifiers up to stop or end; when
 * numeric_rule, an all-digit identifier must not have a leading zero. */
static bool parse_idents(const char **s, const char *end, char stop, bool numeric_rule) {
    const char *p = *s;
    for (;;) {
        const char *id = p;
        bool digits_only = true;
        while (p < end && *p != stop && *p != '.') {
            if (!is_ident_char(*p))
                return false;
            digits_only = digits_only && is_digit(*p);
            p++;
        }
        size_t len = (size_t)(p - id);
        if (len == 0)
            return false;
        if (numeric_rule && digits_only && len > 1 && id[0] == '0')
            return false;
        if (p == end || *p != '.')
            break;
        p++;
    }
    *s = p;
    return true;
}

/* Parse s[0..n) as vMAJOR.MINOR.PATCH[-PRE][+BUILD]. */
static bool semver_parse(const char *s, size_t n, Semver *v) {
    const char *end = s + n;
    memset(v, 0, sizeof *v);
    if (n == 0 || *s != 'v')
        return false;
    s++;
    if (!parse_number(&s, end, &v->major, &v->nmajor) || s == end || *s++ != '.')
        return false;
    if (!parse_number(&s, end, &v->minor, &v->nminor) || s == end || *s++ != '.')
        return false;
    if (!parse_number(&s, end, &v->patch, &v->npatch))
        return false;
    if (s < end && *s == '-') {
        s++;
        v->pre = s;
        if (!parse_idents(&s, end, '+', true))
            return false;
        v->npre = (size_t)(s - v->pre);
    }
    if (s < end && *s == '+') {
        s++;
        if (!parse_idents(&s, end, '\0', false))
            return false;
    }
    return s == end;
}

bool semver_valid(const char *s) {
    Semver v;
    return s && semver_parse(s, strlen(s), &v);
}

bool semver_is_shorthand(const char *s) {
    /* "vN" or "vN.N" with proper numbers: what x/mod/semver would accept. */
    if (!s || *s != 'v')
        return false;
    const char *end = s + strlen(s), *start;
    size_t n;
    s++;
    for (int parts = 0; parts < 2; parts++) {
        if (!parse_number(&s, end, &start, &n))
            return false;
        if (s == end)
            return true;
        if (*s++ != '.')
            return false;
    }
    return false;
}

/* Compare two digit strings without leading zeros numerically. */
static int compare_digits(const char *a, size_t na, const char *b, size_t nb) {
    if (na != nb)
        return na < nb ? -1 : 1;
    int c = memcmp(a, b, na);
    return (c > 0) - (c < 0);
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

/* Compare one pair of pre-release identifiers per semver.org §11.4. */
static int compare_ident(const char *a, size_t na, const char *b, size_t nb) {
    bool da = all_digits(a, na), db = all_digits(b, nb);
    if (da && db)
        return compare_digits(a, na, b, nb);
    if (da != db)
        return da ? -1 : 1;
    int c = memcmp(a, b, na < nb ? na : nb);
    if (c != 0)
        return c < 0 ? -1 : 1;
    return na == nb ? 0 : (na < nb ? -1 : 1);
}

static int compare_prerelease(const char *a, size_t na, const char *b, size_t nb) {
    /* No pre-release ranks above any pre-release of the same x.y.z. */
    if (!a && !b)
        return 0;
    if (!a)
        return 1;
    if (!b)
        return -1;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        size_t ei = i, ej = j;
        while (ei < na && a[ei] != '.')
            ei++;
        while (ej < nb && b[ej] != '.')
            ej++;
        int c = compare_ident(a + i, ei - i, b + j, ej - j);
        if (c != 0)
            return c;
        i = ei + 1;
        j = ej + 1;
    }
    bool a_more = i < na, b_more = j < nb;
    return a_more == b_more ? 0 : (a_more ? 1 : -1);
}

static int compare_parsed(const Semver *a, const Semver *b) {
    int c = compare_digits(a->major, a->nmajor, b->major, b->nmajor);
    if (c == 0)
        c = compare_digits(a->minor, a->nminor, b->minor, b->nminor);
    if (c == 0)
        c = compare_digits(a->patch, a->npatch, b->patch, b->npatch);
    if (c == 0)
        c = compare_prerelease(a->pre, a->npre, b->pre, b->npre);
    return c;
}

int semver_compare(const char *a, const char *b) {
    Semver va, vb;
    bool oka = a && semver_parse(a, strlen(a), &va);
    bool okb = b && semver_parse(b, strlen(b), &vb);
    if (!oka || !okb)
        return oka == okb ? 0 : (oka ? 1 : -1);
    return compare_parsed(&va, &vb);
}

/* Trim blanks around s[0..*n); returns the new start. */
static const char *trim(const char *s, size_t *n) {
    while (*n > 0 && (*s == ' ' || *s == '\t'))
        s++, (*n)--;
    while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
    return s;
}

RangeStatus version_range_parse(const char *r, VersionRange *out) {
    memset(out, 0, sizeof *out);
    const char *comma = strchr(r, ',');
    out->nlow = comma ? (size_t)(comma - r) : strlen(r);
    out->low = trim(r, &out->nlow);
    if (comma) {
        if (strchr(comma + 1, ','))
            return RANGE_TOO_MANY;
        out->nhigh = strlen(comma + 1);
        out->high = trim(comma + 1, &out->nhigh);
    }
    Semver lo, hi;
    if (!semver_parse(out->low, out->nlow, &lo))
        return RANGE_BAD_LOW;
    if (out->high && !semver_parse(out->high, out->nhigh, &hi))
        return RANGE_BAD_HIGH;
    if (out->high && compare_parsed(&lo, &hi) >= 0)
        return RANGE_EMPTY;
    return RANGE_OK;
}

bool rules_version_in_range(const char *r, const char *v) {
    if (!r)
        return true;
    Semver sv, lo, hi;
    if (!v || !semver_parse(v, strlen(v), &sv))
        return false;
    VersionRange vr;
    if (version_range_parse(r, &vr) != RANGE_OK)
        return false;
    semver_parse(vr.low, vr.nlow, &lo);
    if (compare_parsed(&sv, &lo) < 0)
        return false;
    if (!vr.high)
        return true;
    semver_parse(vr.high, vr.nhigh, &hi);
    return compare_parsed(&sv, &hi) < 0;
}
