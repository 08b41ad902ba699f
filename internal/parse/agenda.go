package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

var docLeadRe = regexp.MustCompile(`^(?:\d{4}年\d{1,2}月\d{1,2}日|(?:Letter|Note|Report|Identical letters) )`)

// docInRe finds where a document's description begins inside a
// paragraph that runs an agenda item's title and its documents together:
// "Zone of peace and cooperation of the South Atlantic Report of the
// Secretary-General (A/60/253)".
var docInRe = regexp.MustCompile(`(?::\s*|\s)(?:(?:Letters?|Notes?|Reports?|Identical letters|Draft (?:resolution|decision)s?) |(?:draft (?:resolution|decision)s?) )`)

// splitTitle cuts a paragraph holding an item's title and then its
// documents into the title and the document part. A title that names its
// document in brackets ("Scale of assessments … (A/71/381)") keeps the
// whole paragraph as the document part.
func (p *parser) splitTitle(text string) (title, docs string) {
	in := docInRe
	if p.g.DocIn != nil {
		in = p.g.DocIn
	}
	if loc := in.FindStringIndex(text); loc != nil && loc[0] > 0 {
		return strings.TrimSpace(text[:loc[0]]), strings.TrimSpace(strings.TrimLeft(text[loc[0]:], ": "))
	}
	if i := strings.Index(text, " ("); i > 0 {
		return strings.TrimSpace(text[:i]), text
	}
	return "", text
}

func (p *parser) agendaParagraph(text string) {
	refs := symbol.Find(p.g.Lang, text)
	isDoc := len(refs) > 0 || p.docLead(text)
	n := len(p.m.Agenda)
	switch {
	case n > 0 && p.m.Agenda[n-1].Title == "" && len(refs) == 0:
		// The line under "Agenda item 74" is its title even when it reads
		// like a document ("Report of the International Criminal
		// Court"): the documents follow with their symbols.
		p.m.Agenda[n-1].Title = text
	case n > 0 && p.m.Agenda[n-1].Title == "" && p.g.Script == layout.Latin:
		// The title and the documents run together in one paragraph.
		title, docs := p.splitTitle(text)
		p.m.Agenda[n-1].Title = title
		p.addDocs(docs, refs)
	case n == 0 || (!isDoc && p.agendaDocs):
		p.m.Agenda = append(p.m.Agenda, record.Item{Title: text, Documents: []string{}})
		p.agendaDocs = false
		if isDoc {
			p.addDocs(text, refs)
		}
	case isDoc:
		p.addDocs(text, refs)
	default:
		it := &p.m.Agenda[n-1]
		if it.Subtitle == "" {
			it.Subtitle = text
		} else {
			it.Subtitle += "\n" + text
		}
	}
	p.refs(text, 0)
}

// docLead reports a paragraph that begins with a document's description.
func (p *parser) docLead(text string) bool {
	if p.g.DocLead != nil {
		return p.g.DocLead.MatchString(p.g.Fold(text))
	}
	return docLeadRe.MatchString(p.g.Fold(text))
}

func (p *parser) addDocs(text string, refs []symbol.Ref) {
	it := &p.m.Agenda[len(p.m.Agenda)-1]
	// A document's description set on two short lines is one note: the
	// first part does not yet close with the bracketed symbol.
	if n := len(it.Notes); n > 0 && !strings.HasSuffix(it.Notes[n-1], "）") && !strings.HasSuffix(it.Notes[n-1], ")") &&
		!p.docLead(text) {
		it.Notes[n-1] = layout.Join(it.Notes[n-1], text, p.g.Script)
	} else {
		it.Notes = append(it.Notes, text)
	}
	for _, r := range refs {
		it.Documents = append(it.Documents, r.Symbol)
	}
	p.agendaDocs = true
}

// isHeading reports a short paragraph that ends no sentence: an agenda
// item's title printed between speeches.
func (p *parser) isHeading(text string) bool {
	if utf8.RuneCountInString(text) > 200 || endsSentenceText(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text)
	return !unicode.IsLower(r)
}

func endsSentenceText(t string) bool {
	t = strings.TrimRight(t, "”’\"')）")
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("。！？：；….!?:;", r)
}
