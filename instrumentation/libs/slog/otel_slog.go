//go:build ignore

// This file is not part of package slog of otel. The rule slog_ids_file
// (rules.yaml) adds it to the standard library's log/slog, whose injected
// lines call otel_slogIDs. It imports only what log/slog already imports:
// a log/slog beneath GOMODCACHE (a downloaded toolchain, reached through
// otel's -toolexec wrapper) cannot get new imports.

package slog

import (
	"context"
	_ "unsafe"
)

//go:linkname otel_slogIDs otelgo.dev/instrumentation/libs/slog.ids
func otel_slogIDs(ctx context.Context) (int, [3]Attr)
