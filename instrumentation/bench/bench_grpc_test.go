package bench

import (
	"context"
	"net"
	"testing"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// grpcUnary benchmarks unary health Check calls from a client to a server
// on loopback, with the given extra server and client options.
func grpcUnary(b *testing.B, srvOpts []grpc.ServerOption, dialOpts []grpc.DialOption) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := grpc.NewServer(srvOpts...)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	dialOpts = append(dialOpts, grpc.WithTransportCredentials(insecure.NewCredentials()))
	cc, err := grpc.NewClient(lis.Addr().String(), dialOpts...)
	if err != nil {
		b.Fatal(err)
	}
	defer cc.Close()
	client := healthpb.NewHealthClient(cc)
	ctx := context.Background()
	req := &healthpb.HealthCheckRequest{}
	if _, err := client.Check(ctx, req); err != nil { // connect before timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := client.Check(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGRPCUnary/grpc: plain gRPC. Built with `otel go test` this is
// the instrumented round trip (client and server spans through the stats
// handler otel's hooks add to NewServer and NewClient).
// BenchmarkGRPCUnary/otelgrpc: the same with otelgrpc's stats handlers
// added by hand, for comparison (meaningful in a plain build only); both
// record rpc.client.call.duration and rpc.server.call.duration (TestMain).
func BenchmarkGRPCUnary(b *testing.B) {
	b.Run("grpc", func(b *testing.B) { grpcUnary(b, nil, nil) })
	b.Run("otelgrpc", func(b *testing.B) {
		grpcUnary(b, []grpc.ServerOption{grpc.StatsHandler(otelgrpc.NewServerHandler())},
			[]grpc.DialOption{grpc.WithStatsHandler(otelgrpc.NewClientHandler())})
	})
}
