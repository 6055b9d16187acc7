package tmpl

type S struct{ n int }

func unnamed(_otel_p0 int, _otel_p1 string) (_otel_r0 int, _otel_r1 error) { println("unnamed", _otel_p0, _otel_p1, 2, "2"); defer func() { println(_otel_r1 == nil, _otel_r0) }();
	return 1, nil
}

func (s *S) Method(_otel_p0 int, name string) string {
	if name == "" {
		return "empty"
	}
	s.n = _otel_p0; println("Method", "name"); return name
}

func noResults(a, b int) { println(2);
	println(a + b)
}

func single() (_otel_r0 int) { defer func() { _otel_r0++ }(); return 7 }
