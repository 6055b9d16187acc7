// Package chiroute names the net/http SERVER span of a request that chi
// routes after the route pattern chi matched (rules.yaml, group "chi").
package chiroute

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/nethttp"
)

// routeCall is what BeforeRouteHTTP hands to AfterRouteHTTP.
type routeCall struct {
	req        *http.Request
	rctx       *chi.Context
	patterns   int    // len(rctx.RoutePatterns) on entry
	route      string // nethttp.Route on entry
	routeKnown bool
}

// BeforeRouteHTTP notes how many patterns the request had matched before
// this Mux looks its route up, and what route was recorded so far.
func BeforeRouteHTTP(ictx hook.HookContext, mx *chi.Mux, w http.ResponseWriter, r *http.Request) {
	if r == nil {
		return
	}
	rctx := chi.RouteContext(r.Context())
	if rctx == nil {
		return
	}
	c := &routeCall{req: r, rctx: rctx, patterns: len(rctx.RoutePatterns)}
	c.route, c.routeKnown = nethttp.Route(r.Context())
	ictx.SetData(c)
}

// AfterRouteHTTP hands the route to the request's SERVER span once this
// Mux's handler has returned (rctx still belongs to the request: the
// outermost Mux returns it to its pool only after this).
//
//   - No pattern added here: this Mux matched nothing (404, 405): no route.
//   - More than one added: a Mux mounted below matched, and its own hook
//     has already decided.
//   - Exactly one: this Mux's route is the deepest match, unless it is a
//     Mount whose subrouter matched nothing; that subrouter's hook then
//     recorded "no route" after this one's entry, which is left alone.
func AfterRouteHTTP(ictx hook.HookContext) {
	c, ok := ictx.GetData().(*routeCall)
	if !ok {
		return
	}
	ctx := c.req.Context()
	switch added := len(c.rctx.RoutePatterns) - c.patterns; {
	case added <= 0:
		nethttp.SetRoute(ctx, "")
	case added == 1:
		if route, known := nethttp.Route(ctx); known != c.routeKnown || route != c.route {
			return
		}
		nethttp.SetRoute(ctx, c.rctx.RoutePattern())
	}
}
