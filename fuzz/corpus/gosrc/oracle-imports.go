//go:buildx not a constraint
// go:build not one either
/* //go:build not in a block comment */
//go:build   spaced   

package imports

import "fmt"
import f "fmt"
import . "strings"
import _ "unsafe"
import (
	"os"
	io2 "io"

	. "bytes"
	_ "embed"
)
import (
	"a/\x62"
	"\u0063"
	"\144\145"
	`raw/path`
	"\U0001F600"
	"é/ü"
	"tab\there"
)
import ()

var _ = fmt.Sprint
