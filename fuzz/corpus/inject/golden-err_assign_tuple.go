package tuple

func pair() (int, int) { return 1, 2 }

var X, Y = pair()
