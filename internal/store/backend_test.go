package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store/pgtest"
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

// tempDB returns a new, empty database: an SQLite file, or a database
// created on the test server and dropped after the test.
func tempDB(t testing.TB) string {
	t.Helper()
	if !onPostgres {
		return filepath.Join(t.TempDir(), "v.db")
	}
	return pgtest.TempDB(t, os.Getenv(pgtest.Env), "verbatim_test")
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
