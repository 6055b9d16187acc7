package multiline

import "io"

// Copy has a signature over several lines, an unnamed result list on its
// own line and comments inside.
func Copy(
	dst io.Writer, // where to
	src io.Reader, /* from where */
	_ int,
) (
	int64,
	error,
) {
	return io.Copy(dst, src)
}

func Single(
	s string,
) string {
	return s
}
