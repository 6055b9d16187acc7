package aliased // import "example.com/golden/cases/aliased_import"

import (
	stdctx "context"
	. "strings"
	tm "time"
)

// Wait's parameter types use an aliased and a dot import: the trampolines
// sit in this file, so they resolve the same way.
func Wait(ctx stdctx.Context, d tm.Duration, label string) error {
	_ = ToLower(label)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.After(d):
		return nil
	}
}

func Upper(b *Builder) string {
	return ToUpper(b.String())
}
