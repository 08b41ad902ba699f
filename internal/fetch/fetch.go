// Package fetch downloads UN meeting records by symbol and language from
// the UN's public document services, politely and so that an interrupted
// run can be resumed: files are written under their final name only when
// complete, every answer goes into a JSONL manifest beside them, and a
// second run skips what is already there.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Outcome is what became of one record in one language.
type Outcome int

const (
	Fetched       Outcome = iota // downloaded in this run
	Present                      // already in the folder
	NotPublished                 // the service answered, but with no document (an empty or non-document body)
	NotInLanguage                // 404: no such record in that language
	Failed                       // anything else: see Result.Err
)

func (o Outcome) String() string {
	switch o {
	case Fetched:
		return "fetched"
	case Present:
		return "already there"
	case NotPublished:
		return "not published"
	case NotInLanguage:
		return "not in that language"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Result is the fate of one record in one language.
type Result struct {
	Symbol   string
	Language string
	Outcome  Outcome
	Resumed  bool   // a resumed part found by looking, not one of the symbols asked for
	Path     string // the file, for Fetched and Present
	PDF      bool   // the file is a PDF (else a word-processor file kept as it came)
	Source   string // the service that answered last
	URL      string // the URL asked last
	Bytes    int64
	Note     string // said about a kept non-PDF file or a not-published answer
	Err      error  // why it failed
}

// Sink receives each record's PDF once it is complete under its final
// name (the ingest).
type Sink interface{ Add(path string) }

// Options configure a Fetcher; zero values take the defaults noted.
type Options struct {
	Out       string   // folder for the files and the manifest (default ".")
	Languages []string // default: English
	Sources   []Source // asked in order; default DefaultSources
	Refresh   bool     // download again what is already there

	Jobs           int           // records in flight at once (default 2)
	PerHost        int           // requests at a time per host (default 2)
	Interval       time.Duration // minimum time between request starts per host (default 1s); negative for none
	RequestTimeout time.Duration // no answer or no progress for this long aborts an attempt (default 60s)
	FileTimeout    time.Duration // one file from one source, retries included (default 10m)
	Retries        int           // retries per file and source (default 5)
	Backoff        time.Duration // first backoff (default 1s)
	MaxBackoff     time.Duration // cap of the exponential backoff (default 60s)
	MaxRetryAfter  time.Duration // a longer Retry-After fails the file instead (default 10m)
	MaxBytes       int64         // larger files fail (default 512 MiB)
	UserAgent      string        // default "Verbatim/<version>"

	Client *http.Client   // default: proxies from HTTP(S)_PROXY
	Clock  Clock          // default: the real clock
	Rand   func() float64 // jitter in [0,1); default math/rand

	Sink Sink
	// WantPresent says whether a PDF already in the folder goes to the
	// Sink too (say, when the database lacks it); nil means no.
	WantPresent func(symbol, lang string) bool
	// OnResult is called once for every result, one call at a time.
	OnResult func(Result)
	// OnNotice is called for messages about a whole service, such as a
	// bot challenge, once each.
	OnNotice func(string)
}

// maxResumptions bounds the search for a meeting's resumed parts.
const maxResumptions = 50

// Fetcher downloads records. It is used for one Run.
type Fetcher struct {
	o       Options
	sources []Source
	hosts   map[string]*host

	mu      sync.Mutex // serialises OnResult and the summary
	summary Summary
	man     *manifest
}

// New checks the options and fills in the defaults.
func New(o Options) (*Fetcher, error) {
	if o.Out == "" {
		o.Out = "."
	}
	if len(o.Languages) == 0 {
		o.Languages = []string{"en"}
	}
	srcs := o.Sources
	if len(srcs) == 0 {
		var err error
		if srcs, err = ParseSources(nil); err != nil {
			return nil, err
		}
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&o.Interval, time.Second)
	o.Interval = max(0, o.Interval)
	def(&o.RequestTimeout, time.Minute)
	def(&o.FileTimeout, 10*time.Minute)
	def(&o.Backoff, time.Second)
	def(&o.MaxBackoff, time.Minute)
	def(&o.MaxRetryAfter, 10*time.Minute)
	if o.Jobs <= 0 {
		o.Jobs = 2
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Retries == 0 {
		o.Retries = 5
	}
	o.Retries = max(0, o.Retries)
	if o.MaxBytes <= 0 {
		o.MaxBytes = 512 << 20
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent()
	}
	if o.Client == nil {
		o.Client = NewClient()
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	f := &Fetcher{o: o, sources: srcs, hosts: map[string]*host{}}
	for _, s := range srcs {
		if f.hosts[s.Host()] == nil {
			f.hosts[s.Host()] = newHost(s.Host(), o.PerHost, o.Interval, o.Clock)
		}
	}
	return f, nil
}

// NewClient is an HTTP client that goes through the proxy named by
// HTTP_PROXY, HTTPS_PROXY and NO_PROXY.
func NewClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = http.ProxyFromEnvironment
	return &http.Client{Transport: t}
}

// UserAgent names Verbatim and the version it was built as.
func UserAgent() string {
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "Verbatim/" + v
}

// URLs lists the URLs asked for a record in a language, in order, for a
// dry run.
func (f *Fetcher) URLs(sym, lang string) []string {
	var out []string
	for _, s := range f.sources {
		out = append(out, s.URL(sym, lang))
	}
	return out
}

// Languages are the languages the fetcher asks for.
func (f *Fetcher) Languages() []string { return f.o.Languages }

// Summary counts the results of a run.
type Summary struct {
	Fetched, Present, NotPublished, NotInLanguage, Failed int
	NotPDF                                                int // of Fetched and Present: word-processor files kept as they came
}

func (s Summary) String() string {
	out := fmt.Sprintf("fetched %d, already there %d, not published %d, not in that language %d, failed %d",
		s.Fetched, s.Present, s.NotPublished, s.NotInLanguage, s.Failed)
	if s.NotPDF > 0 {
		out += fmt.Sprintf(" (%d kept that are not PDF)", s.NotPDF)
	}
	return out
}

// Run fetches every symbol in every language, with the resumed parts of
// each meeting, and returns what happened. The error is for the run as a
// whole (the folder cannot be written, ctx ended); a record that fails is
// a Result.
func (f *Fetcher) Run(ctx context.Context, symbols []string) (Summary, error) {
	if err := os.MkdirAll(f.o.Out, 0o755); err != nil {
		return Summary{}, err
	}
	man, err := openManifest(filepath.Join(f.o.Out, ManifestName))
	if err != nil {
		return Summary{}, err
	}
	f.man = man
	type task struct{ sym, lang string }
	tasks := make(chan task)
	var wg sync.WaitGroup
	for range f.o.Jobs {
		wg.Go(func() {
			for t := range tasks {
				f.meeting(ctx, t.sym, t.lang)
			}
		})
	}
feed:
	for _, s := range symbols {
		for _, l := range f.o.Languages {
			select {
			case tasks <- task{s, l}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(tasks)
	wg.Wait()
	merr := man.close()
	f.mu.Lock()
	sum := f.summary
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, merr
}

// meeting fetches a record and, for a meeting, its resumed parts until
// one is missing; the missing one is the end of the list, not a result.
func (f *Fetcher) meeting(ctx context.Context, sym, lang string) {
	r := f.file(ctx, sym, lang)
	f.report(r)
	if !isWholeMeeting(sym) || (r.Outcome != Fetched && r.Outcome != Present) {
		return
	}
	for k := 1; k <= maxResumptions && ctx.Err() == nil; k++ {
		r := f.file(ctx, Resumption(sym, k), lang)
		if r.Outcome == NotInLanguage || r.Outcome == NotPublished {
			return
		}
		r.Resumed = true
		f.report(r)
		if r.Outcome == Failed {
			return
		}
	}
}

func (f *Fetcher) report(r Result) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := &f.summary
	switch r.Outcome {
	case Fetched:
		s.Fetched++
	case Present:
		s.Present++
	case NotPublished:
		s.NotPublished++
	case NotInLanguage:
		s.NotInLanguage++
	default:
		s.Failed++
	}
	if (r.Outcome == Fetched || r.Outcome == Present) && !r.PDF {
		s.NotPDF++
	}
	if f.o.OnResult != nil {
		f.o.OnResult(r)
	}
}

func (f *Fetcher) notice(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.o.OnNotice != nil {
		f.o.OnNotice(msg)
	}
}

// keptExts are the files a record may have been stored as.
var keptExts = []string{".pdf", ".doc", ".docx", ".wpd"}

// file gets one record in one language: from the folder when it is there,
// else from each source in turn until one has it or says for sure that
// it does not exist in that language.
func (f *Fetcher) file(ctx context.Context, sym, lang string) Result {
	stem := FileStem(sym, lang)
	if !f.o.Refresh {
		for _, ext := range keptExts {
			p := filepath.Join(f.o.Out, stem+ext)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				r := Result{Symbol: sym, Language: lang, Outcome: Present, Path: p, PDF: ext == ".pdf", Bytes: st.Size()}
				if r.PDF && f.o.Sink != nil && f.o.WantPresent != nil && f.o.WantPresent(sym, lang) {
					f.o.Sink.Add(p)
				}
				return r
			}
		}
	}
	var verdict *Result
	var errs []string
	last := Result{Symbol: sym, Language: lang, Outcome: Failed}
	for _, src := range f.sources {
		r := f.fromSource(ctx, src, sym, lang, stem)
		last = r
		switch r.Outcome {
		case Fetched:
			if r.PDF && f.o.Sink != nil {
				f.o.Sink.Add(r.Path)
			}
			return r
		case NotInLanguage:
			if verdict == nil {
				verdict = &r
			}
			return *verdict
		case NotPublished:
			if verdict == nil {
				verdict = &r
			}
		default:
			errs = append(errs, string(src.Kind)+": "+r.Err.Error())
			if ctx.Err() != nil {
				return r
			}
		}
	}
	if verdict != nil {
		return *verdict
	}
	last.Err = errors.New(strings.Join(errs, "; "))
	return last
}
