package hooks

import "example.com/golden/hooks"

func BeforeId(ictx hooks.HookContext, x int) {}

func AfterId(ictx hooks.HookContext, r int) {}

func BeforeEmpty(ictx hooks.HookContext) {}

func AfterEmpty(ictx hooks.HookContext) {}

func AfterPair(ictx hooks.HookContext, a, b int) {}
