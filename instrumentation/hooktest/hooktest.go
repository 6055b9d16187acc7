// Package hooktest provides a HookContext for unit tests of hook packages.
// It behaves like the context that otel's trampolines build (see
// docs/INJECTION.md): parameters and results are boxed values, SetParam and
// SetReturnVal out of range do nothing, GetParam and GetReturnVal out of
// range return nil.
package hooktest

import "otelgo.dev/instrumentation/hook"

// Context is a HookContext for one call. Build it with New, call the Before
// hook, read Params (what the original body would see), set Results with
// SetResults, call the After hook, read Results (what the caller would see).
type Context struct {
	Func, Pkg string
	Params    []interface{}
	Results   []interface{}
	Skip      bool
	Data      interface{}
	KV        map[string]interface{}
}

var _ hook.HookContext = (*Context)(nil)

// New returns a context for a call of pkg.fn with the given parameters
// (receiver first) and nres results. pkg is what GetPackageName returns:
// in an instrumented program, the package clause's name ("http").
func New(pkg, fn string, nres int, params ...interface{}) *Context {
	return &Context{Func: fn, Pkg: pkg, Params: params, Results: make([]interface{}, nres)}
}

// SetResults sets the results the original body returned, before the After
// hook runs.
func (c *Context) SetResults(vals ...interface{}) { copy(c.Results, vals) }

func (c *Context) SetSkipCall(s bool)                { c.Skip = s }
func (c *Context) IsSkipCall() bool                  { return c.Skip }
func (c *Context) SetData(d interface{})             { c.Data = d }
func (c *Context) GetData() interface{}              { return c.Data }
func (c *Context) GetParamCount() int                { return len(c.Params) }
func (c *Context) GetReturnValCount() int            { return len(c.Results) }
func (c *Context) GetFuncName() string               { return c.Func }
func (c *Context) GetPackageName() string            { return c.Pkg }
func (c *Context) HasKeyData(key string) bool        { _, ok := c.KV[key]; return ok }
func (c *Context) GetKeyData(key string) interface{} { return c.KV[key] }

func (c *Context) SetKeyData(key string, val interface{}) {
	if c.KV == nil {
		c.KV = map[string]interface{}{}
	}
	c.KV[key] = val
}

func (c *Context) GetParam(idx int) interface{} {
	if idx < 0 || idx >= len(c.Params) {
		return nil
	}
	return c.Params[idx]
}

func (c *Context) SetParam(idx int, val interface{}) {
	if idx >= 0 && idx < len(c.Params) {
		c.Params[idx] = val
	}
}

func (c *Context) GetReturnVal(idx int) interface{} {
	if idx < 0 || idx >= len(c.Results) {
		return nil
	}
	return c.Results[idx]
}

func (c *Context) SetReturnVal(idx int, val interface{}) {
	if idx >= 0 && idx < len(c.Results) {
		c.Results[idx] = val
	}
}
