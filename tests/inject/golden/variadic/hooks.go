package hooks

import "example.com/golden/hooks"

func BeforeJoin(ictx hooks.HookContext, sep string, parts ...string) {}

func AfterJoin(ictx hooks.HookContext, s string) {}

func BeforeSum(ictx hooks.HookContext, xs []int) {}

func AfterSum(ictx hooks.HookContext, total int) {}
