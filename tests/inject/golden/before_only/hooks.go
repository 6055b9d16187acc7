package hooks

import "example.com/golden/hooks"

func BeforeCheck(ictx hooks.HookContext, n int) {}

func BeforeWarn(ictx hooks.HookContext, msg string) {}
