package hooks

import "example.com/golden/hooks"

func BeforeScale(ictx hooks.HookContext, v interface{}, by interface{}) {}

func AfterScale(ictx hooks.HookContext, r interface{}) {}

func BeforeShow(ictx hooks.HookContext, v int) {}
