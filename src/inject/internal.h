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

/* ---- wrapcall.c, setfields.c ---- */

/* Splices of one wrap_call use on the file. need_p/need_r (indexed like
 * f->funcs) are set for functions whose unnamed parameters/results the
 * replace template names (inject_extras names them). */
int wrap_call_splices(Arena *a, const ExtraInput *in, const CallUse *u, int phase, SpliceList *l, bool *need_p,
                      bool *need_r, const char **err);

/* Splices of one set_fields use on the file. */
int set_fields_splices(Arena *a, const ExtraInput *in, const LitUse *u, SpliceList *l, const char **err);

/* The names under which f imports path ("." for a dot import; blank
 * imports never), in a; a name without alias is guessed from the path. */
int inject_import_names(Arena *a, const GoFile *f, const char *path, const char ***names);

/* The package name an import of path without alias binds (a guess from
 * the path; injectcode.c). */
const char *inject_default_name(Arena *a, const char *path);

/* The old-line-breaks comment assignvalue writes before a multi-line replacement. */
const char *inject_lines_comment(Arena *a, const char *src, size_t off, size_t end);

/* One top-level element of a bracketed list (go_split_elems): [off, end)
 * from its first to its last token; key_end >= 0 when it is `ident: value`
 * (key [off, key_end), value from val_off). */
typedef struct {
    size_t off, end;
    long key_end;
    size_t val_off;
} GoElem;

/* The comma-separated elements of src[off, end) (inside a bracket pair),
 * skipping comments and literals; brackets nest. */
int go_split_elems(Arena *a, const char *src, size_t off, size_t end, GoElem **out);

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
