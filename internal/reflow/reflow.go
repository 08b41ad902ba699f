// Package reflow prints a meeting back into the shape of text extracted
// from a printed UN record: paragraphs wrapped to a column with an indented
// first line, running heads and folios on every page, blank lines after
// lines, CRLF, form feeds. Tests use it to check that parsing does not
// depend on any of these; the benchmark corpus generator uses it to make
// realistic input.
package reflow

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/record"
)

// Options shape the printed text.
type Options struct {
	Script     layout.Script
	Width      float64 // column width, in the units of layout.Width
	Indent     float64 // first-line indent, same units (Han records: 2)
	PageLines  int     // lines per page; 0 for no pages
	Furniture  bool    // print running head and folio on every page
	HeadTitle  string  // running-head title
	Job        string  // job number, e.g. "16-34838"
	DateFirst  bool    // running head "dd/mm/yyyy title symbol" instead of "symbol title dd/mm/yyyy"
	FormFeed   bool    // start each page with a form feed
	LeadSpace  bool    // start each page with a space (as the founding sample does)
	BlankLines bool    // a blank line after every line
	CRLF       bool
	Glue       bool // glue the furniture onto the page's last line, as some extractions do
	// Cover: lines printed first, as they are (a cover page: the record
	// keeps what it says, not how it was set).
	Cover []string
	// ItemHeads: the line printed before each agenda item's title
	// ("Agenda item 41"), which the record keeps as a number. When set,
	// each item is printed where its debate begins (a General Assembly
	// meeting takes up several), not all at the start.
	ItemHeads []string
}

// Print renders m.
func Print(m *record.Meeting, o Options) string {
	lines := append([]string(nil), o.Cover...)
	para := func(s string) { lines = append(lines, wrap(s, o)...) }
	// Headings and procedural lines are set flush, without the indent.
	flush := o
	flush.Indent = 0
	heading := func(s string) { lines = append(lines, wrap(s, flush)...) }
	// With item heads, each agenda item is printed where its debate
	// begins, and a change of chair during a speech after its paragraphs.
	inPlace := len(o.ItemHeads) > 0
	ev := 0
	events := func(after int) {
		for ev < len(m.Events) && m.Events[ev].After <= after {
			e := m.Events[ev]
			ev++
			if e.Speech != 0 && !(inPlace && e.Type == record.EventChair) {
				continue // printed as part of the speech's paragraphs
			}
			for _, t := range strings.Split(e.Text, "\n") {
				heading(t)
			}
		}
	}
	item := 0
	items := func(upTo int) {
		for ; item < upTo && item < len(m.Agenda); item++ {
			it := m.Agenda[item]
			if item < len(o.ItemHeads) && o.ItemHeads[item] != "" {
				heading(o.ItemHeads[item])
			}
			heading(it.Title)
			if it.Subtitle != "" {
				for _, s := range strings.Split(it.Subtitle, "\n") {
					heading(s)
				}
			}
			for _, n := range it.Notes {
				heading(n)
			}
		}
	}
	if !inPlace {
		// Before the agenda: opening and adoption of the agenda.
		for ev < len(m.Events) && m.Events[ev].After == 0 && m.Events[ev].Speech == 0 &&
			(m.Events[ev].Type == record.EventOpened || m.Events[ev].Type == record.EventAgendaAdopted) {
			heading(m.Events[ev].Text)
			ev++
		}
		items(len(m.Agenda))
	}
	txt := 0
	unclassified := func(after int) {
		for txt < len(m.Unclassified) && m.Unclassified[txt].After <= after {
			para(m.Unclassified[txt].Text)
			txt++
		}
	}
	for _, sp := range m.Speeches {
		events(sp.Seq - 1)
		unclassified(sp.Seq - 1)
		if inPlace {
			items(sp.Item)
		}
		for i, p := range sp.Paragraphs {
			if i == 0 && sp.Label != "" {
				p = labelled(sp.Label, p, o)
			}
			para(p)
		}
	}
	events(len(m.Speeches))
	unclassified(len(m.Speeches))
	return paginate(lines, m, o)
}

// labelled puts a speaker's label before the first paragraph, with a
// space in scripts that write one.
func labelled(label, p string, o Options) string {
	if o.Script == layout.Latin {
		return label + " " + p
	}
	return label + p
}

func paginate(lines []string, m *record.Meeting, o Options) string {
	var b strings.Builder
	nl := "\n"
	if o.CRLF {
		nl = "\r\n"
	}
	emit := func(s string) {
		b.WriteString(s)
		b.WriteString(nl)
		if o.BlankLines {
			b.WriteString(nl)
		}
	}
	date := ""
	if len(m.Date) == 10 {
		date = m.Date[8:10] + "/" + m.Date[5:7] + "/" + m.Date[0:4]
	}
	pages := 1
	if o.PageLines > 0 {
		pages = (len(lines) + o.PageLines - 1) / o.PageLines
	}
	page := 1
	pending := ""
	for i, l := range lines {
		if o.PageLines > 0 && i > 0 && i%o.PageLines == 0 && o.Glue && o.Furniture {
			// The previous line was held back; the page's furniture
			// rides on its end.
			folio := fmt.Sprintf("%d/%d %s", page, pages, o.Job)
			head := fmt.Sprintf("%s  %s  %s", m.Symbol, o.HeadTitle, date)
			emit(pending + folio + " " + head)
			pending = ""
			page++
		} else if o.PageLines > 0 && i > 0 && i%o.PageLines == 0 {
			if o.Furniture {
				// Folio at the foot of the page, running head at the top
				// of the next, alternating sides as printed.
				if page%2 == 0 {
					emit(fmt.Sprintf("%d/%d %s", page, pages, o.Job))
				} else {
					emit(fmt.Sprintf("%s %d/%d", o.Job, page, pages))
				}
			}
			page++
			if o.FormFeed {
				b.WriteString("\f")
			}
			if o.Furniture {
				if o.DateFirst {
					emit(fmt.Sprintf("%s  %s  %s", date, o.HeadTitle, m.Symbol))
				} else {
					emit(fmt.Sprintf("%s  %s  %s", m.Symbol, o.HeadTitle, date))
				}
			}
			if o.LeadSpace {
				l = " " + l
			}
		}
		if pending != "" {
			emit(pending)
			pending = ""
		}
		if o.Glue && o.Furniture && o.PageLines > 0 && (i+1)%o.PageLines == 0 {
			pending = l
			continue
		}
		emit(l)
	}
	if pending != "" {
		emit(pending)
	}
	return b.String()
}

// wrap breaks a paragraph into lines no wider than the column, the first
// one indented; a Latin word or a symbol is never split, and closing
// punctuation never starts a line.
func wrap(s string, o Options) []string {
	if o.Width <= 0 {
		return []string{s}
	}
	var out []string
	var line strings.Builder
	w := 0.0
	limit := o.Width - o.Indent
	for _, tok := range tokens(s, o.Script) {
		tw := layout.Width(tok, o.Script)
		if o.Script == layout.Latin && line.Len() > 0 {
			tw++ // the space before the word
		}
		closing := isClosing(tok)
		if w+tw > limit && line.Len() > 0 && !closing {
			out = append(out, line.String())
			line.Reset()
			w = 0
			limit = o.Width
			if o.Script == layout.Latin {
				tw--
			}
		}
		if o.Script == layout.Latin && line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(tok)
		w += tw
	}
	if line.Len() > 0 {
		out = append(out, line.String())
	}
	return out
}

func isClosing(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return utf8.RuneCountInString(tok) == 1 && strings.ContainsRune("。，、；：？！）」』”’》〉…", r)
}

// tokens splits Han text into characters, keeping runs of Latin letters,
// digits and symbol characters whole; Latin text into words.
func tokens(s string, sc layout.Script) []string {
	if sc == layout.Latin {
		return strings.Fields(s)
	}
	var out []string
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0x80 && !unicode.IsSpace(r) {
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 >= 0x80 || unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
			out = append(out, s[i:j])
			i = j
			continue
		}
		out = append(out, s[i:i+n])
		i += n
	}
	return out
}
