package errnosplit

//go:nosplit
func fast(x int) int { return x }
