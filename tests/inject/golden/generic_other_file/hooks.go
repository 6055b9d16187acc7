package hooks

import "example.com/golden/hooks"

func BeforeAdd(ictx hooks.HookContext, s, e interface{}) {}

func AfterAdd(ictx hooks.HookContext, added bool) {}
