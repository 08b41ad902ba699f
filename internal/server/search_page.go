package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/internal/store"
)

type facetLink struct {
	Label  string
	N      int
	Href   string
	Active bool
}

type facetGroup struct {
	Name  string
	Links []facetLink
}

type pageLink struct {
	N       int
	Href    string
	Current bool
}

type suggestion struct{ Label, Href string }

type searchData struct {
	Downloads   []download // the whole result in each export format
	Filter      store.Filter
	Country     string // as typed, or the code's name
	Searched    bool
	Listing     bool // filters without a query: speeches newest first
	Result      store.Result
	Facets      store.Facets
	Groups      []facetGroup
	Years       []store.Stat
	Error       string
	Prev, Next  string
	Pages       []pageLink
	Langs       []string
	Roles       []string
	Countries   []string // names for the country field's suggestions
	Examples    []suggestion
	Suggestions []suggestion
}

// examples are shown on the empty search page.
var examples = []string{"恐怖主义", `"rule of law"`, "peace OR security", "terror*", "Syria -chemical"}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	lang := ui(r)
	d := searchData{Langs: []string{"zh", "en", "fr", "es", "ru", "ar"}, Roles: Roles}
	for _, e := range gazetteer.All() {
		if e.Kind == gazetteer.State {
			if n := e.Short(lang); n != "" {
				d.Countries = append(d.Countries, n)
			}
		}
	}
	d.Country = r.URL.Query().Get("country")
	f, err := filterFrom(r)
	d.Filter = f
	if f.Country != "" && strings.EqualFold(d.Country, f.Country) {
		d.Country = countryName(f.Country, lang)
	}
	status := http.StatusOK
	hasFilter := f.Country != "" || f.Person != "" || f.Speaker != "" || f.Role != "" || f.Body != "" || f.From != "" ||
		f.To != "" || f.Symbol != "" || f.Language != "" || f.Delivery != ""
	ctx := r.Context()
	switch {
	case err != nil:
		d.Error, status = err.Error(), http.StatusBadRequest
	case strings.TrimSpace(f.Query) != "" || hasFilter:
		d.Searched = true
		if strings.TrimSpace(f.Query) == "" {
			d.Listing = true
			d.Result, err = s.st.Speeches(ctx, f)
		} else {
			d.Result, err = s.st.Search(ctx, f)
		}
		if err == nil {
			d.Facets, err = s.st.Facets(ctx, f)
		}
		if err != nil {
			st, msg, _ := errStatus(err)
			if st == http.StatusInternalServerError {
				s.pageError(w, r, err)
				return
			}
			d.Error, status, d.Searched = msg, st, false
			break
		}
		d.Groups = facetGroups(r.URL, d.Facets, f, lang)
		d.Years = d.Facets.Year
		d.Prev, d.Next, d.Pages = pager(r.URL, f.Offset, f.Limit, d.Result.Total)
		if d.Result.Total > 0 {
			d.Downloads = downloads("/api/export", filterValues(f))
		}
		if d.Result.Total == 0 {
			d.Suggestions = suggest(r.URL, f, hasFilter, lang)
		}
	default:
		for _, q := range examples {
			d.Examples = append(d.Examples, suggestion{q, "/search?ui=" + lang + "&q=" + url.QueryEscape(q)})
		}
	}
	s.render(w, r, status, "search.html", newPage(r, f.Query, d))
}

// facetGroups turns counts into links that narrow the search (or, for
// the value already chosen, widen it again).
func facetGroups(u *url.URL, fc store.Facets, f store.Filter, lang string) []facetGroup {
	group := func(name, param, current string, rows []store.Stat, label func(string) string, max int) facetGroup {
		g := facetGroup{Name: word(lang, name)}
		for i, st := range rows {
			if i == max {
				break
			}
			if st.Key == "" {
				continue
			}
			l := facetLink{Label: label(st.Key), N: st.Speeches, Active: strings.EqualFold(current, st.Key)}
			if l.Active {
				l.Href = withParam(u, param, "")
			} else {
				l.Href = withParam(u, param, st.Key)
			}
			g.Links = append(g.Links, l)
		}
		return g
	}
	years := make([]store.Stat, len(fc.Year))
	copy(years, fc.Year)
	// Newest years first in the list; the chart has them in order.
	for i, j := 0, len(years)-1; i < j; i, j = i+1, j-1 {
		years[i], years[j] = years[j], years[i]
	}
	yearGroup := facetGroup{Name: word(lang, "year")}
	for _, y := range years {
		if y.Key == "" {
			continue
		}
		active := f.From == y.Key+"-01-01" && f.To == y.Key+"-12-31"
		c := *u
		q := c.Query()
		q.Del("offset")
		if active {
			q.Del("from")
			q.Del("to")
		} else {
			q.Set("from", y.Key+"-01-01")
			q.Set("to", y.Key+"-12-31")
		}
		c.RawQuery = q.Encode()
		yearGroup.Links = append(yearGroup.Links, facetLink{Label: y.Key, N: y.Speeches, Href: c.RequestURI(), Active: active})
	}
	return []facetGroup{
		group("body", "body", f.Body, fc.Body, func(k string) string { return bodyName(k, "", lang) }, 10),
		yearGroup,
		group("country", "country", f.Country, fc.Country, func(k string) string { return countryName(k, lang) }, 15),
		group("delivery_language", "language", f.Delivery, fc.Language, func(k string) string { return langName(k, lang) }, 10),
		group("role", "role", f.Role, fc.Role, func(k string) string { return roleName(k, lang) }, 10),
	}
}

// pager links the previous and next pages and numbered pages around this
// one.
func pager(u *url.URL, offset, limit, total int) (prev, next string, pages []pageLink) {
	if limit <= 0 {
		return
	}
	at := func(off int) string { return withParam(u, "offset", strconv.Itoa(off)) }
	if offset > 0 {
		prev = at(max(0, offset-limit))
	}
	if offset+limit < total {
		next = at(offset + limit)
	}
	n := (min(total, MaxOffset+limit) + limit - 1) / limit
	cur := offset / limit
	if n <= 1 {
		return
	}
	lo, hi := max(0, cur-4), min(n, cur+5)
	for i := lo; i < hi; i++ {
		pages = append(pages, pageLink{N: i + 1, Href: at(i * limit), Current: i == cur})
	}
	return
}

// suggest offers other searches when nothing matched: without the
// filters, any of the words, every form of a word, prefixes.
func suggest(u *url.URL, f store.Filter, hasFilter bool, lang string) []suggestion {
	var out []suggestion
	q := strings.TrimSpace(f.Query)
	if hasFilter && q != "" {
		out = append(out, suggestion{word(lang, "without_filters") + ": " + q, "/search?ui=" + lang + "&q=" + url.QueryEscape(q)})
	}
	words := strings.Fields(q)
	plain := len(words) > 1 && !strings.ContainsAny(q, `"*-`)
	for _, w := range words {
		plain = plain && w != "OR" && w != "NOT"
	}
	if plain {
		alt := strings.Join(words, " OR ")
		out = append(out, suggestion{word(lang, "any_word") + ": " + alt, withParam(u, "q", alt)})
	}
	if len(words) == 1 && !strings.ContainsAny(q, `"*~`) {
		if forms, _ := search.Forms(q); len(forms) > 0 {
			out = append(out, suggestion{word(lang, "all_forms") + ": ~" + q, withParam(u, "q", "~"+q)})
		}
	}
	if len(words) == 1 && !strings.ContainsAny(q, `"*`) && len([]rune(q)) > 3 && q[0] < 0x80 {
		out = append(out, suggestion{word(lang, "prefix") + ": " + q + "*", withParam(u, "q", q+"*")})
	}
	return out
}
