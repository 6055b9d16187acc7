package databasesql

import (
	"database/sql/driver"
	"net/url"
	"reflect"
	"strings"
)

// dbInfo is what every span of one database shares.
type dbInfo struct {
	system    string // db.system.name
	namespace string // db.namespace, "" when unknown
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
	s := systemOfDriverName(t.PkgPath() + "." + t.Name())
	if s == "other_sql" && strings.Contains(t.PkgPath(), "lib/pq") {
		return "postgresql"
	}
	return s
}

// namespaceOf extracts the database name from a data source name for the
// systems whose DSN syntax is well known; "" otherwise.
func namespaceOf(system, dsn string) string {
	switch system {
	case "sqlite":
		p := strings.TrimPrefix(dsn, "file:")
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		if p == "" || p == ":memory:" {
			return ""
		}
		return p
	case "postgresql":
		if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
			return strings.TrimPrefix(u.Path, "/")
		}
		for _, kv := range strings.Fields(dsn) {
			if v, ok := strings.CutPrefix(kv, "dbname="); ok {
				return strings.Trim(v, "'")
			}
		}
	case "mysql": // [user[:pw]@][net[(addr)]]/dbname[?params]
		if i := strings.LastIndexByte(dsn, '/'); i >= 0 {
			db := dsn[i+1:]
			if j := strings.IndexByte(db, '?'); j >= 0 {
				db = db[:j]
			}
			return db
		}
	}
	return ""
}
