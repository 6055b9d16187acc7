package hooks

import "example.com/golden/hooks"

func BeforeParse(ictx hooks.HookContext, s string) {}

func AfterParse(ictx hooks.HookContext, n int, err error) {}
