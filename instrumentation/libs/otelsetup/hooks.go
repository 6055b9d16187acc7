package otelsetup

import (
	"os"
	_ "unsafe" // for go:linkname

	"otelgo.dev/instrumentation/hook"
)

// flushAtExit is registered as a Go runtime exit hook by the file that otel
// adds to internal/coverage/cfile (see src/setup/output.c): the
// runtime runs it when main.main returns and when os.Exit is called (which
// also covers log.Fatal and test binaries), for any exit code. A runtime
// hook instead of hooks on main.main and os.Exit keeps package os
// uninstrumented, so its many dependents keep their plain build-cache keys.
//
//go:linkname flushAtExit
func flushAtExit() {
	Flush()
}

// AfterMain runs when main.main ends (rule flush_at_main_return). The exit
// hook above covers a normal return; this deferred After hook also runs
// while a panic in main unwinds, when the runtime runs no exit hooks.
// Flush does its work once, so the two never export twice.
func AfterMain(ictx hook.HookContext) {
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
