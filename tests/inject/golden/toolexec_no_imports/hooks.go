package hooks

import "example.com/golden/hooks"

func BeforeAdd(ictx hooks.HookContext, a, b int) {}

func AfterAdd(ictx hooks.HookContext, r int) {}
