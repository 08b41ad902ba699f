package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/fetch/fetchtest"
	"github.com/verbatim-un/verbatim/internal/store"
)

// instantClock lets fetches wait without sleeping.
type instantClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *instantClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *instantClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return ctx.Err()
}

// fakeServices starts the fake services, points the fetch command at them
// through $VERBATIM_SOURCES, and makes its waits instant.
func fakeServices(t *testing.T) *fetchtest.Server {
	t.Helper()
	srv := fetchtest.New()
	t.Cleanup(srv.Close)
	t.Setenv(sourcesEnv, strings.Join(srv.Sources(), ","))
	fetchClock = &instantClock{now: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	t.Cleanup(func() { fetchClock = nil })
	return srv
}

// TestFetchIngest is the command a user runs, against the fake services:
// the Security Council's meetings 8698-8710 in English, with every way of
// answering among them, stored as they arrive; then the same again.
func TestFetchIngest(t *testing.T) {
	srv := fakeServices(t)
	pdfs := map[string][]byte{}
	for _, n := range []string{"8700", "8701", "8702", "8703", "8704", "8706", "8706(Resumption1)", "8707", "8708"} {
		pdfs["S/PV."+n] = fetchtest.CorpusPDF(t, "S_PV."+n+"-EN.pdf")
	}
	doc := func(sym string, d fetchtest.Doc) fetchtest.Doc {
		d.Body = pdfs[sym]
		return d
	}
	srv.Put("S/PV.8698", "en", fetchtest.Doc{Empty: true})                                               // not published
	srv.Put("S/PV.8700", "en", doc("S/PV.8700", fetchtest.Doc{Throttle: 2, RetryAfter: "5"}))            // 429
	srv.Put("S/PV.8701", "en", doc("S/PV.8701", fetchtest.Doc{Cut: 1, CutAt: 40000}))                    // cut, resumed
	srv.Put("S/PV.8702", "en", doc("S/PV.8702", fetchtest.Doc{Cut: 1, CutAt: 30000, IgnoreRange: true})) // cut, Range ignored
	srv.Put("S/PV.8703", "en", doc("S/PV.8703", fetchtest.Doc{Unavailable: 2}))                          // 503, backoff
	srv.Put("S/PV.8704", "en", doc("S/PV.8704", fetchtest.Doc{}))
	srv.Put("S/PV.8705", "en", fetchtest.Doc{Body: fetchtest.Word(4096), Ext: ".doc"}) // Word, kept
	srv.Put("S/PV.8706", "en", doc("S/PV.8706", fetchtest.Doc{}))
	srv.Put("S/PV.8706 (Resumption 1)", "en", doc("S/PV.8706(Resumption1)", fetchtest.Doc{}))
	srv.Put("S/PV.8707", "en", fetchtest.Doc{Unavailable: 1000}) // ODS down for it...
	srv.PutUndocs("S/PV.8707", "en", doc("S/PV.8707", fetchtest.Doc{}))
	srv.Put("S/PV.8708", "en", doc("S/PV.8708", fetchtest.Doc{HTML: false}))
	srv.Put("S/PV.8709", "en", fetchtest.Doc{Unavailable: 1000}) // ...and everywhere for this one
	srv.PutUndocs("S/PV.8709", "en", fetchtest.Doc{BadGateway: 1000})
	// S/PV.8699 and S/PV.8710: not in English.

	dir := t.TempDir()
	t.Chdir(dir)
	args := []string{"fetch", "S/PV.8698-8710", "--lang", "en", "--ingest"}
	code, stdout, stderr := runCLI(t, "", args...)
	if code != 1 {
		t.Errorf("exit %d, want 1 (one record failed); stderr:\n%s", code, stderr)
	}
	want := "fetched 10, already there 0, not published 1, not in that language 2, failed 1 (1 kept that are not PDF); stored 9 (replaced 0), ingest failed 0\n"
	if stdout != want {
		t.Errorf("summary %q\nwant    %q", stdout, want)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, prefix := range []string{
		"not published S/PV.8698 (en): empty answer",
		"not in that language S/PV.8699 (en)",
		"not in that language S/PV.8710 (en)",
		"failed S/PV.8709 (en): ods: HTTP 503",
		"fetched S/PV.8705 (en): kept as Word document (.doc)",
	} {
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d lines start %q in:\n%s", n, prefix, stderr)
		}
	}
	for sym, b := range pdfs {
		name := strings.ReplaceAll(sym, "/", "_") + "-EN.pdf"
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s: %v, %d bytes of %d", name, err, len(got), len(b))
		}
	}
	if _, err := os.Stat("S_PV.8705-EN.doc"); err != nil {
		t.Error(err)
	}
	if parts, _ := filepath.Glob(".*.part"); len(parts) > 0 {
		t.Errorf("part files left: %v", parts)
	}

	st, err := store.OpenReadOnly("verbatim.db")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ms, total, err := st.Meetings(ctx, store.Filter{Language: "en", Limit: 100})
	if err != nil || total != 9 {
		t.Fatalf("%d meetings stored, %v", total, err)
	}
	var stored []string
	for _, m := range ms {
		stored = append(stored, m.Symbol)
		res, err := st.Search(ctx, store.Filter{Query: "Council", Symbol: m.Symbol, Limit: 1})
		if err != nil || res.Total == 0 {
			t.Errorf("search for Council in %s: %d hits, %v", m.Symbol, res.Total, err)
		}
	}
	st.Close()
	slices.Sort(stored)
	wantStored := []string{"S/PV.8700", "S/PV.8701", "S/PV.8702", "S/PV.8703", "S/PV.8704", "S/PV.8706", "S/PV.8706 (Resumption 1)", "S/PV.8707", "S/PV.8708"}
	if !slices.Equal(stored, wantStored) {
		t.Errorf("stored %q, want %q", stored, wantStored)
	}

	// The second run finds the files and the database complete.
	srv.Reset()
	code, stdout, stderr = runCLI(t, "", args...)
	if code != 1 {
		t.Errorf("second run: exit %d; stderr:\n%s", code, stderr)
	}
	want = "fetched 0, already there 10, not published 1, not in that language 2, failed 1 (1 kept that are not PDF); stored 0 (replaced 0), ingest failed 0\n"
	if stdout != want {
		t.Errorf("second run: summary %q\nwant                %q", stdout, want)
	}
	// Only what was missing is asked again: the unpublished S/PV.8698
	// (whose answer is a redirect to an empty file).
	for _, q := range srv.Requests() {
		if strings.HasPrefix(q.Path, "/files/") && q.Path != "/files/S_PV.8698-EN.pdf" {
			t.Errorf("second run downloaded %s", q.Path)
		}
	}
}

func TestFetchUsage(t *testing.T) {
	fakeServices(t)
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no symbols", []string{"fetch"}, 2, "no symbols"},
		{"bad symbol", []string{"fetch", "X/PV.1"}, 2, "unknown body"},
		{"reversed range", []string{"fetch", "S/PV.9-1"}, 2, "before"},
		{"bad language", []string{"fetch", "--lang", "de", "S/PV.1"}, 2, `language "de"`},
		{"bad source", []string{"fetch", "--source", "ftp://x", "S/PV.1"}, 2, "want KIND=URL"},
		{"bad jobs", []string{"fetch", "--jobs", "0", "S/PV.1"}, 2, "--jobs must be at least 1"},
		{"bad interval", []string{"fetch", "--interval", "soon", "S/PV.1"}, 2, "invalid argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.err) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line with %q", code, stderr, tt.code, tt.err)
			}
		})
	}
}

func TestFetchDryRun(t *testing.T) {
	fakeServices(t)
	t.Setenv(sourcesEnv, "")
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "", "fetch", "--dry-run", "--out", filepath.Join(dir, "out"), "--lang", "en,zh", "s/pv.8698-8699")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "S/PV.8698\ten\thttps://documents.un.org/api/symbol/access?s=S%2FPV.8698&l=en&t=pdf\thttps://undocs.org/en/S/PV.8698\n" +
		"S/PV.8698\tzh\thttps://documents.un.org/api/symbol/access?s=S%2FPV.8698&l=zh&t=pdf\thttps://undocs.org/zh/S/PV.8698\n" +
		"S/PV.8699\ten\thttps://documents.un.org/api/symbol/access?s=S%2FPV.8699&l=en&t=pdf\thttps://undocs.org/en/S/PV.8699\n" +
		"S/PV.8699\tzh\thttps://documents.un.org/api/symbol/access?s=S%2FPV.8699&l=zh&t=pdf\thttps://undocs.org/zh/S/PV.8699\n"
	if stdout != want {
		t.Errorf("dry run printed\n%s\nwant\n%s", stdout, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("a dry run made the folder: %v", err)
	}
}

// TestFetchSurvivesKill kills a fetch process in the middle of a file:
// nothing is under the final name, and the next run asks only for the
// rest.
func TestFetchSurvivesKill(t *testing.T) {
	srv := fakeServices(t)
	body := fetchtest.PDF("S/PV.3", 50000)
	srv.Put("S/PV.3 (Resumption 2)", "fr", fetchtest.Doc{Body: body, Stall: time.Minute, CutAt: 20000})
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "fetch", "--out", dir, "--lang", "fr", "S/PV.3 (Resumption 2)")
	cmd.Env = append(os.Environ(), "VERBATIM_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	part := filepath.Join(dir, ".S_PV.3(Resumption2)-FR.ods.part")
	for deadline := time.Now().Add(30 * time.Second); ; {
		if st, err := os.Stat(part); err == nil && st.Size() == 20000 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the fetch ended before it could be killed: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the download never reached 20000 bytes")
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	final := filepath.Join(dir, "S_PV.3(Resumption2)-FR.pdf")
	if _, err := os.Stat(final); !os.IsNotExist(err) {
		t.Fatalf("killed fetch left a file under the final name: %v", err)
	}

	srv.Reset()
	code, stdout, stderr := runCLI(t, "", "fetch", "--out", dir, "--lang", "fr", "S/PV.3 (Resumption 2)")
	if code != 0 || !strings.HasPrefix(stdout, "fetched 1,") {
		t.Fatalf("second run: exit %d, %q %q", code, stdout, stderr)
	}
	if got, err := os.ReadFile(final); err != nil || !bytes.Equal(got, body) {
		t.Errorf("resumed file: %v, %d bytes of %d", err, len(got), len(body))
	}
	if !slices.ContainsFunc(srv.Requests(), func(q fetchtest.Request) bool { return q.Range == "bytes=20000-" }) {
		t.Errorf("the second run did not ask for the rest: %+v", srv.Requests())
	}
}

// TestFetchThenIngest: files fetched without --ingest are stored by a
// later run with it, without being downloaded again; a third run stores
// nothing more.
func TestFetchThenIngest(t *testing.T) {
	srv := fakeServices(t)
	srv.Put("S/PV.8704", "en", fetchtest.Doc{Body: fetchtest.CorpusPDF(t, "S_PV.8704-EN.pdf")})
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"S/PV.8704"}, "fetched 1, already there 0, not published 0, not in that language 0, failed 0\n"},
		{[]string{"--ingest", "--db", db, "S/PV.8704"}, "fetched 0, already there 1, not published 0, not in that language 0, failed 0; stored 1 (replaced 0), ingest failed 0\n"},
		{[]string{"--ingest", "--db", db, "S/PV.8704"}, "fetched 0, already there 1, not published 0, not in that language 0, failed 0; stored 0 (replaced 0), ingest failed 0\n"},
	}
	for i, s := range steps {
		code, stdout, stderr := runCLI(t, "", append([]string{"fetch", "-q", "--out", dir}, s.args...)...)
		if code != 0 || stdout != s.want {
			t.Errorf("step %d: exit %d, %q, want %q; stderr %q", i+1, code, stdout, s.want, stderr)
		}
	}
	downloads := 0
	for _, q := range srv.Requests() {
		if strings.HasPrefix(q.Path, "/files/") {
			downloads++
		}
	}
	if downloads != 1 {
		t.Errorf("%d downloads, want 1", downloads)
	}
}
