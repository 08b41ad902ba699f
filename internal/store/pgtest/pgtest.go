// Package pgtest gives tests a throwaway database on the PostgreSQL
// server that VERBATIM_TEST_POSTGRES names (.ci/run starts one).
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Env names the variable holding the test server's URL.
const Env = "VERBATIM_TEST_POSTGRES"

var databases atomic.Int64

// TempDB creates a new, empty database named after prefix on the server
// admin names, drops it when the test ends, and returns its URL.
func TempDB(t testing.TB, admin, prefix string) string {
	t.Helper()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), databases.Add(1))
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", admin); err == nil {
			db.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
