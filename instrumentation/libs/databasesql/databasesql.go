// Package databasesql holds otel's hooks for database/sql (rules.yaml): a
// CLIENT span for every query, exec, prepare, begin, commit and rollback,
// following the OpenTelemetry semantic conventions for databases.
//
// Spans end when the call returns: a query's span covers the round trip
// that produced the first result set, not the caller's iteration of Rows.
package databasesql

import (
	"context"
	"database/sql"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/internal/instr"
)

// ScopeName is the instrumentation scope of the spans of this package.
const ScopeName = "otelgo.dev/instrumentation/libs/databasesql"

var tracer = instr.NewTracer(ScopeName)

// dbInstruments are the database client metrics of the conventions.
type dbInstruments struct {
	duration metric.Float64Histogram
}

var dbMetrics = instr.NewInstruments(ScopeName, func(m metric.Meter) *dbInstruments {
	return &dbInstruments{
		duration: instr.Histogram(m, "db.client.operation.duration", "s", "Duration of database client operations.", instr.DBDurationBuckets),
	}
})

// What the hooks remember about live database/sql objects.
var (
	dbs   registry[sql.DB, dbInfo]     // from sql.Open
	conns registry[sql.Conn, dbInfo]   // from DB.Conn
	txs   registry[sql.Tx, txInfo]     // from BeginTx
	stmts registry[sql.Stmt, stmtInfo] // from PrepareContext, Tx.StmtContext
)

type txInfo struct {
	db     dbInfo
	parent trace.SpanContext // the span that was current at BeginTx
	done   bool              // Commit or Rollback was called
}

type stmtInfo struct {
	db    dbInfo
	query string
}

// infoOfDB returns what is known about db: from sql.Open when it was
// opened that way, else the engine guessed from its driver's type.
func infoOfDB(db *sql.DB) dbInfo {
	if info, ok := dbs.get(db); ok {
		return info
	}
	if db == nil {
		return dbInfo{system: "other_sql"}
	}
	info := dbInfo{system: systemOfDriver(db.Driver())}
	dbs.put(db, info)
	return info
}

func infoOfConn(c *sql.Conn) dbInfo {
	if info, ok := conns.get(c); ok {
		return info
	}
	return dbInfo{system: "other_sql"}
}

func infoOfTx(tx *sql.Tx) txInfo {
	if info, ok := txs.get(tx); ok {
		return info
	}
	return txInfo{db: dbInfo{system: "other_sql"}}
}

// start begins a CLIENT span for one operation. op overrides the
// operation read from the query (for BEGIN, COMMIT, ...; "" to read it).
// sum is the operation and collection, which the metric uses too.
func start(ctx context.Context, db dbInfo, op, query string) (context.Context, trace.Span, summary) {
	if ctx == nil {
		ctx = context.Background()
	}
	attrs := make([]attribute.KeyValue, 0, 7)
	attrs = append(attrs, semconv.DBSystemNameKey.String(db.system))
	if db.namespace != "" {
		attrs = append(attrs, semconv.DBNamespace(db.namespace))
	}
	attrs = db.appendServer(attrs)
	var sum summary
	if query != "" {
		attrs = append(attrs, semconv.DBQueryText(query))
		sum = summarize(query)
	}
	if op != "" {
		sum = summary{op: op}
	}
	name := db.system
	if sum.op != "" {
		attrs = append(attrs, semconv.DBOperationName(sum.op))
		name = sum.op
		if sum.collection != "" {
			attrs = append(attrs, semconv.DBCollectionName(sum.collection))
			name += " " + sum.collection
		}
	}
	ctx, span := tracer.Get().Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	return ctx, span, sum
}

// call is what a Before hook hands to its After hook.
type call struct {
	span   trace.Span
	db     dbInfo
	query  string            // for Prepare: the new Stmt's query
	parent trace.SpanContext // the caller's span (for BeginTx: the Tx's)

	m     *dbInstruments  // nil: metrics are off
	ctx   context.Context // with the span (for exemplars)
	start time.Time       // for the duration metric
	sum   summary         // operation and collection
}

func begin(ictx hook.HookContext, ctx context.Context, db dbInfo, op, query string) {
	parent := trace.SpanContextFromContext(ctx)
	sctx, span, sum := start(ctx, db, op, query)
	c := &call{span: span, db: db, query: query, parent: parent}
	if c.m = dbMetrics.Get(); c.m != nil {
		c.ctx, c.start, c.sum = sctx, time.Now(), sum
	}
	ictx.SetData(c)
}

// record adds the call's duration to db.client.operation.duration with the
// span's attributes of low cardinality: never the query text.
func (c *call) record(err error) {
	var buf [5]attribute.KeyValue // WithAttributes copies: this stays on the stack
	attrs := append(buf[:0], semconv.DBSystemNameKey.String(c.db.system))
	if c.db.namespace != "" {
		attrs = append(attrs, semconv.DBNamespace(c.db.namespace))
	}
	if c.sum.op != "" {
		attrs = append(attrs, semconv.DBOperationName(c.sum.op))
		if c.sum.collection != "" {
			attrs = append(attrs, semconv.DBCollectionName(c.sum.collection))
		}
	}
	if err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(instr.ErrorType(err)))
	}
	instr.RecordDuration(c.ctx, c.m.duration, c.start, attrs)
}

// end finishes the span of the call, failed when err is not nil.
func end(ictx hook.HookContext, err error) *call {
	c, ok := ictx.GetData().(*call)
	if !ok {
		return nil
	}
	if err != nil {
		instr.SetError(c.span, err)
	}
	if c.m != nil {
		c.record(err)
	}
	c.span.End()
	return c
}

// sql.Open: remember the driver name and data source of the new DB.

func BeforeOpen(ictx hook.HookContext, driverName, dataSourceName string) {
	ictx.SetData(infoOfOpen(driverName, dataSourceName))
}

func AfterOpen(ictx hook.HookContext, db *sql.DB, err error) {
	if info, ok := ictx.GetData().(dbInfo); ok && err == nil {
		dbs.put(db, info.withDriverDefaults(db.Driver()))
	}
}

// DB.

func BeforeDBQuery(ictx hook.HookContext, db *sql.DB, ctx context.Context, query string, args ...interface{}) {
	begin(ictx, ctx, infoOfDB(db), "", query)
}

func BeforeDBExec(ictx hook.HookContext, db *sql.DB, ctx context.Context, query string, args ...interface{}) {
	begin(ictx, ctx, infoOfDB(db), "", query)
}

func BeforeDBPrepare(ictx hook.HookContext, db *sql.DB, ctx context.Context, query string) {
	begin(ictx, ctx, infoOfDB(db), "PREPARE", query)
}

func BeforeDBBegin(ictx hook.HookContext, db *sql.DB, ctx context.Context, opts *sql.TxOptions) {
	begin(ictx, ctx, infoOfDB(db), "BEGIN", "")
}

func BeforeDBConn(ictx hook.HookContext, db *sql.DB, ctx context.Context) {
	ictx.SetData(infoOfDB(db))
}

func AfterDBConn(ictx hook.HookContext, c *sql.Conn, err error) {
	if info, ok := ictx.GetData().(dbInfo); ok && err == nil {
		conns.put(c, info)
	}
}

// Conn.

func BeforeConnQuery(ictx hook.HookContext, c *sql.Conn, ctx context.Context, query string, args ...interface{}) {
	begin(ictx, ctx, infoOfConn(c), "", query)
}

func BeforeConnExec(ictx hook.HookContext, c *sql.Conn, ctx context.Context, query string, args ...interface{}) {
	begin(ictx, ctx, infoOfConn(c), "", query)
}

func BeforeConnPrepare(ictx hook.HookContext, c *sql.Conn, ctx context.Context, query string) {
	begin(ictx, ctx, infoOfConn(c), "PREPARE", query)
}

func BeforeConnBegin(ictx hook.HookContext, c *sql.Conn, ctx context.Context, opts *sql.TxOptions) {
	begin(ictx, ctx, infoOfConn(c), "BEGIN", "")
}

// Tx.

func BeforeTxQuery(ictx hook.HookContext, tx *sql.Tx, ctx context.Context, query string, args ...interface{}) {
	begin(ictx, ctx, infoOfTx(tx).db, "", query)
}

func BeforeTxExec(ictx hook.HookContext, tx *sql.Tx, ctx context.Context, query string, args ...interface{}) {
	begin(ictx, ctx, infoOfTx(tx).db, "", query)
}

func BeforeTxPrepare(ictx hook.HookContext, tx *sql.Tx, ctx context.Context, query string) {
	begin(ictx, ctx, infoOfTx(tx).db, "PREPARE", query)
}

// BeforeCommit and BeforeRollback have no context parameter: their span is
// a child of the span that was current when the transaction began.
func BeforeCommit(ictx hook.HookContext, tx *sql.Tx) { endTx(ictx, tx, "COMMIT") }

func BeforeRollback(ictx hook.HookContext, tx *sql.Tx) { endTx(ictx, tx, "ROLLBACK") }

// endTx starts the span of a Commit or Rollback, except on a transaction
// that has already ended: the idiom `defer tx.Rollback()` after a Commit
// talks to no database and returns sql.ErrTxDone by design; an error span
// for it in every transaction would be noise.
func endTx(ictx hook.HookContext, tx *sql.Tx, op string) {
	info, known := txs.get(tx)
	if known && info.done {
		return
	}
	if known {
		info.done = true
		txs.put(tx, info)
	} else {
		info.db.system = "other_sql"
	}
	begin(ictx, trace.ContextWithSpanContext(context.Background(), info.parent), info.db, op, "")
}

func AfterTxEnd(ictx hook.HookContext, err error) { end(ictx, err) }

func BeforeTxStmt(ictx hook.HookContext, tx *sql.Tx, ctx context.Context, stmt *sql.Stmt) {
	if info, ok := stmts.get(stmt); ok {
		ictx.SetData(info)
	}
}

func AfterTxStmt(ictx hook.HookContext, s *sql.Stmt) {
	if info, ok := ictx.GetData().(stmtInfo); ok {
		stmts.put(s, info)
	}
}

// Stmt.

func BeforeStmtQuery(ictx hook.HookContext, s *sql.Stmt, ctx context.Context, args ...interface{}) {
	info, _ := stmts.get(s)
	if info.db.system == "" {
		info.db.system = "other_sql"
	}
	begin(ictx, ctx, info.db, "", info.query)
}

func BeforeStmtExec(ictx hook.HookContext, s *sql.Stmt, ctx context.Context, args ...interface{}) {
	BeforeStmtQuery(ictx, s, ctx, args...)
}

// Shared After hooks.

func AfterQuery(ictx hook.HookContext, rows *sql.Rows, err error) { end(ictx, err) }

func AfterExec(ictx hook.HookContext, res sql.Result, err error) { end(ictx, err) }

func AfterPrepare(ictx hook.HookContext, s *sql.Stmt, err error) {
	if c := end(ictx, err); c != nil && err == nil {
		stmts.put(s, stmtInfo{db: c.db, query: c.query})
	}
}

func AfterBegin(ictx hook.HookContext, tx *sql.Tx, err error) {
	c := end(ictx, err)
	if c == nil || err != nil {
		return
	}
	// Commit and Rollback become children of the caller's span, not of
	// the BEGIN span, which has already ended.
	txs.put(tx, txInfo{db: c.db, parent: c.parent})
}
