/* Private to src/inject/: small Go-text helpers shared by its .c files, not
 * part of the component's interface (that is inject.h). */
#ifndef OTEL_INJECT_INTERNAL_H
#define OTEL_INJECT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "inject/inject.h"

/* ---- inject.c: splices ---- */

/* Replace src[off, off+del) with text. Splices never overlap; at one offset
 * they apply in the order they were added (seq). */
typedef struct {
    size_t off;
    size_t del;
    const char *text;
    int seq;
} Splice;

typedef struct {
    Splice *v;
    int n, cap;
} SpliceList;

/* Add a splice (memory in a). */
void splice_add(Arena *a, SpliceList *l, size_t off, size_t del, const char *text);

/* src with the splices applied, into out (sorts l). */
void apply_splices(const char *src, size_t len, SpliceList *l, Buf *out);

/* ---- structfields.c ---- */

/* Splices of one add_struct_fields use: the fields before the struct's
 * closing brace, on its line. */
void struct_fields_splices(Arena *a, const char *src, size_t len, const FieldsUse *u, SpliceList *l);

/* ---- assignvalue.c ---- */

/* Splices of one assign_value use on file f (none when f does not declare
 * the name); -1 and *err (naming rule and name) when it cannot apply. */
int assign_value_splices(Arena *a, const char *src, size_t len, const GoFile *f, const ValueUse *u, SpliceList *l,
                         const char **err);

/* ---- gotext.c: Go source text, token by token, without a parser ---- */

/* Calls fn for every identifier token in text[0..len) that is not preceded
 * by '.' (so `pkg.T` yields only `pkg`), skipping comments and string, raw
 * string and rune literals. fn returns false to stop the walk. */
typedef bool (*IdentFn)(void *ud, size_t off, size_t len);
void go_each_ident(const char *text, size_t len, IdentFn fn, void *ud);

/* true when text mentions (as a bare identifier) one of names[0..n). */
bool go_mentions_any(const char *text, const char *const *names, int n);

/* text with every bare identifier equal to from[i] replaced by to[i]. */
char *go_rename_idents(Arena *a, const char *text, const char *const *from,
                       const char *const *to, int n);

/* Append s as a Go interpreted string literal, quotes included. */
void go_quote(Buf *b, const char *s);

/* Does text (a struct body without its braces) need a `;` before another
 * field can follow it on the same line? No after `{`, `;`, or a line break
 * (which ends the last field with an automatic semicolon). Comments and
 * string literals (tags) are skipped. */
bool go_needs_semi_at_end(const char *text, size_t len);

/* true when text (after surrounding space) is `interface{}` or `any`. */
bool go_is_empty_interface(Arena *a, const char *text);

#endif
