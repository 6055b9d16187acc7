package boxed

type config struct {
	name string
}

type result struct{ ok bool }

// Apply takes and returns unexported types: a hook in another package can
// only receive them as interface{}.
func Apply(c *config, level int, opts map[string]config) (result, error) {
	return result{ok: c.name != "" && level > 0 && opts != nil}, nil
}
