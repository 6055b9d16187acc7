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

func New() *Settings { return &Settings{} }

func Named(n string) Settings {
	return Settings{Name: n, Tags: []string{
		"a",
		"b",
	}}
}

// Positional literals are skipped with a warning.
func Positional() Settings { return Settings{"p", 1, nil} }

// A dot import matches the bare type name.
func Dot() Point { return Point{X: 1} }

// A generic type matches with its type arguments.
func Generic() Pair[int] { return Pair[int]{A: 1} }

func Upper(c Settings) string { return strings.ToUpper(c.Name) }
