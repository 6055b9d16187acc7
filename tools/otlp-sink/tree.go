package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// shownAttrs are the attributes printed next to a span in the tree, in
// this order, when present.
var shownAttrs = []string{
	"http.route", "url.full", "http.response.status_code",
	"db.system.name", "db.query.text", "error.type",
}

// printTree prints every trace of the JSON-lines file as an indented tree:
// traces in the order their first span appears, children by start time.
func printTree(path string, w io.Writer) error {
	spans, err := readSpans(path)
	if err != nil {
		return err
	}
	var order []string
	byTrace := map[string][]Span{}
	for _, s := range spans {
		if _, seen := byTrace[s.TraceID]; !seen {
			order = append(order, s.TraceID)
		}
		byTrace[s.TraceID] = append(byTrace[s.TraceID], s)
	}
	for _, id := range order {
		ts := byTrace[id]
		fmt.Fprintf(w, "trace %s (service %s, %d spans)\n", id, ts[0].ServiceName, len(ts))
		printTrace(w, ts)
	}
	return nil
}

func printTrace(w io.Writer, spans []Span) {
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].StartNanos < spans[j].StartNanos })
	ids := map[string]bool{}
	for _, s := range spans {
		ids[s.SpanID] = true
	}
	children := map[string][]Span{}
	var roots []Span
	for _, s := range spans {
		if s.ParentSpanID == "" || !ids[s.ParentSpanID] {
			roots = append(roots, s)
		} else {
			children[s.ParentSpanID] = append(children[s.ParentSpanID], s)
		}
	}
	var walk func(s Span, depth int)
	walk = func(s Span, depth int) {
		fmt.Fprintf(w, "%s%s\n", strings.Repeat("  ", depth+1), describe(s))
		for _, c := range children[s.SpanID] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
}

// describe is one span's line: name, kind, duration, key attributes, error.
func describe(s Span) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [%s] %.2fms", s.Name, s.Kind, float64(s.EndNanos-s.StartNanos)/1e6)
	for _, k := range shownAttrs {
		if v, ok := s.Attributes[k]; ok {
			fmt.Fprintf(&b, " %s=%v", k, v)
		}
	}
	if s.StatusCode == "ERROR" {
		b.WriteString(" ERROR")
		if s.StatusMessage != "" {
			fmt.Fprintf(&b, " %q", s.StatusMessage)
		}
	}
	return b.String()
}

func readSpans(path string) ([]Span, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var spans []Span
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		var s Span
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		spans = append(spans, s)
	}
	return spans, sc.Err()
}
