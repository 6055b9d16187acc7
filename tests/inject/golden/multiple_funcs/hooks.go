package hooks

import "example.com/golden/hooks"

func BeforeFirst(ictx hooks.HookContext, a int) {}

func AfterFirst(ictx hooks.HookContext, r int) {}

func BeforeSecond(ictx hooks.HookContext, s string) {}

func BeforeThird(ictx hooks.HookContext, s interface{}) {}

func AfterThird(ictx hooks.HookContext, n int) {}
