package otelrt

import (
	"bytes"
	"testing"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestGroupEnabled(t *testing.T) {
	cases := []struct {
		env   map[string]string
		group string
		want  bool
	}{
		{nil, "nethttp", true},
		{map[string]string{"OTEL_SDK_DISABLED": "true"}, "nethttp", false},
		{map[string]string{"OTEL_SDK_DISABLED": " TRUE "}, "nethttp", false},
		{map[string]string{"OTEL_SDK_DISABLED": "false"}, "nethttp", true},
		{map[string]string{"OTEL_SDK_DISABLED": "1"}, "nethttp", true},
		{map[string]string{"OTEL_GO_ENABLED_INSTRUMENTATIONS": "nethttp"}, "nethttp", true},
		{map[string]string{"OTEL_GO_ENABLED_INSTRUMENTATIONS": "databasesql, NetHTTP"}, "nethttp", true},
		{map[string]string{"OTEL_GO_ENABLED_INSTRUMENTATIONS": "databasesql"}, "nethttp", false},
		{map[string]string{"OTEL_GO_ENABLED_INSTRUMENTATIONS": "  "}, "nethttp", true},
		{map[string]string{"OTEL_GO_DISABLED_INSTRUMENTATIONS": "nethttp"}, "nethttp", false},
		{map[string]string{"OTEL_GO_DISABLED_INSTRUMENTATIONS": "x,nethttp ,y"}, "nethttp", false},
		{map[string]string{"OTEL_GO_DISABLED_INSTRUMENTATIONS": "nethttpx"}, "nethttp", true},
		{map[string]string{"OTEL_GO_ENABLED_INSTRUMENTATIONS": "nethttp", "OTEL_GO_DISABLED_INSTRUMENTATIONS": "nethttp"}, "nethttp", false},
		// the setup group ignores the per-library lists, not the SDK switch
		{map[string]string{"OTEL_GO_ENABLED_INSTRUMENTATIONS": "nethttp"}, SetupGroup, true},
		{map[string]string{"OTEL_GO_DISABLED_INSTRUMENTATIONS": SetupGroup}, SetupGroup, true},
		{map[string]string{"OTEL_SDK_DISABLED": "true"}, SetupGroup, false},
	}
	for _, c := range cases {
		if got := GroupEnabled(c.group, envOf(c.env)); got != c.want {
			t.Errorf("GroupEnabled(%q, %v) = %v, want %v", c.group, c.env, got, c.want)
		}
	}
}

func TestEnabledCachesInSite(t *testing.T) {
	t.Setenv("OTEL_GO_DISABLED_INSTRUMENTATIONS", "databasesql")
	var on, off int32
	if !Enabled(&on, "nethttp") || on != siteOn {
		t.Fatalf("nethttp: enabled=false or site=%d", on)
	}
	if Enabled(&off, "databasesql") || off != siteOff {
		t.Fatalf("databasesql: enabled=true or site=%d", off)
	}
	// The cached answer wins over a later change of the environment.
	t.Setenv("OTEL_GO_DISABLED_INSTRUMENTATIONS", "nethttp")
	if !Enabled(&on, "nethttp") {
		t.Fatal("cached site was recomputed")
	}
	var fresh int32
	if Enabled(&fresh, "nethttp") {
		t.Fatal("a new site must read the current environment")
	}
}

func TestReportPanicOncePerRule(t *testing.T) {
	var buf bytes.Buffer
	r := &panicReporter{w: &buf}
	r.report("a", "boom")
	r.report("a", "again")
	r.report("b", 42)
	want := "otel: hook panic in rule a: boom\notel: hook panic in rule b: 42\n"
	if buf.String() != want {
		t.Fatalf("got %q, want %q", buf.String(), want)
	}
}

func BenchmarkEnabledCached(b *testing.B) {
	var site int32
	Enabled(&site, "nethttp")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if !Enabled(&site, "nethttp") {
			b.Fatal("off")
		}
	}
}
