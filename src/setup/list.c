/* `otel rules list`: what the rules would do to the current module, and
 * why: for each rule, the packages of the build it matched (with their
 * version) and the functions found there, or why nothing matched. Runs
 * go list like a setup does, but writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup/internal.h"

static int line_of(const char *src, size_t off) {
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (src[i] == '\n') line++;
    return line;
}

/* Print the functions of pkg that rule r reaches; returns how many. */
static int list_functions(Setup *s, const Rule *r, const GoPackage *pkg) {
    int found = 0;
    for (int f = 0; f < pkg->ngo_files; f++) {
        char *path = path_join(pkg->dir, pkg->go_files[f]);
        Buf b = BUF_INIT;
        GoFile gf;
        size_t eoff;
        const char *emsg;
        if (read_file(path, &b) == 0 &&
            (rules_file_may_match(r, buf_str(&b), b.len) ||
             setup_rule_mentions_extra(r, buf_str(&b), b.len)) &&
            gosrc_parse(s->a, buf_str(&b), b.len, &gf, &eoff, &emsg) == 0) {
            for (int i = 0; r->struct_name && i < gf.ntypes; i++) {
                const GoTypeSpec *t = &gf.types[i];
                if (t->kind != GO_TYPE_STRUCT || t->alias || strcmp(t->name, r->struct_name) != 0) continue;
                printf("    %s:%d: type %s struct\n", path, line_of(buf_str(&b), t->name_off), t->name);
                found++;
            }
            for (int i = 0; r->identifier && i < gf.nvalues; i++) {
                const GoValueSpec *v = &gf.values[i];
                if ((r->decl_kind == 1 && v->is_const) || (r->decl_kind == 2 && !v->is_const)) continue;
                for (int k = 0; k < v->nnames; k++) {
                    if (strcmp(v->names[k].name, r->identifier) != 0) continue;
                    printf("    %s:%d: %s %s%s\n", path, line_of(buf_str(&b), v->names[k].off), v->is_const ? "const" : "var",
                           r->identifier, v->nvalues == 0 ? " (no initializer)" : v->nvalues != v->nnames ? " (tuple initializer)" : "");
                    found++;
                }
            }
            for (int i = 0; i < gf.nfuncs; i++) {
                const GoFunc *fn = &gf.funcs[i];
                if (r->directive) {
                    DirectiveArg *args;
                    int nargs;
                    const char *derr;
                    SelSubject subj = {.file = &gf, .src = buf_str(&b), .len = b.len, .file_name = pkg->go_files[f], .fn = fn, .a = s->a};
                    if (inject_find_directive(s->a, buf_str(&b), b.len, fn, r->directive, &args, &nargs, &derr) == 0 ||
                        !rules_where_matches(r, &subj))
                        continue;
                } else if (!setup_func_matches(r, &gf, buf_str(&b), b.len, pkg->go_files[f], fn, s->a)) continue;
                printf("    %s:%d: func %s%s%s%s\n", path, line_of(buf_str(&b), fn->func_off),
                       fn->has_recv ? "(" : "", fn->has_recv ? fn->recv.type : "", fn->has_recv ? ") " : "", fn->name);
                found++;
            }
        }
        buf_free(&b);
        free(path);
    }
    return found;
}

/* What the rules that change code in place (inject_code, add_struct_fields,
 * assign_value, expand_directive, set_fields, wrap_call) do, one line each. */
static void list_extras(const Rule *r) {
    for (int m = 0; m < r->nmods; m++) {
        const Modifier *mod = &r->mods[m];
        if (mod->kind == MOD_INJECT_CODE) {
            printf("    inject_code %s%s%s%s into:\n", r->pattern ? (r->placement_after ? "after the statement matching /" : "before the statement matching /") : "at the body's start",
                   r->pattern ? r->pattern : "", r->pattern ? "/" : "", strstr(mod->raw, "{{") ? " (template)" : "");
        } else if (mod->kind == MOD_ASSIGN_VALUE) {
            printf("    assign_value %s %s to:\n", mod->replace ? "replace with" : "wrap as", mod->replace ? mod->replace : mod->wrap);
        } else if (mod->kind == MOD_EXPAND_DIRECTIVE) {
            printf("    expand_directive //%s (template) into:\n", r->directive);
        } else if (mod->kind == MOD_SET_FIELDS) {
            printf("    set_fields on literals of %s.%s:", r->lit_path, r->lit_type);
            for (int f = 0; f < mod->nset; f++) {
                const RuleSetField *sf = &mod->set[f];
                printf("%s %s", f ? ";" : "", sf->name);
                if (sf->wrap) printf(" wrapped as %s", sf->wrap);
                if (sf->value) printf(" %s %s", sf->wrap ? "or set to" : "=", sf->value);
            }
            printf("\n");
        } else if (mod->kind == MOD_WRAP_CALL) {
            printf("    wrap_call on calls of %s.%s:", r->call_path, r->call_name);
            for (int i = 0; i < mod->nappend; i++) printf("%s%s", i ? ", " : " append_args ", mod->append_args[i]);
            if (mod->replace) printf("%s replace with %s", mod->nappend ? ";" : "", mod->replace);
            printf("\n");
        } else if (mod->kind == MOD_ADD_STRUCT_FIELDS) {
            printf("    add_struct_fields");
            for (int f = 0; f < mod->nfields; f++) printf("%s %s %s", f ? ";" : "", mod->fields[f].name, mod->fields[f].type);
            printf(" to:\n");
        }
    }
    for (int i = 0; i < r->nimports; i++) printf("    imports %s \"%s\"\n", r->imports[i].alias, r->imports[i].path);
}

int setup_list_rules(const SetupOptions *opt) {
    Setup s = {.a = arena_new(), .opt = opt};
    int status = 0;
    char *root = setup_find_module_root();
    s.root = arena_strdup(s.a, root ? root : ".");
    free(root);
    Buf errs = BUF_INIT;
    if (opt->nrule_paths > 0) {
        s.rules = rules_load(opt->rule_paths, opt->nrule_paths, &errs);
    } else {
        s.rules = setup_load_builtin_rules(opt->instr_dir, &errs);
    }
    if (!s.rules) {
        fputs(buf_str(&errs), stderr);
        buf_free(&errs);
        arena_free(s.a);
        return 2;
    }
    buf_free(&errs);
    const GoInvocation *inv = opt->inv;
    if (golist_run(s.a, inv->graph_flags, inv->ngraph_flags, inv->patterns, inv->npatterns, false, &s.pt) != 0) {
        fprintf(stderr, "otel: error: go list failed\n");
        status = 2;
        goto out;
    }
    int nrules;
    const Rule *all = rules_all(s.rules, &nrules);
    for (int r = 0; r < nrules; r++) {
        const Rule *rule = &all[r];
        printf("%s (%s:%d:%d) target %s%s%s, %s\n", rule->name, rule->file, rule->line, rule->col, rule->target,
               rule->version ? " version " : "", rule->version ? rule->version : "",
               rule->where_text && *rule->where_text ? rule->where_text
               : rule->struct_name                  ? arena_printf(s.a, "struct %s", rule->struct_name)
               : rule->identifier ? arena_printf(s.a, "%s %s", rule->decl_kind == 2 ? "const" : rule->decl_kind == 1 ? "var" : "identifier", rule->identifier)
               : rule->directive  ? arena_printf(s.a, "directive //%s", rule->directive)
               : rule->call_name  ? arena_printf(s.a, "function_call %s.%s", rule->call_path, rule->call_name)
               : rule->lit_type   ? arena_printf(s.a, "struct_literal %s.%s", rule->lit_path, rule->lit_type)
                                                    : "?");
        int pkgs = 0, funcs = 0, skipped = 0;
        for (int i = 0; i < s.pt.npkgs; i++) {
            const GoPackage *pkg = &s.pt.pkgs[i];
            if (!pkg->import_path || !pkg->name) continue;
            bool is_main = strcmp(pkg->name, "main") == 0;
            bool target = rules_target_matches(rule, pkg->import_path, is_main, pkg->module_main);
            if (!target) continue;
            const char *version = pkg->standard ? "" : pkg->module_version;
            if (rule->version && !rules_version_in_range(rule->version, version)) {
                printf("  %s: version %s not in %s\n", pkg->import_path, *version ? version : "(none)", rule->version);
                skipped++;
                continue;
            }
            printf("  %s%s%s\n", pkg->import_path, *version ? " " : "", version);
            for (int m = 0; m < rule->nmods; m++)
                if (rule->mods[m].kind == MOD_ADD_FILE)
                    printf("    adds %s/%s (from %s)\n", pkg->dir, rule->mods[m].file, rule->mods[m].path);
            list_extras(rule);
            int n = list_functions(&s, rule, setup_source_view(&s, pkg, false));
            if (n == 0 && rule->identifier) printf("    (no such package-level declaration in this package)\n");
            else if (n == 0 && rule->directive) printf("    (no function of this package carries //%s)\n", rule->directive);
            else if (n == 0 && rule->nfuncs > 0) printf("    (no function of this package matches the selectors)\n");
            else if (n == 0 && rule->struct_name) printf("    (no such struct type in this package)\n");
            pkgs++;
            funcs += n;
        }
        if (pkgs == 0 && skipped == 0) printf("  (no package of this build matches the target)\n");
        (void)funcs;
    }
out:
    rules_free(s.rules);
    arena_free(s.a);
    return status;
}
