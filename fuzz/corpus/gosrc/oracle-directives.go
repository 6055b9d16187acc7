// Copyright notice.

//go:build linux && (amd64 || arm64)
// +build linux

// Package directives has //go: comments in every position go/parser's doc
// grouping distinguishes.
package directives

import (
	_ "unsafe"
)

//go:noinline
func a() {}

//go:nosplit
//go:noinline
// Doc text.
func b() {}

// Doc text.
//go:linkname c runtime.c
func c()

//go:noinline

func blankLine() {}

var x = 1 // trailing
//go:noinline
func afterTrailing() {}

func d() {} // trailing on func
//go:nosplit
func e() {}

func f() {}; // explicit semicolon, then comment on the same line
//go:noinline
func g() {}

/* block */ //go:noinline
func h() {}

//go:noinline
/* block
   comment */
func i() {}

/*
//go:noinline
*/
func j() {}

//go:linkname k
//go:linkname k2 runtime.k2
func k()

   //go:indented
func l() {}

//go:noinline
/* x */ func sameLine() {}

var y = `raw
string` // trailing
//go:noinline
func afterRaw() {}

var z = 1 /* multi
line */
//go:noinline
func afterMultiLineComment() {}

//go:generate echo hi
type T int

//go:noinline
func (T) m() {}
