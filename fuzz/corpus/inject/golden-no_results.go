package noresults

import "fmt"

func Log(msg string) {
	fmt.Println(msg)
}

func Tick() {
	fmt.Println("tick")
}
