package nethttp

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// recorder wraps the server's ResponseWriter to learn the status code. The
// handler must still find the interfaces the original has (http.Flusher,
// http.Hijacker) and no others, so wrap returns one of four types; io.ReaderFrom
// is always offered because it falls back to io.Copy exactly as a caller
// that did not find it would. Unwrap lets http.ResponseController reach the
// original.
type recorder struct {
	w       http.ResponseWriter
	status  int
	written int64
}

func (r *recorder) Header() http.Header { return r.w.Header() }

func (r *recorder) WriteHeader(code int) {
	// 1xx responses are informational: the final status comes later.
	if r.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		r.status = code
	}
	r.w.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.w.Write(b)
	r.written += int64(n)
	return n, err
}

func (r *recorder) ReadFrom(src io.Reader) (int64, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	var n int64
	var err error
	if rf, ok := r.w.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(src)
	} else {
		n, err = io.Copy(writerOnly{r.w}, src)
	}
	r.written += n
	return n, err
}

// Unwrap is used by http.ResponseController.
func (r *recorder) Unwrap() http.ResponseWriter { return r.w }

// writerOnly hides every method but Write, so io.Copy does not loop back
// into ReadFrom.
type writerOnly struct{ io.Writer }

type flushRecorder struct{ *recorder }

func (r flushRecorder) Flush() {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.w.(http.Flusher).Flush()
}

type hijackRecorder struct{ *recorder }

func (r hijackRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return r.w.(http.Hijacker).Hijack()
}

type flushHijackRecorder struct{ *recorder }

func (r flushHijackRecorder) Flush() { flushRecorder(r).Flush() }
func (r flushHijackRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return hijackRecorder(r).Hijack()
}

// wrap returns the recorder and the ResponseWriter to give the handler.
func wrap(w http.ResponseWriter) (*recorder, http.ResponseWriter) {
	r := &recorder{w: w}
	_, fl := w.(http.Flusher)
	_, hj := w.(http.Hijacker)
	switch {
	case fl && hj:
		return r, flushHijackRecorder{r}
	case fl:
		return r, flushRecorder{r}
	case hj:
		return r, hijackRecorder{r}
	}
	return r, r
}
