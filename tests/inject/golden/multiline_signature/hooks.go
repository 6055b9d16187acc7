package hooks

import (
	"io"

	"example.com/golden/hooks"
)

func BeforeCopy(ictx hooks.HookContext, dst io.Writer, src io.Reader, n int) {}

func AfterCopy(ictx hooks.HookContext, n int64, err error) {}

func BeforeSingle(ictx hooks.HookContext, s string) {}

func AfterSingle(ictx hooks.HookContext, s string) {}
