// Package hook declares the context that every hook function receives as
// its first parameter.
//
// Hooks have the shapes
//
//	func Before(ictx hook.HookContext, [recv], params...)
//	func After(ictx hook.HookContext, results...)
//
// The code that otel injects into an instrumented function builds a value of
// its own type that has exactly this method set, and passes it to the hook.
// Because Go interfaces are satisfied structurally, the method set is the
// whole contract: it is identical to the one of the upstream OpenTelemetry
// compile-time tool (go.opentelemetry.io/otelc/pkg/hook), so hook packages
// written for either tool work with both. Do not add or change methods.
package hook

// HookContext is what a hook sees of the instrumented call.
//
// Parameter indexes count the receiver first for methods. Values are boxed
// in interface{}; a hook that sets a parameter or result must store a value
// of exactly the declared type (or nil for pointer, interface, slice, map,
// func and chan types), otherwise the change is ignored.
type HookContext interface {
	// SetSkipCall, called in a Before hook, skips the original function
	// body; the caller then gets the results set with SetReturnVal (zero
	// values for the others) and the After hook still runs.
	SetSkipCall(bool)
	// IsSkipCall reports whether SetSkipCall(true) was called.
	IsSkipCall() bool
	// SetData stores one value that the After hook of the same call reads
	// with GetData (typically the span started in Before).
	SetData(interface{})
	// GetData returns the value stored with SetData, or nil.
	GetData() interface{}
	// GetKeyData returns the value stored under key, or nil.
	GetKeyData(key string) interface{}
	// SetKeyData stores val under key for the After hook of the same call.
	SetKeyData(key string, val interface{})
	// HasKeyData reports whether a value was stored under key.
	HasKeyData(key string) bool
	// GetParamCount returns the number of parameters, receiver included.
	GetParamCount() int
	// GetParam returns parameter idx, or nil when idx is out of range.
	GetParam(idx int) interface{}
	// SetParam replaces parameter idx for the original function body (Before
	// hooks only). An index out of range is ignored.
	SetParam(idx int, val interface{})
	// GetReturnValCount returns the number of results.
	GetReturnValCount() int
	// GetReturnVal returns result idx (After hooks), or nil when idx is out
	// of range.
	GetReturnVal(idx int) interface{}
	// SetReturnVal replaces result idx as the caller will see it. An index
	// out of range is ignored.
	SetReturnVal(idx int, val interface{})
	// GetFuncName returns the instrumented function's name.
	GetFuncName() string
	// GetPackageName returns the name in the package clause of the
	// instrumented function's file ("http", "main"), not its import path.
	GetPackageName() string
}
