package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	db, err := openDB(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(newHandler(db))
	t.Cleanup(srv.Close)
	return srv
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestAPI(t *testing.T) {
	srv := newServer(t)
	cases := []struct {
		path   string
		status int
		body   string
	}{
		{"/users/2", 200, `{"id":2,"name":"grace"}`},
		{"/users/99", 404, "404 page not found"},
		{"/users/x", 400, "bad id"},
		{"/users", 200, `[{"id":1,"name":"ada"},{"id":2,"name":"grace"},{"id":3,"name":"ken"}]`},
		{"/fail", 500, "failing on purpose"},
		{"/nope", 404, "404 page not found"},
	}
	for _, c := range cases {
		status, body := fetch(t, srv.URL+c.path)
		if status != c.status || strings.TrimSpace(body) != c.body {
			t.Errorf("GET %s = %d %q, want %d %q", c.path, status, body, c.status, c.body)
		}
	}
	status, body := fetch(t, srv.URL+"/broken")
	if status != 500 || !strings.Contains(body, "no such table") {
		t.Errorf("GET /broken = %d %q", status, body)
	}
}

func TestSeedIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	for i := 0; i < 2; i++ {
		db, err := openDB(path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	db, _ := openDB(path)
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM users`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("count = %d, %v", n, err)
	}
}

func TestRunRequestsItself(t *testing.T) {
	if err := run(filepath.Join(t.TempDir(), "r.db"), []string{"/users/1"}, true); err != nil {
		t.Fatal(err)
	}
}
