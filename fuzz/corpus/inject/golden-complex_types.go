package complex

import "net/http"

type Opts struct{ N int }

// Serve has parameters of many type shapes, one a multi-line struct with
// comments and tags, and a func-typed result without parentheses.
func Serve(
	h func(http.ResponseWriter, *http.Request),
	ch <-chan map[string][]*Opts,
	arr [4]struct{ A, B int },
	cfg struct {
		Name string `json:"name"` // the name
		/* a block comment */
		Port int
	},
	fn func(...int) (int, error),
) func() error {
	return func() error { return nil }
}
