package hooks

import "example.com/golden/hooks"

func BeforeLog(ictx hooks.HookContext, msg string) {}

func AfterLog(ictx hooks.HookContext) {}

func BeforeTick(ictx hooks.HookContext) {}

func AfterTick(ictx hooks.HookContext) {}
