package hooks

import "example.com/golden/hooks"

func BeforeKey(ictx hooks.HookContext, p interface{}) {}

func AfterKey(ictx hooks.HookContext, k interface{}) {}

func BeforeVals(ictx hooks.HookContext, p interface{}) {}

func AfterVals(ictx hooks.HookContext, v interface{}) {}
