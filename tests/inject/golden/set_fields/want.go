package set_fields

import (
	"image"
	h "net/http"
	"time"
)

// Empty literals: the added fields go inside the braces.
func Empty() (h.Server, *h.Server, *h.Server) {
	return h.Server{Addr: ":8080", WriteTimeout: time.Minute, IdleTimeout: time.Hour}, &h.Server{Addr: ":8080", WriteTimeout: time.Minute, IdleTimeout: time.Hour}, &h.Server{Addr: ":8080", WriteTimeout: time.Minute, IdleTimeout: time.Hour,
	}
}

// Present fields overridden (Addr), wrapped in place (ReadTimeout) and
// wrapped by a template that uses {{ . }} twice (IdleTimeout).
func Present(handler h.Handler) *h.Server {
	return &h.Server{WriteTimeout: time.Minute, Addr: ":8080", Handler: handler, ReadTimeout: 2 * (time.Duration(time.Second) + 1), IdleTimeout: time.Minute + time.Minute}
}

// A literal spanning lines: every line keeps its number.
func Multi() *h.Server {
	s := &h.Server{IdleTimeout: time.Hour,
		Addr: ":8080", // the port
		ReadTimeout: 2 * (time.Duration(2 *
			time.Second) + 1),
		WriteTimeout: /*

*/time.Minute,
	}
	return s
}

func Keyed() image.Point { return image.Point{X: 7, Y: -(2)} }

type pair struct{ a, b image.Point }

// Literals inside literals: inside a wrapped value the inner one changes
// too; inside an overridden value it is gone with it.
func Nested() pair {
	return pair{a: image.Point{X: 7}, b: image.Point{X: 7, Y: -(image.Point{X: 7}.X)}}
}

func Slice() []image.Point {
	return []image.Point{{X: 1}, image.Point{X: 7, Y: -(1)}}
}

// Package-level initializers are scanned too.
var DefaultServer = &h.Server{WriteTimeout: time.Minute, IdleTimeout: time.Hour,
	Addr: ":8080",
}

var Origin, Unit = image.Point{X: 7}, image.Point{X: 7, Y: -(1)}
