// Package fetchtest is a local stand-in for the UN's document services,
// for tests: an ODS symbol endpoint and an undocs.org resolver on
// loopback, each with the quirks the real services are known for, under
// the test's control.
package fetchtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/symbol"
)

// Doc is a record as a service holds it, and how it misbehaves.
type Doc struct {
	Body []byte
	Ext  string // the stored file's suffix in the redirect: ".pdf" (default), ".doc", ".wpf"

	Status int           // answer the symbol request with this status and no body, if not 0
	Delay  time.Duration // wait this long before answering a download

	Empty bool // 200 with an empty body: not published
	HTML  bool // 200 with an HTML page instead of the file

	Throttle    int    // the first Throttle requests get 429
	RetryAfter  string // with this Retry-After header, if not ""
	Unavailable int    // the first Unavailable requests get 503, no Retry-After
	BadGateway  int    // the first BadGateway requests get 502

	Cut         int           // the first Cut downloads are cut off
	CutAt       int           // after this many bytes of the body
	IgnoreRange bool          // answer 200 with the whole file to a Range request
	NoLength    bool          // send no Content-Length (a cut is then invisible but for the file's end)
	Stall       time.Duration // the first download stops for this long after CutAt bytes

	hits, downloads int
}

// Request is one request the server saw.
type Request struct {
	Server    string // "ods" or "undocs"
	Path      string
	RawQuery  string
	Range     string
	UserAgent string
	Time      time.Time
}

// Server is the pair of fake services.
type Server struct {
	ODS, Undocs *httptest.Server

	mu         sync.Mutex
	ods        map[string]*Doc
	undocs     map[string]*Doc
	files      map[string]*Doc
	challenged map[string]bool
	requests   []Request
	inFlight   map[string]int
	maxFlight  map[string]int
}

// New starts both services on loopback; Close stops them.
func New() *Server {
	s := &Server{ods: map[string]*Doc{}, undocs: map[string]*Doc{}, files: map[string]*Doc{}, challenged: map[string]bool{}, inFlight: map[string]int{}, maxFlight: map[string]int{}}
	s.ODS = httptest.NewServer(http.HandlerFunc(s.serveODS))
	s.Undocs = httptest.NewServer(http.HandlerFunc(s.serveUndocs))
	return s
}

// Close stops the services.
func (s *Server) Close() {
	s.ODS.Close()
	s.Undocs.Close()
}

// Sources are --source values that point a fetcher at the services.
func (s *Server) Sources() []string {
	return []string{"ods=" + s.ODS.URL, "undocs=" + s.Undocs.URL}
}

func key(sym, lang string) string {
	if n, err := symbol.Normalize(sym); err == nil {
		sym = n
	}
	return sym + "|" + strings.ToLower(lang)
}

// Put gives ODS a record in a language.
func (s *Server) Put(sym, lang string, d Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ods[key(sym, lang)] = &d
}

// PutUndocs gives undocs.org a record in a language.
func (s *Server) PutUndocs(sym, lang string, d Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.undocs[key(sym, lang)] = &d
}

// Challenge makes a service ("ods" or "undocs") answer every request with
// a bot challenge, as the Digital Library did in 2026.
func (s *Server) Challenge(server string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.challenged[server] = on
}

// Requests returns the requests seen so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Reset forgets the requests seen.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// MaxInFlight is the most requests a service ("ods" or "undocs") was
// answering at once.
func (s *Server) MaxInFlight(server string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxFlight[server]
}

// track counts a request in flight until the returned func is called.
func (s *Server) track(server string) func() {
	s.mu.Lock()
	s.inFlight[server]++
	s.maxFlight[server] = max(s.maxFlight[server], s.inFlight[server])
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		s.inFlight[server]--
		s.mu.Unlock()
	}
}

func (s *Server) record(server string, r *http.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{
		Server: server, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Range: r.Header.Get("Range"), UserAgent: r.Header.Get("User-Agent"), Time: time.Now(),
	})
	return s.challenged[server]
}

func challenge(w http.ResponseWriter) {
	w.Header().Set("x-amzn-waf-action", "challenge")
	w.WriteHeader(http.StatusAccepted)
}

var langs = map[string]bool{"ar": true, "en": true, "es": true, "fr": true, "ru": true, "zh": true}

// serveODS answers /api/symbol/access?s=&l=&t= with a redirect to the
// stored file, and /files/... with the file.
func (s *Server) serveODS(w http.ResponseWriter, r *http.Request) {
	defer s.track("ods")()
	if s.record("ods", r) {
		challenge(w)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/files/") {
		s.mu.Lock()
		d := s.files[r.URL.Path]
		s.mu.Unlock()
		if d == nil {
			http.NotFound(w, r)
			return
		}
		s.serveFile(w, r, d)
		return
	}
	if r.URL.Path != "/api/symbol/access" {
		http.NotFound(w, r)
		return
	}
	// A symbol whose slashes are not percent-encoded is not found, as one
	// client reports of the real service.
	for _, kv := range strings.Split(r.URL.RawQuery, "&") {
		if v, ok := strings.CutPrefix(kv, "s="); ok && strings.Contains(v, "/") {
			http.NotFound(w, r)
			return
		}
	}
	q := r.URL.Query()
	sym, lang := q.Get("s"), q.Get("l")
	if sym == "" || !langs[lang] || strings.Contains(sym, "^") || q.Get("t") != "pdf" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	d := s.ods[key(sym, lang)]
	if d == nil {
		s.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	d.hits++
	if s.refuse(w, d) {
		s.mu.Unlock()
		return
	}
	ext := d.Ext
	if ext == "" {
		ext = ".pdf"
	}
	path := "/files/" + strings.NewReplacer("/", "_", " ", "").Replace(sym) + "-" + strings.ToUpper(lang) + ext
	s.files[path] = d
	s.mu.Unlock()
	http.Redirect(w, r, path, http.StatusFound)
}

// refuse answers the throttling and failures a Doc asks for; s.mu is
// held.
func (s *Server) refuse(w http.ResponseWriter, d *Doc) bool {
	switch {
	case d.Status != 0:
		w.WriteHeader(d.Status)
	case d.hits <= d.Throttle:
		if d.RetryAfter != "" {
			w.Header().Set("Retry-After", d.RetryAfter)
		}
		http.Error(w, "too many requests", http.StatusTooManyRequests)
	case d.hits <= d.Throttle+d.Unavailable:
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	case d.hits <= d.Throttle+d.Unavailable+d.BadGateway:
		http.Error(w, "bad gateway", http.StatusBadGateway)
	default:
		return false
	}
	return true
}

// serveUndocs answers /<lang>/<symbol> with the file itself.
func (s *Server) serveUndocs(w http.ResponseWriter, r *http.Request) {
	defer s.track("undocs")()
	if s.record("undocs", r) {
		challenge(w)
		return
	}
	lang, sym, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if !ok || !langs[lang] {
		http.Error(w, "unknown language", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	d := s.undocs[key(sym, lang)]
	if d == nil {
		s.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	d.hits++
	if s.refuse(w, d) {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", strings.NewReplacer("/", "_", " ", "").Replace(sym)+"-"+strings.ToUpper(lang)+".pdf"))
	s.serveFile(w, r, d)
}

// serveFile sends a Doc's body, honouring Range unless told not to, and
// cutting the connection or stalling when told to.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, d *Doc) {
	s.mu.Lock()
	d.downloads++
	cut := d.downloads <= d.Cut
	stall := d.downloads == 1 && d.Stall > 0
	s.mu.Unlock()
	if d.Delay > 0 {
		select {
		case <-time.After(d.Delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case d.Empty:
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", "0")
		return
	case d.HTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><body>Document not found</body></html>")
		return
	}
	body, status := d.Body, http.StatusOK
	ctype := "application/pdf"
	switch d.Ext {
	case ".doc":
		ctype = "application/msword"
	case ".wpf", ".wpd":
		ctype = "application/wordperfect"
	}
	w.Header().Set("Content-Type", ctype)
	if rg := r.Header.Get("Range"); rg != "" && !d.IgnoreRange {
		from, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
		if err != nil || from >= len(body) {
			w.Header().Set("Content-Range", "bytes */"+strconv.Itoa(len(body)))
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(body)-1, len(body)))
		body, status = body[from:], http.StatusPartialContent
	}
	if !d.NoLength {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(status)
	if cut || stall {
		n := min(d.CutAt, len(body))
		w.Write(body[:n])
		w.(http.Flusher).Flush()
		if stall {
			select {
			case <-time.After(d.Stall):
			case <-r.Context().Done():
			}
			w.Write(body[n:])
			return
		}
		// Drop the connection in the middle of the body.
		panic(http.ErrAbortHandler)
	}
	w.Write(body)
}

// CorpusPDF reads a PDF of the shared corpus (en/pdf/NAME), skipping the
// test when the corpus is missing and failing it under CI=true.
func CorpusPDF(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(corpus.Path(tb, "en/pdf/"+name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// PDF is a small synthetic body that passes for a PDF where its content
// does not matter: the magic at the start, the end marker at the end, and
// size bytes in all.
func PDF(label string, size int) []byte {
	head := "%PDF-1.4\n% " + label + "\n"
	tail := "\n%%EOF\n"
	b := []byte(head)
	for len(b) < size-len(tail) {
		b = append(b, byte('a'+len(b)%26))
	}
	return append(b, tail...)
}

// Word is a small body that passes for a Word 97 document.
func Word(size int) []byte {
	b := []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	for len(b) < size {
		b = append(b, 0)
	}
	return b
}
