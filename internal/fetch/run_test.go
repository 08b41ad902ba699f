package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/fetch/fetchtest"
)

// TestResumptionsAndRerun fetches meetings with resumed parts, then runs
// again: the second run finds everything there and asks only whether a
// further part has appeared; --refresh downloads everything again.
func TestResumptionsAndRerun(t *testing.T) {
	srv := fetchtest.New()
	defer srv.Close()
	bodies := map[string][]byte{}
	put := func(sym string) {
		bodies[sym] = fetchtest.PDF(sym, 3000)
		srv.Put(sym, "en", fetchtest.Doc{Body: bodies[sym]})
	}
	put("S/PV.10")
	put("S/PV.10 (Resumption 1)")
	put("S/PV.10 (Resumption 2)")
	put("S/PV.11")
	put("S/PV.13 (Resumption 1)") // no S/PV.13: its parts are not looked for
	srv.Put("S/PV.12", "en", fetchtest.Doc{Empty: true})
	dir := t.TempDir()

	r := newRun(t, srv, dir, nil)
	sum := r.do(t, "S/PV.10-13")
	want := Summary{Fetched: 4, NotPublished: 1, NotInLanguage: 1}
	if sum != want {
		t.Fatalf("first run: %v, want %v", sum, want)
	}
	for sym, b := range bodies {
		if sym == "S/PV.13 (Resumption 1)" {
			continue
		}
		sameFile(t, filepath.Join(dir, FileStem(sym, "en")+".pdf"), b)
	}
	if len(r.added) != 4 {
		t.Errorf("handed on %v", r.added)
	}
	if _, err := os.Stat(filepath.Join(dir, "S_PV.13(Resumption1)-EN.pdf")); err == nil {
		t.Error("a part of a meeting that is not there was fetched")
	}

	srv.Reset()
	r2 := newRun(t, srv, dir, nil)
	sum = r2.do(t, "S/PV.10-13")
	want = Summary{Present: 4, NotPublished: 1, NotInLanguage: 1}
	if sum != want {
		t.Fatalf("second run: %v, want %v", sum, want)
	}
	var asked []string
	for _, q := range srv.Requests() {
		if q.Server == "ods" && q.Path == "/api/symbol/access" {
			asked = append(asked, q.RawQuery)
		}
	}
	// S/PV.10 (Resumption 3), S/PV.11 (Resumption 1), S/PV.12, S/PV.13.
	if len(asked) != 4 {
		t.Errorf("second run asked %d times: %q", len(asked), asked)
	}
	if len(r2.added) != 0 {
		t.Errorf("second run handed on %v with no WantPresent", r2.added)
	}

	r3 := newRun(t, srv, dir, func(o *Options) { o.Refresh = true })
	if sum := r3.do(t, "S/PV.10"); sum != (Summary{Fetched: 3}) {
		t.Errorf("refresh: %v", sum)
	}
}

// TestWantPresent hands files already there to the sink when asked.
func TestWantPresent(t *testing.T) {
	srv := fetchtest.New()
	defer srv.Close()
	srv.Put("S/PV.10", "en", fetchtest.Doc{Body: fetchtest.PDF("a", 1000)})
	srv.Put("S/PV.10", "fr", fetchtest.Doc{Body: fetchtest.PDF("b", 1000)})
	dir := t.TempDir()
	newRun(t, srv, dir, func(o *Options) { o.Languages = []string{"en", "fr"} }).do(t, "S/PV.10")
	r := newRun(t, srv, dir, func(o *Options) {
		o.Languages = []string{"en", "fr"}
		o.WantPresent = func(sym, lang string) bool { return lang == "fr" }
	})
	r.do(t, "S/PV.10")
	if want := []string{filepath.Join(dir, "S_PV.10-FR.pdf")}; !slices.Equal(r.added, want) {
		t.Errorf("handed on %v, want %v", r.added, want)
	}
}

// TestChallengeStopsHost: a challenged host is asked once, said once, and
// its records come from the second source.
func TestChallengeStopsHost(t *testing.T) {
	srv := fetchtest.New()
	defer srv.Close()
	for _, sym := range []string{"S/PV.1", "S/PV.2", "S/PV.3"} {
		srv.Put(sym, "en", fetchtest.Doc{Body: fetchtest.PDF(sym, 500)})
		srv.PutUndocs(sym, "en", fetchtest.Doc{Body: fetchtest.PDF(sym, 500)})
	}
	srv.Challenge("ods", true)
	r := newRun(t, srv, t.TempDir(), func(o *Options) { o.Jobs = 1 })
	sum := r.do(t, "S/PV.1-3")
	if sum.Fetched != 3 || sum.Failed != 0 {
		t.Errorf("summary %v", sum)
	}
	if len(r.notices) != 1 || !strings.Contains(r.notices[0], "bot challenge") {
		t.Errorf("notices %q", r.notices)
	}
	n := 0
	for _, q := range srv.Requests() {
		if q.Server == "ods" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the challenged host was asked %d times", n)
	}

	// With no second source, every record fails, still with one notice.
	srv.Challenge("undocs", true)
	r = newRun(t, srv, t.TempDir(), nil)
	sum = r.do(t, "S/PV.1-3")
	if sum.Failed != 3 || len(r.notices) != 2 {
		t.Errorf("summary %v, notices %q", sum, r.notices)
	}
	for _, res := range r.results {
		if !errors.Is(res.Err, ErrChallenge) && !strings.Contains(res.Err.Error(), "bot challenge") {
			t.Errorf("%s: %v", res.Symbol, res.Err)
		}
	}
}

// TestKilledFetch interrupts a download in the middle of the body: no
// file is under the final name, and the next run asks only for the rest.
func TestKilledFetch(t *testing.T) {
	srv := fetchtest.New()
	defer srv.Close()
	body := fetchtest.PDF("S/PV.5", 20000)
	srv.Put("S/PV.5 (Resumption 1)", "en", fetchtest.Doc{Body: body, Stall: time.Minute, CutAt: 7000})
	dir := t.TempDir()
	final := filepath.Join(dir, "S_PV.5(Resumption1)-EN.pdf")
	part := filepath.Join(dir, ".S_PV.5(Resumption1)-EN.ods.part")

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	r := newRun(t, srv, dir, nil)
	go func() {
		_, err := r.f.Run(ctx, []string{"S/PV.5 (Resumption 1)"})
		done <- err
	}()
	for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
		if st, err := os.Stat(part); err == nil && st.Size() == 7000 {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("the download never reached 7000 bytes")
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run after cancel: %v", err)
	}
	if _, err := os.Stat(final); !os.IsNotExist(err) {
		t.Fatalf("a file is under the final name after the kill: %v", err)
	}
	if st, err := os.Stat(part); err != nil || st.Size() != 7000 {
		t.Fatalf("part file: %v", err)
	}

	srv.Reset()
	r = newRun(t, srv, dir, nil)
	if sum := r.do(t, "S/PV.5 (Resumption 1)"); sum.Fetched != 1 {
		t.Fatalf("resumed run: %v", sum)
	}
	sameFile(t, final, body)
	noParts(t, dir)
	if reqs := srv.Requests(); !slices.ContainsFunc(reqs, func(q fetchtest.Request) bool { return q.Range == "bytes=7000-" }) {
		t.Errorf("the resumed run did not ask for the rest: %+v", reqs)
	}
}

// TestManifest checks the manifest's lines for a throttled download and
// the search for a resumed part.
func TestManifest(t *testing.T) {
	srv := fetchtest.New()
	defer srv.Close()
	body := fetchtest.PDF("S/PV.7", 4000)
	srv.Put("S/PV.7", "zh", fetchtest.Doc{Body: body, Throttle: 1, RetryAfter: "2"})
	dir := t.TempDir()
	r := newRun(t, srv, dir, func(o *Options) { o.Languages = []string{"zh"} })
	r.do(t, "S/PV.7")
	es, err := ReadManifest(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 {
		t.Fatalf("%d entries: %+v", len(es), es)
	}
	sum := sha256.Sum256(body)
	start := newFakeClock().now
	want := []Entry{
		{Time: start, Symbol: "S/PV.7", Language: "zh", Source: "ods", Status: 429, Outcome: "retry", Note: "HTTP 429 Too Many Requests"},
		{Time: start.Add(2 * time.Second), Symbol: "S/PV.7", Language: "zh", Source: "ods", Status: 200, Outcome: "fetched",
			Bytes: int64(len(body)), SHA256: hex.EncodeToString(sum[:]), ContentType: "application/pdf", File: "S_PV.7-ZH.pdf"},
		{Time: start.Add(2 * time.Second), Symbol: "S/PV.7 (Resumption 1)", Language: "zh", Source: "ods", Status: 404, Outcome: "not in that language"},
	}
	for i, e := range es {
		w := want[i]
		if e.URL != r.f.sources[0].URL(w.Symbol, "zh") {
			t.Errorf("entry %d: url %s", i, e.URL)
		}
		if w.Status == 200 && !strings.HasSuffix(e.FinalURL, "/files/S_PV.7-ZH.pdf") {
			t.Errorf("entry %d: final url %s", i, e.FinalURL)
		}
		e.URL, e.FinalURL, w.ContentType = "", "", e.ContentType
		if w.Status == 200 && !strings.HasPrefix(e.ContentType, "application/pdf") {
			t.Errorf("entry %d: content type %q", i, e.ContentType)
		}
		if !e.Time.Equal(w.Time) {
			t.Errorf("entry %d: time %v, want %v", i, e.Time, w.Time)
		}
		e.Time, w.Time = time.Time{}, time.Time{}
		if e != w {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, e, w)
		}
	}
}

// TestPoliteness counts the requests a service answers at once.
func TestPoliteness(t *testing.T) {
	for _, perHost := range []int{1, 2} {
		t.Run(fmt.Sprint(perHost), func(t *testing.T) {
			srv := fetchtest.New()
			defer srv.Close()
			for i := 1; i <= 8; i++ {
				sym := fmt.Sprintf("S/PV.%d (Resumption 1)", i)
				srv.Put(sym, "en", fetchtest.Doc{Body: fetchtest.PDF(sym, 500), Delay: 30 * time.Millisecond})
			}
			r := newRun(t, srv, t.TempDir(), func(o *Options) { o.Jobs = 8; o.PerHost = perHost })
			var syms []string
			for i := 1; i <= 8; i++ {
				syms = append(syms, fmt.Sprintf("S/PV.%d (Resumption 1)", i))
			}
			if sum, err := r.f.Run(context.Background(), syms); err != nil || sum.Fetched != 8 {
				t.Fatalf("%v %v", sum, err)
			}
			if got := srv.MaxInFlight("ods"); got != perHost {
				t.Errorf("at most %d requests at once, want %d", got, perHost)
			}
			for _, q := range srv.Requests() {
				if !strings.HasPrefix(q.UserAgent, "Verbatim/") {
					t.Errorf("User-Agent %q", q.UserAgent)
				}
			}
		})
	}
}

// TestDefaultInterval: with the default options, request starts to one
// host are a second apart.
func TestDefaultInterval(t *testing.T) {
	srv := fetchtest.New()
	defer srv.Close()
	for i := 1; i <= 3; i++ {
		sym := fmt.Sprintf("S/PV.%d (Resumption 1)", i)
		srv.Put(sym, "en", fetchtest.Doc{Body: fetchtest.PDF(sym, 500)})
	}
	r := newRun(t, srv, t.TempDir(), func(o *Options) { o.Interval = 0; o.Jobs = 1 })
	if sum := r.do(t, "S/PV.1 (Resumption 1)", "S/PV.2 (Resumption 1)", "S/PV.3 (Resumption 1)"); sum.Fetched != 3 {
		t.Fatal(sum)
	}
	if got, want := r.clock.waits(), []time.Duration{time.Second, time.Second}; !equalDurations(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

// TestFileTimeout: a record that takes longer than the time allowed for
// one file fails with a message saying so, in real time and in waits.
func TestFileTimeout(t *testing.T) {
	tests := []struct {
		name string
		doc  fetchtest.Doc
		err  string
	}{
		{"slow server", fetchtest.Doc{Delay: 5 * time.Second}, "no complete file within 200ms"},
		{"retry past the deadline", fetchtest.Doc{Throttle: 1, RetryAfter: "1"}, "would pass the time allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fetchtest.New()
			defer srv.Close()
			tt.doc.Body = fetchtest.PDF("x", 500)
			srv.Put("S/PV.1 (Resumption 1)", "en", tt.doc)
			r := newRun(t, srv, t.TempDir(), func(o *Options) {
				o.FileTimeout = 200 * time.Millisecond
				o.Sources = o.Sources[:1]
			})
			sum := r.do(t, "S/PV.1 (Resumption 1)")
			if sum.Failed != 1 || !strings.Contains(r.results[0].Err.Error(), tt.err) {
				t.Errorf("%v: %v", sum, r.results[0].Err)
			}
		})
	}
}

// TestCorpusRange serves the shared corpus's Security Council records of
// January 2020 and fetches the range around them.
func TestCorpusRange(t *testing.T) {
	srv := fetchtest.New()
	defer srv.Close()
	names := []string{"8700", "8701", "8702", "8703", "8704", "8706", "8706(Resumption1)", "8707", "8708"}
	bodies := map[string][]byte{}
	for _, n := range names {
		b := fetchtest.CorpusPDF(t, "S_PV."+n+"-EN.pdf")
		sym := "S/PV." + n
		srv.Put(sym, "en", fetchtest.Doc{Body: b})
		bodies["S_PV."+n+"-EN.pdf"] = b
	}
	dir := t.TempDir()
	r := newRun(t, srv, dir, nil)
	sum := r.do(t, "S/PV.8698-8710")
	if want := (Summary{Fetched: 9, NotInLanguage: 5}); sum != want {
		t.Errorf("summary %v, want %v", sum, want)
	}
	for name, b := range bodies {
		sameFile(t, filepath.Join(dir, name), b)
	}
}

// TestProxy runs a fetch in a child process whose HTTP_PROXY points at a
// local proxy: the request for a non-loopback host must reach the proxy.
func TestProxy(t *testing.T) {
	if os.Getenv("VERBATIM_PROXY_CHILD") != "" {
		srcs, err := ParseSources([]string{"ods=http://documents.un.example"})
		if err != nil {
			t.Fatal(err)
		}
		f, err := New(Options{Out: os.Getenv("VERBATIM_PROXY_CHILD"), Sources: srcs, Interval: -1, Retries: -1})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := f.Run(context.Background(), []string{"S/PV.1 (Resumption 1)"})
		if err != nil || sum.Fetched != 1 {
			t.Fatalf("through the proxy: %v %v", sum, err)
		}
		return
	}
	body := fetchtest.PDF("proxied", 800)
	var seen []string
	proxy := http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.URL.String())
		w.Write(body)
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go proxy.Serve(ln)
	defer proxy.Close()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestProxy$")
	cmd.Env = append(os.Environ(), "VERBATIM_PROXY_CHILD="+dir, "HTTP_PROXY=http://"+ln.Addr().String(), "NO_PROXY=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if len(seen) != 1 || !strings.HasPrefix(seen[0], "http://documents.un.example/api/symbol/access?") {
		t.Errorf("the proxy saw %q", seen)
	}
	sameFile(t, filepath.Join(dir, "S_PV.1(Resumption1)-EN.pdf"), body)
}
