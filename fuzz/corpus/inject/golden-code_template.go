package tmpl

type S struct{ n int }

func unnamed(int, string) (int, error) {
	return 1, nil
}

func (s *S) Method(_ int, name string) string {
	if name == "" {
		return "empty"
	}
	return name
}

func noResults(a, b int) {
	println(a + b)
}

func single() int { return 7 }
