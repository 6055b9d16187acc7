package set_fields

import (
	"image"
	h "net/http"
	"time"
)

// Empty literals: the added fields go inside the braces.
func Empty() (h.Server, *h.Server, *h.Server) {
	return h.Server{}, &h.Server{}, &h.Server{
	}
}

// Present fields overridden (Addr), wrapped in place (ReadTimeout) and
// wrapped by a template that uses {{ . }} twice (IdleTimeout).
func Present(handler h.Handler) *h.Server {
	return &h.Server{Addr: ":80", Handler: handler, ReadTimeout: time.Second, IdleTimeout: time.Minute}
}

// A literal spanning lines: every line keeps its number.
func Multi() *h.Server {
	s := &h.Server{
		Addr: ":81", // the port
		ReadTimeout: 2 *
			time.Second,
		WriteTimeout: time.Duration(
			3,
		),
	}
	return s
}

func Keyed() image.Point { return image.Point{Y: 2} }

type pair struct{ a, b image.Point }

// Literals inside literals: inside a wrapped value the inner one changes
// too; inside an overridden value it is gone with it.
func Nested() pair {
	return pair{a: image.Point{X: image.Point{X: 1}.X}, b: image.Point{Y: image.Point{X: 5}.X}}
}

func Slice() []image.Point {
	return []image.Point{{X: 1}, image.Point{Y: 1}}
}

// Package-level initializers are scanned too.
var DefaultServer = &h.Server{
	Addr: ":1",
}

var Origin, Unit = image.Point{}, image.Point{X: 1, Y: 1}
