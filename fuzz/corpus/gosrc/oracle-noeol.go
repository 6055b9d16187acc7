package noeol

func F() {}
func G() int { return 1 }