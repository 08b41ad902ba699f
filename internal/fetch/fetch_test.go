package fetch

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/fetch/fetchtest"
)

// run is one fetch against the fake services, with the options a test
// needs and a clock that does not sleep.
type run struct {
	f       *Fetcher
	clock   *fakeClock
	dir     string
	mu      sync.Mutex
	results []Result
	notices []string
	added   []string
}

func (r *run) Add(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.added = append(r.added, path)
}

func newRun(t *testing.T, srv *fetchtest.Server, dir string, mod func(*Options)) *run {
	t.Helper()
	srcs, err := ParseSources(srv.Sources())
	if err != nil {
		t.Fatal(err)
	}
	r := &run{clock: newFakeClock(), dir: dir}
	o := Options{
		Out:            dir,
		Sources:        srcs,
		Interval:       -1,
		Backoff:        time.Second,
		MaxBackoff:     4 * time.Second,
		RequestTimeout: 5 * time.Second,
		FileTimeout:    30 * time.Second,
		Clock:          r.clock,
		Rand:           func() float64 { return 0.5 },
		Sink:           r,
		OnResult: func(res Result) {
			r.results = append(r.results, res)
		},
		OnNotice: func(s string) { r.notices = append(r.notices, s) },
	}
	if mod != nil {
		mod(&o)
	}
	if r.f, err = New(o); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *run) do(t *testing.T, args ...string) Summary {
	t.Helper()
	syms, err := Expand(args)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := r.f.Run(context.Background(), syms)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

func sameFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %d bytes differ from the %d served", filepath.Base(path), len(got), len(want))
	}
}

// noParts fails when a part file is left in dir.
func noParts(t *testing.T, dir string) {
	t.Helper()
	parts, _ := filepath.Glob(filepath.Join(dir, ".*.part"))
	if len(parts) > 0 {
		t.Errorf("part files left: %v", parts)
	}
}

// TestBehaviours runs one record through each way the services are known
// to answer.
func TestBehaviours(t *testing.T) {
	body := fetchtest.PDF("S/PV.1", 20000)
	doc := func(d fetchtest.Doc) *fetchtest.Doc {
		if d.Body == nil && !d.Empty && !d.HTML {
			d.Body = body
		}
		return &d
	}
	wpd := append([]byte("\xffWPC"), make([]byte, 500)...)
	const s = time.Second
	retryDate := newFakeClock().now.Add(30 * s).Format(http.TimeFormat)
	tests := []struct {
		name         string
		ods, undocs  *fetchtest.Doc
		challengeODS bool
		requestTO    time.Duration

		want       Outcome
		ext        string // of the stored file
		note       string // in Result.Note
		err        string // in Result.Err
		waits      []time.Duration
		undocsUsed bool
		rangeAsked string // a Range header the server must have seen
	}{
		{name: "PDF through a redirect", ods: doc(fetchtest.Doc{}), want: Fetched, ext: ".pdf"},
		{name: "redirect to .doc kept", ods: doc(fetchtest.Doc{Body: fetchtest.Word(3000), Ext: ".doc"}), want: Fetched, ext: ".doc", note: "Word document (.doc)"},
		{name: "WordPerfect kept", ods: doc(fetchtest.Doc{Body: wpd, Ext: ".wpf"}), want: Fetched, ext: ".wpd", note: "WordPerfect"},
		{name: "empty 200", ods: doc(fetchtest.Doc{Empty: true}), want: NotPublished, note: "empty answer", undocsUsed: true},
		{name: "HTML 200", ods: doc(fetchtest.Doc{HTML: true}), want: NotPublished, note: "not a document (text/html", undocsUsed: true},
		{name: "empty 200, undocs has it", ods: doc(fetchtest.Doc{Empty: true}), undocs: doc(fetchtest.Doc{}), want: Fetched, ext: ".pdf", undocsUsed: true},
		{name: "404 is not in that language", want: NotInLanguage},
		{name: "400 everywhere", ods: doc(fetchtest.Doc{Status: 400}), undocs: doc(fetchtest.Doc{Status: 400}), want: Failed, err: "HTTP 400", undocsUsed: true},
		{name: "429 Retry-After seconds", ods: doc(fetchtest.Doc{Throttle: 2, RetryAfter: "7"}), want: Fetched, ext: ".pdf", waits: []time.Duration{7 * s, 7 * s}},
		{name: "429 Retry-After date", ods: doc(fetchtest.Doc{Throttle: 1, RetryAfter: retryDate}), want: Fetched, ext: ".pdf", waits: []time.Duration{30 * s}},
		{name: "503 exponential backoff", ods: doc(fetchtest.Doc{Unavailable: 3}), want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * s}},
		{name: "502 backoff", ods: doc(fetchtest.Doc{BadGateway: 1}), want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond}},
		{name: "backoff capped", ods: doc(fetchtest.Doc{Unavailable: 5}), want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * s, 3 * s, 3 * s}},
		{name: "503 for good, undocs has it", ods: doc(fetchtest.Doc{Unavailable: 100}), undocs: doc(fetchtest.Doc{}), want: Fetched, ext: ".pdf", undocsUsed: true,
			waits: []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * s, 3 * s, 3 * s}},
		{name: "503 for good everywhere", ods: doc(fetchtest.Doc{Unavailable: 100}), undocs: doc(fetchtest.Doc{Unavailable: 100}), want: Failed, err: "gave up after 5 retries", undocsUsed: true},
		{name: "Retry-After too long", ods: doc(fetchtest.Doc{Throttle: 1, RetryAfter: "3600"}), undocs: doc(fetchtest.Doc{Throttle: 1, RetryAfter: "3600"}), want: Failed, err: "asks to wait 1h0m0s", undocsUsed: true},
		{name: "cut mid-body, resumed with Range", ods: doc(fetchtest.Doc{Cut: 1, CutAt: 5000}), want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond}, rangeAsked: "bytes=5000-"},
		{name: "cut twice", ods: doc(fetchtest.Doc{Cut: 2, CutAt: 4000}), want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}, rangeAsked: "bytes=8000-"},
		{name: "cut, server ignores Range", ods: doc(fetchtest.Doc{Cut: 1, CutAt: 5000, IgnoreRange: true}), want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond}, rangeAsked: "bytes=5000-"},
		{name: "cut without Content-Length", ods: doc(fetchtest.Doc{Cut: 1, CutAt: 5000, NoLength: true}), want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond}, rangeAsked: "bytes=5000-"},
		{name: "stalled body times out and resumes", ods: doc(fetchtest.Doc{Stall: 3 * s, CutAt: 6000}), requestTO: 300 * time.Millisecond, want: Fetched, ext: ".pdf", waits: []time.Duration{750 * time.Millisecond}, rangeAsked: "bytes=6000-"},
		{name: "bot challenge, undocs has it", ods: doc(fetchtest.Doc{}), challengeODS: true, undocs: doc(fetchtest.Doc{}), want: Fetched, ext: ".pdf", undocsUsed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fetchtest.New()
			defer srv.Close()
			// A resumed part: no search for further parts.
			const sym = "S/PV.1 (Resumption 1)"
			if tt.ods != nil {
				srv.Put(sym, "en", *tt.ods)
			}
			if tt.undocs != nil {
				srv.PutUndocs(sym, "en", *tt.undocs)
			}
			srv.Challenge("ods", tt.challengeODS)
			r := newRun(t, srv, t.TempDir(), func(o *Options) {
				if tt.requestTO > 0 {
					o.RequestTimeout = tt.requestTO
				}
			})
			if _, err := r.f.Run(context.Background(), []string{sym}); err != nil {
				t.Fatal(err)
			}
			if len(r.results) != 1 {
				t.Fatalf("results = %+v", r.results)
			}
			res := r.results[0]
			if res.Outcome != tt.want {
				t.Fatalf("outcome = %v (%v, note %q), want %v", res.Outcome, res.Err, res.Note, tt.want)
			}
			if !strings.Contains(res.Note, tt.note) {
				t.Errorf("note = %q, want it to contain %q", res.Note, tt.note)
			}
			if tt.err != "" && (res.Err == nil || !strings.Contains(res.Err.Error(), tt.err)) {
				t.Errorf("error = %v, want it to contain %q", res.Err, tt.err)
			}
			if tt.waits != nil && !equalDurations(r.clock.waits(), tt.waits) {
				t.Errorf("waits = %v, want %v", r.clock.waits(), tt.waits)
			}
			usedUndocs := slices.ContainsFunc(srv.Requests(), func(q fetchtest.Request) bool { return q.Server == "undocs" })
			if usedUndocs != tt.undocsUsed {
				t.Errorf("undocs asked = %v, want %v", usedUndocs, tt.undocsUsed)
			}
			if tt.rangeAsked != "" && !slices.ContainsFunc(srv.Requests(), func(q fetchtest.Request) bool { return q.Range == tt.rangeAsked }) {
				t.Errorf("no request with Range %q: %+v", tt.rangeAsked, srv.Requests())
			}
			want := filepath.Join(r.dir, "S_PV.1(Resumption1)-EN"+tt.ext)
			if tt.want == Fetched {
				if res.Path != want {
					t.Errorf("path = %s, want %s", res.Path, want)
				}
				served := tt.ods
				if tt.undocsUsed {
					served = tt.undocs
				}
				sameFile(t, res.Path, served.Body)
				if got := len(r.added) == 1; got != (tt.ext == ".pdf") {
					t.Errorf("handed on = %v for a %s file", r.added, tt.ext)
				}
			} else {
				files, _ := filepath.Glob(filepath.Join(r.dir, "S_PV*"))
				if len(files) > 0 || len(r.added) > 0 {
					t.Errorf("files %v written, %v handed on, for %v", files, r.added, tt.want)
				}
			}
			noParts(t, r.dir)
		})
	}
}
