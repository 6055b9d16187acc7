package blank

// Pick has blank parameters and a blank result: all get names.
func Pick(_ int, x string, _ bool) (_ string, err error) {
	return x, nil
}

func Pair(a, _ int) (_, _ int) {
	return a, a
}
