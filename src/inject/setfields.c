/* setfields: set_fields (not implemented yet: the loader refuses the
 * modifier as "not supported yet", so no LitUse is ever made). */
#include "inject/internal.h"

int set_fields_splices(Arena *a, const ExtraInput *in, const LitUse *u, SpliceList *l, const char **err) {
    (void)in;
    (void)l;
    *err = arena_printf(a, "rule %s: set_fields is not supported yet", u->rule_name);
    return -1;
}
