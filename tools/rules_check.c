/* rules_check: `otel rules check` without the cli, for tests/t_rules_corpus.sh
 * until (and besides) the cli wires the subcommand. */
#include "rules/rules.h"

int main(int argc, char **argv) { return rules_check_main(argc - 1, argv + 1); }
