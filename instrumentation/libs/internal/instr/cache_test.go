package instr

import (
	"strconv"
	"sync"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// The first value stored for a key stays; past MaxCached keys nothing more
// is kept (and Load says so, so callers make the value themselves).
func TestCacheKeepsFirstValueAndIsBounded(t *testing.T) {
	var c Cache[int, string]
	if _, ok := c.Load(1); ok {
		t.Fatal("empty cache has 1")
	}
	c.Store(1, "a")
	c.Store(1, "b")
	if v, ok := c.Load(1); !ok || v != "a" {
		t.Fatalf("Load(1) = %q, %v", v, ok)
	}
	for i := 2; i <= MaxCached+10; i++ {
		c.Store(i, strconv.Itoa(i))
	}
	if c.Len() != MaxCached {
		t.Fatalf("%d keys kept, bound %d", c.Len(), MaxCached)
	}
	if v, ok := c.Load(MaxCached); !ok || v != strconv.Itoa(MaxCached) {
		t.Errorf("key %d: %q, %v", MaxCached, v, ok)
	}
	if _, ok := c.Load(MaxCached + 1); ok {
		t.Error("a key past the bound was kept")
	}
}

// Readers and writers at once (run with -race).
func TestCacheConcurrent(t *testing.T) {
	var c Cache[int, int]
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if v, ok := c.Load(i); ok && v != i*i {
					t.Errorf("Load(%d) = %d", i, v)
				}
				c.Store(i, i*i)
			}
		}()
	}
	wg.Wait()
	if c.Len() != 200 {
		t.Errorf("%d keys", c.Len())
	}
}

type testKey struct {
	name string
	code int
}

func (k testKey) Clone() testKey { return k }

func testAttrs(k testKey, attrs []attribute.KeyValue) []attribute.KeyValue {
	return append(attrs, attribute.Int("code", k.code), attribute.String("name", k.name))
}

// Options makes the attribute set once per key; a known key costs no
// allocation.
func TestOptionCacheMakesEachSetOnce(t *testing.T) {
	var o OptionCache[testKey]
	a := o.Options(testKey{"x", 1}, testAttrs)
	b := o.Options(testKey{"x", 1}, testAttrs)
	c := o.Options(testKey{"x", 2}, testAttrs)
	if &a[0] != &b[0] || &a[0] == &c[0] || o.Len() != 2 {
		t.Fatalf("options not shared per key (%d kept)", o.Len())
	}
	set := metric.NewRecordConfig(c).Attributes()
	if v, _ := set.Value("code"); v.AsInt64() != 2 || set.Len() != 2 {
		t.Errorf("set %v", set.ToSlice())
	}
	k := testKey{"x", 1}
	if n := testing.AllocsPerRun(100, func() { _ = o.Options(k, testAttrs) }); n != 0 {
		t.Errorf("%v allocations for a known key", n)
	}
}
