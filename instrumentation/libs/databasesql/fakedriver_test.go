package databasesql

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"strings"
)

// fakeDriver accepts every statement and fails those that contain "FAIL".
// Queries return one row with one column.
type fakeDriver struct{}

type fakeConn struct{}
type fakeStmt struct{ q string }
type fakeRows struct{ done bool }
type fakeTx struct{}

var errFake = errors.New("fake: no such table")

func init() { sql.Register("sqlite-fake", fakeDriver{}) }

func (fakeDriver) Open(string) (driver.Conn, error)           { return fakeConn{}, nil }
func (fakeConn) Prepare(q string) (driver.Stmt, error)        { return fakeStmt{q}, nil }
func (fakeConn) Close() error                                 { return nil }
func (fakeConn) Begin() (driver.Tx, error)                    { return fakeTx{}, nil }
func (fakeTx) Commit() error                                  { return nil }
func (fakeTx) Rollback() error                                { return nil }
func (fakeStmt) Close() error                                 { return nil }
func (fakeStmt) NumInput() int                                { return -1 }
func (s fakeStmt) Exec([]driver.Value) (driver.Result, error) { return driver.RowsAffected(1), s.err() }
func (s fakeStmt) Query([]driver.Value) (driver.Rows, error) {
	if err := s.err(); err != nil {
		return nil, err
	}
	return &fakeRows{}, nil
}
func (s fakeStmt) err() error {
	if strings.Contains(s.q, "FAIL") {
		return errFake
	}
	return nil
}
func (*fakeRows) Columns() []string { return []string{"x"} }
func (*fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	dest[0] = int64(1)
	return nil
}
