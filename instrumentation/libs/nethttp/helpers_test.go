package nethttp

import (
	"bufio"
	"io"
	"strings"
)

type bufioReadWriter = bufio.ReadWriter

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
