package redis

// clientOptions is what the file otel adds to go-redis (otel_redis.go,
// rule redis_internals) hands over at go-redis's init: the network,
// address and DB index of a *baseClient. nil when go-redis is not
// instrumented (this package's own unit tests): spans then lack the
// server and namespace attributes. No initializer on purpose: register
// runs during go-redis's init, before this package's own initialization.
var clientOptions func(c interface{}) (network, addr string, db int, ok bool)

// register is called by go-redis's init through //go:linkname. Its
// signature must match the declaration in otel_redis.go exactly.
func register(opts func(interface{}) (string, string, int, bool)) {
	clientOptions = opts
}
