package hooks

import "example.com/golden/hooks"

func BeforeTrace(ictx hooks.HookContext, key string) {}

func AfterTrace(ictx hooks.HookContext, v string, err error) {}

func BeforeMetrics(ictx hooks.HookContext, key string) {}

func AfterMetrics(ictx hooks.HookContext, v string, err error) {}
