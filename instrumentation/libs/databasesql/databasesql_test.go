package databasesql

import (
	"context"
	"database/sql"
	"runtime"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hooktest"
)

func setup(t *testing.T) *tracetest.InMemoryExporter {
	t.Helper()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	otel.SetTracerProvider(tp)
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	return exp
}

// open runs sql.Open through its hooks.
func open(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	ictx := hooktest.New("database/sql", "Open", 2, "sqlite-fake", dsn)
	BeforeOpen(ictx, "sqlite-fake", dsn)
	db, err := sql.Open("sqlite-fake", dsn)
	AfterOpen(ictx, db, err)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func attrMap(s tracetest.SpanStub) map[string]interface{} {
	m := map[string]interface{}{}
	for _, kv := range s.Attributes {
		m[string(kv.Key)] = kv.Value.AsInterface()
	}
	return m
}

func check(t *testing.T, s tracetest.SpanStub, name string, parent trace.SpanContext, want map[string]interface{}) {
	t.Helper()
	if s.Name != name || s.SpanKind != trace.SpanKindClient {
		t.Errorf("span %q kind %v, want %q client", s.Name, s.SpanKind, name)
	}
	if s.Parent.SpanID() != parent.SpanID() {
		t.Errorf("span %q: parent %s, want %s", s.Name, s.Parent.SpanID(), parent.SpanID())
	}
	got := attrMap(s)
	for k, v := range want {
		if v == nil {
			if _, has := got[k]; has {
				t.Errorf("span %q: unexpected %s = %v", s.Name, k, got[k])
			}
		} else if got[k] != v {
			t.Errorf("span %q: %s = %v, want %v", s.Name, k, got[k], v)
		}
	}
}

func TestQueryExecSpans(t *testing.T) {
	exp := setup(t)
	db := open(t, "file:/var/data/app.db?cache=shared")
	ctx, parent := otel.Tracer("test").Start(context.Background(), "parent")

	ictx := hooktest.New("database/sql", "QueryContext", 2)
	BeforeDBQuery(ictx, db, ctx, "SELECT name FROM users WHERE id = ?", 7)
	rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE id = ?", 7)
	AfterQuery(ictx, rows, err)
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()

	ictx = hooktest.New("database/sql", "ExecContext", 2)
	BeforeDBExec(ictx, db, ctx, "INSERT INTO FAIL_log VALUES (1)")
	res, err := db.ExecContext(ctx, "INSERT INTO FAIL_log VALUES (1)")
	AfterExec(ictx, res, err)
	if err == nil {
		t.Fatal("fake driver did not fail")
	}
	parent.End()

	spans := exp.GetSpans()
	if len(spans) != 3 {
		t.Fatalf("%d spans", len(spans))
	}
	check(t, spans[0], "SELECT users", parent.SpanContext(), map[string]interface{}{
		"db.system.name":     "sqlite",
		"db.namespace":       "/var/data/app.db",
		"db.query.text":      "SELECT name FROM users WHERE id = ?",
		"db.operation.name":  "SELECT",
		"db.collection.name": "users",
		"error.type":         nil,
	})
	if spans[0].Status.Code != codes.Unset {
		t.Errorf("status %v", spans[0].Status)
	}
	check(t, spans[1], "INSERT FAIL_log", parent.SpanContext(), map[string]interface{}{
		"db.operation.name": "INSERT",
		"error.type":        "_OTHER",
	})
	if spans[1].Status.Code != codes.Error || spans[1].Status.Description != errFake.Error() {
		t.Errorf("failing exec: status %v", spans[1].Status)
	}
}

func TestPrepareStmtAndTransaction(t *testing.T) {
	exp := setup(t)
	db := open(t, "app.db")
	ctx, parent := otel.Tracer("test").Start(context.Background(), "parent")

	ictx := hooktest.New("database/sql", "BeginTx", 2)
	BeforeDBBegin(ictx, db, ctx, nil)
	tx, err := db.BeginTx(ctx, nil)
	AfterBegin(ictx, tx, err)
	if err != nil {
		t.Fatal(err)
	}

	const q = "UPDATE accounts SET n = n + 1"
	ictx = hooktest.New("database/sql", "PrepareContext", 2)
	BeforeTxPrepare(ictx, tx, ctx, q)
	stmt, err := tx.PrepareContext(ctx, q)
	AfterPrepare(ictx, stmt, err)
	if err != nil {
		t.Fatal(err)
	}

	ictx = hooktest.New("database/sql", "ExecContext", 2)
	BeforeStmtExec(ictx, stmt, ctx)
	res, err := stmt.ExecContext(ctx)
	AfterExec(ictx, res, err)

	ictx = hooktest.New("database/sql", "Commit", 1)
	BeforeCommit(ictx, tx)
	err = tx.Commit()
	AfterTxEnd(ictx, err)

	// The usual deferred Rollback after Commit: ErrTxDone, no span.
	ictx = hooktest.New("database/sql", "Rollback", 1)
	BeforeRollback(ictx, tx)
	err = tx.Rollback()
	AfterTxEnd(ictx, err)
	if err != sql.ErrTxDone || ictx.Data != nil {
		t.Fatalf("rollback after commit: %v, data %v", err, ictx.Data)
	}
	parent.End()

	spans := exp.GetSpans()
	if len(spans) != 5 {
		t.Fatalf("%d spans", len(spans))
	}
	p := parent.SpanContext()
	check(t, spans[0], "BEGIN", p, map[string]interface{}{"db.operation.name": "BEGIN", "db.namespace": "app.db", "db.query.text": nil})
	check(t, spans[1], "PREPARE", p, map[string]interface{}{"db.query.text": q, "db.operation.name": "PREPARE"})
	check(t, spans[2], "UPDATE accounts", p, map[string]interface{}{"db.query.text": q, "db.system.name": "sqlite"})
	check(t, spans[3], "COMMIT", p, map[string]interface{}{"db.operation.name": "COMMIT"})
	if spans[3].SpanContext.TraceID() != p.TraceID() {
		t.Error("COMMIT is not in the caller's trace")
	}
}

func TestUnknownObjectsStillGetSpans(t *testing.T) {
	exp := setup(t)
	ictx := hooktest.New("database/sql", "QueryContext", 2)
	BeforeStmtQuery(ictx, nil, nil)
	AfterQuery(ictx, nil, nil)
	ictx = hooktest.New("database/sql", "Rollback", 1)
	BeforeRollback(ictx, nil)
	AfterTxEnd(ictx, sql.ErrTxDone)
	spans := exp.GetSpans()
	if len(spans) != 2 || spans[0].Name != "other_sql" || spans[1].Name != "ROLLBACK" || spans[1].Status.Code != codes.Error {
		t.Fatalf("spans: %v", spans)
	}
}

func TestRegistryForgetsCollectedObjects(t *testing.T) {
	var r registry[sql.Stmt, string]
	keep := new(sql.Stmt)
	r.put(keep, "kept")
	for i := 0; i < 100; i++ {
		r.put(new(sql.Stmt), "dropped")
	}
	deadline := time.Now().Add(5 * time.Second)
	for r.len() > 1 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := r.len(); n != 1 {
		t.Fatalf("%d entries left, want 1", n)
	}
	if v, ok := r.get(keep); !ok || v != "kept" {
		t.Fatalf("live entry lost: %q %v", v, ok)
	}
	runtime.KeepAlive(keep)
}

func TestSummarize(t *testing.T) {
	for q, want := range map[string]summary{
		"SELECT * FROM users":                         {"SELECT", "users"},
		"  select id from \"Users\" where x = 'from'": {"SELECT", "Users"},
		"/* c */ -- x\nSELECT 1":                      {"SELECT", ""},
		"SELECT a FROM t1 JOIN t2 ON t1.x = t2.x":     {"SELECT", ""},
		"SELECT a FROM t1, t2":                        {"SELECT", ""},
		"SELECT (SELECT 1 FROM a) FROM b":             {"SELECT", ""},
		"insert into main.log(a) values (1)":          {"INSERT", "main.log"},
		"UPDATE `acct` SET n=1":                       {"UPDATE", "acct"},
		"DELETE FROM sessions":                        {"DELETE", "sessions"},
		"CREATE TABLE IF NOT EXISTS users (id int)":   {"CREATE", "users"},
		"CREATE INDEX i ON t(x)":                      {"CREATE", ""},
		"WITH x AS (SELECT 1) SELECT * FROM x":        {"WITH", ""},
		"frobnicate":                                  {},
		"":                                            {},
	} {
		if got := summarize(q); got != want {
			t.Errorf("summarize(%q) = %+v, want %+v", q, got, want)
		}
	}
}

func TestSystemAndNamespace(t *testing.T) {
	for _, c := range []struct{ driver, dsn, sys, ns string }{
		{"sqlite3", "file:test.db?cache=shared&mode=rwc", "sqlite", "test.db"},
		{"sqlite", ":memory:", "sqlite", ""},
		{"postgres", "postgres://u:p@localhost:5432/shop?sslmode=disable", "postgresql", "shop"},
		{"pgx", "host=db user=u dbname=shop", "postgresql", "shop"},
		{"mysql", "u:p@tcp(127.0.0.1:3306)/shop?parseTime=true", "mysql", "shop"},
		{"sqlserver", "x", "microsoft.sql_server", ""},
		{"weird", "x", "other_sql", ""},
	} {
		info := infoOfOpen(c.driver, c.dsn)
		if sys, ns := info.system, info.namespace; sys != c.sys || ns != c.ns {
			t.Errorf("%s %s: got %s %q, want %s %q", c.driver, c.dsn, sys, ns, c.sys, c.ns)
		}
	}
	if s := systemOfDriver(fakeDriver{}); s != "other_sql" {
		t.Errorf("fake driver type: %s", s)
	}
}
