package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/people"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// SpeechesPerPage bounds a meeting page: a meeting of thousands of
// speeches is read a page at a time.
const SpeechesPerPage = 100

// originalLangs are the languages undocs.org serves a record in.
var originalLangs = []string{"ar", "zh", "en", "fr", "ru", "es"}

type langLink struct {
	Lang, Label, Href string
	Current           bool
}

type voteView struct {
	Vote       *record.Vote
	WithoutVot bool
	Groups     []voteGroup
}

type voteGroup struct {
	Label string
	N     int // the announced count, else the number of states listed
	Names []string
}

type speechView struct {
	S      record.Speech
	Person string // person id, "" when unknown
	Holder string // who holds the office a label names ("The President"): "Mr. Dang"
	Chair  bool
	Cite   string // the citation text
	Link   string // permanent link
	Events []record.Event
	Others []langLink // the same speech in the other stored versions
}

type meetingData struct {
	Downloads []download // the meeting (part) in each export format
	M         *record.Meeting
	Subject   string
	Before    []record.Event
	Speeches  []speechView // this page's
	Total     int          // speeches in the meeting
	Refs      []string
	Stored    map[string]bool
	Originals []langLink
	Versions  []langLink
	Compare   string // the versions side by side, when more than one is stored
	Parts     []langLink
	Pages     []pageLink
	Page      int
	Prev      string
	Next      string
	Votes     map[*record.Vote]voteView
}

func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := r.URL.Query().Get("lang")
	if len(lang) > 3 {
		s.pageError(w, r, badParam("lang", "a two-letter language code is expected"))
		return
	}
	page, err := intParam("page", r.URL.Query().Get("page"), 1)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if at := r.URL.Query().Get("at"); at != "" {
		// A permanent link names the speech; its page follows (speeches
		// are numbered from 1 in order).
		seq, err := intParam("at", at, 1)
		if err != nil || seq < 1 {
			s.pageError(w, r, badParam("at", "a speech number is expected"))
			return
		}
		page = (seq-1)/SpeechesPerPage + 1
	}
	if page < 1 || page > MaxOffset {
		s.pageError(w, r, badParam("page", "a page number from 1 is expected"))
		return
	}
	m, total, err := s.st.MeetingRange(ctx, symbolParam(r), lang, (page-1)*SpeechesPerPage, SpeechesPerPage)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	nPages := max(1, (total+SpeechesPerPage-1)/SpeechesPerPage)
	if page > nPages {
		s.pageError(w, r, badParam("page", "a page from 1 to "+strconv.Itoa(nPages)+" is expected"))
		return
	}
	from, to := 0, 0
	if len(m.Speeches) > 0 {
		from, to = m.Speeches[0].Seq, m.Speeches[len(m.Speeches)-1].Seq
	}
	persons, chair, err := s.st.MeetingPersons(ctx, m.Symbol, m.Language, from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	links, err := s.st.MeetingLinks(ctx, m.Symbol, m.Language, from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	versions, err := s.st.MeetingVersions(ctx, m.Symbol)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	uiLang := ui(r)
	d := meetingData{M: m, Subject: store.Subject(m), Page: page, Votes: map[*record.Vote]voteView{},
		Downloads: downloads("/api/meetings/"+m.Symbol, url.Values{"lang": {m.Language}})}
	after := map[int][]record.Event{}
	for _, e := range m.Events {
		switch {
		case e.Speech == 0 && e.After == 0:
			d.Before = append(d.Before, e)
		case e.Speech == 0:
			after[e.After] = append(after[e.After], e)
		case e.Type == record.EventInvitation || e.Type == record.EventVote:
			after[e.Speech] = append(after[e.Speech], e)
		}
		if e.Vote != nil {
			d.Votes[e.Vote] = votes(e.Vote, uiLang)
		}
	}
	base := "/meetings/" + m.Symbol + "?lang=" + m.Language
	host := "http://" + r.Host
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		host = "https://" + r.Host
	}
	d.Total = total
	for _, sp := range m.Speeches {
		p := persons[sp.Seq]
		v := speechView{S: sp, Person: p.ID, Chair: chair[sp.Seq]}
		if people.Office(sp.Speaker) != "" && p.Name != "" {
			v.Holder = p.Name
			if p.Title != "" {
				v.Holder = p.Title + " " + p.Name
			}
		}
		v.Events = after[sp.Seq]
		for _, o := range links[sp.Seq] {
			v.Others = append(v.Others, langLink{Lang: o.Lang, Label: langName(o.Lang, uiLang),
				Href: "/meetings/" + m.Symbol + "?" + url.Values{"lang": {o.Lang}, "at": {strconv.Itoa(o.Seq)}, "ui": {uiLang}}.Encode() +
					"#s" + strconv.Itoa(o.Seq)})
		}
		v.Link = host + base + "&at=" + strconv.Itoa(sp.Seq) + "#s" + strconv.Itoa(sp.Seq)
		v.Cite = citation(m, sp, v.Holder, uiLang) + " " + v.Link
		d.Speeches = append(d.Speeches, v)
	}
	if page != 1 {
		d.Before = nil // the events before the first speech open the first page
	}
	for i := 1; i <= nPages && nPages > 1; i++ {
		d.Pages = append(d.Pages, pageLink{N: i, Href: withParam(r.URL, "page", strconv.Itoa(i)), Current: i == page})
	}
	if page > 1 {
		d.Prev = withParam(r.URL, "page", strconv.Itoa(page-1))
	}
	if page < nPages {
		d.Next = withParam(r.URL, "page", strconv.Itoa(page+1))
	}
	for _, l := range originalLangs {
		d.Originals = append(d.Originals, langLink{Lang: l, Label: langName(l, uiLang),
			Href: "https://undocs.org/" + l + "/" + url.PathEscape(m.Symbol)})
	}
	for _, v := range versions {
		if v.Symbol == m.Symbol {
			d.Versions = append(d.Versions, langLink{Lang: v.Lang, Label: langName(v.Lang, uiLang),
				Href: "/meetings/" + v.Symbol + "?lang=" + v.Lang + "&ui=" + uiLang, Current: v.Lang == m.Language})
		} else if v.Lang == m.Language {
			d.Parts = append(d.Parts, langLink{Lang: v.Lang, Label: v.Symbol, Href: "/meetings/" + v.Symbol + "?lang=" + v.Lang + "&ui=" + uiLang})
		}
	}
	if len(d.Versions) > 1 {
		d.Compare = "/meetings/" + m.Symbol + "/compare?ui=" + uiLang
	}
	seen := map[string]bool{}
	for _, ref := range m.References {
		if !seen[ref.Symbol] {
			seen[ref.Symbol] = true
			d.Refs = append(d.Refs, ref.Symbol)
		}
	}
	stored, err := s.st.Stored(ctx, append(d.Refs, agendaDocs(m)...))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Stored = stored
	title := m.Symbol
	if d.Subject != "" {
		title += " · " + d.Subject
	}
	s.render(w, r, http.StatusOK, "meeting.html", newPage(r, title, d))
}

func agendaDocs(m *record.Meeting) []string {
	var out []string
	for _, it := range m.Agenda {
		out = append(out, it.Documents...)
	}
	return out
}

// votes groups a vote's states by position, named in the interface
// language; a decision without a vote has no groups.
func votes(v *record.Vote, ui string) voteView {
	vv := voteView{Vote: v}
	if v.Method == "without-vote" || (len(v.InFavour)+len(v.Against)+len(v.Abstaining) == 0 && v.Yes+v.No+v.Abstain == 0) {
		vv.WithoutVot = true
		return vv
	}
	for _, g := range []struct {
		key   string
		codes []string
		n     int
	}{{"in_favour", v.InFavour, v.Yes}, {"against", v.Against, v.No}, {"abstaining", v.Abstaining, v.Abstain}} {
		names := make([]string, len(g.codes))
		for i, c := range g.codes {
			names[i] = countryName(c, ui)
		}
		n := g.n
		if n == 0 {
			n = len(g.codes)
		}
		vv.Groups = append(vv.Groups, voteGroup{Label: word(ui, g.key), N: n, Names: names})
	}
	return vv
}

// citation cites a speech: speaker (affiliation), symbol, date, speech
// and paragraphs.
func citation(m *record.Meeting, sp record.Speech, holder, ui string) string {
	who := sp.Speaker
	if holder != "" {
		who += " (" + holder + ")"
	}
	if sp.Title != "" {
		if m.Language == "zh" {
			who += sp.Title
		} else {
			who = sp.Title + " " + who
		}
	}
	if sp.Affiliation != nil && sp.Affiliation.Name != "" {
		if sp.Affiliation.Code != "" {
			who += " (" + countryName(sp.Affiliation.Code, ui) + ")"
		} else {
			who += " (" + sp.Affiliation.Name + ")"
		}
	}
	n := len(sp.Paragraphs)
	paras := ""
	switch {
	case ui == "zh" && n == 1:
		paras = "第1段"
	case ui == "zh":
		paras = "第1–" + strconv.Itoa(n) + "段"
	case n == 1:
		paras = word(ui, "paragraph") + " 1"
	default:
		paras = word(ui, "paragraphs") + " 1–" + strconv.Itoa(n)
	}
	parts := []string{who, m.Symbol, dateText(m.Date, ui), word(ui, "speech") + " " + strconv.Itoa(sp.Seq), paras}
	out := []string{}
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	if ui == "zh" {
		return strings.Join(out, "，") + "。"
	}
	return strings.Join(out, ", ") + "."
}
