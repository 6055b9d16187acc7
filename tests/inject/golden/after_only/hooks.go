package hooks

import (
	"os"

	"example.com/golden/hooks"
)

func AfterOpen(ictx hooks.HookContext, f *os.File, err error) {}
