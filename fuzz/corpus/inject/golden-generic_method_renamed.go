package pair

type Pair[K comparable, V interface{ ~[]K }] struct {
	key K
	val V
}

// Key names the type parameters differently from the declaration: the
// trampolines' constraints must use the receiver's names.
func (p Pair[A, B]) Key() A {
	return p.key
}

// Vals has a blank receiver type parameter.
func (p *Pair[_, V]) Vals() V {
	return p.val
}
