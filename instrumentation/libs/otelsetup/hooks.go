package otelsetup

import (
	"os"

	"otelgo.dev/instrumentation/hook"
)

// AfterMain runs when main.main returns (rule flush_at_main_return): the Go
// runtime exits right after, so this is where a normal end flushes.
func AfterMain(ictx hook.HookContext) {
	Flush()
}

// BeforeExit runs at the start of os.Exit (rule flush_at_os_exit), which
// also covers log.Fatal and test binaries.
func BeforeExit(ictx hook.HookContext, code int) {
	Flush()
}

// BeforeNotify sees every signal.Notify(c, sigs...) of the program (rule
// track_signal_notify). The channel and the variadic signals arrive boxed
// (chan<- os.Signal, []os.Signal) so that the hook does not depend on how
// os/signal spells their types.
func BeforeNotify(ictx hook.HookContext, c interface{}, sigs interface{}) {
	if ch, _ := c.(chan<- os.Signal); ch == nil || isOwnChan(c) {
		return // Notify panics on a nil channel: nothing to record
	}
	list, _ := sigs.([]os.Signal)
	programSignals.add(c, list)
}

// BeforeStop sees every signal.Stop(c) of the program (rule
// track_signal_stop).
func BeforeStop(ictx hook.HookContext, c interface{}) {
	if isOwnChan(c) {
		return
	}
	programSignals.remove(c)
}

// isOwnChan reports whether c, boxed as chan<- os.Signal, is otel's own
// signal channel.
func isOwnChan(c interface{}) bool {
	own, ok := c.(chan<- os.Signal)
	return ok && own == sigCh
}
