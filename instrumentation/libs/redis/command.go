package redis

import (
	"strings"
	"sync"
	"sync/atomic"
)

// What a command's name tells the span: db.operation.name and the
// db.query.text of the command with its arguments replaced by "?". Redis
// command names are few, so the upper-cased name and the texts of the
// commonest argument counts are computed once per distinct name and kept
// in a copy-on-write map (lookups take no lock and allocate nothing).

// cachedArgs is how many placeholder counts an op keeps ready-made texts for.
const cachedArgs = 6

// maxOps bounds the cache: names beyond it (Do with made-up names) are
// computed on every call instead of kept.
const maxOps = 512

type op struct {
	name  string // db.operation.name: "GET", "CLIENT SETNAME"
	words int    // arguments the name is made of (1, or 2 with a subcommand)
	texts [cachedArgs + 1]string
}

// text is db.query.text for a command of nargs arguments (its name
// included): the name, then one "?" per argument value.
func (o *op) text(nargs int) string {
	n := nargs - o.words
	if n < 0 {
		n = 0
	}
	if n <= cachedArgs && o.texts[n] != "" {
		return o.texts[n]
	}
	return o.name + strings.Repeat(" ?", n)
}

var (
	ops   atomic.Pointer[map[string]*op]
	opsMu sync.Mutex // serializes writers of ops
)

// containers are the commands whose first argument is a subcommand that
// is part of the command's name (CLIENT SETNAME, CONFIG GET, ...).
func isContainer(lower []byte) bool {
	switch string(lower) {
	case "acl", "client", "cluster", "command", "config", "function", "latency",
		"memory", "module", "object", "pubsub", "script", "slowlog", "xgroup", "xinfo":
		return true
	}
	return false
}

// maxWord is the longest command or subcommand name taken as one.
const maxWord = 40

// opOf returns what args (a go-redis command's arguments, its name first)
// name, or nil when the first argument is not a plausible command name.
func opOf(args []interface{}) *op {
	if len(args) == 0 {
		return nil
	}
	first, ok := args[0].(string)
	if !ok || !isWord(first) {
		return nil
	}
	var buf [2*maxWord + 1]byte
	key := appendLower(buf[:0], first)
	if len(args) > 1 && isContainer(key) {
		if sub, ok := args[1].(string); ok && isWord(sub) {
			key = appendLower(append(key, ' '), sub)
		}
	}
	if m := ops.Load(); m != nil {
		if o := (*m)[string(key)]; o != nil {
			return o
		}
	}
	return addOp(string(key))
}

// isWord reports whether s can be a command name: letters, digits, '-',
// '_', '.', '|' only (module commands are "FT.SEARCH", "JSON.GET").
func isWord(s string) bool {
	if s == "" || len(s) > maxWord {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '|') {
			return false
		}
	}
	return true
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// addOp builds the op of the lower-case key and caches it while the cache
// has room.
func addOp(key string) *op {
	o := &op{name: strings.ToUpper(key), words: 1 + strings.Count(key, " ")}
	for n := range o.texts {
		o.texts[n] = o.name + strings.Repeat(" ?", n)
	}
	opsMu.Lock()
	defer opsMu.Unlock()
	old := ops.Load()
	if old != nil {
		if have := (*old)[key]; have != nil {
			return have
		}
		if len(*old) >= maxOps {
			return o
		}
	}
	m := make(map[string]*op, 1+lenOf(old))
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	m[key] = o
	ops.Store(&m)
	return o
}

func lenOf(m *map[string]*op) int {
	if m == nil {
		return 0
	}
	return len(*m)
}

// batch is what a pipeline or transaction's commands tell its span.
type batch struct {
	name string // db.operation.name: "PIPELINE GET", "MULTI"
	text string // db.query.text
	size int    // db.operation.batch.size (the commands, MULTI/EXEC excluded)
}

// summarize describes the commands of a pipeline (kind "PIPELINE") or a
// transaction (kind "MULTI", its commands wrapped in MULTI ... EXEC by
// go-redis). As the Redis conventions say: the common command prefixed by
// the kind when all commands are the same, else the kind alone; the query
// text shared by all, else the texts joined with "; ".
func summarize(kind string, argsOf func(int) []interface{}, n int) batch {
	lo, hi := 0, n
	if kind == "MULTI" && n >= 2 && isNamed(argsOf(0), "MULTI") && isNamed(argsOf(n-1), "EXEC") {
		lo, hi = 1, n-1
	}
	b := batch{name: kind, size: hi - lo}
	var first *op
	var firstText string
	sameOp, sameText := true, true
	texts := make([]string, 0, hi-lo)
	for i := lo; i < hi; i++ {
		args := argsOf(i)
		o := opOf(args)
		t := "?"
		if o != nil {
			t = o.text(len(args))
		}
		if i == lo {
			first, firstText = o, t
		} else {
			sameOp = sameOp && o != nil && first != nil && o.name == first.name
			sameText = sameText && t == firstText
		}
		texts = append(texts, t)
	}
	if b.size > 0 && sameOp && first != nil {
		b.name = kind + " " + first.name
	}
	switch {
	case b.size == 0:
	case sameText:
		b.text = firstText
	default:
		b.text = strings.Join(texts, "; ")
	}
	return b
}

// isNamed reports whether args are a command called name (upper case).
func isNamed(args []interface{}, name string) bool {
	o := opOf(args)
	return o != nil && o.name == name
}
