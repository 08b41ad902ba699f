package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckAndIngestRefusal: check says ok on a sound database; after the
// index is damaged it says what is wrong (exit 1), and ingest refuses to
// write into the database.
func TestCheckAndIngestRefusal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	recs := ingestRecords(t, db, 3)
	if code, out, errOut := runCLI(t, "", "check", "--db", db); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check: exit %d, %q %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "check", "--db", filepath.Join(dir, "absent.db")); code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("check of no database: exit %d, %q", code, errOut)
	}
	// A speech the index does not have.
	sdb, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec(`INSERT INTO speeches (meeting_id, seq, speaker, role, country, chars, words, text)
		SELECT meeting_id, 999, 'x', 'member', 'CHN', 1, 1, 'x' FROM speeches LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	code, _, errOut := runCLI(t, "", "check", "--db", db)
	if code != 1 || !strings.Contains(errOut, "not in the full-text index") {
		t.Errorf("check of a damaged database: exit %d, %q", code, errOut)
	}
	before, _ := os.ReadFile(db)
	writeRecords(t, recs, 4)
	code, _, errOut = runCLI(t, "", "ingest", "-q", "--db", db, recs)
	if code != 1 || !strings.Contains(errOut, "fails its check") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
		t.Errorf("ingest into a damaged database: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("ingest wrote into the damaged database")
	}
}
