package errcount

type T struct{}

func (t *T) Do(a int, b string) error { return nil }
