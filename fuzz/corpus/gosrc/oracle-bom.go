//go:build ignore

package bom

func F() {}
