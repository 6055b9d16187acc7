package list

type List[T any] struct {
	items []T
}

// Push is a method on a generic type with a pointer receiver.
func (l *List[T]) Push(v T) {
	l.items = append(l.items, v)
}

func (l List[T]) Len() int {
	return len(l.items)
}
