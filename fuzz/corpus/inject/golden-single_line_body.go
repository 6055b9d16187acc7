package oneline

func Id(x int) int { return x }

func Empty() {}

func Pair() (int, int) { return 1, 2 }
