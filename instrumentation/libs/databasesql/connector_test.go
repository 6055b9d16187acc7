package databasesql

import (
	"context"
	"database/sql/driver"
	"reflect"
	"testing"
)

// Look-alikes of the drivers' connector types: the fields connectorServer
// reads, with the drivers' names, kinds and embedding.
type (
	pgconnConfig struct {
		Host     string
		Port     uint16
		Database string
		Password string
	}
	pgxConnConfig struct {
		pgconnConfig
		Tracer interface{}
	}
	pgxConnector struct {
		pgxConnConfig
		BeforeConnect func()
	}
	mysqlConfig struct {
		User, Passwd, Net, Addr, DBName string
	}
	mysqlConnector struct {
		cfg               *mysqlConfig
		encodedAttributes string
	}
	pqValues      map[string]string
	pq10Connector struct{ name string }
	pq11Connector struct {
		opts   pqValues
		dialer interface{}
	}
	pqConfig struct {
		Host     string
		Port     uint16
		Database string
		Password string
	}
	pq12Connector struct {
		cfg    pqConfig
		dialer interface{}
	}
)

func TestConnectorServer(t *testing.T) {
	t.Setenv("PGHOST", "")
	t.Setenv("PGPORT", "")
	t.Setenv("PGDATABASE", "")
	for _, c := range []struct {
		pkg  string
		conn interface{}
		want server
	}{
		{"github.com/jackc/pgx/v5/stdlib", pgxConnector{pgxConnConfig: pgxConnConfig{pgconnConfig: pgconnConfig{"db.example.com", 6432, "shop", "s3cr#t"}}}, server{"db.example.com", 6432, "shop"}},
		{"github.com/jackc/pgx/v5/stdlib", &pgxConnector{pgxConnConfig: pgxConnConfig{pgconnConfig: pgconnConfig{"/run/pg", 5432, "shop", ""}}}, server{"/run/pg/.s.PGSQL.5432", 0, "shop"}},
		{"github.com/go-sql-driver/mysql", &mysqlConnector{cfg: &mysqlConfig{"u", "s3cr#t", "tcp", "h:3307", "shop"}}, server{"h", 3307, "shop"}},
		{"github.com/go-sql-driver/mysql", &mysqlConnector{cfg: &mysqlConfig{"u", "s3cr#t", "unix", "/run/my.sock", "shop"}}, server{"/run/my.sock", 0, "shop"}},
		{"github.com/go-sql-driver/mysql", &mysqlConnector{}, server{}},
		{"github.com/lib/pq", &pq10Connector{"host=h port=1 dbname=shop password=s3cr#t"}, server{"h", 1, "shop"}},
		{"github.com/lib/pq", pq11Connector{opts: pqValues{"host": "h", "port": "2", "dbname": "shop", "password": "s3cr#t"}}, server{"h", 2, "shop"}},
		{"github.com/lib/pq", pq12Connector{cfg: pqConfig{"h1,h2", 3, "shop", "s3cr#t"}}, server{"h1", 3, "shop"}},
		{"github.com/lib/pq", struct{ other int }{1}, server{}},
		{"example.com/otherdriver", pgxConnector{}, server{}},
	} {
		v := reflect.ValueOf(c.conn)
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if got := connectorServerOf(c.pkg, v); got != c.want {
			t.Errorf("%s %T: got %+v, want %+v", c.pkg, c.conn, got, c.want)
		}
	}
	// Real connector types of this package's own tests: no server, no panic.
	if got := connectorServer(reflect.ValueOf(fakeConnector{})); got != (server{}) {
		t.Errorf("fake connector: %+v", got)
	}
	if got := infoOfConnector(nil); got.system != "other_sql" {
		t.Errorf("nil connector: %+v", got)
	}
	if got := infoOfConnector(fakeConnector{}); got != (dbInfo{system: "other_sql"}) {
		t.Errorf("fake connector: %+v", got)
	}
	if got := infoOfConnector(panickyConnector{}); got.system != "other_sql" || got.address != "" {
		t.Errorf("panicking connector: %+v", got)
	}
}

type fakeConnector struct{ dsn string }

func (fakeConnector) Connect(context.Context) (driver.Conn, error) { return fakeConn{}, nil }
func (fakeConnector) Driver() driver.Driver                        { return fakeDriver{} }

// panickyConnector's Driver panics, as no driver's should.
type panickyConnector struct{ fakeConnector }

func (panickyConnector) Driver() driver.Driver { panic("no driver") }

func TestWithDriverDefaults(t *testing.T) {
	noHost := dbInfo{"postgresql", "d", "", 5432}
	for _, c := range []struct {
		in   dbInfo
		drv  driver.Driver
		want dbInfo
	}{
		{noHost, fakeDriver{}, noHost}, // not lib/pq
		{noHost, nil, noHost},
		{dbInfo{"postgresql", "d", "h", 1}, fakeDriver{}, dbInfo{"postgresql", "d", "h", 1}},
		{dbInfo{"mysql", "d", "", 5432}, fakeDriver{}, dbInfo{"mysql", "d", "", 5432}},
	} {
		if got := c.in.withDriverDefaults(c.drv); got != c.want {
			t.Errorf("%+v with %T's defaults = %+v, want %+v", c.in, c.drv, got, c.want)
		}
	}
}
