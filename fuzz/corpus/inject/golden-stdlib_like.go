// Copyright notice, as in a standard-library file.

// Package strs looks like a standard-library package: it imports nothing,
// so the injected code may use only builtins and "unsafe".
package strs

// ToUpper maps ASCII lower case to upper case.
func ToUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}

type Builder struct {
	buf []byte
}

func (b *Builder) WriteString(s string) (int, error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}
