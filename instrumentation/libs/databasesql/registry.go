package databasesql

import (
	"runtime"
	"sync"
	"weak"
)

// registry attaches a value to live objects of database/sql (a *DB's
// system, a *Stmt's query text, a *Tx's parent span) without keeping them
// alive: keys are weak pointers, and an entry is deleted by a cleanup when
// its object is collected. database/sql keeps these in unexported fields
// that hooks cannot read, and otel cannot add fields to its structs yet.
type registry[T, V any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[T]]V
}

// put attaches v to p (replacing an earlier value).
func (r *registry[T, V]) put(p *T, v V) {
	if p == nil {
		return
	}
	k := weak.Make(p)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = map[weak.Pointer[T]]V{}
	}
	if _, had := r.m[k]; !had {
		runtime.AddCleanup(p, r.remove, k)
	}
	r.m[k] = v
}

// get returns the value attached to p.
func (r *registry[T, V]) get(p *T) (V, bool) {
	var zero V
	if p == nil {
		return zero, false
	}
	k := weak.Make(p)
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.m[k]
	return v, ok
}

func (r *registry[T, V]) remove(k weak.Pointer[T]) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.m, k)
}

// len is the number of live entries (tests).
func (r *registry[T, V]) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.m)
}
