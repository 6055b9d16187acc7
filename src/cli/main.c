/* otel: the command-line entry point.
 *
 * Reads otel's own flags (before `go` or right after it), then either runs
 * one of otel's own commands or the setup step followed by exec of go. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "rules/rules.h"
#include "setup/setup.h"
#include "toolexec/toolexec.h"
#include "util/util.h"

#ifndef OTEL_VERSION
#define OTEL_VERSION "dev"
#endif

typedef struct {
    char **rule_paths; /* split --rules / OTEL_GO_RULES */
    int nrule_paths;
    const char *work_dir;
    bool force_rebuild;
    int verbosity;     /* -1: unset */
} OtelFlags;

static void usage(FILE *f) {
    fputs("usage: otel [otel flags] go [otel flags] <build|install|run|test|...> [go flags] [packages]\n"
          "       otel version\n"
          "       otel rules check FILE...    validate rule files (errors as file:line:col: message)\n"
          "       otel [--rules F] rules list [packages]   what each rule matches in this build, and why\n"
          "       otel clean                  remove .otel-build/ of the current module\n"
          "\n"
          "otel builds Go programs with OpenTelemetry instrumentation injected at compile time.\n"
          "It runs one setup step (package graph, rule matching, instrumented copies under\n"
          ".otel-build/), then runs go with -overlay and -modfile. Your files are never written.\n"
          "\n"
          "otel flags (each has an environment twin):\n"
          "  --rules FILE|DIR[,...]   use these rule files instead of the built-in rules  (OTEL_GO_RULES)\n"
          "  --work-dir DIR           where setup writes its files (default <module>/.otel-build)  (OTEL_GO_WORK_DIR)\n"
          "  --force-rebuild          pass -a to go (never needed for correctness)  (OTEL_GO_FORCE_REBUILD=1)\n"
          "  -v, -vv                  info / debug output  (OTEL_GO_LOG_LEVEL=error|warn|info|debug)\n"
          "  -h, --help               this text\n"
          "\n"
          "go subcommands that build nothing (env, mod, vet, ...) are passed to go unchanged.\n",
          f);
}

static void split_rules(OtelFlags *of, const char *value) {
    char *copy = xstrdup(value);
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
        if (!*tok) continue;
        of->rule_paths = xrealloc(of->rule_paths, sizeof(char *) * (size_t)(of->nrule_paths + 1));
        of->rule_paths[of->nrule_paths++] = xstrdup(tok);
    }
    free(copy);
}

static int parse_level(const char *s) {
    if (strcasecmp(s, "error") == 0) return LOG_ERROR;
    if (strcasecmp(s, "warn") == 0 || strcasecmp(s, "warning") == 0) return LOG_WARN;
    if (strcasecmp(s, "info") == 0) return LOG_INFO;
    if (strcasecmp(s, "debug") == 0) return LOG_DEBUG;
    if (strcasecmp(s, "trace") == 0) return LOG_TRACE;
    return -1;
}

/* Consume otel flags at argv[*i...]; stop at the first word that is not
 * one. Returns -1 on a malformed flag, 1 when --help was asked. */
static int parse_otel_flags(OtelFlags *of, int argc, char **argv, int *i) {
    while (*i < argc) {
        const char *a = argv[*i];
        const char *val = NULL;
        if (strcmp(a, "--rules") == 0 || strcmp(a, "-rules") == 0) {
            if (*i + 1 >= argc) return -1;
            val = argv[++*i];
            of->nrule_paths = 0;
            split_rules(of, val);
        } else if (strncmp(a, "--rules=", 8) == 0) {
            of->nrule_paths = 0;
            split_rules(of, a + 8);
        } else if (strcmp(a, "--work-dir") == 0) {
            if (*i + 1 >= argc) return -1;
            of->work_dir = argv[++*i];
        } else if (strncmp(a, "--work-dir=", 11) == 0) {
            of->work_dir = a + 11;
        } else if (strcmp(a, "--force-rebuild") == 0) {
            of->force_rebuild = true;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            of->verbosity = LOG_INFO;
        } else if (strcmp(a, "-vv") == 0) {
            of->verbosity = LOG_DEBUG;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            return 1;
        } else {
            return 0;
        }
        (*i)++;
    }
    return 0;
}

static void read_env_flags(OtelFlags *of) {
    const char *e;
    if ((e = getenv("OTEL_GO_RULES")) && *e) split_rules(of, e);
    if ((e = getenv("OTEL_GO_WORK_DIR")) && *e) of->work_dir = e;
    if ((e = getenv("OTEL_GO_FORCE_REBUILD")) && *e && strcmp(e, "0") != 0 && strcasecmp(e, "false") != 0)
        of->force_rebuild = true;
    if ((e = getenv("OTEL_GO_LOG_LEVEL")) && *e) {
        int lv = parse_level(e);
        if (lv < 0) warn("OTEL_GO_LOG_LEVEL=%s is not one of error, warn, info, debug; ignored", e);
        else of->verbosity = lv;
    }
}

static void free_flags(OtelFlags *of) {
    for (int i = 0; i < of->nrule_paths; i++) free(of->rule_paths[i]);
    free(of->rule_paths);
}

/* Exec go with the arguments as given: for subcommands that build nothing. */
static int exec_plain_go(char **args, int nargs) {
    char **argv = xcalloc((size_t)nargs + 2, sizeof(char *));
    argv[0] = "go";
    for (int i = 0; i < nargs; i++) argv[i + 1] = args[i];
    fflush(NULL);
    execvp("go", argv);
    fprintf(stderr, "otel: error: cannot run go: %s\n", strerror(errno));
    free(argv);
    return 127;
}

static int cmd_go(OtelFlags *of, int argc, char **argv, int i) {
    /* otel flags may also stand right after `go`. */
    int rc = parse_otel_flags(of, argc, argv, &i);
    if (rc != 0) {
        usage(rc > 0 ? stdout : stderr);
        return rc > 0 ? 0 : 2;
    }
    if (of->verbosity >= 0) log_set_level(of->verbosity);
    if (i >= argc || !go_subcommand_builds(argv[i])) return exec_plain_go(argv + i, argc - i);
    /* `go build -C dir` (only allowed first): go changes directory before
     * anything else, so otel does the same and drops the flag. */
    char **gargs = argv + i + 1;
    int ngargs = argc - i - 1;
    const char *cdir = NULL;
    if (ngargs >= 2 && strcmp(gargs[0], "-C") == 0) cdir = gargs[1], gargs += 2, ngargs -= 2;
    else if (ngargs >= 1 && strncmp(gargs[0], "-C=", 3) == 0) cdir = gargs[0] + 3, gargs += 1, ngargs -= 1;
    if (cdir) {
        /* --rules paths are relative to where otel was started. */
        for (int r = 0; r < of->nrule_paths; r++) {
            char *abs = realpath(of->rule_paths[r], NULL);
            if (abs) {
                free(of->rule_paths[r]);
                of->rule_paths[r] = abs;
            }
        }
    }
    if (cdir && chdir(cdir) != 0) {
        fprintf(stderr, "otel: error: -C %s: %s\n", cdir, strerror(errno));
        return 2;
    }
    GoInvocation inv;
    if (go_invocation_parse(argv[i], gargs, ngargs, &inv) != 0) return 2;
    char *instr = setup_find_instrumentation_dir();
    if (!instr) {
        fprintf(stderr, "otel: error: cannot find the instrumentation/ Go module next to the otel binary\n"
                        "otel: set OTEL_GO_INSTRUMENTATION_DIR, or run `make install`\n");
        go_invocation_free(&inv);
        return 2;
    }
    SetupOptions opt = {
        .inv = &inv, .rule_paths = (const char *const *)of->rule_paths, .nrule_paths = of->nrule_paths,
        .work_dir = of->work_dir, .instr_dir = instr, .force_rebuild = of->force_rebuild,
    };
    SetupResult res;
    int status = setup_run(&opt, &res);
    if (status == 0) status = setup_exec_go(&inv, &res, of->force_rebuild);
    setup_result_free(&res);
    free(instr);
    go_invocation_free(&inv);
    return status;
}

static int cmd_rules_list(OtelFlags *of, int argc, char **argv) {
    char *dot[] = {"./..."};
    GoInvocation inv;
    if (go_invocation_parse("build", argc ? argv : dot, argc ? argc : 1, &inv) != 0) return 2;
    char *instr = setup_find_instrumentation_dir();
    if (!instr) {
        fprintf(stderr, "otel: error: cannot find the instrumentation/ Go module next to the otel binary\n");
        go_invocation_free(&inv);
        return 2;
    }
    SetupOptions opt = {
        .inv = &inv, .rule_paths = (const char *const *)of->rule_paths, .nrule_paths = of->nrule_paths,
        .instr_dir = instr,
    };
    int status = setup_list_rules(&opt);
    free(instr);
    go_invocation_free(&inv);
    return status;
}

static int cmd_clean(void) {
    char *root = setup_find_module_root();
    char cwd[4096];
    const char *base = root ? root : (getcwd(cwd, sizeof cwd) ? cwd : ".");
    char *work = path_join(base, ".otel-build");
    int rc = remove_tree(work);
    if (rc != 0) fprintf(stderr, "otel: error: cannot remove %s\n", work);
    free(work);
    free(root);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    /* go runs the -toolexec wrapper once per tool invocation: answer before
     * anything else is read (toolexec.h). */
    if (argc > 1 && strcmp(argv[1], "toolexec") == 0) return toolexec_main(argc - 2, argv + 2);
    OtelFlags of = {.verbosity = -1};
    read_env_flags(&of);
    int i = 1;
    int rc = parse_otel_flags(&of, argc, argv, &i);
    if (rc != 0 || i >= argc) {
        usage(rc > 0 ? stdout : stderr);
        free_flags(&of);
        return rc > 0 ? 0 : 2;
    }
    if (of.verbosity >= 0) log_set_level(of.verbosity);
    const char *cmd = argv[i];
    int status;
    if (strcmp(cmd, "go") == 0) {
        status = cmd_go(&of, argc, argv, i + 1);
    } else if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("otel version %s\n", OTEL_VERSION);
        status = 0;
    } else if (strcmp(cmd, "rules") == 0 && i + 1 < argc && strcmp(argv[i + 1], "check") == 0) {
        status = rules_check_main(argc - i - 2, argv + i + 2);
    } else if (strcmp(cmd, "rules") == 0 && i + 1 < argc && strcmp(argv[i + 1], "list") == 0) {
        status = cmd_rules_list(&of, argc - i - 2, argv + i + 2);
    } else if (strcmp(cmd, "clean") == 0) {
        status = cmd_clean();
    } else {
        fprintf(stderr, "otel: unknown command %s\n", cmd);
        usage(stderr);
        status = 2;
    }
    free_flags(&of);
    return status;
}
