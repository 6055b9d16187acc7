package hooks

import "example.com/golden/hooks"

func BeforeMax(ictx hooks.HookContext, a, b interface{}) {}

func AfterMax(ictx hooks.HookContext, r interface{}) {}

// from is an int: it may stay concrete.
func BeforeIndex(ictx hooks.HookContext, s, v interface{}, from int) {}

func AfterIndex(ictx hooks.HookContext, i int, ok bool) {}

func BeforeTotal(ictx hooks.HookContext, ns interface{}) {}
