package store

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
)

// TestIsBusy: SQLite's answer when another connection holds the lock is
// told from other errors, so that it is waited out, not reported.
func TestIsBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	a, err := sql.Open("sqlite", fileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.SetMaxOpenConns(1)
	if _, err := a.Exec(`CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	b, err := sql.Open("sqlite", fileURI(path)+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var n int
	err = b.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	if err == nil {
		t.Fatal("a read during another connection's exclusive transaction succeeded")
	}
	if !isBusy(err) {
		t.Errorf("isBusy(%v) = false", err)
	}
	a.Exec(`ROLLBACK`)
	for _, err := range []error{
		b.QueryRow(`SELECT x FROM nowhere`).Scan(&n),
		errors.New("database is locked"), // words are not a code
		nil,
	} {
		if isBusy(err) {
			t.Errorf("isBusy(%v) = true", err)
		}
	}
}
