package hooks

import (
	"unsafe"

	"example.com/golden/hooks"
)

func BeforeSize(ictx hooks.HookContext, p unsafe.Pointer, n uintptr) {}

func AfterSize(ictx hooks.HookContext, r uintptr) {}
