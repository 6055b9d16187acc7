package hooks

import "example.com/golden/hooks"

func BeforeToUpper(ictx hooks.HookContext, s string) {}

func AfterToUpper(ictx hooks.HookContext, r string) {}

// The receiver's type is not importable from a hook of a std package in
// general (unexported types): it arrives boxed.
func BeforeWrite(ictx hooks.HookContext, b interface{}, s string) {}

func AfterWrite(ictx hooks.HookContext, n int, err error) {}
