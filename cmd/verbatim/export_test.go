package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportCommand: exports of a store and of files, their exit codes.
func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	ingestRecords(t, db, 3)

	// A search exported: as many rows as the search's total.
	code, out, _ := runCLI(t, "", "search", "--db", db, "--json", "--country", "CHN", "对话")
	var res struct{ Total int }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total == 0 {
		t.Fatalf("search: %d %q", code, out)
	}
	code, out, errOut := runCLI(t, "", "export", "--db", db, "--format", "csv", "--country", "CHN", "对话")
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows)-1 != res.Total || rows[0][1] != "filename" {
		t.Errorf("csv export: %d rows for a total of %d (%v)", len(rows)-1, res.Total, err)
	}
	if !strings.Contains(errOut, "exported 3 speeches of 3 meetings") {
		t.Errorf("summary %q", errOut)
	}

	// To a file, and to a directory.
	file := filepath.Join(dir, "all.jsonl")
	if code, _, errOut := runCLI(t, "", "export", "-q", "--db", db, "--format", "jsonl", "--out", file); code != 0 {
		t.Fatalf("jsonl: %d %s", code, errOut)
	}
	b, _ := os.ReadFile(file)
	code, out, _ = runCLI(t, "", "stats", "--db", db, "--json")
	var stats struct{ Rows []struct{ Speeches int } }
	json.Unmarshal([]byte(out), &stats)
	if n := strings.Count(string(b), "\n"); len(stats.Rows) != 1 || n != stats.Rows[0].Speeches {
		t.Errorf("jsonl holds %d lines, stats say %+v", n, stats)
	}
	tei := filepath.Join(dir, "tei")
	if code, _, errOut := runCLI(t, "", "export", "-q", "--db", db, "--format", "tei", "--out", tei); code != 0 {
		t.Fatalf("tei: %d %s", code, errOut)
	}
	if files, _ := filepath.Glob(filepath.Join(tei, "*.xml")); len(files) != 4 {
		t.Errorf("tei files %v", files)
	}
	// One meeting's TEI to standard output.
	if code, out, _ := runCLI(t, "", "export", "-q", "--db", db, "--format", "tei", "--symbol", "S/PV.20001"); code != 0 ||
		!strings.Contains(out, `xml:id="S_PV.20001-ZH"`) {
		t.Errorf("one meeting's TEI: %d %.200q", code, out)
	}

	// Files without a store.
	code, out, errOut = runCLI(t, "", "export", "--format", "md", fixture)
	if code != 0 || !strings.HasPrefix(out, "# ") || !strings.Contains(out, "### 1. 主席") {
		t.Errorf("export of a file: %d %.100q %s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "", "export", "--format", "md", fixture, filepath.Join(dir, "absent.txt"))
	if code != 1 || !strings.Contains(errOut, "absent.txt") {
		t.Errorf("a missing file: %d %q", code, errOut)
	}

	for _, bad := range [][]string{
		{"export", "--db", db},                     // no format
		{"export", "--db", db, "--format", "xlsx"}, // unknown format
		{"export", "--db", db, "--format", "csv", "--layout", "scd"},
		{"export", "--db", db, "--format", "tei"},       // several meetings, no --out
		{"export", "--db", db, "--format", "csv", "OR"}, // bad query
		{"export", "--db", db, "--format", "csv", "--from", "2020-13-01"},
		{"export", "--format", "csv", "--country", "CHN", fixture}, // filters with files
		{"export", "--format", "csv", "peace", fixture},            // query and files
	} {
		if code, _, errOut := runCLI(t, "", bad...); code != 2 {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "", "export", "--db", filepath.Join(dir, "none.db"), "--format", "csv"); code != 1 {
		t.Errorf("no database: exit %d, %q", code, errOut)
	}
}
