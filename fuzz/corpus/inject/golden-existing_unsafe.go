package rawmem

import (
	"unsafe"
)

// Size already uses unsafe; the added blank import must not clash.
func Size(p unsafe.Pointer, n uintptr) uintptr {
	_ = p
	return n + unsafe.Sizeof(n)
}
