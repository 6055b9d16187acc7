package named

import "strconv"

// Parse keeps its result names; its bare returns still work.
func Parse(s string) (n int, err error) {
	n, err = strconv.Atoi(s)
	if err != nil {
		return
	}
	n *= 2
	return
}
