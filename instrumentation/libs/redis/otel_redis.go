//go:build ignore

// This file is not part of package redis (otel's hooks). The rule
// redis_internals (rules.yaml) adds it to github.com/redis/go-redis/v9
// itself, where it can read a baseClient's options, and it hands the
// accessor to the hooks at init (internals.go). Beneath GOMODCACHE the
// added file can import nothing the package does not already import: it
// needs only unsafe, for the linkname.

package redis

import _ "unsafe"

//go:linkname otelRegister otelgo.dev/instrumentation/libs/redis.register
func otelRegister(clientOptions func(c interface{}) (network, addr string, db int, ok bool))

func init() {
	otelRegister(otelClientOptions)
}

// otelClientOptions returns the network, address and database index a
// *baseClient (the hooks' receiver, boxed) was configured with.
func otelClientOptions(c interface{}) (network, addr string, db int, ok bool) {
	bc, isBase := c.(*baseClient)
	if !isBase || bc == nil || bc.opt == nil {
		return "", "", 0, false
	}
	return bc.opt.Network, bc.opt.Addr, bc.opt.DB, true
}
