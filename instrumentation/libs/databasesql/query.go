package databasesql

import "strings"

// summary is what the span name and db.operation.name say about a query:
// its first keyword ("SELECT") and, when the query has exactly one obvious
// table, that table ("users"). Anything unclear is left empty rather than
// guessed: a wrong operation name is worse than none.
type summary struct {
	op, collection string
}

var knownOps = map[string]bool{
	"SELECT": true, "INSERT": true, "UPDATE": true, "DELETE": true,
	"REPLACE": true, "UPSERT": true, "MERGE": true, "WITH": true,
	"CREATE": true, "DROP": true, "ALTER": true, "TRUNCATE": true,
	"PRAGMA": true, "EXPLAIN": true, "CALL": true, "EXEC": true,
	"BEGIN": true, "COMMIT": true, "ROLLBACK": true, "SAVEPOINT": true,
	"SET": true, "SHOW": true, "VACUUM": true, "ANALYZE": true,
}

// summarize reads the query's leading keyword and single table.
func summarize(query string) summary {
	toks := tokens(query, 64)
	if len(toks) == 0 {
		return summary{}
	}
	op := strings.ToUpper(toks[0])
	if !knownOps[op] {
		return summary{}
	}
	return summary{op: op, collection: collectionOf(op, toks)}
}

// collectionOf finds the table a simple statement works on.
func collectionOf(op string, toks []string) string {
	switch op {
	case "SELECT", "DELETE":
		return afterUnique(toks, "FROM")
	case "INSERT", "REPLACE", "UPSERT":
		return afterUnique(toks, "INTO")
	case "UPDATE":
		return ident(toks, 1)
	case "CREATE", "DROP", "ALTER", "TRUNCATE":
		i := indexOf(toks, "TABLE")
		if i < 0 {
			return ""
		}
		i++
		for i < len(toks) && (eq(toks[i], "IF") || eq(toks[i], "NOT") || eq(toks[i], "EXISTS")) {
			i++
		}
		return ident(toks, i)
	}
	return ""
}

// afterUnique returns the identifier after keyword kw when kw appears once
// and the statement has no join or second table.
func afterUnique(toks []string, kw string) string {
	i := indexOf(toks, kw)
	if i < 0 || indexOfFrom(toks, kw, i+1) >= 0 || indexOf(toks, "JOIN") >= 0 {
		return ""
	}
	name := ident(toks, i+1)
	if name != "" && i+2 < len(toks) && toks[i+2] == "," {
		return ""
	}
	return name
}

// ident returns toks[i] without quotes when it is an identifier.
func ident(toks []string, i int) string {
	if i >= len(toks) {
		return ""
	}
	t := toks[i]
	if t == "" || strings.ContainsAny(t[:1], "(),;'") || knownOps[strings.ToUpper(t)] {
		return ""
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '"', '`', '[', ']':
			return -1
		}
		return r
	}, t)
}

func eq(a, b string) bool { return strings.EqualFold(a, b) }

func indexOf(toks []string, kw string) int { return indexOfFrom(toks, kw, 0) }

func indexOfFrom(toks []string, kw string, from int) int {
	for i := from; i < len(toks); i++ {
		if eq(toks[i], kw) {
			return i
		}
	}
	return -1
}

// tokens splits the start of a query (at most max tokens) into words,
// quoted identifiers and single punctuation characters, skipping comments
// and string literals (a literal becomes the token "'").
func tokens(q string, max int) []string {
	var out []string
	for i := 0; i < len(q) && len(out) < max; {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(q[i:], "--"):
			for i < len(q) && q[i] != '\n' {
				i++
			}
		case strings.HasPrefix(q[i:], "/*"):
			if j := strings.Index(q[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(q)
			}
		case c == '\'':
			j := i + 1
			for j < len(q) && q[j] != '\'' {
				j++
			}
			out = append(out, "'")
			i = j + 1
		case isWord(c) || c == '"' || c == '`' || c == '[':
			j := i
			for j < len(q) && (isWord(q[j]) || strings.IndexByte("\"`[]", q[j]) >= 0) {
				j++
			}
			out = append(out, q[i:j])
			i = j
		default:
			out = append(out, q[i:i+1])
			i++
		}
	}
	return out
}

func isWord(c byte) bool {
	return c == '_' || c == '.' || c == '$' || c >= '0' && c <= '9' ||
		c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
