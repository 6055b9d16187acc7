package hooks

import "example.com/golden/hooks"

func AfterGet(ictx hooks.HookContext, n int) {}
