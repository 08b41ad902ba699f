package server

import (
	"net/http"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/store"
)

func (s *Server) fail(w http.ResponseWriter, err error) {
	status, msg := errStatus(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "err", err)
	}
	writeError(w, status, msg)
}

func (s *Server) apiMeetings(w http.ResponseWriter, r *http.Request) {
	f, err := filterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	list, total, err := s.st.Meetings(r.Context(), f)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, map[string]any{"total": total, "meetings": list})
}

func (s *Server) apiMeeting(w http.ResponseWriter, r *http.Request) {
	m, err := s.st.Meeting(r.Context(), symbolParam(r), r.URL.Query().Get("lang"))
	if err != nil {
		s.fail(w, err)
		return
	}
	if f := r.URL.Query().Get("format"); f != "" && f != "json" {
		s.apiMeetingExport(w, r, m)
		return
	}
	writeJSON(w, m)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	f, err := filterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	if strings.TrimSpace(f.Query) == "" {
		writeError(w, http.StatusBadRequest, "q: a query is required")
		return
	}
	res, err := s.st.Search(r.Context(), f)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, res)
}

// Country is what the API and the country page say of one state or
// organization.
type Country struct {
	Code      string       `json:"code"`
	Name      string       `json:"name"`
	NameZh    string       `json:"name_zh"`
	Kind      string       `json:"kind"`
	Speeches  int          `json:"speeches"`
	Meetings  int          `json:"meetings"`
	Chars     int          `json:"chars"`
	Share     float64      `json:"share"` // of all stored speeches
	Languages []store.Stat `json:"languages"`
	Years     []store.Stat `json:"years"`
	Recent    []store.Hit  `json:"recent"`
}

func (s *Server) country(r *http.Request) (*Country, error) {
	code := strings.ToUpper(r.PathValue("code"))
	e, ok := gazetteer.ByCode(code)
	if !ok {
		return nil, errNotFound("no state or organization with code " + code)
	}
	ctx := r.Context()
	c := &Country{Code: e.Code, Name: gazetteer.Name(e.Code, "en"), NameZh: gazetteer.Name(e.Code, "zh"), Kind: string(e.Kind)}
	f := store.Filter{Country: e.Code}
	tot, err := s.st.Stats(ctx, "", f)
	if err != nil {
		return nil, err
	}
	if len(tot) > 0 {
		c.Speeches, c.Meetings, c.Chars = tot[0].Speeches, tot[0].Meetings, tot[0].Chars
	}
	all, err := s.st.Stats(ctx, "", store.Filter{})
	if err != nil {
		return nil, err
	}
	if len(all) > 0 && all[0].Speeches > 0 {
		c.Share = float64(c.Speeches) / float64(all[0].Speeches)
	}
	if c.Languages, err = s.st.Stats(ctx, "language", f); err != nil {
		return nil, err
	}
	if c.Years, err = s.st.Stats(ctx, "year", f); err != nil {
		return nil, err
	}
	// Years in order for a chart over time.
	sortStatsByKey(c.Years)
	f.Limit = 20
	recent, err := s.st.Speeches(ctx, f)
	if err != nil {
		return nil, err
	}
	c.Recent = recent.Hits
	return c, nil
}

func (s *Server) apiCountry(w http.ResponseWriter, r *http.Request) {
	c, err := s.country(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, c)
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	f, err := filterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	by := r.URL.Query().Get("by")
	rows, err := s.st.Stats(r.Context(), by, f)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, map[string]any{"by": by, "rows": rows})
}

func (s *Server) apiSpec(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Write(openapi)
}

type notFound string

func (e notFound) Error() string { return string(e) }
func (e notFound) Is(target error) bool {
	return target == store.ErrNotFound
}

func errNotFound(msg string) error { return notFound(msg) }

func sortStatsByKey(s []store.Stat) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Key < s[j-1].Key; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
