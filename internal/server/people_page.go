package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/verbatim-un/verbatim/internal/people"
	"github.com/verbatim-un/verbatim/internal/store"
)

type listData struct {
	Total      int
	Prev, Next string
	Pages      []pageLink
	Years      []store.Stat
	Filter     any
	Sorts      []string
	Rows       any
}

func (s *Server) meetingsPage(w http.ResponseWriter, r *http.Request) {
	f, err := meetingFilterFrom(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	list, total, err := s.st.MeetingList(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	years, err := s.st.Stats(r.Context(), "year", store.Filter{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	sortStatsByKey(years)
	d := listData{Total: total, Filter: f, Rows: list, Years: years, Sorts: store.MeetingSorts}
	d.Prev, d.Next, d.Pages = pager(r.URL, f.Offset, f.Limit, total)
	s.render(w, r, http.StatusOK, "meetings.html", newPage(r, word(ui(r), "meetings_all"), d))
}

func (s *Server) peoplePage(w http.ResponseWriter, r *http.Request) {
	f, err := peopleFilterFrom(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	list, total, err := s.st.People(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := listData{Total: total, Filter: f, Rows: list}
	d.Prev, d.Next, d.Pages = pager(r.URL, f.Offset, f.Limit, total)
	s.render(w, r, http.StatusOK, "people.html", newPage(r, word(ui(r), "people"), d))
}

func (s *Server) personPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.Person(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	lang := ui(r)
	search := "/search?ui=" + lang + "&person=" + url.QueryEscape(p.ID)
	name := personName(shownAs(p, lang), lang)
	d := map[string]any{"P": p, "Name": name, "Search": search,
		"Statements": strconv.Itoa(p.Speeches - p.Chair)}
	s.render(w, r, http.StatusOK, "person.html", newPage(r, name, d))
}

// shownAs is the person under the spelling the interface's script reads
// (Han for Chinese, Latin otherwise) when the records print one: 奥尔洛夫
// on the Chinese page, Orlov on the English one.
func shownAs(p *store.Person, ui string) store.PersonSummary {
	want := "latin"
	if ui == "zh" {
		want = "han"
	}
	sum := p.PersonSummary
	if people.Script(sum.Name) == want {
		return sum
	}
	for _, sp := range p.Spellings {
		if people.Script(sp.Name) == want {
			sum.Name, sum.Title = sp.Name, sp.Title
			return sum
		}
	}
	return sum
}
