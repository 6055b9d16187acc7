// Package grpc holds otel's hooks for google.golang.org/grpc (rules.yaml):
// a CLIENT span for every call attempt a ClientConn makes and a SERVER span
// for every call a Server handles, unary and streaming, following the
// OpenTelemetry semantic conventions for gRPC (semconv v1.39.0), with the
// W3C trace context carried in the call's metadata both ways.
//
// The hooks only add an option: grpc.NewServer gets grpc.StatsHandler and
// grpc.NewClient (grpc.DialContext before v1.63) gets grpc.WithStatsHandler
// of this package's handler, appended after the caller's options. The spans
// then come from gRPC's own, public stats API, the same one otelgrpc uses,
// so no unexported gRPC function is touched. A ClientConn or Server created
// while the group is switched off gets no handler and costs nothing.
package grpc

import (
	"context"
	"reflect"

	grpclib "google.golang.org/grpc"

	"otelgo.dev/instrumentation/hook"
)

// BeforeNewServer adds the server handler to the options of grpc.NewServer.
func BeforeNewServer(ictx hook.HookContext, opt ...grpclib.ServerOption) {
	h := newServerHandler()
	ictx.SetData(h)
	ictx.SetParam(0, withOption(opt, grpclib.StatsHandler(h)))
}

// AfterNewServer tells the handler its Server, whose registered methods
// tell a known method from one the server does not have (rpc.method).
func AfterNewServer(ictx hook.HookContext, srv *grpclib.Server) {
	if h, ok := ictx.GetData().(*handler); ok && srv != nil {
		h.unknownServed = hasUnknownHandler(srv)
		h.srv.Store(srv)
	}
}

// hasUnknownHandler reports whether srv was given a
// grpc.UnknownServiceHandler, read from its unexported options (the same
// field from v1.60 to v1.85); true when they cannot be read, so that the
// handler then assumes unknown methods are served.
func hasUnknownHandler(srv *grpclib.Server) bool {
	opts := reflect.ValueOf(srv).Elem().FieldByName("opts")
	if !opts.IsValid() || opts.Kind() != reflect.Struct {
		return true
	}
	f := opts.FieldByName("unknownStreamDesc")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return true
	}
	return !f.IsNil()
}

// BeforeNewClient adds a client handler for target to the options of
// grpc.NewClient (v1.63 on; grpc.Dial and grpc.DialContext call it).
func BeforeNewClient(ictx hook.HookContext, target string, opts ...grpclib.DialOption) {
	ictx.SetParam(1, withOption(opts, grpclib.WithStatsHandler(newClientHandler(target))))
}

// BeforeDialContext does the same for grpc.DialContext before v1.63, where
// it (and grpc.Dial, which calls it) was the constructor.
func BeforeDialContext(ictx hook.HookContext, ctx context.Context, target string, opts ...grpclib.DialOption) {
	ictx.SetParam(2, withOption(opts, grpclib.WithStatsHandler(newClientHandler(target))))
}

// withOption returns opts with o appended, in a new array: the caller's
// slice (and what its spare capacity holds) is never written.
func withOption[T any](opts []T, o T) []T {
	out := make([]T, len(opts), len(opts)+1)
	copy(out, opts)
	return append(out, o)
}
