package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store/pgtest"
)

// databases returns where a test of the ingest runs: a new SQLite file,
// and a new database on the PostgreSQL server VERBATIM_TEST_POSTGRES
// names (.ci/run starts one). Without it only SQLite is tested, which
// fails under CI=true.
func databases(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{"sqlite": filepath.Join(t.TempDir(), "v.db")}
	admin := os.Getenv(pgtest.Env)
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("VERBATIM_TEST_POSTGRES is not set: the PostgreSQL tests cannot be skipped under CI=true")
		}
		t.Log("VERBATIM_TEST_POSTGRES is not set: SQLite only")
		return out
	}
	out["postgres"] = pgtest.TempDB(t, admin, "verbatim_cmd")
	return out
}
