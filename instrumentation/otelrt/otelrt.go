// Package otelrt is the small runtime that otel's generated trampolines call
// through //go:linkname (see docs/INJECTION.md): Enabled answers whether a
// hook site runs, ReportPanic reports a hook that panicked.
//
// It has no dependencies outside the standard library and is safe to call
// from any package, including the standard library's own, at any time after
// the Go runtime has started (it reads the environment through os.Getenv,
// which needs no package initialisation).
package otelrt

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Site states kept in the *int32 that each trampoline owns.
const (
	siteUnknown int32 = 0
	siteOn      int32 = 1
	siteOff     int32 = 2
)

// SetupGroup is the group of otel's own rules (the SDK flush at the end of
// main and in os.Exit). The per-library switches do not apply to it, only
// OTEL_SDK_DISABLED does: a program run with
// OTEL_GO_ENABLED_INSTRUMENTATIONS=nethttp must still flush its spans.
const SetupGroup = "otelsetup"

// Enabled reports whether the hooks of group run at the call site that owns
// *site. The answer is computed from the environment on the first call and
// cached in *site (0 unknown, 1 on, 2 off), so later calls are one atomic
// load. Off when OTEL_SDK_DISABLED is true, when
// OTEL_GO_ENABLED_INSTRUMENTATIONS is set and does not list group, or when
// OTEL_GO_DISABLED_INSTRUMENTATIONS lists it.
func Enabled(site *int32, group string) bool {
	if s := atomic.LoadInt32(site); s != siteUnknown {
		return s == siteOn
	}
	on := GroupEnabled(group, os.Getenv)
	state := siteOff
	if on {
		state = siteOn
	}
	atomic.StoreInt32(site, state)
	return on
}

// LoadSite is the atomic load of a site's state for instrumented packages
// that cannot import sync/atomic themselves (those compiled through otel's
// -toolexec wrapper, whose imports go fixed before otel added code): the
// injected check calls it through //go:linkname.
func LoadSite(site *int32) int32 {
	return atomic.LoadInt32(site)
}

// GroupEnabled computes, without caching, whether group is enabled under the
// environment that getenv reads. The SDK setup uses it too, so both agree.
func GroupEnabled(group string, getenv func(string) string) bool {
	if SDKDisabled(getenv) {
		return false
	}
	if group == SetupGroup {
		return true
	}
	if list, set := lookup(getenv, "OTEL_GO_ENABLED_INSTRUMENTATIONS"); set && !listHas(list, group) {
		return false
	}
	if list, set := lookup(getenv, "OTEL_GO_DISABLED_INSTRUMENTATIONS"); set && listHas(list, group) {
		return false
	}
	return true
}

// SDKDisabled reports whether OTEL_SDK_DISABLED is "true" (case-insensitive,
// surrounding spaces ignored), as the OpenTelemetry specification says.
func SDKDisabled(getenv func(string) string) bool {
	return strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true")
}

// lookup returns the trimmed value of key and whether it is set and
// non-empty (an empty variable counts as unset, as in the specification).
func lookup(getenv func(string) string, key string) (string, bool) {
	v := strings.TrimSpace(getenv(key))
	return v, v != ""
}

// listHas reports whether the comma-separated list holds name
// (case-insensitive, spaces around items ignored).
func listHas(list, name string) bool {
	for _, item := range strings.Split(list, ",") {
		if strings.EqualFold(strings.TrimSpace(item), name) {
			return true
		}
	}
	return false
}

// panicReporter prints a hook panic once per rule.
type panicReporter struct {
	w    io.Writer
	seen sync.Map // rule name -> struct{}
}

// report prints the first panic of each rule and drops the rest: a hook that
// panics on every call must not flood the program's stderr.
func (r *panicReporter) report(rule string, p interface{}) {
	if _, dup := r.seen.LoadOrStore(rule, struct{}{}); dup {
		return
	}
	fmt.Fprintf(r.w, "otel: hook panic in rule %s: %v\n", rule, p)
}

var stderrReporter = &panicReporter{w: os.Stderr}

// ReportPanic is called by a trampoline that recovered p from a hook of
// rule. It prints "otel: hook panic in rule <rule>: <p>" to stderr, once per
// rule. The instrumented program continues as if the hook had not run.
func ReportPanic(rule string, p interface{}) {
	stderrReporter.report(rule, p)
}
