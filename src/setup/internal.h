/* Private to src/setup: the state of one setup run, shared by its files.
 * (The component's interface is setup.h.) */
#ifndef OTEL_SETUP_INTERNAL_H
#define OTEL_SETUP_INTERNAL_H

#include <pthread.h>

#include "cache/cache.h"
#include "golist/golist.h"
#include "gosrc/gosrc.h"
#include "inject/inject.h"
#include "rules/rules.h"
#include "setup/setup.h"
#include "util/util.h"

/* A hook function's signature, read once per (package, name). */
typedef struct {
    const char *path;
    const char *name;
    HookSig sig;
    bool found;
} HookEntry;

/* An interface type of a hook package, for the hook context check. */
typedef struct {
    const char *name;
    const char *body; /* text between the braces */
} HookTypeText;

/* One overlay mapping: Go sees `from` with the contents of `to`. */
typedef struct {
    const char *from;
    const char *to;
    const char *plan;  /* content hash of the injection plan of an instrumented copy, else NULL */
} OverlayEntry;

typedef struct {
    Arena *a;
    const SetupOptions *opt;
    const char *root;          /* main module root (directory of go.mod) */
    const char *work;          /* work directory */
    const char *main_module;   /* main module path, or NULL */
    const char *gowork;        /* the user's go.work in workspace mode, else NULL */
    PackageTable pt;
    RuleSet *rules;
    HookEntry **hooks;
    int nhooks;
    HookTypeText *hook_types;  /* interfaces of the hook package being read */
    int hook_types_n;
    OverlayEntry *overlay;
    int noverlay;
    const char **hook_paths;   /* distinct hook packages used by injected code */
    int nhook_paths;
    bool uses_libs;            /* a hook lives in the libs module (SDK) */
    const char **lib_mods;     /* library modules in use (libs/<name>/ with its own go.mod), by path */
    int nlib_mods;
    bool extras;               /* inject_code / add_struct_fields changed a file */
    bool exit_hook;            /* the exit hook file is added to internal/coverage/cfile (output.c) */
    int nfiles, nfuncs;
    StatCache *sc;             /* stat cache of this work directory */
    char key[33];              /* the setup key */
    char graph_key[33];        /* the package graph's key (setup key less the rules) */
    const char *setup_dir;     /* <work>/setups/<key>: overlay, go.mod, go.sum, marker */
    const char *cas_dir;       /* <work>/cache: generated files by content hash */
    Buf watch;                 /* marker watch lines (see marker.c) */
    pthread_mutex_t lock;      /* guards a, hooks and sc while instrumenting in parallel */
    const char *tool_id;       /* otel's version and binary identity, for cache keys */
    int icache_hits;           /* candidate files answered by the instrumented-file cache */
    int candidates;            /* files a rule's function name occurs in */
    bool graph_reused;         /* go list's saved output was used (no go list run) */
    StrSet watched;            /* paths already in watch */
    const char *modcache;      /* go env GOMODCACHE (reach.c), or NULL */
    const char *goroot_src;    /* GOROOT/src once found (setup_goroot_src), else NULL */
    int go_minor;              /* Go's minor version + 1 once read (addfile.c), 0 before */
} Setup;

#ifndef OTEL_VERSION
#define OTEL_VERSION "dev"
#endif
#define OTEL_VERSION_STRING "otel " OTEL_VERSION

#define LIBS_MODULE OTEL_RT_MODULE "/libs"
#define GLS_PACKAGE LIBS_MODULE "/gls"
#define GLS_GROUP "gls"
#define OTELSETUP_GROUP "otelsetup"

/* setup.c: OTEL_GO_GLS=off (or 0, false): the built-in rules of group gls
 * (the goroutine's current span, in package runtime) are left out. */
bool setup_gls_off(void);

/* setup.c: the built-in rules (every rule file below libs/), less the gls
 * group when it is off; NULL with the errors in errs. */
RuleSet *setup_load_builtin_rules(const char *instr_dir, Buf *errs);
#define OTELSETUP_PACKAGE LIBS_MODULE "/otelsetup"
/* The standard package that gets otel's exit hook file, and the public
 * package the main package imports to link it (output.c). */
#define EXIT_HOOK_PACKAGE_DIR "internal/coverage/cfile"
#define EXIT_HOOK_IMPORT "runtime/coverage"

/* match.c: does fn (with a body) of the parsed file gf (bytes src[0..len),
 * base name file_name) match the rule's where tree (rules_where_matches:
 * func/recv, signature filters, file predicates)? a is scratch. */
bool setup_func_matches(const Rule *r, const GoFile *gf, const char *src, size_t len, const char *file_name,
                        const GoFunc *fn, Arena *a);

/* extras.c: does src mention the rule's where.struct (a candidate file)? */
bool setup_rule_mentions_extra(const Rule *r, const char *src, size_t len);

/* extras.c: hash what an inject_code / add_struct_fields modifier does. */
void setup_hash_extra_mod(Hasher *h, const Rule *r, const Modifier *m);

/* extras.c: the inject_code and add_struct_fields uses of the rules in the
 * parsed file gf of pkg (srcs: the package's files), templates rendered,
 * imports checked against what the package may import (unreachable: it is
 * compiled through the -toolexec wrapper). in->src/len are left for the
 * caller. 0, or -1 with *err (in a). Touches no Setup state (thread-safe;
 * tools/inject_golden calls it too). */
int setup_file_extras(bool unreachable, Arena *a, const GoPackage *pkg, const Rule **rules, int nrules, const Buf *srcs,
                      const GoFile *gf, const char *file_name, const Buf *src, ExtraInput *in, const char **err);

/* match.c: pkg as rules see it: its GoFiles, then its CgoFiles and (when
 * tests) its TestGoFiles, all in go_files; pkg itself when it has neither.
 * In s->a. */
const GoPackage *setup_source_view(Setup *s, const GoPackage *pkg, bool tests);

/* match.c: instrument every file that a rule reaches. 0 or exit status. */
int setup_instrument(Setup *s);

/* addfile.c: add the file of every add_file rule to the packages it
 * targets (overlay), counting them in s->nfiles; note_path records each
 * rule's source package as linked. 0 or -1 (message printed). */
int setup_add_files(Setup *s, void (*note_path)(Setup *, const char *));

/* hooks.c: the signature of hook `name` in package `path`, or NULL with a
 * message printed. */
const HookSig *setup_hook_sig(Setup *s, const char *path, const char *name);

/* hooks.c: the source directory of a hook package, or NULL. */
const char *setup_hook_dir(Setup *s, const char *path);

/* output.c: write a generated file under work/files and map `from` to it. */
int setup_add_overlay_file(Setup *s, const char *from, const char *data, size_t len);

/* output.c: map `from` to the already stored generated file with content
 * hash `hash`. */
int setup_add_overlay_cached(Setup *s, const char *from, const char *hash);

/* output.c: GOROOT/src, from the directory of package runtime (always in
 * the graph), in s->a; NULL when unknown. */
const char *setup_goroot_src(Setup *s);

/* output.c: the runtime files (otel_runtime.go in main packages, an external
 * test file in packages under test). */
int setup_add_runtime_files(Setup *s);

/* output.c: overlay.json; returns its path (in s->a) or NULL. */
const char *setup_write_overlay(Setup *s, const char *user_overlay);

/* reach.c: read GOMODCACHE (once, before instrumenting). */
void setup_read_modcache(Setup *s);

/* reach.c: is a path beneath GOMODCACHE, where go refuses the overlay (so
 * its package is compiled through the -toolexec wrapper)? */
bool setup_unreachable(const Setup *s, const char *path);

/* reach.c: move the overlay entries beneath GOMODCACHE (which go refuses)
 * into package files for the -toolexec wrapper, and in a coverage build
 * write the cover files and index of every instrumented package; fill
 * res->toolexec and res->pkg_gcflags. 0 or an exit status. */
int setup_split_unreachable(Setup *s, SetupResult *res);

/* modfile.c: the alternate go.mod and go.sum; returns the go.mod path or
 * NULL. When the go line had to be raised, *lang_pin (if lang_pin != NULL)
 * gets the -gcflags flag that keeps the main module's language version. */
const char *setup_write_modfile(Setup *s, const char *user_modfile, char **lang_pin);

/* modfile.c: note the module of a hook or add_file package of ours: a
 * library under libs/<name>/ with its own go.mod (it requires the library
 * it instruments, which must not enter builds that do not use it) is added
 * to the alternate go.mod/go.work with its requirements and go.sum. */
void setup_note_lib_module(Setup *s, const char *pkgpath);

/* modfile.c: the alternate go.work (workspace mode): the user's, with
 * relative paths made absolute, plus `use` of otel's modules; and its
 * go.work.sum. Returns the go.work path or NULL. */
const char *setup_write_workfile(Setup *s);

/* key.c: the setup key of DESIGN.md §4 into key[33], and the graph key
 * (the same inputs less the rules and otel's own modules: what go list's
 * answer depends on) into graph_key[33]. */
void setup_compute_key(const Setup *s, StatCache *sc, char graph_key[33], char key[33]);

/* key.c: hash the import fingerprint of the tree at root. */
void setup_hash_import_fingerprint(Hasher *h, StatCache *sc, const char *root);

/* key.c: hash every source/rule file of the tree at dir; when watch is not
 * NULL, also add each file to its marker watch list. */
void setup_hash_tree_sources(Hasher *h, StatCache *sc, const char *dir, Setup *watch);

/* key.c: otel's own identity (version, binary size and mtime), in s->a. */
const char *setup_tool_id(Setup *s);

/* marker.c: add a file whose content a later hit must find unchanged. */
void setup_watch_file(Setup *s, const char *path);

/* marker.c: the import-fingerprint digest of the tree at dir into out[33]. */
void setup_tree_digest(Setup *s, const char *dir, char out[33]);

/* marker.c: add a tree whose import fingerprint a later hit must find unchanged. */
void setup_watch_tree(Setup *s, const char *dir);

/* marker.c: does a watch line ("watch"/"tree", hash, path) still hold? */
bool setup_watch_line_holds(Setup *s, const char *kind, const char *hash, const char *path);

/* marker.c: write the marker (last step of a setup). 0 or -1. */
int setup_write_marker(Setup *s, const SetupResult *res);

/* marker.c: read and verify the marker for s->key; 0 and *res filled on a
 * hit, -1 on a miss. */
int setup_read_marker(Setup *s, SetupResult *res);

/* Header digest for the stat cache: package clause, build constraint and
 * imports of a Go file (gosrc_parse_header). */
int setup_header_digest(const char *data, size_t len, char out[33]);

#endif
