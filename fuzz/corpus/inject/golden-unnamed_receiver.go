package recv

type T struct{}

func (*T) Ptr(n int) int { return n + 1 }

func (_ T) Val() string {
	return "v"
}
