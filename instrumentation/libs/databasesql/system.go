package databasesql

import (
	"database/sql/driver"
	"os"
	"reflect"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
)

// dbInfo is what every span of one database shares.
type dbInfo struct {
	system    string // db.system.name
	namespace string // db.namespace, "" when unknown
	address   string // server.address, "" when unknown
	port      int    // server.port, 0 when unknown or a unix socket; only with address
}

// infoOfOpen is what sql.Open(driverName, dsn) tells about the database.
// MySQL and MariaDB speak one protocol through one driver, which learns
// which one it talks to only from the server's greeting; db.system.name is
// "mysql" for both (the driver's name) rather than a guess.
func infoOfOpen(driverName, dsn string) (info dbInfo) {
	info.system = systemOfDriverName(driverName)
	defer func() {
		if recover() != nil { // a DSN parser bug must not fail sql.Open
			info = dbInfo{system: info.system}
		}
	}()
	var s server
	switch info.system {
	case "sqlite":
		s.namespace = sqlitePath(dsn)
	case "postgresql":
		s = postgresServer(dsn, os.Getenv)
	case "mysql":
		s = mysqlServer(dsn)
	}
	info.namespace, info.address, info.port = s.namespace, s.address, s.port
	return info
}

// withDriverDefaults is d with the server address drv uses when the DSN
// names none, where that default is fixed: lib/pq connects to localhost.
// (pgx looks for a local socket directory first: its default is unknown
// here.)
func (d dbInfo) withDriverDefaults(drv driver.Driver) dbInfo {
	if d.address == "" && d.port > 0 && d.system == "postgresql" && drv != nil {
		t := reflect.TypeOf(drv)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if strings.HasSuffix(t.PkgPath(), "/lib/pq") {
			d.address = "localhost"
		}
	}
	return d
}

// appendServer appends server.address and server.port when known.
func (d dbInfo) appendServer(attrs []attribute.KeyValue) []attribute.KeyValue {
	if d.address == "" {
		return attrs
	}
	attrs = append(attrs, semconv.ServerAddress(d.address))
	if d.port > 0 {
		attrs = append(attrs, semconv.ServerPort(d.port))
	}
	return attrs
}

// systemOfDriverName maps the name a driver registers with sql.Register to
// db.system.name.
func systemOfDriverName(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "sqlite"):
		return "sqlite"
	case strings.HasPrefix(n, "postgres"), strings.HasPrefix(n, "pgx"), n == "pq", n == "cloudsqlpostgres":
		return "postgresql"
	case strings.Contains(n, "mysql"):
		return "mysql"
	case n == "sqlserver", n == "mssql", n == "azuresql":
		return "microsoft.sql_server"
	case strings.Contains(n, "oracle"), n == "godror", n == "oci8":
		return "oracle.db"
	case strings.Contains(n, "clickhouse"):
		return "clickhouse"
	case n == "duckdb":
		return "duckdb"
	}
	return "other_sql"
}

// systemOfDriver guesses db.system.name from the driver's Go type when the
// database was not opened with sql.Open (sql.OpenDB with a connector): the
// type's package path names the engine in every common driver.
func systemOfDriver(d driver.Driver) string {
	if d == nil {
		return "other_sql"
	}
	t := reflect.TypeOf(d)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pkg := t.PkgPath()
	if strings.HasSuffix(pkg, "/lib/pq") || strings.Contains(pkg, "/jackc/pgx") {
		return "postgresql" // github.com/lib/pq.Driver, .../pgx/v5/stdlib.Driver
	}
	return systemOfDriverName(pkg + "." + t.Name())
}

// sqlitePath is the database file of a SQLite DSN ("" for in-memory).
func sqlitePath(dsn string) string {
	p := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if p == ":memory:" {
		return ""
	}
	return p
}
