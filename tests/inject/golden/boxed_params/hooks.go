package hooks

import "example.com/golden/hooks"

func BeforeApply(ictx hooks.HookContext, c interface{}, level int, opts any) {}

func AfterApply(ictx hooks.HookContext, r interface{}, err error) {}
