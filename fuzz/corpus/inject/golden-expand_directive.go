package directive

import "context"

type S struct{}

//otel:span name:"do work" kind:internal note:"a \"q\""
func Work(ctx context.Context, n int) (err error) {
	return nil
}

// M has a doc comment.
//
//otel:span
func (s *S) M(context.Context) error {
	return nil
}

//otel:span name:x
// The directive may stand anywhere in the block.
func Plain(n int) { println(n) }

//otel:span name:detached

func Detached() {}

//otel:spanner name:other
func Other() {}
