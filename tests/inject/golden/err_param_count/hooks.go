package hooks

import "example.com/golden/hooks"

func BeforeDo(ictx hooks.HookContext, a int, b string) {}

func AfterDo(ictx hooks.HookContext, err error) {}
