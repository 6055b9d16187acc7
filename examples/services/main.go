// Command services is a small shop: an HTTP API whose handler asks a gRPC
// backend for an order; the backend reads the order's status from Redis,
// its item from PostgreSQL, and announces the lookup on Kafka, where a
// consumer logs it with slog.
//
// There is no OpenTelemetry code here. Built with `otel go build`, every
// step becomes a span of one trace, and the consumer's log line carries
// that trace's ids (see README.md).
//
// All parts run in this one program, talking to each other over loopback
// as separate services would: api.go (HTTP, chi), backend.go (gRPC, Redis,
// PostgreSQL, Kafka producer), consumer.go (Kafka consumer, slog).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"
)

func main() {
	httpAddr := flag.String("http", "127.0.0.1:8080", "address of the HTTP API")
	redisAddr := flag.String("redis", "127.0.0.1:6379", "Redis address")
	pgDSN := flag.String("postgres", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL DSN")
	kafkaAddr := flag.String("kafka", "", "Kafka broker address (empty: start an in-process broker)")
	once := flag.String("once", "", "request this path (e.g. /orders/42) from the API, wait for the consumer to log it, and exit")
	flag.Parse()
	if err := run(*httpAddr, *redisAddr, *pgDSN, *kafkaAddr, *once); err != nil {
		fmt.Fprintln(os.Stderr, "services:", err)
		os.Exit(1)
	}
}

func run(httpAddr, redisAddr, pgDSN, kafkaAddr, once string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if kafkaAddr == "" {
		broker, err := startBroker()
		if err != nil {
			return err
		}
		defer broker.Close()
		kafkaAddr = broker.ListenAddrs()[0]
	}

	backend, err := newBackend(ctx, redisAddr, pgDSN, kafkaAddr)
	if err != nil {
		return err
	}
	defer backend.Close()
	grpcAddr, stopGRPC, err := serveGRPC(backend)
	if err != nil {
		return err
	}
	defer stopGRPC()

	handled := make(chan struct{}, 1)
	consumer := startConsumer(ctx, kafkaAddr, handled)
	defer consumer.Close()

	api, err := newAPI(grpcAddr)
	if err != nil {
		return err
	}
	defer api.Close()
	lis, err := net.Listen("tcp", httpAddr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: api.Router()}
	go func() { _ = srv.Serve(lis) }()
	defer srv.Close()
	slog.Info("listening", "http", lis.Addr().String(), "grpc", grpcAddr, "kafka", kafkaAddr)

	if once == "" {
		<-ctx.Done()
		return nil
	}
	return request(ctx, "http://"+lis.Addr().String()+once, handled)
}

// request is the client: one GET, then it waits until the consumer has
// handled the message the request caused.
func request(ctx context.Context, url string, handled <-chan struct{}) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("GET %s: %s %s", url, resp.Status, body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	select {
	case <-handled:
		return nil
	case <-time.After(20 * time.Second):
		return fmt.Errorf("the consumer did not handle the message within 20 s")
	case <-ctx.Done():
		return ctx.Err()
	}
}
