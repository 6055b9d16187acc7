package hooks

import "example.com/golden/hooks"

func BeforeAdd(ictx hooks.HookContext, addr *int32, delta int32) {}

func AfterAdd(ictx hooks.HookContext, n int32) {}
