package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/store"
)

// TestMain lets a test run this binary as the verbatim command, so that a
// real ingest process can be killed.
func TestMain(m *testing.M) {
	if os.Getenv("VERBATIM_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// writeRecords writes n copies of a synthetic record, each its own meeting
// (the running head carries the symbol).
func writeRecords(t *testing.T, dir string, n int) {
	t.Helper()
	b, err := os.ReadFile("../../internal/parse/testdata/zh/labels.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		text := strings.ReplaceAll(string(b), "S/PV.9050", fmt.Sprintf("S/PV.%d", 20000+i))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestIngestSearchShowStats(t *testing.T) {
	dir := t.TempDir()
	recs := filepath.Join(dir, "records")
	os.Mkdir(recs, 0o755)
	writeRecords(t, recs, 3)
	os.WriteFile(filepath.Join(recs, "notes.txt"), []byte("这只是笔记，不是会议记录。\n"), 0o644)
	db := filepath.Join(dir, "v.db")

	code, out, errOut := runCLI(t, "", "ingest", "--db", db, recs)
	if code != 0 || !strings.Contains(out, "stored 3 (replaced 0), failed 0, skipped 1") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errOut)
	}
	// Again: the same records are replaced, not doubled.
	code, out, _ = runCLI(t, "", "ingest", "-q", "--db", db, recs)
	if code != 0 || !strings.Contains(out, "stored 3 (replaced 3)") {
		t.Fatalf("re-ingest: exit %d\n%s", code, out)
	}
	// A file named explicitly that is not a record is a failure.
	code, _, errOut = runCLI(t, "", "ingest", "-q", "--db", db, filepath.Join(recs, "notes.txt"))
	if code != 1 || !strings.Contains(errOut, "not a UN meeting record") {
		t.Errorf("explicit non-record: exit %d, %q", code, errOut)
	}

	code, out, _ = runCLI(t, "", "search", "--db", db, "--json", "--country", "CHN", "对话")
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Symbol, Date, Speaker, Country, Language, Snippet string
			Seq                                               int
		} `json:"hits"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("search: exit %d, %q", code, out)
	}
	if res.Total != 3 || len(res.Hits) != 3 || res.Hits[0].Country != "CHN" || res.Hits[0].Speaker != "孙磊" ||
		!strings.Contains(res.Hits[0].Snippet, "<mark>对话</mark>") || res.Hits[0].Seq != 6 {
		t.Errorf("search result: %+v", res)
	}
	// Traditional characters find simplified text; a phrase across words.
	code, out, _ = runCLI(t, "", "search", "--db", db, "對話")
	if code != 0 || !strings.HasPrefix(out, "3 speeches") {
		t.Errorf("traditional query: exit %d, %q", code, out)
	}
	code, out, _ = runCLI(t, "", "search", "--db", db, "--lang", "en", "对话")
	if code != 0 || !strings.HasPrefix(out, "0 speeches") {
		t.Errorf("filtered out: exit %d, %q", code, out)
	}

	code, out, _ = runCLI(t, "", "show", "--db", db, "S/PV.20001")
	if code != 0 || !strings.Contains(out, "# S/PV.20001") || !strings.Contains(out, "孙磊先生") {
		t.Errorf("show: exit %d, %.200q", code, out)
	}
	code, _, errOut = runCLI(t, "", "show", "--db", db, "S/PV.1")
	if code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("show missing: exit %d, %q", code, errOut)
	}

	code, out, _ = runCLI(t, "", "stats", "--db", db, "--by", "country")
	if code != 0 || !strings.Contains(out, "CHN") || !strings.Contains(out, "speeches") {
		t.Errorf("stats: exit %d, %q", code, out)
	}

	for _, bad := range [][]string{
		{"search", "--db", db},                               // no query
		{"search", "--db", db, "OR"},                         // operator alone
		{"search", "--db", db, "--from", "2020-13-01", "和平"}, // bad date
		{"stats", "--db", db, "--by", "colour"},
		{"show", "--db", db},
		// Checked as the API checks them.
		{"search", "--db", db, "--limit", "0", "和平"},
		{"search", "--db", db, "--limit", "-1", "和平"},
		{"search", "--db", db, "--limit", "101", "和平"},
		{"search", "--db", db, "--offset", "-1", "和平"},
		{"search", "--db", db, "--role", "king", "和平"},
		{"search", "--db", db, "--country", "Atlantis", "和平"},
		{"search", "--db", db, "--language", "chinese", "和平"},
		{"stats", "--db", db, "--role", "king"},
		{"list", "--db", db, "--limit", "0"},
		{"list", "--db", db, "--sort", "colour"},
		{"list", "--db", db, "--year", "16"},
	} {
		if code, _, errOut := runCLI(t, "", bad...); code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}

	// A country by name in any language; symbols in any case.
	for _, country := range []string{"China", "中国", "Chine", "chn"} {
		code, out, _ = runCLI(t, "", "search", "--db", db, "--country", country, "对话")
		if code != 0 || !strings.HasPrefix(out, "3 speeches") {
			t.Errorf("--country %s: exit %d, %.100q", country, code, out)
		}
	}
	if code, out, _ = runCLI(t, "", "show", "--db", db, "s/pv.20001"); code != 0 || !strings.Contains(out, "# S/PV.20001") {
		t.Errorf("show in lower case: exit %d, %.100q", code, out)
	}
	code, out, _ = runCLI(t, "", "list", "--db", db, "--json", "--sort", "symbol")
	var list struct {
		Total    int `json:"total"`
		Meetings []struct {
			Symbol string   `json:"symbol"`
			Langs  []string `json:"langs"`
		} `json:"meetings"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || list.Total != 3 || list.Meetings[0].Symbol != "S/PV.20000" ||
		len(list.Meetings[0].Langs) != 1 || list.Meetings[0].Langs[0] != "zh" {
		t.Errorf("list: exit %d, %.300q", code, out)
	}
	if code, out, _ = runCLI(t, "", "list", "--db", db, "--year", "1999"); code != 0 || !strings.Contains(out, "0 of 0 meetings") {
		t.Errorf("list of 1999: exit %d, %q", code, out)
	}
	if code, out, _ = runCLI(t, "", "stats", "--db", db, "--by", "person"); code != 0 || !strings.Contains(out, "孙磊") {
		t.Errorf("stats by person: exit %d, %q", code, out)
	}
	if code, out, _ = runCLI(t, "", "--version"); code != 0 || !strings.HasPrefix(out, "verbatim version ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

// TestCorruptDatabase: a --db that is not a database is refused with one
// line and left untouched.
func TestCorruptDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	content := []byte("this is not a database\n")
	os.WriteFile(db, content, 0o644)
	recs := filepath.Join(dir, "r")
	os.Mkdir(recs, 0o755)
	writeRecords(t, recs, 1)
	for _, args := range [][]string{
		{"ingest", "--db", db, recs},
		{"search", "--db", db, "和平"},
		{"show", "--db", db, "S/PV.1"},
		{"stats", "--db", db},
	} {
		code, _, errOut := runCLI(t, "", args...)
		if code != 1 || !strings.Contains(errOut, "not a Verbatim database") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if got, _ := os.ReadFile(db); string(got) != string(content) {
		t.Error("the file was changed")
	}
	if code, _, errOut := runCLI(t, "", "search", "--db", filepath.Join(dir, "absent.db"), "和平"); code != 1 || !strings.Contains(errOut, "ingest") {
		t.Errorf("absent database: exit %d, %q", code, errOut)
	}
}

// TestIngestSurvivesKill kills an ingest with SIGKILL in the middle of a
// batch: the database must pass its integrity check, every stored record
// must be whole, and running the ingest again completes the set with no
// duplicates.
func TestIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real ingest")
	}
	dir := t.TempDir()
	recs := filepath.Join(dir, "records")
	os.Mkdir(recs, 0o755)
	const n = 1500
	writeRecords(t, recs, n)
	for backend, db := range databases(t) {
		t.Run(backend, func(t *testing.T) {

			cmd := exec.Command(os.Args[0], "ingest", "-q", "--db", db, recs)
			cmd.Env = append(os.Environ(), "VERBATIM_TEST_MAIN=1")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			stored := 0
			deadline := time.Now().Add(60 * time.Second)
		poll:
			for time.Now().Before(deadline) {
				select {
				case <-exited:
					t.Fatal("the ingest finished before it could be killed; make the batch larger")
				case <-time.After(20 * time.Millisecond):
				}
				if st, err := store.OpenReadOnly(db); err == nil {
					st.DB().QueryRow(`SELECT count(*) FROM meetings`).Scan(&stored)
					st.Close()
					if stored >= 50 {
						break poll
					}
				}
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			<-exited
			if stored < 50 || stored >= n {
				t.Fatalf("killed with %d of %d stored", stored, n)
			}

			st, err := store.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if r, err := st.Check(ctx, true); err != nil || len(r) > 0 {
				t.Fatalf("check after kill: %q %v", r, err)
			}
			// Whole records only: each meeting has every speech its record has,
			// each with its JSON, and reads back whole.
			rows, err := st.DB().Query(`SELECT m.symbol, m.speeches, (SELECT count(*) FROM speeches s WHERE s.meeting_id = m.id AND s.meta IS NOT NULL)
				FROM meetings m`)
			if err != nil {
				t.Fatal(err)
			}
			type kept struct {
				sym              string
				declared, actual int
			}
			var found []kept
			for rows.Next() {
				var r kept
				rows.Scan(&r.sym, &r.declared, &r.actual)
				found = append(found, r)
			}
			rows.Close()
			after := 0
			for _, r := range found {
				m, err := st.Meeting(ctx, r.sym, "")
				if err != nil || r.declared != r.actual || len(m.Speeches) != r.actual || r.actual == 0 {
					t.Errorf("%s: %d speeches declared, %d stored, %v", r.sym, r.declared, r.actual, err)
				}
				after++
			}
			st.Close()
			t.Logf("killed after %d stored; %d whole records found", stored, after)

			code, out, errOut := runCLI(t, "", "ingest", "-q", "--db", db, recs)
			if code != 0 {
				t.Fatalf("re-run: exit %d\n%s\n%s", code, out, errOut)
			}
			st, err = store.OpenReadOnly(db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var meetings, symbols, speeches int
			st.DB().QueryRow(`SELECT count(*), count(DISTINCT symbol) FROM meetings`).Scan(&meetings, &symbols)
			st.DB().QueryRow(`SELECT count(*) FROM speeches`).Scan(&speeches)
			if meetings != n || symbols != n || speeches != n*11 {
				t.Errorf("after the re-run: %d meetings, %d symbols, %d speeches; want %d, %d, %d", meetings, symbols, speeches, n, n, n*11)
			}
		})
	}
}

// TestIngestKeepsGoing: a path that cannot be read is reported on one
// line, quoted, and the rest is stored; the exit status says something
// failed.
func TestIngestKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	recs := filepath.Join(dir, "records")
	os.Mkdir(recs, 0o755)
	writeRecords(t, recs, 2)
	db := filepath.Join(dir, "v.db")
	missing := filepath.Join(dir, "gone\nfolder")
	code, out, errOut := runCLI(t, "", "ingest", "-q", "--db", db, missing, recs)
	if code != 1 || !strings.Contains(out, "stored 2 (replaced 0), failed 1") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errOut)
	}
	if want := fmt.Sprintf("failed %q: no such file", missing); !strings.Contains(errOut, want) {
		t.Errorf("stderr %q lacks %q", errOut, want)
	}
	code, out, _ = runCLI(t, "", "stats", "--db", db)
	if code != 0 || !strings.Contains(out, "total") {
		t.Errorf("stats after a partial ingest: exit %d, %q", code, out)
	}
}

// ingestRecords writes n synthetic records into a new folder and ingests
// them into db, failing the test if the ingest does; it returns the folder.
func ingestRecords(t *testing.T, db string, n int) string {
	t.Helper()
	recs := filepath.Join(t.TempDir(), "records")
	os.Mkdir(recs, 0o755)
	writeRecords(t, recs, n)
	if code, out, errOut := runCLI(t, "", "ingest", "-q", "--db", db, recs); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	return recs
}
