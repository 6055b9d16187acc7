package hooks

import (
	"example.com/golden/cases/value_receiver"
	"example.com/golden/hooks"
)

func BeforeDist(ictx hooks.HookContext, p geo.Point, q geo.Point) {}

func AfterDist(ictx hooks.HookContext, d float64) {}
