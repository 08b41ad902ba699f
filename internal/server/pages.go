package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/export"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// messages are the interface's words, one embedded file per language.
var messages = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range []string{"en", "zh"} {
		b, err := webFS.ReadFile("web/i18n/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("web/i18n/%s.json: %v", lang, err))
		}
		out[lang] = m
	}
	return out
}()

// page is what every template gets.
type page struct {
	UI     string            // interface language: en or zh
	T      map[string]string // its words
	Title  string
	Switch string // the same page in the other interface language
	Data   any
}

// ui picks the interface language: ?ui=, else the browser's preference.
func ui(r *http.Request) string {
	switch r.URL.Query().Get("ui") {
	case "zh":
		return "zh"
	case "en":
		return "en"
	}
	if strings.HasPrefix(r.Header.Get("Accept-Language"), "zh") {
		return "zh"
	}
	return "en"
}

func newPage(r *http.Request, title string, data any) page {
	lang := ui(r)
	other := "zh"
	if lang == "zh" {
		other = "en"
	}
	u := *r.URL
	q := u.Query()
	q.Set("ui", other)
	u.RawQuery = q.Encode()
	return page{UI: lang, T: messages[lang], Title: title, Switch: u.RequestURI(), Data: data}
}

var funcs = template.FuncMap{
	// safeSnippet trusts a snippet built by package search: its text is
	// escaped and only <mark> is added.
	"safeSnippet": func(s string) template.HTML { return template.HTML(s) },
	"chart":       chart,
	"percent":     func(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"link": docLink,
}

// docLink links a document: to its meeting here when stored, else to the
// UN's document system by symbol.
func docLink(stored map[string]bool, sym string) template.HTML {
	href := "https://undocs.org/" + url.PathEscape(sym)
	if stored[sym] {
		href = "/meetings/" + sym
	}
	return template.HTML(`<a href="` + html.EscapeString(href) + `">` + html.EscapeString(sym) + `</a>`)
}

// chart draws a bar chart as inline SVG: no script and no network needed.
func chart(rows []store.Stat, id string) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	const barW, gap, height, top, bottom = 28, 6, 160, 16, 34
	maxN := 1
	for _, r := range rows {
		maxN = max(maxN, r.Speeches)
	}
	width := len(rows)*(barW+gap) + gap
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="chart-%s" role="img" width="%d" height="%d" viewBox="0 0 %d %d">`,
		html.EscapeString(id), width, height+top+bottom, width, height+top+bottom)
	for i, r := range rows {
		h := max(1, r.Speeches*height/maxN)
		x := gap + i*(barW+gap)
		key := r.Key
		if key == "" {
			key = "—"
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d"><title>%s: %d</title></rect>`,
			x, top+height-h, barW, h, html.EscapeString(key), r.Speeches)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%d</text>`, x+barW/2, top+height-h-3, r.Speeches)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, x+barW/2, top+height+14, html.EscapeString(key))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, p); err != nil {
		s.log.Error("render", "template", name, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := errStatus(err)
	if status == http.StatusInternalServerError {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	p := newPage(r, http.StatusText(status), msg)
	s.render(w, r, status, "error.html", p)
}

type homeData struct {
	Meetings, Speeches int
	Years, Languages   []store.Stat
	Countries          []store.Stat
	Recent             []store.MeetingSummary
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var d homeData
	var err error
	if d.Years, err = s.st.Stats(ctx, "year", store.Filter{}); err != nil {
		s.pageError(w, r, err)
		return
	}
	sortStatsByKey(d.Years)
	if d.Languages, err = s.st.Stats(ctx, "language", store.Filter{}); err != nil {
		s.pageError(w, r, err)
		return
	}
	if d.Countries, err = s.st.Stats(ctx, "country", store.Filter{}); err != nil {
		s.pageError(w, r, err)
		return
	}
	countries := d.Countries[:0]
	for _, c := range d.Countries {
		if c.Key != "" {
			countries = append(countries, c)
		}
	}
	d.Countries = countries
	for _, y := range d.Years {
		d.Speeches += y.Speeches
	}
	if d.Recent, d.Meetings, err = s.st.Meetings(ctx, store.Filter{Limit: 10}); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", newPage(r, "", d))
}

type searchData struct {
	Downloads  []download // the whole result in each export format
	Filter     store.Filter
	Searched   bool
	Result     store.Result
	Error      string
	Prev, Next string
	Langs      []string
	Roles      []string
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	d := searchData{Langs: []string{"zh", "en", "fr", "es", "ru", "ar"},
		Roles: []string{"president", "member", "non-member", "briefer", "secretary-general", "observer", "other"}}
	f, err := filterFrom(r)
	d.Filter = f
	status := http.StatusOK
	switch {
	case err != nil:
		d.Error, status = err.Error(), http.StatusBadRequest
	case strings.TrimSpace(f.Query) != "":
		d.Searched = true
		d.Result, err = s.st.Search(r.Context(), f)
		if err != nil {
			st, msg := errStatus(err)
			if st == http.StatusInternalServerError {
				s.pageError(w, r, err)
				return
			}
			d.Error, status, d.Searched = msg, st, false
			break
		}
		page := func(off int) string {
			u := *r.URL
			q := u.Query()
			q.Set("offset", strconv.Itoa(off))
			u.RawQuery = q.Encode()
			return u.RequestURI()
		}
		if f.Offset > 0 {
			d.Prev = page(max(0, f.Offset-f.Limit))
		}
		if f.Offset+len(d.Result.Hits) < d.Result.Total {
			d.Next = page(f.Offset + f.Limit)
		}
		if d.Result.Total > 0 {
			d.Downloads = downloads("/api/export", filterValues(f))
		}
	}
	s.render(w, r, status, "search.html", newPage(r, f.Query, d))
}

type meetingData struct {
	Downloads []download
	M         *record.Meeting
	Before    []record.Event
	After     map[int][]record.Event
	Refs      []string
	Stored    map[string]bool // symbols of stored meetings, to link to
}

func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) {
	m, err := s.st.Meeting(r.Context(), symbolParam(r), r.URL.Query().Get("lang"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := meetingData{M: m, After: map[int][]record.Event{},
		Downloads: downloads("/api/meetings/"+m.Symbol, url.Values{"lang": {m.Language}})}
	for _, e := range m.Events {
		switch {
		case e.Speech == 0 && e.After == 0:
			d.Before = append(d.Before, e)
		case e.Speech == 0:
			d.After[e.After] = append(d.After[e.After], e)
		case e.Type == record.EventInvitation || e.Type == record.EventVote:
			d.After[e.Speech] = append(d.After[e.Speech], e)
		}
	}
	seen := map[string]bool{}
	for _, ref := range m.References {
		if !seen[ref.Symbol] {
			seen[ref.Symbol] = true
			d.Refs = append(d.Refs, ref.Symbol)
		}
	}
	stored, err := s.st.Stored(r.Context(), append(d.Refs, agendaDocs(m)...))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Stored = stored
	s.render(w, r, http.StatusOK, "meeting.html", newPage(r, m.Symbol, d))
}

func agendaDocs(m *record.Meeting) []string {
	var out []string
	for _, it := range m.Agenda {
		out = append(out, it.Documents...)
	}
	return out
}

func (s *Server) countryPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.country(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "country.html", newPage(r, c.Name, map[string]any{"C": c}))
}

// download is a link to an export of what a page shows.
type download struct{ Format, URL string }

func downloads(path string, v url.Values) []download {
	var out []download
	for _, f := range export.Formats {
		q := url.Values{}
		for k, vs := range v {
			q[k] = vs
		}
		q.Set("format", f)
		out = append(out, download{f, path + "?" + q.Encode()})
	}
	return out
}

// filterValues are a search's parameters, without its paging.
func filterValues(f store.Filter) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"q": f.Query, "lang": f.Language, "country": f.Country, "speaker": f.Speaker,
		"role": f.Role, "body": f.Body, "from": f.From, "to": f.To, "symbol": f.Symbol} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}
