package set

type Set[E comparable] map[E]struct{}
