package hooks

import "example.com/golden/hooks"

func BeforeFirst(ictx hooks.HookContext, xs []int) {}
