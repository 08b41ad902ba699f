package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/align"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// langsParam reads ?langs=zh,en (or langs repeated, as a form sends
// checkboxes): none means every stored version.
func langsParam(r *http.Request) ([]string, error) {
	vals := r.URL.Query()["langs"]
	langs, err := align.ParseLangs(strings.Join(vals, ","))
	if err != nil {
		return nil, badParam("langs", err.Error())
	}
	if len(vals) > 0 && len(langs) < 2 {
		return nil, badParam("langs", "name at least two languages")
	}
	return langs, nil
}

func (s *Server) apiAlign(w http.ResponseWriter, r *http.Request) {
	langs, err := langsParam(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	a, err := s.st.Align(r.Context(), symbolParam(r), langs)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, r, a)
}

type compareCell struct {
	Lang, Dir, Label string
	Speeches         []record.Speech
	Href             string // the first speech in its meeting's page
	Confidence       string // "" for the pivot's and the missing
	Missing          bool
}

type langChoice struct {
	Lang, Label string
	Checked     bool
}

type compareData struct {
	Symbol, Subject string
	SubjectLang     string
	Cols            int
	Choices         []langChoice
	Rows            [][]compareCell
	First           int // the number of this page's first turn
	Pages           []pageLink
	Prev, Next      string
	Warnings        []align.Warning
	Meeting, API    string
}

// officialIndex is a language's place in the UN's order, others after.
func officialIndex(lang string) int {
	if i := slices.Index(align.Official, lang); i >= 0 {
		return i
	}
	return len(align.Official)
}

// dirOf is the direction of a language's script.
func dirOf(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	langs, err := langsParam(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	page, err := intParam("page", r.URL.Query().Get("page"), 1)
	if err != nil || page < 1 || page > MaxOffset {
		s.pageError(w, r, badParam("page", "a page number from 1 is expected"))
		return
	}
	a, err := s.st.Align(ctx, symbolParam(r), langs)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	nPages := max(1, (len(a.Rows)+SpeechesPerPage-1)/SpeechesPerPage)
	if page > nPages {
		s.pageError(w, r, badParam("page", "a page from 1 to "+strconv.Itoa(nPages)+" is expected"))
		return
	}
	uiLang := ui(r)
	versions, err := s.st.MeetingVersions(ctx, a.Symbol)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := compareData{Symbol: a.Symbol, Cols: len(a.Languages), Warnings: a.Warnings,
		Meeting: "/meetings/" + a.Symbol + "?ui=" + uiLang,
		API:     "/api/meetings/" + a.Symbol + "/align?langs=" + strings.Join(a.Languages, ",")}
	chosen := map[string]bool{}
	for _, l := range a.Languages {
		chosen[l] = true
	}
	for _, v := range versions {
		if v.Symbol == a.Symbol {
			d.Choices = append(d.Choices, langChoice{Lang: v.Lang, Label: langName(v.Lang, uiLang), Checked: chosen[v.Lang]})
		}
	}
	slices.SortStableFunc(d.Choices, func(x, y langChoice) int {
		return officialIndex(x.Lang) - officialIndex(y.Lang)
	})
	// The subject as the interface's language prints it, when stored.
	subjectLang := a.Pivot
	if chosen[uiLang] {
		subjectLang = uiLang
	}
	m, _, err := s.st.MeetingRange(ctx, a.Symbol, subjectLang, 0, 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Subject = store.Subject(m)
	d.SubjectLang = subjectLang
	// A page of rows, as a meeting's page has a page of speeches.
	from := (page - 1) * SpeechesPerPage
	d.First = from + 1
	for i := 1; i <= nPages && nPages > 1; i++ {
		d.Pages = append(d.Pages, pageLink{N: i, Href: withParam(r.URL, "page", strconv.Itoa(i)), Current: i == page})
	}
	if page > 1 {
		d.Prev = withParam(r.URL, "page", strconv.Itoa(page-1))
	}
	if page < nPages {
		d.Next = withParam(r.URL, "page", strconv.Itoa(page+1))
	}
	for _, row := range a.Rows[from:min(len(a.Rows), from+SpeechesPerPage)] {
		var cells []compareCell
		for _, l := range a.Languages {
			c := compareCell{Lang: l, Dir: dirOf(l), Label: langName(l, uiLang)}
			cell, ok := row.Cells[l]
			if !ok {
				c.Missing = true
				cells = append(cells, c)
				continue
			}
			for _, seq := range cell.Seqs {
				if sp := a.Speech(l, seq); sp != nil {
					c.Speeches = append(c.Speeches, *sp)
				}
			}
			if len(cell.Seqs) > 0 {
				c.Href = "/meetings/" + a.Symbol + "?" + url.Values{"lang": {l}, "at": {strconv.Itoa(cell.Seqs[0])}, "ui": {uiLang}}.Encode() +
					"#s" + strconv.Itoa(cell.Seqs[0])
			}
			if l != a.Pivot && cell.Confidence > 0 {
				c.Confidence = strconv.FormatFloat(cell.Confidence, 'f', 2, 64)
			}
			cells = append(cells, c)
		}
		d.Rows = append(d.Rows, cells)
	}
	s.render(w, r, http.StatusOK, "compare.html", newPage(r, a.Symbol+" · "+word(uiLang, "compare"), d))
}
