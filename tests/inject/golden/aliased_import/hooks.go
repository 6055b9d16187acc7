package hooks

import (
	"context"
	"strings"
	"time"

	"example.com/golden/hooks"
)

func BeforeWait(ictx hooks.HookContext, ctx context.Context, d time.Duration, label string) {}

func AfterWait(ictx hooks.HookContext, err error) {}

func BeforeUpper(ictx hooks.HookContext, b *strings.Builder) {}

func AfterUpper(ictx hooks.HookContext, s string) {}
