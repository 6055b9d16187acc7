package hooks

import "example.com/golden/hooks"

func BeforeDiv(ictx hooks.HookContext, a, b int) {}

func AfterDiv(ictx hooks.HookContext, q int, err error) {}
