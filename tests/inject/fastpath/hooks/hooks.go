// Package hooks holds the hooks of the fast-path benchmark. They count
// their calls and, for WorkOn, change a parameter and a result, so the test
// can tell whether they ran.
package hooks

import "sync/atomic"

type HookContext interface {
	SetSkipCall(bool)
	IsSkipCall() bool
	SetData(interface{})
	GetData() interface{}
	GetKeyData(key string) interface{}
	SetKeyData(key string, val interface{})
	HasKeyData(key string) bool
	GetParamCount() int
	GetParam(idx int) interface{}
	SetParam(idx int, val interface{})
	GetReturnValCount() int
	GetReturnVal(idx int) interface{}
	SetReturnVal(idx int, val interface{})
	GetFuncName() string
	GetPackageName() string
}

// Calls counts hook calls of any kind.
var Calls atomic.Int64

// BeforeWork doubles a and remembers it for AfterWork.
func BeforeWork(ictx HookContext, a, b int, s string) {
	Calls.Add(1)
	ictx.SetParam(0, a*2)
	ictx.SetData(a)
}

// AfterWork replaces the error result when the call had a == 7.
func AfterWork(ictx HookContext, r int, err error) {
	Calls.Add(1)
	if ictx.GetData() == 7 {
		ictx.SetReturnVal(1, errSeven)
	}
}

type sevenError struct{}

func (sevenError) Error() string { return "seven" }

var errSeven error = sevenError{}

func BeforeAdd(ictx HookContext, x interface{}, v int) { Calls.Add(1) }

func AfterAdd(ictx HookContext, n int) { Calls.Add(1) }

func BeforeFill(ictx HookContext, buf []byte, c byte) { Calls.Add(1) }

func AfterFill(ictx HookContext, n int) { Calls.Add(1) }
