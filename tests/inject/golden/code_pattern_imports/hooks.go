package hooks

import "example.com/golden/hooks"

func BeforeNewproc1(ctx hooks.HookContext, fn, callergp interface{}, callerpc uintptr) {}
