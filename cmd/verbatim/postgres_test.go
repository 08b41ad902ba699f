package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

var pgDatabases atomic.Int64

// databases returns where a test of the ingest runs: a new SQLite file,
// and a new database on the PostgreSQL server VERBATIM_TEST_POSTGRES
// names (.ci/run starts one). Without it only SQLite is tested, which
// fails under CI=true.
func databases(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{"sqlite": filepath.Join(t.TempDir(), "v.db")}
	admin := os.Getenv("VERBATIM_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("VERBATIM_TEST_POSTGRES is not set: the PostgreSQL tests cannot be skipped under CI=true")
		}
		t.Log("VERBATIM_TEST_POSTGRES is not set: SQLite only")
		return out
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("verbatim_cmd_%d_%d", os.Getpid(), pgDatabases.Add(1))
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
	out["postgres"] = u.String()
	return out
}
