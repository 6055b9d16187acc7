//go:build ignore

// This file is not part of otel's package logrus. The rule
// logrus_ids_file (rules.yaml) adds it to github.com/sirupsen/logrus,
// whose injected line in (*Entry).write calls otel_logrusIDs. logrus is
// beneath GOMODCACHE, compiled through otel's -toolexec wrapper: no import
// can be added there but unsafe.

package logrus

import _ "unsafe"

//go:linkname otel_logrusIDs otelgo.dev/instrumentation/libs/logrus.ids
func otel_logrusIDs(entry *Entry)
