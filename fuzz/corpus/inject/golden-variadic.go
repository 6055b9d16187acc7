package variadic

import "strings"

func Join(sep string, parts ...string) string {
	return strings.Join(parts, sep)
}

// Sum has an unnamed variadic parameter.
func Sum(...int) (total int) {
	return 0
}
