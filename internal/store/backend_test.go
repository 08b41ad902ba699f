package store

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

// The store's tests are its conformance suite: TestMain runs them all on
// SQLite, then again on PostgreSQL when VERBATIM_TEST_POSTGRES names a
// server (.ci/run starts one; without it the second run is skipped, and
// fails under CI=true).
var onPostgres bool

func TestMain(m *testing.M) {
	code := m.Run()
	pg := os.Getenv("VERBATIM_TEST_POSTGRES")
	switch {
	case code != 0:
	case pg != "":
		fmt.Fprintln(os.Stderr, "store: the same tests on PostgreSQL")
		onPostgres = true
		code = m.Run()
	case os.Getenv("CI") == "true":
		fmt.Fprintln(os.Stderr, "store: VERBATIM_TEST_POSTGRES is not set: the PostgreSQL run cannot be skipped under CI=true")
		code = 1
	default:
		fmt.Fprintln(os.Stderr, "store: VERBATIM_TEST_POSTGRES is not set: tests ran on SQLite only")
	}
	os.Exit(code)
}

func sqliteOnly(t *testing.T) {
	if onPostgres {
		t.Skip("SQLite's files and SQL")
	}
}

var pgDatabases atomic.Int64

// tempDB returns a new, empty database: an SQLite file, or a database
// created on the test server and dropped after the test.
func tempDB(t testing.TB) string {
	t.Helper()
	if !onPostgres {
		return filepath.Join(t.TempDir(), "v.db")
	}
	admin := os.Getenv("VERBATIM_TEST_POSTGRES")
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("verbatim_test_%d_%d", os.Getpid(), pgDatabases.Add(1))
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err == nil {
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

// TestMigrationsMirrored: PostgreSQL has a copy of every SQLite migration,
// under the same number.
func TestMigrationsMirrored(t *testing.T) {
	lite, _ := migrations.ReadDir("migrations")
	pg, _ := pgMigrations.ReadDir("pgmigrations")
	if len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones", len(lite), len(pg))
	}
	for i := range lite {
		if a, b := lite[i].Name(), pg[i].Name(); a != b {
			t.Errorf("migration %d: %s in SQLite, %s in PostgreSQL", i+1, a, b)
		}
	}
}
