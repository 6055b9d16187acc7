package dirarg

//otel:span name:"unterminated
func F() {}
