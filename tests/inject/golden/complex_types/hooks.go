package hooks

import "example.com/golden/hooks"

func BeforeServe(ictx hooks.HookContext, h, ch, arr, cfg, fn interface{}) {}

func AfterServe(ictx hooks.HookContext, f func() error) {}
