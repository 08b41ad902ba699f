// Package server serves the stored records to programs (a JSON API under
// /api/, described by /api/openapi.yaml) and to people (server-rendered
// pages: home, search, a meeting as a transcript, a country). It is
// read-only: no route writes to the store.
package server

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-un/verbatim/internal/store"
)

//go:embed openapi.yaml
var openapi []byte

//go:embed web
var webFS embed.FS

// Limits on what a request may ask.
const (
	MaxURL     = 12 << 10 // a query of 1,000 Chinese characters, percent-encoded
	MaxLimit   = 100
	MaxOffset  = 10000
	APITimeout = 10 * time.Second
)

// Server holds what the handlers share.
type Server struct {
	st    store.Reader
	log   *slog.Logger
	pages *template.Template
	mux   *http.ServeMux
	// exports holds a token for each export running.
	exports chan struct{}
}

// New returns the handler for the whole site.
func New(st store.Reader, log *slog.Logger) (http.Handler, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{st: st, log: log, mux: http.NewServeMux(), exports: make(chan struct{}, MaxExports)}
	tmpl, err := template.New("").Funcs(funcs).ParseFS(webFS, "web/templates/*.html")
	if err != nil {
		return nil, err
	}
	s.pages = tmpl
	// A route under a meeting ("/meetings/{symbol...}/compare") cannot be
	// a pattern of its own, the symbol's slashes being path separators: the
	// meeting's route hands such paths on.
	under := map[string][]subRoute{}
	for _, r := range Routes {
		if base, suffix, ok := strings.Cut(r.Pattern, "{symbol...}/"); ok {
			under[base] = append(under[base], subRoute{"/" + suffix, s.routeHandler(r.Name)})
		}
	}
	for _, r := range Routes {
		if strings.Contains(r.Pattern, "{symbol...}/") {
			continue
		}
		h := s.routeHandler(r.Name)
		if base, _, ok := strings.Cut(r.Pattern, "{symbol...}"); ok && len(under[base]) > 0 {
			h = dispatch(h, under[base])
		}
		s.mux.Handle(r.Method+" "+r.Pattern, h)
	}
	s.mux.Handle("GET /healthz", s.health(false))
	s.mux.Handle("GET /readyz", s.health(true))
	static, _ := fs.Sub(webFS, "web/static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	s.mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Files only: a folder is not listed.
		if strings.HasSuffix(r.URL.Path, "/") {
			writeError(w, http.StatusNotFound, "not found", "")
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	}))
	return s.middleware(s.mux), nil
}

// subRoute is a route under a meeting's path, by its suffix.
type subRoute struct {
	suffix string
	h      http.Handler
}

// dispatch serves a path that ends in a sub-route's suffix by that route,
// its symbol without the suffix; any other by h.
func dispatch(h http.Handler, subs []subRoute) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sym := r.PathValue("symbol")
		for _, sub := range subs {
			if strings.HasSuffix(sym, sub.suffix) {
				r.SetPathValue("symbol", strings.TrimSuffix(sym, sub.suffix))
				sub.h.ServeHTTP(w, r)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// Route is one documented route: the OpenAPI test checks the document
// against this table.
type Route struct {
	Method, Pattern, Name string
	API                   bool
}

// Routes lists every route the server answers.
var Routes = []Route{
	{"GET", "/api/meetings", "apiMeetings", true},
	{"GET", "/api/meetings/{symbol...}", "apiMeeting", true},
	{"GET", "/api/meetings/{symbol...}/align", "apiAlign", true},
	{"GET", "/api/search", "apiSearch", true},
	{"GET", "/api/facets", "apiFacets", true},
	{"GET", "/api/people", "apiPeople", true},
	{"GET", "/api/people/{id}", "apiPerson", true},
	{"GET", "/api/export", "apiExport", true},
	{"GET", "/api/countries/{code}", "apiCountry", true},
	{"GET", "/api/stats", "apiStats", true},
	{"GET", "/api/openapi.yaml", "apiSpec", true},
	{"GET", "/{$}", "home", false},
	{"GET", "/search", "searchPage", false},
	{"GET", "/meetings", "meetingsPage", false},
	{"GET", "/meetings/{symbol...}", "meetingPage", false},
	{"GET", "/meetings/{symbol...}/compare", "comparePage", false},
	{"GET", "/people", "peoplePage", false},
	{"GET", "/people/{id}", "personPage", false},
	{"GET", "/countries/{code}", "countryPage", false},
}

// filterParams are the parameters of a search's filter (filterFrom).
var filterParams = []string{"q", "lang", "language", "country", "speaker", "person", "role", "body", "from", "to", "symbol",
	"include_chair", "limit", "offset"}

// APIParams are the query parameters each API route reads: a request
// with any other is refused (400, naming it), and the OpenAPI test checks
// the document against this table.
var APIParams = map[string][]string{
	"apiMeetings": {"q", "lang", "body", "year", "sort", "limit", "offset"},
	"apiMeeting":  {"lang", "format"},
	"apiAlign":    {"langs"},
	"apiExport": {"format", "layout", "q", "lang", "language", "country", "speaker", "person", "role", "body", "from", "to",
		"symbol", "include_chair"},
	"apiSearch":  filterParams,
	"apiFacets":  filterParams,
	"apiPeople":  {"q", "country", "limit", "offset"},
	"apiPerson":  {},
	"apiCountry": {"include_chair"},
	"apiStats":   append([]string{"by"}, filterParams...),
	"apiSpec":    {},
}

// onlyParams refuses a request with a query parameter the route does not
// read: a misspelt filter must not silently match everything.
func onlyParams(names []string, next http.Handler) http.Handler {
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k := range r.URL.Query() {
			if !known[k] {
				writeError(w, http.StatusBadRequest, "unknown parameter "+strconv.Quote(k), k)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) routeHandler(name string) http.Handler {
	h := map[string]http.HandlerFunc{
		"apiMeetings":  s.apiMeetings,
		"apiMeeting":   s.apiMeeting,
		"apiAlign":     s.apiAlign,
		"comparePage":  s.comparePage,
		"apiSearch":    s.apiSearch,
		"apiExport":    s.apiExport,
		"apiFacets":    s.apiFacets,
		"apiPeople":    s.apiPeople,
		"apiPerson":    s.apiPerson,
		"meetingsPage": s.meetingsPage,
		"peoplePage":   s.peoplePage,
		"personPage":   s.personPage,
		"apiCountry":   s.apiCountry,
		"apiStats":     s.apiStats,
		"apiSpec":      s.apiSpec,
		"home":         s.home,
		"searchPage":   s.searchPage,
		"meetingPage":  s.meetingPage,
		"countryPage":  s.countryPage,
	}[name]
	if h == nil {
		panic("server: no handler " + name)
	}
	if ps, ok := APIParams[name]; ok {
		return onlyParams(ps, h)
	}
	return h
}

// middleware bounds requests, sets the security headers, logs, and turns
// a panic into a 500 rather than a dropped connection.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		rec := &statusWriter{ResponseWriter: w, status: 200}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler { // a response already begun: cut it
					s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "aborted", true)
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", v)
				writeError(rec, http.StatusInternalServerError, "internal error", "")
			}
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
				"ms", time.Since(start).Milliseconds())
		}()
		if len(r.URL.RequestURI()) > MaxURL {
			writeError(rec, http.StatusRequestURITooLong, "request URI too long", "")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			rec.Header().Set("Allow", "GET, HEAD")
			writeError(rec, http.StatusMethodNotAllowed, "read-only: only GET and HEAD", "")
			return
		}
		timeout := APITimeout
		if isExport(r) {
			timeout = ExportTimeout
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

// Unwrap lets http.ResponseController reach the connection (exports move
// its write deadline on).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// symbolParam reads a meeting symbol from a {symbol...} path: the slashes
// of S/PV.7796 are path separators.
func symbolParam(r *http.Request) string {
	return strings.TrimSpace(r.PathValue("symbol"))
}
