// Package atomic stands in for sync/atomic (the spec's pkgpath): the one
// package that cannot import sync/atomic, so its site check calls its own
// LoadInt32.
package atomic

func LoadInt32(addr *int32) (val int32) { return *addr }

func AddInt32(addr *int32, delta int32) (new int32) {
	*addr += delta
	return *addr
}
