package cgofile

/*
#include <stdint.h>
static int32_t scale(int32_t v, int32_t by) { return v * by; }
*/
import "C"

import "fmt"

// Scale calls C with C-typed parameters and result: the trampolines sit at
// the end of this file, so they name C.int32_t as the function does, and
// cgo rewrites them with the rest of the file. A hook in another package
// receives C types boxed.
func Scale(v C.int32_t, by C.int32_t) C.int32_t {
	return C.scale(v, by)
}

// Show has Go types only.
func Show(v int) string {
	return fmt.Sprint(int(Scale(C.int32_t(v), 2)))
}
