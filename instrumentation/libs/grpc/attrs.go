package grpc

import (
	"net"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"google.golang.org/grpc/codes"
)

// targetAttrs are server.address and server.port of a client's target as
// the user wrote it (grpc's naming: "host:port", "dns:///host:port",
// "dns://resolver/host:port", "passthrough:///addr", "unix:path",
// "unix:///path", "unix-abstract:name"). No port when none is written.
func targetAttrs(target string) []attribute.KeyValue {
	endpoint := target
	if i := strings.Index(target, "://"); i > 0 {
		rest := target[i+3:] // authority/endpoint
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return nil
		}
		endpoint = rest[j+1:]
		if strings.HasPrefix(target[:i], "unix") {
			return []attribute.KeyValue{semconv.ServerAddress("/" + endpoint)}
		}
	} else if rest, ok := strings.CutPrefix(target, "unix:"); ok {
		return []attribute.KeyValue{semconv.ServerAddress(rest)}
	} else if rest, ok := strings.CutPrefix(target, "unix-abstract:"); ok {
		return []attribute.KeyValue{semconv.ServerAddress(rest)}
	}
	if endpoint == "" {
		return nil
	}
	return hostPortAttrs(nil, endpoint)
}

// hostPortAttrs appends server.address (and server.port when hostport has
// one) to attrs.
func hostPortAttrs(attrs []attribute.KeyValue, hostport string) []attribute.KeyValue {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return append(attrs, semconv.ServerAddress(hostport))
	}
	attrs = append(attrs, semconv.ServerAddress(host))
	if p, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, semconv.ServerPort(p))
	}
	return attrs
}

// appendPeerAttrs appends network.peer.address and network.peer.port of
// addr to attrs.
func appendPeerAttrs(attrs []attribute.KeyValue, addr net.Addr) []attribute.KeyValue {
	switch a := addr.(type) {
	case *net.TCPAddr:
		return append(attrs, semconv.NetworkPeerAddress(a.IP.String()), semconv.NetworkPeerPort(a.Port))
	case *net.UnixAddr:
		return append(attrs, semconv.NetworkPeerAddress(a.Name))
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return append(attrs, semconv.NetworkPeerAddress(addr.String()))
	}
	attrs = append(attrs, semconv.NetworkPeerAddress(host))
	if p, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, semconv.NetworkPeerPort(p))
	}
	return attrs
}

// codeNames are the status codes as the gRPC spec (and so
// rpc.response.status_code and error.type) writes them.
var codeNames = [...]string{
	codes.OK:                 "OK",
	codes.Canceled:           "CANCELLED",
	codes.Unknown:            "UNKNOWN",
	codes.InvalidArgument:    "INVALID_ARGUMENT",
	codes.DeadlineExceeded:   "DEADLINE_EXCEEDED",
	codes.NotFound:           "NOT_FOUND",
	codes.AlreadyExists:      "ALREADY_EXISTS",
	codes.PermissionDenied:   "PERMISSION_DENIED",
	codes.ResourceExhausted:  "RESOURCE_EXHAUSTED",
	codes.FailedPrecondition: "FAILED_PRECONDITION",
	codes.Aborted:            "ABORTED",
	codes.OutOfRange:         "OUT_OF_RANGE",
	codes.Unimplemented:      "UNIMPLEMENTED",
	codes.Internal:           "INTERNAL",
	codes.Unavailable:        "UNAVAILABLE",
	codes.DataLoss:           "DATA_LOSS",
	codes.Unauthenticated:    "UNAUTHENTICATED",
}

// codeName is c's name, or its number for a code outside the spec.
func codeName(c codes.Code) string {
	if int(c) < len(codeNames) {
		return codeNames[c]
	}
	return strconv.FormatUint(uint64(c), 10)
}
