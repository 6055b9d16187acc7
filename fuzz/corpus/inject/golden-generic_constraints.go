package constraints

import "cmp"

type Number interface {
	~int | ~int64 | ~float64
}

func Max[T cmp.Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// Index has constraints that refer to each other and a non-generic param.
func Index[S ~[]E, E comparable](s S, v E, from int) (int, bool) {
	for i := from; i < len(s); i++ {
		if s[i] == v {
			return i, true
		}
	}
	return -1, false
}

func Total[N Number](ns ...N) N {
	var t N
	for _, n := range ns {
		t += n
	}
	return t
}
