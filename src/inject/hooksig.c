/* hooksig: what a hook function declares, read from its parsed source.
 * Only the shape matters to the injector: how many parameters follow the
 * hook context (they must match the target's receiver+params or results),
 * and which are declared interface{}/any, because those are passed boxed. */
#include <string.h>

#include "inject/internal.h"

static const GoFunc *find_plain_func(const GoFile *f, const char *name) {
    for (int i = 0; i < f->nfuncs; i++) {
        const GoFunc *fn = &f->funcs[i];
        if (!fn->has_recv && strcmp(fn->name, name) == 0)
            return fn;
    }
    return NULL;
}

/* The hook context parameter: a named, non-pointer type such as
 * `hook.HookContext` (interfaces are never used through pointers). */
static bool is_hook_context_type(const char *type) {
    while (*type == ' ' || *type == '\t')
        type++;
    return *type != '*' && *type != '[' && strncmp(type, "...", 3) != 0 &&
           strncmp(type, "func", 4) != 0 && strncmp(type, "map[", 4) != 0 &&
           strncmp(type, "chan", 4) != 0 && *type != '\0';
}

int inject_hook_sig(Arena *a, const GoFile *f, const char *name, HookSig *sig) {
    const GoFunc *fn = find_plain_func(f, name);
    if (!fn || fn->ntparams > 0 || fn->nparams < 1 || !is_hook_context_type(fn->params[0].type))
        return -1;
    int n = fn->nparams - 1;
    bool *boxed = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof *boxed);
    for (int i = 0; i < n; i++)
        boxed[i] = go_is_empty_interface(a, fn->params[i + 1].type);
    sig->name = fn->name;
    sig->nparams = n;
    sig->boxed = boxed;
    sig->variadic_last = fn->variadic && n > 0;
    return 0;
}
