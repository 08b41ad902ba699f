package server

import (
	"net/http"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/store"
)

func (s *Server) fail(w http.ResponseWriter, err error) {
	status, msg, param := errStatus(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "err", err)
	}
	writeError(w, status, msg, param)
}

func (s *Server) apiMeetings(w http.ResponseWriter, r *http.Request) {
	f, err := meetingFilterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	list, total, err := s.st.MeetingList(r.Context(), f)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, r, map[string]any{"total": total, "meetings": list})
}

func (s *Server) apiMeeting(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if len(lang) > 3 {
		s.fail(w, badParam("lang", "a two-letter language code is expected"))
		return
	}
	m, err := s.st.Meeting(r.Context(), symbolParam(r), lang)
	if err != nil {
		s.fail(w, err)
		return
	}
	if f := r.URL.Query().Get("format"); f != "" && f != "json" {
		s.apiMeetingExport(w, r, m)
		return
	}
	writeJSON(w, r, m)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	f, err := filterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	if strings.TrimSpace(f.Query) == "" {
		s.fail(w, badParam("q", "a query is required"))
		return
	}
	res, err := s.st.Search(r.Context(), f)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, r, res)
}

func (s *Server) apiFacets(w http.ResponseWriter, r *http.Request) {
	f, err := filterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	fc, err := s.st.Facets(r.Context(), f)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, r, fc)
}

func (s *Server) apiPeople(w http.ResponseWriter, r *http.Request) {
	f, err := peopleFilterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	list, total, err := s.st.People(r.Context(), f)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, r, map[string]any{"total": total, "people": list})
}

func (s *Server) apiPerson(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.Person(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, r, p)
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
	Chair     bool         `json:"include_chair"`
	Languages []store.Stat `json:"languages"`
	Years     []store.Stat `json:"years"`
	People    []store.Stat `json:"people"`
	Recent    []store.Hit  `json:"recent"`
}

func (s *Server) country(r *http.Request) (*Country, error) {
	code := strings.ToUpper(r.PathValue("code"))
	e, ok := gazetteer.ByCode(code)
	if !ok {
		return nil, errNotFound("no state or organization with code " + code)
	}
	chair, err := boolParam("include_chair", r.URL.Query().Get("include_chair"))
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	c := &Country{Code: e.Code, Name: gazetteer.Name(e.Code, "en"), NameZh: gazetteer.Name(e.Code, "zh"), Kind: string(e.Kind), Chair: chair}
	f := store.Filter{Country: e.Code, IncludeChair: chair}
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
	if c.People, err = s.st.Stats(ctx, "person", f); err != nil {
		return nil, err
	}
	people := c.People[:0]
	for _, p := range c.People {
		if p.Key != "" {
			people = append(people, p)
		}
	}
	c.People = people[:min(len(people), 30)]
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
	writeJSON(w, r, c)
}

// StatsKeys are what statistics count by ("" is the totals).
var StatsKeys = []string{"", "country", "role", "language", "year", "body", "speaker", "person"}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	f, err := filterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	by := r.URL.Query().Get("by")
	ok := false
	for _, k := range StatsKeys {
		ok = ok || k == by
	}
	if !ok {
		s.fail(w, badParam("by", "cannot count by "+by+" (country, role, language, year, body, speaker, person)"))
		return
	}
	rows, err := s.st.Stats(r.Context(), by, f)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, r, map[string]any{"by": by, "rows": rows})
}

func (s *Server) apiSpec(w http.ResponseWriter, r *http.Request) {
	send(w, r, "application/yaml; charset=utf-8", http.StatusOK, openapi)
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

// meetingFilterFrom reads a listing of meetings' parameters.
func meetingFilterFrom(r *http.Request) (store.MeetingFilter, error) {
	q := r.URL.Query()
	f := store.MeetingFilter{Lang: q.Get("lang"), Body: q.Get("body"), Year: q.Get("year"), Subject: q.Get("q"),
		Sort: q.Get("sort"), Prefer: ui(r)}
	var err error
	if f.Limit, err = intParam("limit", q.Get("limit"), 50); err != nil {
		return f, err
	}
	if f.Offset, err = intParam("offset", q.Get("offset"), 0); err != nil {
		return f, err
	}
	return f, CheckMeetingFilter(&f)
}

// CheckMeetingFilter checks a listing of meetings' filter, for the API
// and the command line alike.
func CheckMeetingFilter(f *store.MeetingFilter) error {
	if f.Limit < 1 || f.Limit > MaxLimit {
		return badParam("limit", "a number from 1 to 100 is expected")
	}
	if f.Offset < 0 || f.Offset > MaxOffset {
		return badParam("offset", "a number from 0 to 10000 is expected")
	}
	if f.Year != "" && (len(f.Year) != 4 || strings.Trim(f.Year, "0123456789") != "") {
		return badParam("year", "a year YYYY is expected")
	}
	if f.Lang != "" && len(f.Lang) != 2 {
		return badParam("lang", "a two-letter language code is expected")
	}
	if len(f.Body) > 4 {
		return badParam("body", "S, A, E … is expected")
	}
	if len([]rune(f.Subject)) > 200 {
		return badParam("q", "longer than 200 characters")
	}
	ok := f.Sort == ""
	for _, s := range store.MeetingSorts {
		ok = ok || s == f.Sort
	}
	if !ok {
		return badParam("sort", "one of "+strings.Join(store.MeetingSorts, ", ")+" is expected")
	}
	return nil
}

func peopleFilterFrom(r *http.Request) (store.PeopleFilter, error) {
	q := r.URL.Query()
	f := store.PeopleFilter{Name: q.Get("q"), Country: strings.TrimSpace(q.Get("country"))}
	var err error
	if f.Limit, err = intParam("limit", q.Get("limit"), 50); err != nil {
		return f, err
	}
	if f.Offset, err = intParam("offset", q.Get("offset"), 0); err != nil {
		return f, err
	}
	if f.Limit < 1 || f.Limit > MaxLimit {
		return f, badParam("limit", "a number from 1 to 100 is expected")
	}
	if f.Offset < 0 || f.Offset > MaxOffset {
		return f, badParam("offset", "a number from 0 to 10000 is expected")
	}
	if len([]rune(f.Name)) > 200 {
		return f, badParam("q", "longer than 200 characters")
	}
	if f.Country != "" {
		code, ok := countryCode(f.Country)
		if !ok {
			return f, badParam("country", "no state or organization is called or coded "+f.Country)
		}
		f.Country = code
	}
	return f, nil
}
