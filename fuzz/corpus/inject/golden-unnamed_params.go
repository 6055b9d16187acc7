package unnamed

type Handler func(int, string) error

// Nop ignores its arguments; none of them has a name.
func Nop(int, string, []byte) error {
	return nil
}
