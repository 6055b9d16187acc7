// Command demo is otel's example service. It serves a small HTTP API over
// a SQLite database, calls itself over HTTP with net/http's client, prints
// the answers and exits. Built with `otel go build`, every request becomes
// a trace: the client span, the server span under it, the SQL spans under
// that. Its source has no OpenTelemetry code at all.
//
//	demo [-db FILE] [-get /users/1,/fail,...] [-refused] [-exit] [-wait]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	dbPath := flag.String("db", "", "SQLite database file (default: a new one in a temporary directory)")
	paths := flag.String("get", "/users/1", "comma-separated paths to request from the demo's own server")
	refused := flag.Bool("refused", false, "also request a closed port (a failing client call)")
	exit := flag.Bool("exit", false, "end with os.Exit(0) instead of returning from main")
	wait := flag.Bool("wait", false, "after the requests, print \"waiting\" and block until killed")
	flag.Parse()

	if err := run(*dbPath, strings.Split(*paths, ","), *refused); err != nil {
		log.Fatal(err)
	}
	if *wait {
		fmt.Println("waiting")
		for {
			time.Sleep(time.Hour)
		}
	}
	if *exit {
		os.Exit(0)
	}
}

func run(dbPath string, paths []string, refused bool) error {
	if dbPath == "" {
		dir, err := os.MkdirTemp("", "otel-demo")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbPath = filepath.Join(dir, "demo.db")
	}
	db, err := openDB(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newHandler(db)}
	go srv.Serve(l)
	defer srv.Shutdown(context.Background())

	client := &http.Client{Timeout: 10 * time.Second}
	base := "http://" + l.Addr().String()
	for _, p := range paths {
		if p = strings.TrimSpace(p); p != "" {
			get(client, base+p)
		}
	}
	if refused {
		get(client, "http://"+closedPort())
	}
	return nil
}

// get requests url and prints the status and body (or the error).
func get(client *http.Client, url string) {
	resp, err := client.Get(url)
	if err != nil {
		fmt.Printf("GET %s: %v\n", url, err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("GET %s: %s %s\n", url, resp.Status, strings.TrimSpace(string(body)))
}

// closedPort returns a loopback address on which nothing listens.
func closedPort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "127.0.0.1:1"
	}
	addr := l.Addr().String()
	l.Close()
	return addr + "/"
}
