package hooks

import "example.com/golden/hooks"

func BeforeNop(ictx hooks.HookContext, a int, b string, c []byte) {}

func AfterNop(ictx hooks.HookContext, err error) {}
