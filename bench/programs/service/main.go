// A small service for the upstream-style benchmark: an HTTP API backed by
// database/sql and Redis, which also serves and calls gRPC.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

type server struct {
	db  *sql.DB
	rdb *redis.Client
	hc  healthpb.HealthClient
}

func (s *server) item(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.URL.Query().Get("id")
	if v, err := s.rdb.Get(ctx, "item:"+id).Result(); err == nil {
		fmt.Fprintln(w, v)
		return
	}
	var name string
	if err := s.db.QueryRowContext(ctx, "SELECT name FROM items WHERE id = ?", id).Scan(&name); err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	s.rdb.Set(ctx, "item:"+id, name, time.Minute)
	if _, err := s.db.ExecContext(ctx, "UPDATE items SET hits = hits + 1 WHERE id = ?", id); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, name)
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	resp, err := s.hc.Check(r.Context(), &healthpb.HealthCheckRequest{})
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, resp.GetStatus())
}

func main() {
	if os.Getenv("SERVICE_RUN") == "" {
		fmt.Println("service: set SERVICE_RUN=1 to start")
		return
	}
	db, err := sql.Open(os.Getenv("SERVICE_DB_DRIVER"), os.Getenv("SERVICE_DB_DSN"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	lis, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	gs := grpc.NewServer()
	healthpb.RegisterHealthServer(gs, health.NewServer())
	go gs.Serve(lis)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s := &server{db: db, rdb: rdb, hc: healthpb.NewHealthClient(conn)}
	mux := http.NewServeMux()
	mux.HandleFunc("/item", s.item)
	mux.HandleFunc("/healthz", s.healthz)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(must(http.NewRequestWithContext(ctx, http.MethodGet, "http://localhost:8080/healthz", nil)))
	if err == nil {
		resp.Body.Close()
	}
	fmt.Fprintln(os.Stderr, http.ListenAndServe("localhost:8080", mux))
}

func must(r *http.Request, err error) *http.Request {
	if err != nil {
		panic(err)
	}
	return r
}
