package redis

import (
	"errors"
	"fmt"
	"testing"

	goredis "github.com/redis/go-redis/v9"
)

func TestOpOf(t *testing.T) {
	cases := []struct {
		args       []interface{}
		name, text string
	}{
		{[]interface{}{"get", "user:1"}, "GET", "GET ?"},
		{[]interface{}{"set", "k", "secret", "ex", 10}, "SET", "SET ? ? ? ?"},
		{[]interface{}{"SET", "k", "v"}, "SET", "SET ? ?"},
		{[]interface{}{"ping"}, "PING", "PING"},
		{[]interface{}{"client", "setname", "me"}, "CLIENT SETNAME", "CLIENT SETNAME ?"},
		{[]interface{}{"config", "get", "maxmemory"}, "CONFIG GET", "CONFIG GET ?"},
		{[]interface{}{"client"}, "CLIENT", "CLIENT"},
		{[]interface{}{"FT.SEARCH", "idx", "q"}, "FT.SEARCH", "FT.SEARCH ? ?"},
		{[]interface{}{"mset", 1, 2, 3, 4, 5, 6, 7, 8}, "MSET", "MSET ? ? ? ? ? ? ? ?"},
	}
	for _, c := range cases {
		o := opOf(c.args)
		if o == nil {
			t.Errorf("opOf(%v) = nil", c.args)
			continue
		}
		if o.name != c.name || o.text(len(c.args)) != c.text {
			t.Errorf("opOf(%v) = %q, %q; want %q, %q", c.args, o.name, o.text(len(c.args)), c.name, c.text)
		}
	}
	for _, bad := range [][]interface{}{nil, {}, {42}, {"get key"}, {""}, {"a\nb"}} {
		if o := opOf(bad); o != nil {
			t.Errorf("opOf(%v) = %q, want nil", bad, o.name)
		}
	}
}

func TestOpOfAllocates(t *testing.T) {
	args := []interface{}{"get", "k"}
	opOf(args)
	if n := testing.AllocsPerRun(100, func() { opOf(args).text(2) }); n != 0 {
		t.Errorf("cached opOf allocates %v times", n)
	}
}

func TestOpCacheBounded(t *testing.T) {
	for i := 0; i < maxOps+50; i++ {
		if o := opOf([]interface{}{fmt.Sprintf("made-up-%d", i)}); o == nil {
			t.Fatal("nil op")
		}
	}
	if n := len(*ops.Load()); n > maxOps {
		t.Errorf("cache holds %d ops, more than %d", n, maxOps)
	}
}

func argsOf(cmds ...[]interface{}) func(int) []interface{} {
	return func(i int) []interface{} { return cmds[i] }
}

func TestSummarize(t *testing.T) {
	multi, exec := []interface{}{"multi"}, []interface{}{"exec"}
	cases := []struct {
		kind string
		cmds [][]interface{}
		want batch
	}{
		{"PIPELINE", [][]interface{}{{"get", "a"}, {"get", "b"}}, batch{"PIPELINE GET", "GET ?", 2}},
		{"PIPELINE", [][]interface{}{{"set", "a", "1"}, {"get", "b"}}, batch{"PIPELINE", "SET ? ?; GET ?", 2}},
		{"PIPELINE", [][]interface{}{{"set", "a", "1"}, {"set", "b", "2", "ex", 3}}, batch{"PIPELINE SET", "SET ? ?; SET ? ? ? ?", 2}},
		{"PIPELINE", [][]interface{}{{"incr", "a"}}, batch{"PIPELINE INCR", "INCR ?", 1}},
		{"MULTI", [][]interface{}{multi, {"incr", "a"}, {"incr", "b"}, exec}, batch{"MULTI INCR", "INCR ?", 2}},
		{"MULTI", [][]interface{}{multi, {"set", "a", "1"}, {"incr", "b"}, exec}, batch{"MULTI", "SET ? ?; INCR ?", 2}},
		{"MULTI", [][]interface{}{multi, exec}, batch{"MULTI", "", 0}},
		{"PIPELINE", [][]interface{}{{42}, {"get", "a"}}, batch{"PIPELINE", "?; GET ?", 2}},
	}
	for _, c := range cases {
		got := summarize(c.kind, argsOf(c.cmds...), len(c.cmds))
		if got != c.want {
			t.Errorf("summarize(%s, %v) = %+v, want %+v", c.kind, c.cmds, got, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	if failed(nil) || failed(goredis.Nil) || failed(fmt.Errorf("wrapped: %w", goredis.Nil)) {
		t.Error("redis.Nil counted as a failure")
	}
	if !failed(errors.New("boom")) {
		t.Error("an error not counted as a failure")
	}
	for msg, want := range map[string]string{
		"WRONGTYPE Operation against a key holding the wrong kind of value": "WRONGTYPE",
		"ERR unknown command 'nope'":                                        "ERR",
		"redis: nil":                                                        "",
		"NOSCRIPT":                                                          "NOSCRIPT",
	} {
		if got := errorPrefix(msg); got != want {
			t.Errorf("errorPrefix(%q) = %q, want %q", msg, got, want)
		}
	}
	if replyCode(errors.New("ERR looks like a reply")) != "" {
		t.Error("a plain Go error taken for a Redis error reply")
	}
}
