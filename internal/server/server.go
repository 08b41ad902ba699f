// Package server serves the stored records to programs (a JSON API under
// /api/, described by /api/openapi.yaml) and to people (server-rendered
// pages: home, search, a meeting as a transcript, a country). It is
// read-only: no route writes to the store.
package server

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/internal/store"
)

//go:embed openapi.yaml
var openapi []byte

//go:embed web
var webFS embed.FS

// Limits on what a request may ask.
const (
	MaxURL     = 4096
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
	for _, r := range Routes {
		s.mux.Handle(r.Method+" "+r.Pattern, s.routeHandler(r.Name))
	}
	static, _ := fs.Sub(webFS, "web/static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	return s.middleware(s.mux), nil
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
	{"GET", "/api/search", "apiSearch", true},
	{"GET", "/api/export", "apiExport", true},
	{"GET", "/api/countries/{code}", "apiCountry", true},
	{"GET", "/api/stats", "apiStats", true},
	{"GET", "/api/openapi.yaml", "apiSpec", true},
	{"GET", "/{$}", "home", false},
	{"GET", "/search", "searchPage", false},
	{"GET", "/meetings/{symbol...}", "meetingPage", false},
	{"GET", "/countries/{code}", "countryPage", false},
}

func (s *Server) routeHandler(name string) http.Handler {
	h := map[string]http.HandlerFunc{
		"apiMeetings": s.apiMeetings,
		"apiMeeting":  s.apiMeeting,
		"apiSearch":   s.apiSearch,
		"apiExport":   s.apiExport,
		"apiCountry":  s.apiCountry,
		"apiStats":    s.apiStats,
		"apiSpec":     s.apiSpec,
		"home":        s.home,
		"searchPage":  s.searchPage,
		"meetingPage": s.meetingPage,
		"countryPage": s.countryPage,
	}[name]
	if h == nil {
		panic("server: no handler " + name)
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
				writeError(rec, http.StatusInternalServerError, "internal error")
			}
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
				"ms", time.Since(start).Milliseconds())
		}()
		if len(r.URL.RequestURI()) > MaxURL {
			writeError(rec, http.StatusRequestURITooLong, "request URI too long")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			rec.Header().Set("Allow", "GET, HEAD")
			writeError(rec, http.StatusMethodNotAllowed, "read-only: only GET and HEAD")
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

// apiError is the JSON form of every error.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(apiError{Error: msg, Status: status})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// errStatus maps store and query errors to HTTP statuses.
func errStatus(err error) (int, string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, search.ErrQuery), errors.Is(err, errBadParam):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the query took too long"
	case errors.Is(err, context.Canceled):
		return statusClientGone, "the client went away"
	}
	return http.StatusInternalServerError, "internal error"
}

var errBadParam = errors.New("bad parameter")

// statusClientGone is logged for requests whose client closed the
// connection first (nginx's 499): not a server error.
const statusClientGone = 499

// filterFrom reads the filter parameters shared by search, listings and
// stats, checking each.
func filterFrom(r *http.Request) (store.Filter, error) {
	q := r.URL.Query()
	f := store.Filter{
		Query:    q.Get("q"),
		Language: q.Get("lang"),
		Country:  q.Get("country"),
		Speaker:  q.Get("speaker"),
		Role:     q.Get("role"),
		Body:     q.Get("body"),
		From:     q.Get("from"),
		To:       q.Get("to"),
		Symbol:   q.Get("symbol"),
	}
	var err error
	if f.Limit, err = intParam(q.Get("limit"), 20, 1, MaxLimit); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(q.Get("offset"), 0, 0, MaxOffset); err != nil {
		return f, err
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" {
			if _, e := time.Parse("2006-01-02", d); e != nil {
				return f, errors.Join(errBadParam, errors.New("dates are YYYY-MM-DD"))
			}
		}
	}
	if f.Role != "" && !validRole[f.Role] {
		return f, errors.Join(errBadParam, errors.New("unknown role "+strconv.Quote(f.Role)))
	}
	if len(f.Language) > 3 || len(f.Country) > 12 || len(f.Body) > 40 || len(f.Speaker) > 200 || len(f.Symbol) > 100 {
		return f, errors.Join(errBadParam, errors.New("parameter too long"))
	}
	return f, nil
}

var validRole = map[string]bool{"president": true, "member": true, "non-member": true, "briefer": true,
	"secretary-general": true, "observer": true, "other": true}

func intParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errors.Join(errBadParam, errors.New("a number from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi)+" is expected, not "+strconv.Quote(s)))
	}
	return n, nil
}

// symbolParam reads a meeting symbol from a {symbol...} path: the slashes
// of S/PV.7796 are path separators.
func symbolParam(r *http.Request) string {
	return strings.TrimSpace(r.PathValue("symbol"))
}
