package databasesql

import (
	"strings"
	"testing"
)

// The password every DSN below uses, in the shapes passwords take; none
// of it may reach a parsed field.
const secret = "s3cr#t"

func noSecret(t *testing.T, dsn string, s server) {
	t.Helper()
	for _, v := range []string{s.address, s.namespace} {
		if strings.Contains(v, "s3cr") || strings.Contains(v, "cr#t") {
			t.Errorf("%q: password in %+v", dsn, s)
		}
	}
}

func TestPostgresDSN(t *testing.T) {
	for _, c := range []struct {
		dsn  string
		want server
	}{
		// URLs.
		{"postgres://u:s3cr#t@db.example.com:6432/shop?sslmode=disable", server{"db.example.com", 6432, "shop"}},
		{"postgresql://u:s3cr#t@db.example.com/shop", server{"db.example.com", 5432, "shop"}},
		{"postgres://db.example.com", server{"db.example.com", 5432, ""}},
		{"postgres://u@10.0.0.7:5433/", server{"10.0.0.7", 5433, ""}},
		{"postgres://u:s3cr#t@[::1]:5433/shop", server{"::1", 5433, "shop"}},
		{"postgres://u:s3cr#t@[2001:db8::2]/shop", server{"2001:db8::2", 5432, "shop"}},
		{"postgres://u:s3cr%23t@h1:5001,h2:5002/shop", server{"h1", 5001, "shop"}},
		{"postgres://h1,h2/shop?port=6001,6002", server{"h1", 6001, "shop"}},
		{"postgres:///shop?host=/var/run/postgresql", server{"/var/run/postgresql/.s.PGSQL.5432", 0, "shop"}},
		{"postgres://%2Ftmp%2Fpg:5999/shop", server{"/tmp/pg/.s.PGSQL.5999", 0, "shop"}},
		{"postgres://u:s3cr#t@h/my%20db?application_name=a@b", server{"h", 5432, "my db"}},
		{"postgres://u:pa@s3cr#t@h:7/shop", server{"h", 7, "shop"}},        // raw '@' in the password
		{"postgres://u:s3/cr#t@h:7/shop", server{"h", 7, "shop"}},          // raw '/' in the password
		{"postgres://h/shop?dbname=other&port=8", server{"h", 8, "other"}}, // the query overrides
		{"postgres://h:notaport/shop", server{"h", 0, "shop"}},
		{"postgres://[::1/shop", server{}},
		{"postgres://h/%zz", server{}},
		// key=value.
		{"host=db.example.com port=6432 dbname=shop user=u password=s3cr#t sslmode=disable", server{"db.example.com", 6432, "shop"}},
		{"host=db.example.com dbname=shop", server{"db.example.com", 5432, "shop"}},
		{"  host = db.example.com   dbname =shop  ", server{"db.example.com", 5432, "shop"}},
		{"user=u password='s3cr#t host=evil dbname=evil' host=h dbname='my shop'", server{"h", 5432, "my shop"}},
		{`password='it\'s s3cr#t' host=h dbname=a\ b`, server{"h", 5432, "a b"}},
		{"host=/var/run/postgresql dbname=shop", server{"/var/run/postgresql/.s.PGSQL.5432", 0, "shop"}},
		{"host=/tmp/ port=6000 dbname=shop", server{"/tmp/.s.PGSQL.6000", 0, "shop"}},
		{"host=h1,h2 port=6001,6002 dbname=shop", server{"h1", 6001, "shop"}},
		{"hostaddr=10.1.2.3 dbname=shop", server{"10.1.2.3", 5432, "shop"}},
		{"host=h hostaddr=10.1.2.3 database=shop", server{"h", 5432, "shop"}}, // pgx's spelling
		{"dbname=shop", server{"", 5432, "shop"}},                             // the port, for a driver's default host
		{"", server{"", 5432, ""}},
		{"host=h password='s3cr#t", server{}}, // unterminated quote
		{"host=h garbage", server{}},
		{"host=h dbname= password='s3cr#t'", server{}}, // libpq's dbname would be "password='...'"
		{"registeredConnConfig0", server{}},            // pgx stdlib.RegisterConnConfig's name
	} {
		got := postgresServer(c.dsn, func(string) string { return "" })
		if got != c.want {
			t.Errorf("postgresServer(%q) = %+v, want %+v", c.dsn, got, c.want)
		}
		noSecret(t, c.dsn, got)
	}
}

func TestPostgresDSNEnvironment(t *testing.T) {
	env := map[string]string{"PGHOST": "envhost", "PGPORT": "6543", "PGDATABASE": "envdb"}
	getenv := func(k string) string { return env[k] }
	for dsn, want := range map[string]server{
		"":                             {"envhost", 6543, "envdb"},
		"sslmode=disable":              {"envhost", 6543, "envdb"},
		"host=h":                       {"h", 6543, "envdb"},
		"host=h port=1 dbname=d":       {"h", 1, "d"},
		"postgres:///":                 {"envhost", 6543, "envdb"},
		"postgres://u:p@h/d":           {"h", 6543, "d"},
		"postgres://u:p@h:2/?dbname=x": {"h", 2, "x"},
	} {
		if got := postgresServer(dsn, getenv); got != want {
			t.Errorf("postgresServer(%q) with PG* set = %+v, want %+v", dsn, got, want)
		}
	}
	env = map[string]string{"PGHOST": "/run/pg"}
	if got := postgresServer("dbname=d", getenv); got != (server{"/run/pg/.s.PGSQL.5432", 0, "d"}) {
		t.Errorf("PGHOST socket: %+v", got)
	}
}

func TestMySQLDSN(t *testing.T) {
	for _, c := range []struct {
		dsn  string
		want server
	}{
		{"u:s3cr#t@tcp(db.example.com:3307)/shop?parseTime=true", server{"db.example.com", 3307, "shop"}},
		{"u:s3cr#t@tcp(db.example.com)/shop", server{"db.example.com", 3306, "shop"}},
		{"u:s3cr#t@tcp(127.0.0.1:3306)/", server{"127.0.0.1", 3306, ""}},
		{"u:s3cr#t@tcp([::1]:3310)/shop", server{"::1", 3310, "shop"}},
		{"u:s3cr#t@tcp(::1)/shop", server{"::1", 3306, "shop"}},
		{"u:s3cr#t@tcp6([fe80::1]:3310)/shop", server{"fe80::1", 3310, "shop"}},
		{"u:s3cr#t@/shop", server{"127.0.0.1", 3306, "shop"}},
		{"u@/shop", server{"127.0.0.1", 3306, "shop"}},
		{"/shop", server{"127.0.0.1", 3306, "shop"}},
		{"", server{"127.0.0.1", 3306, ""}},
		{"tcp(h:1)/", server{"h", 1, ""}},
		{"u:s3cr#t@unix(/run/mysqld/mysqld.sock)/shop?charset=utf8mb4", server{"/run/mysqld/mysqld.sock", 0, "shop"}},
		{"u:s3cr#t@unix/shop", server{"/tmp/mysql.sock", 0, "shop"}},
		{"u:pa@s3cr#t@tcp(h:5)/shop", server{"h", 5, "shop"}},            // '@' in the password
		{"u:s3/cr#t@tcp(h:5)/shop", server{"h", 5, "shop"}},              // '/' in the password
		{"u:s3cr#t(x)@tcp(h:5)/shop", server{"h", 5, "shop"}},            // '(' in the password
		{"u:s3cr#t@tcp(h:5)/my%2Fdb?loc=Local", server{"h", 5, "my/db"}}, // dbname is unescaped
		{"u:s3cr#t@cloudsql(project:region:instance)/shop", server{"project:region:instance", 0, "shop"}},
		{"u:s3cr#t@mydialer(h:9)/shop", server{"h", 9, "shop"}},
		{"u:s3cr#t@tcp(h:5/shop", server{}},
		{"u:s3cr#t@tcp6/shop", server{}},
		{"u:s3cr#t@tcp(h:5)/%zz", server{}},
		{"just-a-name", server{}},
	} {
		got := mysqlServer(c.dsn)
		if got != c.want {
			t.Errorf("mysqlServer(%q) = %+v, want %+v", c.dsn, got, c.want)
		}
		noSecret(t, c.dsn, got)
	}
}

func TestInfoOfOpen(t *testing.T) {
	t.Setenv("PGHOST", "")
	t.Setenv("PGPORT", "")
	t.Setenv("PGDATABASE", "")
	for _, c := range []struct {
		driver, dsn string
		want        dbInfo
	}{
		{"pgx", "postgres://u:s3cr#t@h:1/d", dbInfo{"postgresql", "d", "h", 1}},
		{"pgx/v5", "host=h port=2 dbname=d password=s3cr#t", dbInfo{"postgresql", "d", "h", 2}},
		{"postgres", "host=h dbname=d", dbInfo{"postgresql", "d", "h", 5432}},
		{"mysql", "u:s3cr#t@tcp(h:3)/d", dbInfo{"mysql", "d", "h", 3}},
		{"sqlite3", "file:x.db?mode=ro", dbInfo{"sqlite", "x.db", "", 0}},
		{"weird", "host=h dbname=d", dbInfo{"other_sql", "", "", 0}},
	} {
		if got := infoOfOpen(c.driver, c.dsn); got != c.want {
			t.Errorf("infoOfOpen(%q, %q) = %+v, want %+v", c.driver, c.dsn, got, c.want)
		}
	}
	t.Setenv("PGHOST", "envhost")
	if got := infoOfOpen("postgres", "dbname=d"); got.address != "envhost" || got.port != 5432 {
		t.Errorf("PGHOST not used: %+v", got)
	}
}

// FuzzDSN: the parsers never panic, and a password where the drivers
// read one never reaches a parsed field, whatever surrounds it. (In the
// key=value form a quote or backslash before the password changes what the
// drivers take for the password, so those are left out there.)
func FuzzDSN(f *testing.F) {
	f.Add("h:5", "shop", "sslmode=disable")
	f.Add("[::1]:5", "a%20b", "host=/tmp")
	f.Add("h", "d/x", "a=@b")
	f.Fuzz(func(t *testing.T, host, db, query string) {
		const pw = "Zq9xPw"
		if strings.Contains(host+db+query, pw[:3]) {
			return
		}
		check := func(dsn string, s server) {
			if strings.Contains(s.address+s.namespace, pw[:3]) {
				t.Fatalf("%q: password in %+v", dsn, s)
			}
		}
		dsn := "postgres://u:" + pw + "@" + host + "/" + db + "?" + query
		check(dsn, postgresServer(dsn, nil))
		dsn = "u:" + pw + "@tcp(" + host + ")/" + db + "?" + query
		check(dsn, mysqlServer(dsn))
		dsn = "host=" + host + " dbname=" + db + " password='" + pw + "' " + query
		s := postgresServer(dsn, nil)
		if !strings.ContainsAny(host+db, `'\`) {
			check(dsn, s)
		}
		for _, driver := range []string{"pgx", "mysql", "sqlite"} {
			_ = infoOfOpen(driver, dsn)
		}
	})
}
