package nethttp

import (
	"net/http"
	"reflect"
	"sort"
	"testing"

	"go.opentelemetry.io/otel/propagation"
)

// canonicalKey and headerCarrier answer what http.CanonicalHeaderKey and
// propagation.HeaderCarrier do, for the propagators' fields in any
// spelling and for others.
func TestHeaderCarrierIsHeaderCarrier(t *testing.T) {
	for _, k := range []string{"traceparent", "tracestate", "baggage", "Traceparent", "TRACESTATE", "x-b3-traceid", "uber-trace-id", ""} {
		if got, want := canonicalKey(k), http.CanonicalHeaderKey(k); got != want {
			t.Errorf("canonicalKey(%q) = %q, want %q", k, got, want)
		}
	}
	h := http.Header{}
	h.Add("Baggage", "a=1")
	h.Add("Baggage", "b=2")
	h.Set("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
	ours, theirs := headerCarrier(h), propagation.HeaderCarrier(h)
	for _, k := range []string{"baggage", "traceparent", "tracestate", "Baggage"} {
		if ours.Get(k) != theirs.Get(k) || !reflect.DeepEqual(ours.Values(k), theirs.Values(k)) {
			t.Errorf("%s: %q %q, want %q %q", k, ours.Get(k), ours.Values(k), theirs.Get(k), theirs.Values(k))
		}
	}
	a, b := ours.Keys(), theirs.Keys()
	sort.Strings(a)
	sort.Strings(b)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("keys %v, want %v", a, b)
	}
	ours.Set("tracestate", "k=v")
	if h.Get("Tracestate") != "k=v" {
		t.Errorf("Set: %v", h)
	}
	if n := testing.AllocsPerRun(100, func() { _ = ours.Get("traceparent"); _ = ours.Values("baggage") }); n != 0 {
		t.Errorf("%v allocations per lookup", n)
	}
}

func TestProtocolVersion(t *testing.T) {
	for _, c := range []struct {
		major, minor int
		want         string
	}{{1, 1, "1.1"}, {1, 0, "1.0"}, {2, 0, "2"}, {3, 0, "3"}, {0, 9, "0.9"}} {
		if got := protocolVersion(c.major, c.minor); got != c.want {
			t.Errorf("protocolVersion(%d, %d) = %q, want %q", c.major, c.minor, got, c.want)
		}
	}
}
