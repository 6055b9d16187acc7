/* files: from the paths a user names to loaded rule files.
 *
 * A path is a file or a directory; a directory stands for every *.yaml and
 * *.yml file below it, sorted by path so that load order (and so hook
 * order) never depends on the file system's readdir order. Entries whose
 * name starts with '.' are skipped (.git, editor swap files), and symbolic
 * links to directories are not followed, so a link cycle cannot loop. A
 * file named twice (say, a directory and a file inside it) is loaded once,
 * at its first position. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules/internal.h"

typedef struct {
    char **v;
    int n, cap;
} PathList;

static void pathlist_add(PathList *l, char *p) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = p;
}

static void pathlist_free(PathList *l) {
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static bool is_rule_file_name(const char *name) {
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/* Add every rule file below dir to out (unsorted). */
static void collect_dir(const char *dir, PathList *out, Buf *errors, int *nerrors) {
    DIR *d = opendir(dir);
    if (!d) {
        buf_printf(errors, "%s: cannot read directory: %s\n", dir, strerror(errno));
        (*nerrors)++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = path_join(dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            collect_dir(p, out, errors, nerrors);
            free(p);
        } else if (is_rule_file_name(e->d_name)) {
            pathlist_add(out, p);
        } else {
            free(p);
        }
    }
    closedir(d);
}

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The name of the directory holding the file at real path real. */
static char *real_dir_name(const char *real) {
    const char *slash = strrchr(real, '/');
    if (!slash || slash == real)
        return NULL;
    const char *start = slash;
    while (start > real && start[-1] != '/')
        start--;
    return xstrndup(start, (size_t)(slash - start));
}

/* Load one file into rs unless its real path was loaded already. */
static int load_file(RuleSet *rs, StrMap *loaded, const char *path, Buf *errors) {
    char real[PATH_MAX];
    Buf data = BUF_INIT;
    if (!realpath(path, real) || read_file(path, &data) != 0) {
        buf_printf(errors, "%s: cannot read: %s\n", path, strerror(errno));
        buf_free(&data);
        return 1;
    }
    bool added;
    strmap_put(loaded, arena_strdup(rs->arena, real), &added);
    if (!added) {
        buf_free(&data);
        return 0;
    }
    char *dir = real_dir_name(real);
    const char *group = rules_group_for(rs->arena, path, dir);
    free(dir);
    ruleset_add_file(rs, path);
    int n = rules_parse_into(rs, path, group, data.data ? data.data : "", data.len, errors);
    buf_free(&data);
    return n;
}

/* Load every rule file under dir, in sorted order. */
static int load_dir(RuleSet *rs, StrMap *loaded, const char *dir, Buf *errors) {
    PathList files = {0};
    int nerrors = 0;
    collect_dir(dir, &files, errors, &nerrors);
    if (files.n == 0 && nerrors == 0) {
        buf_printf(errors, "%s: no *.yaml or *.yml rule files in this directory\n", dir);
        nerrors++;
    }
    if (files.n > 1)
        qsort(files.v, (size_t)files.n, sizeof *files.v, compare_paths);
    for (int i = 0; i < files.n; i++)
        nerrors += load_file(rs, loaded, files.v[i], errors);
    pathlist_free(&files);
    return nerrors;
}

/* Drop the rules of group `group` (before the index is built). */
static void drop_group(RuleSet *rs, const char *group) {
    int kept = 0;
    for (int i = 0; i < rs->nrules; i++) {
        if (rs->rules[i].group && strcmp(rs->rules[i].group, group) == 0)
            continue;
        rs->rules[kept] = rs->rules[i];
        rs->rules[kept].order = kept;
        kept++;
    }
    rs->nrules = kept;
}

RuleSet *rules_load_without(const char *const *paths, int npaths, const char *skip_group, Buf *errors) {
    RuleSet *rs = ruleset_new();
    StrMap loaded = {0};
    int nerrors = 0;
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            nerrors += load_dir(rs, &loaded, paths[i], errors);
        else
            nerrors += load_file(rs, &loaded, paths[i], errors);
    }
    strmap_free(&loaded);
    if (nerrors) {
        rules_free(rs);
        return NULL;
    }
    if (skip_group)
        drop_group(rs, skip_group);
    ruleset_build_index(rs);
    return rs;
}

RuleSet *rules_load(const char *const *paths, int npaths, Buf *errors) {
    return rules_load_without(paths, npaths, NULL, errors);
}

RuleSet *rules_load_buffer(const char *name, const char *data, size_t len, Buf *errors) {
    RuleSet *rs = ruleset_new();
    ruleset_add_file(rs, name);
    const char *group = rules_group_for(rs->arena, name, NULL);
    if (rules_parse_into(rs, name, group, data, len, errors)) {
        rules_free(rs);
        return NULL;
    }
    ruleset_build_index(rs);
    return rs;
}
