// A small standard-library-only program for the upstream-style benchmark:
// it reads words, counts them and prints JSON. No library rule matches
// (only otel's own rules on main and os.Exit apply).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

type count struct {
	Word string `json:"word"`
	N    int    `json:"n"`
}

func main() {
	top := flag.Int("top", 10, "how many words to print")
	flag.Parse()
	counts := map[string]int{}
	sc := bufio.NewScanner(os.Stdin)
	sc.Split(bufio.ScanWords)
	for sc.Scan() {
		counts[strings.ToLower(strings.Trim(sc.Text(), ".,;:!?\"'()"))]++
	}
	list := make([]count, 0, len(counts))
	for w, n := range counts {
		list = append(list, count{w, n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].N != list[j].N {
			return list[i].N > list[j].N
		}
		return list[i].Word < list[j].Word
	})
	if len(list) > *top {
		list = list[:*top]
	}
	if err := json.NewEncoder(os.Stdout).Encode(list); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
