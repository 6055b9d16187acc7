package set

// Add is a method of a generic type declared in another file of the
// package: its constraint (comparable) comes from TypeParamLookup.
func (s Set[E]) Add(e E) bool {
	if _, ok := s[e]; ok {
		return false
	}
	s[e] = struct{}{}
	return true
}
