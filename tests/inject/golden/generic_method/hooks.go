package hooks

import "example.com/golden/hooks"

func BeforePush(ictx hooks.HookContext, l interface{}, v interface{}) {}

func AfterPush(ictx hooks.HookContext) {}

func BeforeLen(ictx hooks.HookContext, l interface{}) {}

func AfterLen(ictx hooks.HookContext, n int) {}
