package beforeonly

func Check(n int) bool {
	return n > 0
}

func Warn(msg string) {
	println(msg)
}
