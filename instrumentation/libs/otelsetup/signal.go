package otelsetup

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Flushing on SIGINT and SIGTERM without changing what the signal does.
//
// Registering a channel with signal.Notify turns off the default action of
// the signal (terminate) for the whole process. So otel registers its own
// channel, and when a signal arrives:
//   - if the program registered a channel for it too (it has its own
//     shutdown logic), otel only exports the buffered spans and lets the
//     program go on; its main's return or os.Exit flushes the rest;
//   - otherwise otel flushes, restores the default action and sends the
//     signal again, so the process dies of it as it would have (same exit
//     status for the parent).
//
// The program's registrations are seen by hooks on os/signal.Notify and
// Stop (rules.yaml). A signal that was ignored at start (nohup, `cmd &` in
// a non-interactive shell) is left alone: Notify would un-ignore it.
// Limits: signal.Reset by the program also removes otel's registration
// (the signal then acts as the program asked, without a flush).

// sigCh is otel's own channel; the Notify hook recognises it by identity.
var sigCh = make(chan os.Signal, 1)

// handled is the set of signals the program's own channels are registered
// for, kept per channel so that signal.Stop removes exactly its share.
type handled struct {
	mu    sync.Mutex
	chans map[interface{}][]os.Signal // nil slice value: all signals
}

var programSignals handled

// add records a Notify(c, sigs...) call by the program.
func (h *handled) add(c interface{}, sigs []os.Signal) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.chans == nil {
		h.chans = map[interface{}][]os.Signal{}
	}
	old, had := h.chans[c]
	if len(sigs) == 0 || (had && old == nil) {
		h.chans[c] = nil // all signals
		return
	}
	h.chans[c] = append(append([]os.Signal{}, old...), sigs...)
}

// remove records a Stop(c) call.
func (h *handled) remove(c interface{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.chans, c)
}

// has reports whether some channel of the program receives sig.
func (h *handled) has(sig os.Signal) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, sigs := range h.chans {
		if sigs == nil {
			return true
		}
		for _, s := range sigs {
			if s == sig {
				return true
			}
		}
	}
	return false
}

// watchSignals registers otel's channel for SIGINT and SIGTERM (those not
// ignored) and serves it on its own goroutine.
func watchSignals() {
	var sigs []os.Signal
	for _, s := range []os.Signal{syscall.SIGINT, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) == 0 {
		return
	}
	signal.Notify(sigCh, sigs...)
	go func() {
		for sig := range sigCh {
			onSignal(sig)
		}
	}()
}

// onSignal flushes, then either leaves the signal to the program or
// re-raises it with its default action.
func onSignal(sig os.Signal) {
	s := active.Load()
	if programSignals.has(sig) {
		if s != nil {
			s.forceFlush()
		}
		return
	}
	if s != nil {
		s.flush()
	}
	signal.Reset(sig)
	if n, ok := sig.(syscall.Signal); ok {
		_ = syscall.Kill(syscall.Getpid(), n)
		// The default action terminates the process; if it has not
		// within a second (blocked by the program?), exit as a shell would
		// report it.
		time.Sleep(time.Second)
		os.Exit(128 + int(n))
	}
}
