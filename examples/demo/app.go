package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

// User is a row of the users table.
type User struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// openDB opens (creating if needed) the SQLite database at path and makes
// sure it holds the demo's table and rows.
func openDB(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		return nil, err
	}
	if err := seed(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func seed(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit: ErrTxDone, ignored
	if _, err := tx.Exec(`CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return err
	}
	for i, name := range []string{"ada", "grace", "ken"} {
		if _, err := tx.Exec(`INSERT OR IGNORE INTO users (id, name) VALUES (?, ?)`, i+1, name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// newHandler is the demo's HTTP API:
//
//	GET /users/{id}  one user as JSON (404 when absent)
//	GET /users       all users
//	GET /broken      a query on a table that does not exist (500)
//	GET /fail        always 500
func newHandler(db *sql.DB) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			http.Error(w, "bad id", http.StatusBadRequest)
			return
		}
		var u User
		err = db.QueryRowContext(r.Context(), `SELECT id, name FROM users WHERE id = ?`, id).Scan(&u.ID, &u.Name)
		if errors.Is(err, sql.ErrNoRows) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, u)
	})
	mux.HandleFunc("GET /users", func(w http.ResponseWriter, r *http.Request) {
		users, err := listUsers(r, db)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, users)
	})
	mux.HandleFunc("GET /broken", func(w http.ResponseWriter, r *http.Request) {
		_, err := db.ExecContext(r.Context(), `DELETE FROM no_such_table`)
		http.Error(w, "query failed: "+errString(err), http.StatusInternalServerError)
	})
	mux.HandleFunc("GET /fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "failing on purpose", http.StatusInternalServerError)
	})
	return mux
}

func listUsers(r *http.Request, db *sql.DB) ([]User, error) {
	rows, err := db.QueryContext(r.Context(), `SELECT id, name FROM users ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func writeJSON(w http.ResponseWriter, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func errString(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}
