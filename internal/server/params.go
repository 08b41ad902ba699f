package server

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/internal/store"
)

// apiError is the JSON form of every error: the message, the status, and
// the parameter it concerns when there is one.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
	Param  string `json:"param,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg, param string) {
	b, _ := json.Marshal(apiError{Error: msg, Status: status, Param: param})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

func writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal error", "")
		return
	}
	send(w, r, "application/json; charset=utf-8", http.StatusOK, b)
}

// send writes a body with its ETag; a client that has it gets 304. The
// store only changes by an ingest, so answers are revalidated, not kept.
func send(w http.ResponseWriter, r *http.Request, ctype string, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	if status == http.StatusOK {
		sum := sha256.Sum256(body)
		tag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
		h.Set("ETag", tag)
		h.Set("Cache-Control", "no-cache")
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, tag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// errStatus maps store and query errors to HTTP statuses, and names the
// parameter at fault.
func errStatus(err error) (int, string, string) {
	var pe *ParamError
	switch {
	case errors.As(err, &pe):
		return http.StatusBadRequest, pe.Error(), pe.Param
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrFewVersions):
		return http.StatusNotFound, err.Error(), ""
	case errors.Is(err, search.ErrQuery):
		return http.StatusBadRequest, err.Error(), "q"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the query took too long", ""
	case errors.Is(err, context.Canceled):
		return statusClientGone, "the client went away", ""
	}
	return http.StatusInternalServerError, "internal error", ""
}

// ParamError is a request parameter (or command-line flag of the same
// name) that cannot be taken.
type ParamError struct {
	Param, Msg string
}

func (e *ParamError) Error() string { return e.Param + ": " + e.Msg }

// badParam is the error for parameter p.
func badParam(p, msg string) error { return &ParamError{Param: p, Msg: msg} }

// statusClientGone is logged for requests whose client closed the
// connection first (nginx's 499): not a server error.
const statusClientGone = 499

// filterFrom reads the filter parameters shared by search, listings and
// stats, checking each (CheckFilter).
func filterFrom(r *http.Request) (store.Filter, error) {
	q := r.URL.Query()
	f := store.Filter{
		Query:    q.Get("q"),
		Language: q.Get("lang"),
		Delivery: q.Get("language"),
		Country:  strings.TrimSpace(q.Get("country")),
		Speaker:  q.Get("speaker"),
		Person:   q.Get("person"),
		Role:     q.Get("role"),
		Body:     q.Get("body"),
		From:     q.Get("from"),
		To:       q.Get("to"),
		Symbol:   q.Get("symbol"),
	}
	var err error
	if f.Limit, err = intParam("limit", q.Get("limit"), 20); err != nil {
		return f, err
	}
	if f.Offset, err = intParam("offset", q.Get("offset"), 0); err != nil {
		return f, err
	}
	if f.IncludeChair, err = boolParam("include_chair", q.Get("include_chair")); err != nil {
		return f, err
	}
	return f, CheckFilter(&f)
}

// Roles are the speaker roles a filter accepts.
var Roles = []string{"president", "member", "non-member", "briefer", "secretary-general", "observer", "other"}

// CheckFilter checks a filter as the API does, for the API and the
// command line alike: limit and offset in range, known role, dates, a
// country by code or by name in any of the six languages (replaced by its
// code), lengths. The error names the parameter.
func CheckFilter(f *store.Filter) error {
	if f.Limit < 1 || f.Limit > MaxLimit {
		return badParam("limit", "a number from 1 to "+strconv.Itoa(MaxLimit)+" is expected, not "+strconv.Itoa(f.Limit))
	}
	if f.Offset < 0 || f.Offset > MaxOffset {
		return badParam("offset", "a number from 0 to "+strconv.Itoa(MaxOffset)+" is expected, not "+strconv.Itoa(f.Offset))
	}
	if n := utf8.RuneCountInString(f.Query); n > search.MaxQuery {
		return badParam("q", "longer than "+strconv.Itoa(search.MaxQuery)+" characters")
	}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" {
			if _, e := time.Parse("2006-01-02", d.v); e != nil {
				return badParam(d.name, "dates are YYYY-MM-DD, not "+strconv.Quote(d.v))
			}
		}
	}
	if f.Role != "" && !validRole(f.Role) {
		return badParam("role", "unknown role "+strconv.Quote(f.Role)+" ("+strings.Join(Roles, ", ")+")")
	}
	for _, l := range []struct{ name, v string }{{"lang", f.Language}, {"language", f.Delivery}} {
		if l.v != "" && (len(l.v) != 2 || strings.ToLower(l.v) != l.v && strings.ToUpper(l.v) != l.v) {
			return badParam(l.name, "a two-letter language code (zh, en, fr, es, ru, ar) is expected, not "+strconv.Quote(l.v))
		}
	}
	for _, p := range []struct {
		name string
		v    string
		max  int
	}{{"country", f.Country, 100}, {"body", f.Body, 40}, {"speaker", f.Speaker, 200}, {"symbol", f.Symbol, 100}, {"person", f.Person, 200}} {
		if utf8.RuneCountInString(p.v) > p.max {
			return badParam(p.name, "longer than "+strconv.Itoa(p.max)+" characters")
		}
	}
	if f.Country != "" {
		code, ok := countryCode(f.Country)
		if !ok {
			return badParam("country", "no state or organization is called or coded "+strconv.Quote(f.Country))
		}
		f.Country = code
	}
	return nil
}

func validRole(r string) bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// countryCode reads a country given by code (CHN, eu) or by name in any
// of the six languages (China, 中国, Chine).
func countryCode(s string) (string, bool) {
	if e, ok := gazetteer.ByCode(s); ok {
		return e.Code, true
	}
	if e, ok := gazetteer.Lookup("", s); ok {
		return e.Code, true
	}
	return "", false
}

func intParam(name, s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badParam(name, "a number is expected, not "+strconv.Quote(s))
	}
	return n, nil
}

func boolParam(name, s string) (bool, error) {
	switch s {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, badParam(name, "1 or 0 is expected, not "+strconv.Quote(s))
}

// withParam returns the request's URL with one parameter set (or removed
// when v is ""), the offset reset unless that is what changes.
func withParam(u *url.URL, k, v string) string {
	c := *u
	q := c.Query()
	if v == "" {
		q.Del(k)
	} else {
		q.Set(k, v)
	}
	if k != "offset" && k != "page" && k != "at" {
		q.Del("offset")
		q.Del("page")
	}
	c.RawQuery = q.Encode()
	return c.RequestURI()
}
