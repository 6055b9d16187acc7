/* extras: what inject_code, add_struct_fields, assign_value,
 * expand_directive, wrap_call and set_fields rules do to one file, as
 * an ExtraInput for inject_extras (src/inject/injectcode.c), and the checks
 * that need the package: which imports it may gain.
 *
 *  - In a standard-library package only standard paths may be imported
 *    (load checks exact std targets; this catches the rest).
 *  - A package compiled through the -toolexec wrapper (beneath GOMODCACHE,
 *    docs/REACH.md) has an importcfg that go computed from its original
 *    files: an import that no file of the package already has cannot be
 *    resolved, so such a rule is refused with an error naming the rule,
 *    the package and the import. (Paths the package already imports, and
 *    "unsafe", which needs no export data, are fine.) */
#include <string.h>

#include "setup/internal.h"

bool setup_rule_mentions_extra(const Rule *r, const char *src, size_t len) {
    const char *w = r->struct_name ? r->struct_name : r->identifier ? r->identifier : r->directive ? r->directive
                                                                                    : r->call_name ? r->call_name : r->lit_type;
    return w && memmem(src, len, w, strlen(w));
}

static const char *const EXTRA_KIND[] = {[MOD_INJECT_CODE] = "inject_code", [MOD_ADD_STRUCT_FIELDS] = "add_struct_fields",
                                         [MOD_ASSIGN_VALUE] = "assign_value", [MOD_EXPAND_DIRECTIVE] = "expand_directive",
                                         [MOD_WRAP_CALL] = "wrap_call", [MOD_SET_FIELDS] = "set_fields"};

void setup_hash_extra_mod(Hasher *h, const Rule *r, const Modifier *m) {
    hasher_str(h, EXTRA_KIND[m->kind]);
    hasher_str(h, r->identifier ? r->identifier : "");
    hasher_str(h, r->decl_kind == 1 ? "var" : r->decl_kind == 2 ? "const" : "");
    hasher_str(h, r->directive ? r->directive : "");
    hasher_str(h, m->replace ? m->replace : "");
    hasher_str(h, m->wrap ? m->wrap : "");
    hasher_str(h, m->tmpl ? m->tmpl : "");
    hasher_str(h, r->struct_name ? r->struct_name : "");
    hasher_str(h, r->pattern ? r->pattern : "");
    hasher_str(h, r->placement_after ? "after" : "before");
    hasher_str(h, m->raw ? m->raw : "");
    for (int i = 0; i < m->nfields; i++) {
        hasher_str(h, m->fields[i].name);
        hasher_str(h, m->fields[i].type);
    }
    hasher_str(h, r->call_path ? r->call_path : "");
    hasher_str(h, r->call_name ? r->call_name : "");
    hasher_str(h, r->lit_path ? r->lit_path : "");
    hasher_str(h, r->lit_type ? r->lit_type : "");
    for (int i = 0; i < m->nappend; i++)
        hasher_str(h, m->append_args[i]);
    hasher_str(h, m->variadic_type ? m->variadic_type : "");
    for (int i = 0; i < m->nset; i++) {
        hasher_str(h, m->set[i].name);
        hasher_str(h, m->set[i].value ? m->set[i].value : "");
        hasher_str(h, m->set[i].wrap ? m->set[i].wrap : "");
    }
    for (int i = 0; i < r->nimports; i++) {
        hasher_str(h, r->imports[i].alias);
        hasher_str(h, r->imports[i].path);
    }
}

static bool std_path(const char *p) {
    const char *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    return !memchr(p, '.', n);
}

/* Does any file of the package import path? */
static bool package_imports(Arena *a, const GoPackage *pkg, const Buf *srcs, const char *path) {
    for (int i = 0; i < pkg->ngo_files; i++) {
        GoFile h;
        size_t eoff;
        const char *emsg;
        if (gosrc_parse_header(a, buf_str(&srcs[i]), srcs[i].len, &h, &eoff, &emsg) != 0) continue;
        for (int k = 0; k < h.nimports; k++)
            if (strcmp(h.imports[k].path, path) == 0) return true;
    }
    return false;
}

int setup_file_extras(bool unreachable, Arena *a, const GoPackage *pkg, const Rule **rules, int nrules, const Buf *srcs,
                      const GoFile *gf, const char *file_name, const Buf *src, ExtraInput *in, const char **err) {
    int ncap = gf->nfuncs + gf->ntypes + 1;
    CodeUse *code = arena_alloc(a, sizeof(CodeUse) * (size_t)ncap * (size_t)(nrules + 1));
    FieldsUse *fields = arena_alloc(a, sizeof(FieldsUse) * (size_t)ncap * (size_t)(nrules + 1));
    ValueUse *values = arena_alloc(a, sizeof(ValueUse) * (size_t)(nrules + 1) * 4);
    CallUse *calls = arena_alloc(a, sizeof(CallUse) * (size_t)(nrules + 1) * 4);
    LitUse *lits = arena_alloc(a, sizeof(LitUse) * (size_t)(nrules + 1) * 4);
    int ncode = 0, nfields = 0, nimp = 0, capimp = 0, nvalues = 0, ncalls = 0, nlits = 0;
    ImportUse *imps = NULL;
    for (int r = 0; r < nrules; r++) {
        const Rule *rule = rules[r];
        bool used = false;
        for (int m = 0; m < rule->nmods; m++) {
            const Modifier *mod = &rule->mods[m];
            if (mod->kind == MOD_ADD_STRUCT_FIELDS) {
                for (int t = 0; t < gf->ntypes; t++) {
                    const GoTypeSpec *ts = &gf->types[t];
                    if (ts->kind != GO_TYPE_STRUCT || ts->alias || strcmp(ts->name, rule->struct_name) != 0) continue;
                    const char **names = arena_alloc(a, sizeof(char *) * (size_t)mod->nfields);
                    const char **types = arena_alloc(a, sizeof(char *) * (size_t)mod->nfields);
                    for (int f = 0; f < mod->nfields; f++) {
                        names[f] = mod->fields[f].name;
                        types[f] = mod->fields[f].type;
                    }
                    fields[nfields++] = (FieldsUse){rule->name, ts, inject_join_fields(a, names, types, mod->nfields)};
                    used = true;
                }
            } else if (mod->kind == MOD_ASSIGN_VALUE) {
                ValueUse u = {rule->name, rule->identifier, rule->decl_kind, mod->replace, mod->wrap};
                if (nvalues < (nrules + 1) * 4 && assign_value_declares(gf, &u)) {
                    values[nvalues++] = u;
                    used = true;
                }
            } else if (mod->kind == MOD_WRAP_CALL) {
                if (ncalls < (nrules + 1) * 4 && inject_file_imports(gf, rule->call_path)) {
                    const char *args = NULL;
                    if (mod->nappend) {
                        Buf b = BUF_INIT;
                        for (int i = 0; i < mod->nappend; i++)
                            buf_printf(&b, "%s%s", i ? ", " : "", mod->append_args[i]);
                        args = arena_strdup(a, buf_str(&b));
                        buf_free(&b);
                    }
                    calls[ncalls++] = (CallUse){rule->name, rule->call_path, rule->call_name, mod->replace, args,
                                                mod->variadic_type};
                    used = true;
                }
            } else if (mod->kind == MOD_SET_FIELDS) {
                /* All set_fields of a rule are one use (their fields differ:
                 * a load check), so a literal it skips is reported once. */
                bool first = true, own = !strcmp(pkg->import_path, rule->lit_path);
                int nset = 0;
                for (int k = 0; k < rule->nmods; k++) {
                    first &= !(k < m && rule->mods[k].kind == MOD_SET_FIELDS);
                    nset += rule->mods[k].kind == MOD_SET_FIELDS ? rule->mods[k].nset : 0;
                }
                if (first && nlits < (nrules + 1) * 4 && (own || inject_file_imports(gf, rule->lit_path))) {
                    SetField *fs = arena_alloc(a, sizeof(SetField) * (size_t)(nset + 1));
                    int nf = 0;
                    for (int k = m; k < rule->nmods; k++)
                        for (int i = 0; i < rule->mods[k].nset && rule->mods[k].kind == MOD_SET_FIELDS; i++) {
                            const RuleSetField *sf = &rule->mods[k].set[i];
                            fs[nf++] = (SetField){sf->name, sf->value, sf->wrap};
                        }
                    LitUse u = {rule->name, rule->lit_path, rule->lit_type, own, fs, nf};
                    const char *path = arena_printf(a, "%s/%s", pkg->dir, file_name);
                    if (inject_lits_change(a, buf_str(src), src->len, gf, path, &u)) { /* else its imports would be unused */
                        lits[nlits++] = u;
                        used = true;
                    }
                }
            } else if (mod->kind == MOD_EXPAND_DIRECTIVE) {
                for (int f = 0; f < gf->nfuncs; f++) {
                    const GoFunc *fn = &gf->funcs[f];
                    SelSubject subj = {.file = gf, .src = buf_str(src), .len = src->len, .file_name = file_name, .fn = fn, .a = a};
                    DirectiveArg *args = NULL;
                    int nargs = 0;
                    const char *derr;
                    int found = inject_find_directive(a, buf_str(src), src->len, fn, rule->directive, &args, &nargs, &derr);
                    if (found < 0) {
                        *err = arena_printf(a, "rule %s: %s", rule->name, derr);
                        return -1;
                    }
                    if (!found || !rules_where_matches(rule, &subj)) continue;
                    if (fn->body_lbrace < 0) {
                        *err = arena_printf(a, "rule %s: func %s carries //%s but has no body", rule->name, fn->name, rule->directive);
                        return -1;
                    }
                    size_t eoff;
                    const char *terr;
                    Template *t = inject_template_parse_kind(a, mod->tmpl, TPL_EXPAND_DIRECTIVE, &eoff, &terr);
                    CodeUse *u = &code[ncode++];
                    *u = (CodeUse){.rule_name = rule->name, .fn = fn};
                    TemplateCtx c = {.fn = fn, .args = args, .nargs = nargs};
                    Buf b = BUF_INIT;
                    if (!t || inject_template_render_ctx(a, t, &c, &b, &u->name_params, &u->name_results, &terr) != 0) {
                        *err = arena_printf(a, "rule %s: expand_directive on func %s: %s", rule->name, fn->name, terr);
                        buf_free(&b);
                        return -1;
                    }
                    u->code = arena_strdup(a, buf_str(&b));
                    buf_free(&b);
                    used = true;
                }
            } else if (mod->kind == MOD_INJECT_CODE) {
                for (int f = 0; f < gf->nfuncs; f++) {
                    const GoFunc *fn = &gf->funcs[f];
                    if (!setup_func_matches(rule, gf, buf_str(src), src->len, file_name, fn, a)) continue;
                    CodeUse *u = &code[ncode++];
                    *u = (CodeUse){.rule_name = rule->name, .fn = fn, .code = mod->raw, .pattern = rule->pattern,
                                   .after = rule->placement_after};
                    if (strstr(mod->raw, "{{")) {
                        size_t eoff;
                        const char *terr;
                        Template *t = inject_template_parse(a, mod->raw, &eoff, &terr);
                        Buf b = BUF_INIT;
                        if (!t || inject_template_render(a, t, fn, &b, &u->name_params, &u->name_results, &terr) != 0) {
                            *err = arena_printf(a, "rule %s: %s", rule->name, terr);
                            buf_free(&b);
                            return -1;
                        }
                        u->code = arena_strdup(a, buf_str(&b));
                        buf_free(&b);
                    }
                    used = true;
                }
            }
        }
        if (!used) continue;
        for (int i = 0; i < rule->nimports; i++) {
            const RuleImport *im = &rule->imports[i];
            if (pkg->standard && !std_path(im->path)) {
                *err = arena_printf(a, "rule %s: standard package %s cannot import \"%s\"", rule->name, pkg->import_path,
                                    im->path);
                return -1;
            }
            if (unreachable && strcmp(im->path, "unsafe") != 0 && !package_imports(a, pkg, srcs, im->path)) {
                *err = arena_printf(a,
                                    "rule %s: package %s is built from the module cache (through otel's -toolexec "
                                    "wrapper, docs/REACH.md), where go fixed its imports: it cannot gain the import "
                                    "\"%s\" (only paths the package already imports, and unsafe)",
                                    rule->name, pkg->import_path, im->path);
                return -1;
            }
            if (nimp == capimp) {
                capimp = capimp ? capimp * 2 : 8;
                ImportUse *n = arena_alloc(a, sizeof(ImportUse) * (size_t)capimp);
                if (nimp) memcpy(n, imps, sizeof(ImportUse) * (size_t)nimp);
                imps = n;
            }
            imps[nimp++] = (ImportUse){rule->name, im->alias, im->path};
        }
    }
    *in = (ExtraInput){.calls = calls, .ncalls = ncalls, .lits = lits, .nlits = nlits, .values = values, .nvalues = nvalues, .code = code, .ncode = ncode, .fields = fields, .nfields = nfields, .imports = imps,
                       .nimports = nimp, .file = gf,
                       .path = arena_printf(a, "%s/%s", pkg->dir, file_name)};
    return 0;
}
