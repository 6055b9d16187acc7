// Package echoroute names the net/http SERVER span of a request that echo
// routes after the route echo matched (rules.yaml, group "echo").
package echoroute

import (
	"reflect"

	"github.com/labstack/echo/v4"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/nethttp"
)

// BeforeFind keeps the echo.Context Find fills in for the after hook.
func BeforeFind(ictx hook.HookContext, r *echo.Router, method, path string, c echo.Context) {
	if c != nil {
		ictx.SetData(c)
	}
}

// AfterFind hands the matched route (c.Path()) to the request's SERVER
// span. When nothing matched, echo leaves its NotFoundHandler (404) or
// MethodNotAllowedHandler (405) in the context, and c.Path() is the raw
// path or a partial match: "" (no route) then.
func AfterFind(ictx hook.HookContext) {
	c, ok := ictx.GetData().(echo.Context)
	if !ok {
		return
	}
	req := c.Request()
	if req == nil {
		return
	}
	route := c.Path()
	if !matched(c.Handler()) {
		route = ""
	}
	nethttp.SetRoute(req.Context(), route)
}

// matched reports whether h is a route's handler rather than one of echo's
// handlers for no route. Funcs compare by their code (echo's are package
// variables holding plain func literals).
func matched(h echo.HandlerFunc) bool {
	if h == nil {
		return false
	}
	p := reflect.ValueOf(h).Pointer()
	return p != reflect.ValueOf(echo.NotFoundHandler).Pointer() &&
		p != reflect.ValueOf(echo.MethodNotAllowedHandler).Pointer()
}
