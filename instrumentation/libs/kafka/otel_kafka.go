//go:build ignore

// This file is not part of package kafka (otel's hooks). The rule
// kafka_internals (rules.yaml) adds it to github.com/segmentio/kafka-go
// itself, where it can read a writeBatch (the messages one produce request
// carries, with the partition and offset kafka-go set on them from the
// broker's response), and it hands the accessor to the hooks at init
// (produced.go). Beneath GOMODCACHE the added file can import nothing the
// package does not already import: it needs only unsafe, for the linkname.

package kafka

import _ "unsafe"

//go:linkname otelRegister otelgo.dev/instrumentation/libs/kafka.register
func otelRegister(batchMessages func(b interface{}) ([]Message, bool))

func init() {
	otelRegister(otelBatchMessages)
}

// otelBatchMessages returns the messages of a *writeBatch (the receiver of
// the hooked (*writeBatch).complete, boxed). The caller only reads them.
func otelBatchMessages(b interface{}) ([]Message, bool) {
	wb, ok := b.(*writeBatch)
	if !ok || wb == nil {
		return nil, false
	}
	return wb.msgs, true
}
