package multi

import "fmt"

func untouched() int { return 1 }

func First(a int) int {
	return a + untouched()
}

type S struct{ n int }

func (s *S) Untouched() {}

func Second(s string) {
	fmt.Println(s)
}

func (s *S) Third() int {
	return s.n
}

func alsoUntouched(x int) int {
	return x
}
