/* toolexec: otel as go's -toolexec wrapper, for the packages the overlay
 * cannot reach (docs/REACH.md).
 *
 * go runs `otel toolexec <cas dir> <cover index> <cgo index> <n> <user words...> <tool> <args...>`
 * for every tool invocation of the build (compile, asm, link, cover, vet,
 * cgo, and `<tool> -V=full` for the tool's identity). <n> user words are the
 * user's own -toolexec command, run in front of the tool as go would have.
 *
 * For every invocation except a compile carrying otel's package marker
 * (`-otelmark=<hash>`, passed through -gcflags for that package alone) and
 * the cgo and cover steps below, the wrapper is a plain execv: nothing is
 * read, nothing is parsed beyond argv.
 * With the marker it reads <cas dir>/xx/<hash>.pkg (written by setup: the
 * package directory, which of its files are replaced by which instrumented
 * copies, which files are added), rewrites the file arguments, maps the
 * copies' positions back to the original paths through -trimpath (as go
 * does for overlays), removes the marker and execs the compiler.
 *
 * cgo files are processed by cgo before the compiler sees them (it gets
 * cgo's output, x.cgo1.go in go's work directory), so their copies are for
 * the cgo step: when <cgo index> names a file ("-" otherwise: no package
 * beneath GOMODCACHE has an instrumented cgo file), a cgo invocation whose
 * -importpath the index lists (`<import path>\t<pkg file hash>` lines) gets
 * the copies instead of the files and -trimpath `copy=>original`, what go
 * gives cgo for an overlaid cgo file; cgo's //line directives then name the
 * original. Every other cgo invocation is a plain execv after one read of
 * the small index.
 *
 * Since the compile's cache key is go's own (file hashes, -gcflags with the
 * marker, the compiler's -V=full answer that the wrapper passes through),
 * a package keeps its plain key exactly when no rule touches it.
 *
 * In a coverage build (<cover index> names a file; "-" otherwise) the
 * wrapper also runs the cover tool itself for the packages the index
 * names: cover gets the original files (as go gives them), then the wrapper
 * applies the injection plans to cover's output and writes the files otel
 * adds, so that coverage counts the user's code and never otel's. */
#ifndef OTEL_TOOLEXEC_H
#define OTEL_TOOLEXEC_H

/* The flag prefix setup adds to an instrumented package's -gcflags. */
#define TOOLEXEC_MARK_FLAG "-otelmark="

/* The pkg file format's first line. */
#define TOOLEXEC_PKG_HEADER "otel-toolexec 1"

/* The cover file format's first line (coverage builds, docs/COVERAGE.md):
 *   otel-cover 1
 *   dir\t<package directory>
 *   plan\t<file name>\t<injection plan file>   (a file otel instruments)
 *   add\t<file name>\t<generated file>         (a file otel adds)   */
#define TOOLEXEC_COVER_HEADER "otel-cover 1"

/* argv as go passed it, less "otel toolexec". Returns only on failure,
 * with an exit status (a message printed). */
int toolexec_main(int argc, char **argv);

#endif
