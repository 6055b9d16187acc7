package p

func work() int {
	x := 1
	return x
}
