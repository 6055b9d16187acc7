package hooks

import "example.com/golden/hooks"

// Parameters whose types use a type parameter arrive boxed.
func BeforeMap(ictx hooks.HookContext, xs interface{}, f any) {}

func AfterMap(ictx hooks.HookContext, out interface{}) {}
