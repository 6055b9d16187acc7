package directive

import "context"

type S struct{}

//otel:span name:"do work" kind:internal note:"a \"q\""
func Work(ctx context.Context, n int) (err error) { _ = ctx; println("span", "Work", "do work", "name:\"do work\" kind:internal note:\"a \\\"q\\\"\""); println("name", "do work"); println("kind", "internal"); println("note", "a \"q\""); defer func() { println(err == nil) }();
	return nil
}

// M has a doc comment.
//
//otel:span
func (s *S) M(_otel_p0 context.Context) (_otel_r0 error) { _ = _otel_p0; println("span", "M", "", ""); defer func() { println(_otel_r0 == nil) }();
	return nil
}

//otel:span name:x
// The directive may stand anywhere in the block.
func Plain(n int) { println("span", "Plain", "x", "name:x"); println("name", "x"); println(n) }

//otel:span name:detached

func Detached() {}

//otel:spanner name:other
func Other() {}
