package databasesql

import (
	"database/sql"
	"database/sql/driver"
	"os"
	"reflect"
	"strings"

	"otelgo.dev/instrumentation/hook"
)

// sql.OpenDB(connector) gets no DSN: the drivers' connectors hold the parsed
// configuration in unexported fields, which hooks cannot name but
// reflection can read. sql.Open calls OpenDB too; its own hook then
// replaces what this one found with what the DSN says.

func BeforeOpenDB(ictx hook.HookContext, c driver.Connector) {
	ictx.SetData(infoOfConnector(c))
}

func AfterOpenDB(ictx hook.HookContext, db *sql.DB) {
	if info, ok := ictx.GetData().(dbInfo); ok {
		dbs.put(db, info)
	}
}

// infoOfConnector is what a connector tells about its database: the
// engine from its driver's type, and the server for the connectors of
// pgx's stdlib (OpenDB), go-sql-driver/mysql (NewConnector) and lib/pq
// (NewConnector).
func infoOfConnector(c driver.Connector) (info dbInfo) {
	info.system = "other_sql"
	defer func() {
		if recover() != nil { // a driver's unexpected layout must not fail OpenDB
			info = dbInfo{system: info.system}
		}
	}()
	if c == nil {
		return info
	}
	info.system = systemOfDriver(c.Driver())
	s := connectorServer(reflect.ValueOf(c))
	info.namespace, info.address, info.port = s.namespace, s.address, s.port
	return info
}

// connectorServer reads the configuration fields of the known connector
// types (pgx: the embedded pgconn.Config's Host, Port, Database; mysql: the
// *Config's Net, Addr, DBName; lib/pq: the DSN, the settings map or the
// Config's Host, Port, Database, depending on the version). Any other type, or a field of another kind than expected,
// yields nothing.
func connectorServer(v reflect.Value) server {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return server{}
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return server{}
	}
	return connectorServerOf(v.Type().PkgPath(), v)
}

// connectorServerOf reads connector v of a type of package pkg.
func connectorServerOf(pkg string, v reflect.Value) server {
	switch {
	case strings.Contains(pkg, "/jackc/pgx/"):
		return postgresServerOf(stringField(v, "Host"), int(uintField(v, "Port")), stringField(v, "Database"))
	case strings.HasSuffix(pkg, "/go-sql-driver/mysql"):
		cfg := structField(v, "cfg")
		if !cfg.IsValid() {
			return server{}
		}
		return mysqlServerOf(stringField(cfg, "Net"), stringField(cfg, "Addr"), stringField(cfg, "DBName"))
	case strings.HasSuffix(pkg, "/lib/pq"):
		if dsn := stringField(v, "name"); dsn != "" { // v1.0: the DSN itself
			return postgresServer(dsn, os.Getenv)
		}
		if opts := v.FieldByName("opts"); opts.IsValid() && opts.Kind() == reflect.Map && opts.Type().Key().Kind() == reflect.String {
			// v1.1 to v1.10: the parsed settings, PG* included.
			get := func(k string) string {
				e := opts.MapIndex(reflect.ValueOf(k).Convert(opts.Type().Key()))
				if !e.IsValid() || e.Kind() != reflect.String {
					return ""
				}
				return e.String()
			}
			return postgresServerOf(firstOfList(get("host")), parsePort(firstOfList(get("port"))), get("dbname"))
		}
		if cfg := structField(v, "cfg"); cfg.IsValid() { // v1.11 on
			return postgresServerOf(firstOfList(stringField(cfg, "Host")), int(uintField(cfg, "Port")), stringField(cfg, "Database"))
		}
	}
	return server{}
}

// stringField is v's (possibly promoted) string field name, "" if none.
func stringField(v reflect.Value, name string) string {
	f := v.FieldByName(name)
	if !f.IsValid() || f.Kind() != reflect.String {
		return ""
	}
	return f.String()
}

func uintField(v reflect.Value, name string) uint64 {
	f := v.FieldByName(name)
	if !f.IsValid() {
		return 0
	}
	switch f.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return f.Uint()
	}
	return 0
}

// structField is v's field name as a struct (through one pointer), or the
// zero Value.
func structField(v reflect.Value, name string) reflect.Value {
	f := v.FieldByName(name)
	if f.IsValid() && f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return reflect.Value{}
		}
		f = f.Elem()
	}
	if !f.IsValid() || f.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return f
}
