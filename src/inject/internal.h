/* Private to src/inject/: small Go-text helpers shared by its .c files, not
 * part of the component's interface (that is inject.h). */
#ifndef OTEL_INJECT_INTERNAL_H
#define OTEL_INJECT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "inject/inject.h"

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

/* true when text (after surrounding space) is `interface{}` or `any`. */
bool go_is_empty_interface(Arena *a, const char *text);

#endif
