// Package muxroute names the net/http SERVER span of a request that
// gorilla/mux routes after the template of the route it matched
// (rules.yaml, group "gorillamux").
package muxroute

import (
	"net/http"

	"github.com/gorilla/mux"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/nethttp"
)

// matchCall is what BeforeMatch hands to AfterMatch.
type matchCall struct {
	req   *http.Request
	match *mux.RouteMatch
}

// BeforeMatch keeps the request and the RouteMatch that Match fills in.
func BeforeMatch(ictx hook.HookContext, r *mux.Router, req *http.Request, match *mux.RouteMatch) {
	if req != nil && match != nil {
		ictx.SetData(matchCall{req: req, match: match})
	}
}

// AfterMatch hands the matched route's path template to the request's
// SERVER span: "" (no route) for 404 and 405 (MatchErr set). A route
// without a path (host or header matchers only) leaves the span as it is.
// A subrouter's Match that fails while a later sibling route matches is
// overridden by its parent's, which returns last.
func AfterMatch(ictx hook.HookContext, matched bool) {
	c, ok := ictx.GetData().(matchCall)
	if !ok {
		return
	}
	if !matched || c.match.MatchErr != nil || c.match.Route == nil {
		nethttp.SetRoute(c.req.Context(), "")
		return
	}
	if route, err := c.match.Route.GetPathTemplate(); err == nil && route != "" {
		nethttp.SetRoute(c.req.Context(), route)
	}
}
