package main

import (
	"context"
	"database/sql"
	"fmt"
	"net"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

const (
	getOrderMethod = "/shop.Orders/Get"
	topic          = "order-lookups"
)

// backend answers shop.Orders/Get: status from Redis, item from
// PostgreSQL, and a message on Kafka that the order was looked up.
type backend struct {
	rdb    *redis.Client
	db     *sql.DB
	writer *kafka.Writer
}

func newBackend(ctx context.Context, redisAddr, pgDSN, kafkaAddr string) (*backend, error) {
	db, err := sql.Open("pgx", pgDSN)
	if err != nil {
		return nil, err
	}
	b := &backend{
		rdb:    redis.NewClient(&redis.Options{Addr: redisAddr}),
		db:     db,
		writer: &kafka.Writer{Addr: kafka.TCP(kafkaAddr), Topic: topic, RequiredAcks: kafka.RequireAll, BatchTimeout: 1},
	}
	if err := b.seed(ctx); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// seed stores order 42 in both stores.
func (b *backend) seed(ctx context.Context) error {
	if _, err := b.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY, item text NOT NULL)`); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if _, err := b.db.ExecContext(ctx, `INSERT INTO orders VALUES ('42', 'teapot') ON CONFLICT DO NOTHING`); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if err := b.rdb.Set(ctx, "order:42:status", "shipped", 0).Err(); err != nil {
		return fmt.Errorf("redis: %w", err)
	}
	return nil
}

func (b *backend) Close() {
	b.writer.Close()
	b.db.Close()
	b.rdb.Close()
}

func (b *backend) getOrder(ctx context.Context, id string) (string, error) {
	state, err := b.rdb.Get(ctx, "order:"+id+":status").Result()
	if err == redis.Nil {
		return "", status.Errorf(codes.NotFound, "no order %s", id)
	} else if err != nil {
		return "", err
	}
	var item string
	if err := b.db.QueryRowContext(ctx, `SELECT item FROM orders WHERE id = $1`, id).Scan(&item); err != nil {
		return "", err
	}
	if err := b.writer.WriteMessages(ctx, kafka.Message{Key: []byte(id), Value: []byte(item)}); err != nil {
		return "", err
	}
	return fmt.Sprintf("order %s: %s, %s", id, item, state), nil
}

// ordersService is the gRPC service, written by hand instead of generated
// by protoc: one unary method taking and returning a StringValue.
var ordersService = grpc.ServiceDesc{
	ServiceName: "shop.Orders",
	HandlerType: (*interface{})(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Get",
		Handler: func(srv interface{}, ctx context.Context, dec func(interface{}) error, _ grpc.UnaryServerInterceptor) (interface{}, error) {
			in := new(wrapperspb.StringValue)
			if err := dec(in); err != nil {
				return nil, err
			}
			out, err := srv.(*backend).getOrder(ctx, in.GetValue())
			if err != nil {
				return nil, err
			}
			return wrapperspb.String(out), nil
		},
	}},
}

// serveGRPC serves the backend on a free loopback port.
func serveGRPC(b *backend) (addr string, stop func(), err error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := grpc.NewServer()
	srv.RegisterService(&ordersService, b)
	go func() { _ = srv.Serve(lis) }()
	return lis.Addr().String(), srv.GracefulStop, nil
}
