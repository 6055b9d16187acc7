package hooks

import "example.com/golden/hooks"

func BeforePick(ictx hooks.HookContext, a int, x string, b bool) {}

func AfterPick(ictx hooks.HookContext, s string, err error) {}

func BeforePair(ictx hooks.HookContext, a, b int) {}

func AfterPair(ictx hooks.HookContext, x, y int) {}
