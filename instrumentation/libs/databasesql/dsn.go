package databasesql

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Data source names, read by hand the way the drivers read them: this
// package must not import any driver. Only where the server is (host, port
// or socket) and which database is kept; user names, passwords and every
// other setting are skipped, so nothing read here can carry a password into
// a span. A DSN a parser does not understand yields nothing rather than a
// guess: the driver will reject it too.

// server is where a DSN says the database lives.
type server struct {
	address   string // server.address: host name, IP address or socket path
	port      int    // server.port; 0 for unix sockets and when unknown (reported only with address)
	namespace string // db.namespace: the database name
}

// Defaults of the drivers when the DSN names no port (or, for MySQL, no
// address at all).
const (
	postgresPort = 5432
	mysqlPort    = 3306
	mysqlSocket  = "/tmp/mysql.sock"
)

// postgresServer reads a PostgreSQL connection string as pgx
// (github.com/jackc/pgx/v5/stdlib) and lib/pq do: a URL
// postgres[ql]://[user[:password]@][host][:port][,host[:port]...][/dbname][?key=value&...]
// or libpq's key=value pairs (values optionally 'quoted', \ escapes).
// Settings missing from the DSN come from PGHOST, PGPORT and PGDATABASE
// (getenv), which both drivers honour. With several hosts, the first is the
// one reported (the one tried first). A host that starts with '/' is the
// directory of a unix socket; the address is then the socket file itself.
// With no host anywhere the address stays unknown (withDriverDefaults
// knows lib/pq's localhost; pgx would look for a local socket directory).
func postgresServer(dsn string, getenv func(string) string) server {
	var kv map[string]string
	var ok bool
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		kv, ok = postgresURL(dsn)
	} else {
		kv, ok = postgresKeyValues(dsn)
	}
	if !ok {
		return server{}
	}
	if _, set := kv["dbname"]; !set {
		if db, set := kv["database"]; set { // pgx's spelling
			kv["dbname"] = db
		}
	}
	get := func(key, env string) string {
		if v, set := kv[key]; set {
			return v
		}
		if getenv != nil {
			return getenv(env)
		}
		return ""
	}
	host := firstOfList(get("host", "PGHOST"))
	if host == "" {
		host = firstOfList(get("hostaddr", "PGHOSTADDR"))
	}
	port := postgresPort
	if p := firstOfList(get("port", "PGPORT")); p != "" {
		port = parsePort(p)
	}
	return postgresServerOf(host, port, get("dbname", "PGDATABASE"))
}

// postgresServerOf is the server of a host (name, address or socket
// directory), port and database.
func postgresServerOf(host string, port int, db string) server {
	s := server{namespace: db}
	switch {
	case host == "":
		s.port = port // for a driver's default host
	case strings.HasPrefix(host, "/") || strings.HasPrefix(host, "@"):
		if port > 0 {
			s.address = strings.TrimSuffix(host, "/") + "/.s.PGSQL." + strconv.Itoa(port)
		}
	default:
		s.address, s.port = host, port
	}
	return s
}

// postgresURL reads the settings of a postgres:// URL. The user
// information ends at the last '@' before the query, so that a password
// with an unescaped '@' or '/' is skipped whole rather than taken for a
// host or a database.
func postgresURL(dsn string) (map[string]string, bool) {
	rest := dsn[strings.Index(dsn, "://")+3:]
	query := ""
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, query = rest[:i], rest[i+1:]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	hosts, path, _ := strings.Cut(rest, "/")
	kv := map[string]string{}
	if hosts != "" {
		h, p, ok := splitHostList(hosts)
		if !ok {
			return nil, false
		}
		if h != "" {
			kv["host"] = h
		}
		if p != "" {
			kv["port"] = p
		}
	}
	if path != "" {
		db, err := url.PathUnescape(path)
		if err != nil {
			return nil, false
		}
		kv["dbname"] = db
	}
	for _, pair := range strings.Split(query, "&") {
		k, v, found := strings.Cut(pair, "=")
		if !found {
			continue
		}
		k, err1 := url.PathUnescape(k)
		v, err2 := url.PathUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, false
		}
		if keptKeys[k] {
			kv[k] = v
		}
	}
	return kv, true
}

// splitHostList splits a URL's "h1:p1,[::1]:p2,h3" into its first host and
// first port, percent-decoded.
func splitHostList(hosts string) (host, port string, ok bool) {
	first, _, _ := strings.Cut(hosts, ",")
	if strings.HasPrefix(first, "[") {
		end := strings.IndexByte(first, ']')
		if end < 0 {
			return "", "", false
		}
		host, first = first[1:end], first[end+1:]
		if first != "" && first[0] != ':' {
			return "", "", false
		}
		port = strings.TrimPrefix(first, ":")
	} else {
		host, port, _ = strings.Cut(first, ":")
	}
	var err1, err2 error
	host, err1 = url.PathUnescape(host)
	port, err2 = url.PathUnescape(port)
	return host, port, err1 == nil && err2 == nil
}

// postgresKeyValues reads libpq's "key=value key='quoted value'" form.
func postgresKeyValues(s string) (map[string]string, bool) {
	kv := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t\n\r\v\f")
		if s == "" {
			return kv, true
		}
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return nil, false
		}
		key := strings.TrimRight(s[:eq], " \t\n\r\v\f")
		if key == "" || strings.ContainsAny(key, " \t\n\r\v\f") {
			return nil, false
		}
		s = strings.TrimLeft(s[eq+1:], " \t\n\r\v\f")
		var val string
		var ok bool
		if strings.HasPrefix(s, "'") {
			val, s, ok = quotedValue(s[1:])
			if !ok {
				return nil, false
			}
		} else {
			val, s = bareValue(s)
			if strings.Contains(val, "=") && keptKeys[key] {
				// "dbname= password=x": libpq reads the database
				// "password=x", but the writer meant a password.
				return nil, false
			}
		}
		if keptKeys[key] { // the password and the rest are not kept
			kv[key] = val
		}
	}
}

// keptKeys are the settings postgresServer reads; no other value of a DSN
// is kept, even for a moment.
var keptKeys = map[string]bool{"host": true, "hostaddr": true, "port": true, "dbname": true, "database": true}

// quotedValue reads up to the closing quote; \x stands for x.
func quotedValue(s string) (val, rest string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			return b.String(), s[i+1:], true
		case '\\':
			i++
			if i == len(s) {
				return "", "", false
			}
		}
		b.WriteByte(s[i])
	}
	return "", "", false
}

// bareValue reads up to the next white space; \x stands for x.
func bareValue(s string) (val, rest string) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			return b.String(), s[i:]
		case '\\':
			i++
			if i == len(s) {
				return b.String(), ""
			}
		}
		b.WriteByte(s[i])
	}
	return b.String(), ""
}

// mysqlServer reads a DSN of github.com/go-sql-driver/mysql,
// [user[:password]@][net[(addr)]]/dbname[?param=value&...], splitting it
// where the driver does: at the last '/', and the user information at the
// last '@' before it. The defaults are the driver's: network tcp, address
// 127.0.0.1:3306 for tcp and /tmp/mysql.sock for unix, port 3306. For a
// network registered with mysql.RegisterDialContext the address is kept as
// written (it is host:port for most dialers).
func mysqlServer(dsn string) server {
	slash := strings.LastIndexByte(dsn, '/')
	if slash < 0 {
		if dsn != "" {
			return server{}
		}
		slash = 0
		dsn = "/"
	}
	left := dsn[:slash]
	if at := strings.LastIndexByte(left, '@'); at >= 0 {
		left = left[at+1:]
	}
	netw, addr := left, ""
	if i := strings.IndexByte(left, '('); i >= 0 {
		if !strings.HasSuffix(left, ")") {
			return server{}
		}
		netw, addr = left[:i], left[i+1:len(left)-1]
	}
	db, _, _ := strings.Cut(dsn[slash+1:], "?")
	db, err := url.PathUnescape(db)
	if err != nil {
		return server{}
	}
	return mysqlServerOf(netw, addr, db)
}

// mysqlServerOf is the server of a network, address and database as
// go-sql-driver/mysql's Config holds them.
func mysqlServerOf(netw, addr, db string) server {
	s := server{namespace: db}
	if netw == "" {
		netw = "tcp"
	}
	switch {
	case netw == "unix":
		if addr == "" {
			addr = mysqlSocket
		}
		s.address = addr
	case netw == "tcp" && addr == "":
		s.address, s.port = "127.0.0.1", mysqlPort
	case addr == "":
		return server{} // the driver knows no default address here
	default:
		host, port, err := net.SplitHostPort(addr)
		switch {
		case err == nil:
			s.address, s.port = host, parsePort(port)
		case strings.HasPrefix(netw, "tcp"):
			s.address, s.port = strings.Trim(addr, "[]"), mysqlPort
		default:
			s.address = addr
		}
	}
	return s
}

// firstOfList returns the first element of a comma-separated list.
func firstOfList(s string) string {
	first, _, _ := strings.Cut(s, ",")
	return strings.TrimSpace(first)
}

// parsePort returns the port number p, or 0 when p is not one.
func parsePort(p string) int {
	n, err := strconv.Atoi(p)
	if err != nil || n <= 0 || n > 65535 {
		return 0
	}
	return n
}
