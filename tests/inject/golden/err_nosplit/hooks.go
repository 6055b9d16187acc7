package hooks

import "example.com/golden/hooks"

func BeforeFast(ictx hooks.HookContext, x int) {}
