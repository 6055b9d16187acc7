package hooks

import "example.com/golden/hooks"

func BeforeScale(ictx hooks.HookContext, x float64, by int) {}

func AfterScale(ictx hooks.HookContext, r float64) {}
