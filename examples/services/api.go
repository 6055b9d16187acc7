package main

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// api is the HTTP front: GET /orders/{id} asks the backend over gRPC.
type api struct {
	conn *grpc.ClientConn
}

func newAPI(grpcAddr string) (*api, error) {
	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	return &api{conn: conn}, nil
}

func (a *api) Close() error { return a.conn.Close() }

func (a *api) Router() http.Handler {
	r := chi.NewRouter()
	r.Get("/orders/{id}", a.getOrder)
	return r
}

func (a *api) getOrder(w http.ResponseWriter, r *http.Request) {
	order := new(wrapperspb.StringValue)
	err := a.conn.Invoke(r.Context(), getOrderMethod, wrapperspb.String(chi.URLParam(r, "id")), order)
	if err != nil {
		http.Error(w, status.Convert(err).Message(), http.StatusBadGateway)
		return
	}
	fmt.Fprintln(w, order.GetValue())
}
