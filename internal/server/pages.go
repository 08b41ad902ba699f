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

	"github.com/verbatim-un/verbatim/internal/store"
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
	"link":       docLink,
	"role":       roleName,
	"langName":   langName,
	"body":       bodyName,
	"bodyCode":   bodyCode,
	"cname":      countryName,
	"date":       dateText,
	"add":        func(a, b int) int { return a + b },
	"join":       strings.Join,
	"pathEscape": url.PathEscape,
	"personName": personName,
	"scriptLang": scriptLang,
	"list":       func(s ...string) []string { return s },
	"deref":      func(b *bool) bool { return b != nil && *b },
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
// label is its accessible name; the bars' values are in a table for
// screen readers (the SVG's own text is hidden from them).
func chart(rows []store.Stat, id, label string) template.HTML {
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
	var desc []string
	for _, r := range rows {
		desc = append(desc, r.Key+": "+strconv.Itoa(r.Speeches))
	}
	fmt.Fprintf(&b, `<svg class="chart" id="chart-%s" role="img" aria-label="%s" width="%d" height="%d" viewBox="0 0 %d %d"><title>%s</title><desc>%s</desc>`,
		html.EscapeString(id), html.EscapeString(label), width, height+top+bottom, width, height+top+bottom,
		html.EscapeString(label), html.EscapeString(strings.Join(desc, "; ")))
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
		writeError(w, http.StatusInternalServerError, "internal error", "")
		return
	}
	send(w, r, "text/html; charset=utf-8", status, buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg, _ := errStatus(err)
	if status == http.StatusInternalServerError {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	p := newPage(r, http.StatusText(status), msg)
	s.render(w, r, status, "error.html", p)
}

type homeData struct {
	Meetings, Speeches int
	People             int
	Years, Languages   []store.Stat
	Countries          []store.Stat
	Recent             []store.MeetingListing
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
	if d.Recent, d.Meetings, err = s.st.MeetingList(ctx, store.MeetingFilter{Limit: 10, Prefer: ui(r)}); err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, d.People, err = s.st.People(ctx, store.PeopleFilter{Limit: 1}); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", newPage(r, "", d))
}

func (s *Server) countryPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.country(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name := c.Name
	if ui(r) == "zh" && c.NameZh != "" {
		name = c.NameZh
	}
	d := map[string]any{"C": c, "Toggle": withParam(r.URL, "include_chair", map[bool]string{false: "1", true: ""}[c.Chair])}
	s.render(w, r, http.StatusOK, "country.html", newPage(r, name, d))
}

// personName is how a person is shown: the name with its honorific in
// the order of its script, or the office for a presiding officer the
// records do not name.
func personName(p store.PersonSummary, ui string) string {
	if p.Name == "" && p.Office != "" {
		return word(ui, "unnamed_president") + " · " + countryName(p.Affiliation, ui) + " · " + p.Term
	}
	name := p.Name
	if ui == "zh" && p.NameZh != "" {
		name = p.NameZh
	}
	if p.Title == "" {
		return name
	}
	if isHan(name) {
		return name + p.Title
	}
	return p.Title + " " + name
}

func isHan(s string) bool {
	for _, r := range s {
		return r >= 0x2E80
	}
	return false
}
