package set_fields_own

import (
	. "image"
	"strings"
)

// Settings is declared here: in its own package a bare Settings{...} matches.
type Settings struct {
	Name  string
	Limit int
	Tags  []string
}

type Pair[T any] struct{ A, B T }

func New() *Settings { return &Settings{Limit: 10, Tags: append([]string{"otel"}, "set")} }

func Named(n string) Settings {
	return Settings{Limit: 10, Name: strings.TrimSpace(n), Tags: /*


*/append([]string{"otel"}, "set")}
}

// Positional literals are skipped with a warning.
func Positional() Settings { return Settings{"p", 1, nil} }

// A dot import matches the bare type name.
func Dot() Point { return Point{Y: 2, X: 1} }

// A generic type matches with its type arguments.
func Generic() Pair[int] { return Pair[int]{B: 2, A: 1} }

func Upper(c Settings) string { return strings.ToUpper(c.Name) }
