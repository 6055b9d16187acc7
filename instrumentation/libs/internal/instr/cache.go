package instr

import (
	"sync"
	"sync/atomic"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// MaxCached bounds each Cache: the keys hooks use (method, route
// template, status code, server address ...) are of low cardinality by
// the conventions, but a client may talk to any number of hosts. Past the
// bound a value is made on every call, as if there were no cache.
const MaxCached = 512

// Cache keeps values a hook would otherwise make on every call (an
// attribute set and its option, a span name) for a comparable key of its
// own. Reads are one atomic load and a map lookup, without a lock and
// without an allocation; a new key copies the map (copy on write), which
// happens at most MaxCached times. The zero Cache is empty and ready.
type Cache[K comparable, V any] struct {
	mu sync.Mutex // serialises writers
	m  atomic.Pointer[map[K]V]
}

// Load returns the value stored for k.
func (c *Cache[K, V]) Load(k K) (V, bool) {
	if m := c.m.Load(); m != nil {
		v, ok := (*m)[k]
		return v, ok
	}
	var zero V
	return zero, false
}

// Store keeps v for k, unless the cache is full or has k already (the
// first value stays: a racing writer made an equal one).
func (c *Cache[K, V]) Store(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var old map[K]V
	if p := c.m.Load(); p != nil {
		old = *p
	}
	if _, ok := old[k]; ok || len(old) >= MaxCached {
		return
	}
	m := make(map[K]V, len(old)+1)
	for ok, ov := range old {
		m[ok] = ov
	}
	m[k] = v
	c.m.Store(&m)
}

// Len is the number of keys stored.
func (c *Cache[K, V]) Len() int {
	if m := c.m.Load(); m != nil {
		return len(*m)
	}
	return 0
}

// Key is what an OptionCache is keyed by: a comparable struct of the
// values the attributes are made of. Clone returns it with its strings
// copied, so that a key kept in the cache does not hold on to the memory
// of the request it came from (a header, a URL).
type Key[K any] interface {
	comparable
	Clone() K
}

// OptionCache holds, per key, the record option of one attribute set:
// what metric.WithAttributeSet(attribute.NewSet(...)) would make on every
// recording (the set's array and the option's interface value), made once.
type OptionCache[K Key[K]] struct {
	c Cache[K, []metric.RecordOption]
}

// Options returns the option slice for k, made by attrs (which appends
// k's attributes to the buffer it gets, in any order) on k's first use.
// Pass it on unchanged (h.Record(ctx, v, opts...)): it is shared. attrs
// must be a plain function, not a closure, so that calling Options
// allocates nothing when k is known.
func (o *OptionCache[K]) Options(k K, attrs func(K, []attribute.KeyValue) []attribute.KeyValue) []metric.RecordOption {
	if opts, ok := o.c.Load(k); ok {
		return opts
	}
	full := o.c.Len() >= MaxCached
	if !full {
		k = k.Clone()
	}
	var buf [8]attribute.KeyValue
	set := attribute.NewSet(attrs(k, buf[:0])...)
	opts := []metric.RecordOption{metric.WithAttributeSet(set)}
	if !full {
		o.c.Store(k, opts)
	}
	return opts
}

// Len is the number of attribute sets kept.
func (o *OptionCache[K]) Len() int { return o.c.Len() }
