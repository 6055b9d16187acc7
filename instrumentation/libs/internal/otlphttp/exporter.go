// Package otlphttp is otel's OTLP/HTTP trace and metric exporter (the
// latter in metrics.go): binary protobuf over net/http, written with nothing but the standard library and the
// SDK's own packages.
//
// Why not the SDK's otlptracehttp: it builds its requests with the
// generated protobuf types of go.opentelemetry.io/proto/otlp, which pull
// in google.golang.org/protobuf, grpc-gateway, genproto and gRPC (its
// config package shares code with the gRPC exporter): about 300 packages
// that every program built with `otel go build` would compile and link.
// An export request is a handful of nested messages, so this package
// writes the protobuf wire format by hand (wire.go, encode.go).
package otlphttp

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Backoff between retries: doubling from initialBackoff up to maxBackoff,
// with ±25 % jitter, never past the export's deadline.
const (
	initialBackoff = 500 * time.Millisecond
	maxBackoff     = 5 * time.Second
)

// maxErrorBody bounds how much of an error response goes into the error.
const maxErrorBody = 1024

// Exporter sends spans to an OTLP/HTTP endpoint. It implements
// sdktrace.SpanExporter and is safe for concurrent use.
type Exporter struct {
	sender
}

// sender posts encoded export requests of one signal: what the span and
// the metric exporter share (compression, timeout, retries, shutdown).
type sender struct {
	cfg    Config
	client *http.Client
	items  string // what a partial success rejected: "spans", "data points"

	mu       sync.Mutex
	stopped  bool
	stop     chan struct{} // closed by Shutdown: cancels exports in flight
	initWait time.Duration // first backoff; tests shorten it
}

var _ sdktrace.SpanExporter = (*Exporter)(nil)

// New returns an exporter that sends with client (whose transport decides
// proxies and TLS). No connection is made before the first export.
func New(cfg Config, client *http.Client) *Exporter {
	return &Exporter{newSender(cfg, client, "spans")}
}

func newSender(cfg Config, client *http.Client, items string) sender {
	return sender{cfg: cfg, client: client, items: items, stop: make(chan struct{}), initWait: initialBackoff}
}

var errStopped = errors.New("otlp exporter is shut down")

// ExportSpans sends spans in one request, retrying on 429, 502, 503 and
// 504 until the configured timeout.
func (e *Exporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	if len(spans) == 0 {
		return nil
	}
	return e.export(ctx, encodeRequest(spans))
}

// export sends one encoded request (unless shut down), bounded by the
// configured timeout and cancelled by Shutdown.
func (e *sender) export(ctx context.Context, body []byte) error {
	e.mu.Lock()
	stopped := e.stopped
	e.mu.Unlock()
	if stopped {
		return errStopped
	}
	if e.cfg.Gzip {
		var err error
		if body, err = gzipped(body); err != nil {
			return err
		}
	}
	if e.cfg.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.cfg.Timeout)
		defer cancel()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-e.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	return e.sendWithRetry(ctx, body)
}

// Shutdown stops the exporter: exports in flight are cancelled, later ones
// fail. The SDK calls it after its last export.
func (e *sender) Shutdown(ctx context.Context) error {
	e.mu.Lock()
	if !e.stopped {
		e.stopped = true
		close(e.stop)
	}
	e.mu.Unlock()
	return ctx.Err()
}

// retryable is a failed attempt that may succeed later; after is the
// server's Retry-After, if it sent one.
type retryable struct {
	err   error
	after time.Duration
}

func (r *retryable) Error() string { return r.err.Error() }
func (r *retryable) Unwrap() error { return r.err }

func (e *sender) sendWithRetry(ctx context.Context, body []byte) error {
	wait := e.initWait
	for {
		err := e.send(ctx, body)
		var r *retryable
		if err == nil || !errors.As(err, &r) {
			return err
		}
		d := jitter(wait)
		if r.after > d {
			d = r.after
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
			return fmt.Errorf("%w (no time left to retry)", err)
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (%v)", err, ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, maxBackoff)
	}
}

// jitter spreads retries of many processes: d ±25 %.
func jitter(d time.Duration) time.Duration {
	return d*3/4 + rand.N(d/2+1)
}

// send makes one attempt.
func (e *sender) send(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	for k, v := range e.cfg.Headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("Content-Type", "application/x-protobuf")
	req.Header.Set("User-Agent", "otel (otelgo.dev) OTLP exporter")
	if e.cfg.Gzip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/x-protobuf") {
			return partialSuccess(data, e.items)
		}
		return nil
	}
	msg := strings.TrimSpace(string(data[:min(len(data), maxErrorBody)]))
	if msg == "" {
		msg = "(empty body)"
	}
	err = fmt.Errorf("OTLP export to %s failed: %s: %s", e.cfg.URL, resp.Status, msg)
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return &retryable{err: err, after: retryAfter(resp.Header.Get("Retry-After"))}
	}
	return err
}

// retryAfter reads a Retry-After header given in seconds (an HTTP date is
// ignored: the backoff applies).
func retryAfter(v string) time.Duration {
	s, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || s < 0 {
		return 0
	}
	return time.Duration(s) * time.Second
}

// partialSuccess reads an Export{Trace,Metrics}ServiceResponse and reports
// rejected items as an error: partial_success = 1 {rejected_spans or
// rejected_data_points = 1, error_message = 2}.
func partialSuccess(resp []byte, items string) error {
	r := reader{b: resp}
	for {
		f, wt, _, payload, ok, err := r.next()
		if err != nil || !ok {
			return err
		}
		if f != 1 || wt != wireBytes {
			continue
		}
		var rejected uint64
		var msg string
		pr := reader{b: payload}
		for {
			pf, pwt, num, p, ok, err := pr.next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			switch {
			case pf == 1 && pwt == wireVarint:
				rejected = num
			case pf == 2 && pwt == wireBytes:
				msg = string(p)
			}
		}
		if rejected != 0 || msg != "" {
			return fmt.Errorf("OTLP partial success: %d %s rejected: %s", rejected, items, msg)
		}
	}
}

func gzipped(body []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
