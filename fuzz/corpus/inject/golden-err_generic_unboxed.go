package errgen

func First[T any](xs []T) T { return xs[0] }
