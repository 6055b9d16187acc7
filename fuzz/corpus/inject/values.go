package values

var a, b = 1, func() int {
	return 2
}()

var (
	c    int
	d, e = struct{ x, y int }{1, 2}, map[string][]int{"k": {1, 2}}
	f    = (3) /* comment */ // line comment
	g    chan<- func(a, b int) (int, error)
)

const (
	h = iota * 2
	i
	j, k string = "j", `k
raw`
)

var l = []int{1,
	2,
}; var m = 3

var ( n = 1 )
