package fz

import "context"

type Server struct {
	Addr string
}

//otel:fz name:"serve" kind:server
func (s *Server) Serve(ctx context.Context, n int) (err error) {
	return nil
}

//otel:fz
func helper[T any](v T, _ int) T { return v }
