/* go list JSON stream -> package table, including objects split across
 * whitespace, module replacements and test variants. */
#include "golist/golist.h"
#include "test.h"

static const char stream[] =
    "{\n\t\"Dir\": \"/go/src/fmt\",\n\t\"ImportPath\": \"fmt\",\n\t\"Name\": \"fmt\",\n"
    "\t\"Standard\": true,\n\t\"DepOnly\": true,\n\t\"GoFiles\": [\"doc.go\", \"print.go\"]\n}\n"
    "{\n\t\"Dir\": \"/m/lib\",\n\t\"ImportPath\": \"example.com/lib\",\n\t\"Name\": \"lib\",\n"
    "\t\"Module\": {\"Path\": \"example.com/lib\", \"Version\": \"v1.2.3\", \"Dir\": \"/cache/lib@v1.2.3\"},\n"
    "\t\"GoFiles\": [\"lib.go\"], \"CgoFiles\": [\"c.go\"]\n}\n"
    "{\"Dir\": \"/m/loc\", \"ImportPath\": \"example.com/loc\", \"Name\": \"loc\",\n"
    " \"Module\": {\"Path\": \"example.com/loc\", \"Version\": \"v0.1.0\",\n"
    "   \"Replace\": {\"Path\": \"../loc\", \"Dir\": \"/m/loc\"}}, \"GoFiles\": [\"loc.go\"]}\n"
    "{\"Dir\": \"/m\", \"ImportPath\": \"example.com/app [example.com/app.test]\", \"Name\": \"main\",\n"
    " \"ForTest\": \"example.com/app\", \"Module\": {\"Path\": \"example.com/app\", \"Main\": true, \"Dir\": \"/m\"},\n"
    " \"GoFiles\": [\"main.go\"], \"TestGoFiles\": [\"main_test.go\"], \"XTestGoFiles\": [\"x_test.go\"],\n"
    " \"Error\": {\"Err\": \"boom\"}}\n";

static void run_tests(void) {
    Arena *a = arena_new();
    PackageTable pt;
    CHECK_INT(golist_parse(a, stream, sizeof stream - 1, &pt), 0);
    CHECK_INT(pt.npkgs, 4);
    if (pt.npkgs == 4) {
        CHECK_STR(pt.pkgs[0].import_path, "fmt");
        CHECK(pt.pkgs[0].standard);
        CHECK(pt.pkgs[0].dep_only);
        CHECK_INT(pt.pkgs[0].ngo_files, 2);
        CHECK_STR(pt.pkgs[0].go_files[1], "print.go");
        CHECK(pt.pkgs[0].module_path == NULL);
        CHECK_STR(pt.pkgs[1].module_version, "v1.2.3");
        CHECK_INT(pt.pkgs[1].ncgo_files, 1);
        CHECK(!pt.pkgs[1].dep_only);
        /* A local replacement has no version, and its Dir is the replacement's. */
        CHECK_STR(pt.pkgs[2].module_version, "");
        CHECK_STR(pt.pkgs[2].module_dir, "/m/loc");
        CHECK(pt.pkgs[3].module_main);
        CHECK_STR(pt.pkgs[3].for_test, "example.com/app");
        CHECK_INT(pt.pkgs[3].ntest_go_files, 1);
        CHECK_INT(pt.pkgs[3].nxtest_go_files, 1);
        CHECK_STR(pt.pkgs[3].error, "boom");
        CHECK_STR(golist_base_path(a, pt.pkgs[3].import_path), "example.com/app");
    }
    /* Broken JSON is an error, not a crash. */
    CHECK_INT(golist_parse(a, "{\"ImportPath\": ]", 16, &pt), -1);
    /* Empty output is an empty table. */
    CHECK_INT(golist_parse(a, "", 0, &pt), 0);
    CHECK_INT(pt.npkgs, 0);
    arena_free(a);
}
