// Package ginroute names the net/http SERVER span of a request that gin
// routes after the route gin matched (rules.yaml, group "gin").
package ginroute

import (
	"github.com/gin-gonic/gin"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/nethttp"
)

// BeforeHandleHTTPRequest keeps the request's gin context for the after
// hook: the route is known only once gin has looked it up.
func BeforeHandleHTTPRequest(ictx hook.HookContext, engine *gin.Engine, c *gin.Context) {
	if c != nil {
		ictx.SetData(c)
	}
}

// AfterHandleHTTPRequest hands the matched route (c.FullPath()) to the
// request's SERVER span; "" (no route) when none matched: 404, 405, and
// gin's trailing-slash and fixed-path redirects.
func AfterHandleHTTPRequest(ictx hook.HookContext) {
	c, ok := ictx.GetData().(*gin.Context)
	if !ok || c.Request == nil {
		return
	}
	nethttp.SetRoute(c.Request.Context(), c.FullPath())
}
