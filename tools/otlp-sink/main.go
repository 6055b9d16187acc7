// Command otlp-sink is a minimal OTLP/HTTP trace and metrics receiver for otel's tests
// and README demo. It is test tooling, not a collector.
//
//	otlp-sink -port 0 -addr-file ADDR -out spans.jsonl
//	    listens on 127.0.0.1:<port> (0: any free port, written to ADDR once
//	    listening), accepts POST /v1/traces with protobuf or gzip'd
//	    protobuf bodies, and appends every span as one JSON line to the
//	    output file. POST /v1/metrics is accepted too; with
//	    -metrics-out FILE every data point is appended to FILE as one JSON
//	    line (name, unit, type, temporality, attributes, value or count,
//	    sum, min, max, bounds and bucket counts), else it is dropped.
//	otlp-sink -tree spans.jsonl
//	    prints the spans of each trace as an indented tree.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	port := flag.Int("port", 4318, "loopback port to listen on (0: any free port)")
	out := flag.String("out", "", "file that receives one JSON line per span (appended)")
	metricsOut := flag.String("metrics-out", "", "file that receives one JSON line per metric data point (appended)")
	addrFile := flag.String("addr-file", "", "write the address listened on to this file")
	tree := flag.String("tree", "", "print the spans in this JSON-lines file as trees, then exit")
	flag.Parse()

	if *tree != "" {
		if err := printTree(*tree, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "otlp-sink:", err)
			os.Exit(1)
		}
		return
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "otlp-sink: -out FILE is required (or -tree FILE)")
		os.Exit(2)
	}
	if err := serve(*port, *out, *metricsOut, *addrFile); err != nil {
		fmt.Fprintln(os.Stderr, "otlp-sink:", err)
		os.Exit(1)
	}
}
