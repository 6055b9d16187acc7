package hooks

import (
	"example.com/golden/cases/ptr_receiver"
	"example.com/golden/hooks"
)

func BeforeHandle(ictx hooks.HookContext, s *server.Server, req string) {}

func AfterHandle(ictx hooks.HookContext, err error) {}
