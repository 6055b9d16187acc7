package hooks

import "example.com/golden/hooks"

func BeforePtr(ictx hooks.HookContext, t interface{}, n int) {}

func AfterPtr(ictx hooks.HookContext, r int) {}

func BeforeVal(ictx hooks.HookContext, t interface{}) {}

func AfterVal(ictx hooks.HookContext, s string) {}
