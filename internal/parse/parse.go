// Package parse reads the text of a UN verbatim record into a
// record.Meeting.
//
// It is one state machine for every language: the language's grammar
// (package grammar) says what a speaker label and each procedural phrase
// look like; the gazetteer turns names into codes; package symbol finds the
// documents cited. What the parser cannot classify it keeps as text and
// reports as a warning.
package parse

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/page"
	"github.com/verbatim-un/verbatim/internal/source"
	"github.com/verbatim-un/verbatim/record"
)

// ErrNotRecord is returned for text in which no part of a meeting record
// (speaker label, procedural phrase, running head) can be found.
var ErrNotRecord = errors.New("not a UN meeting record: no speaker label, procedural phrase or running head found")

// Options tune a parse.
type Options struct {
	Lang string // ISO 639-1 of the record; "" detects it
}

// maxNote bounds an italic paragraph taken as a stage direction: a longer
// one is a quotation inside a speech.
const maxNote = 400

// Pages parses a styled document (a PDF's pages): furniture goes by
// position, columns are read in order, paragraphs break where the page
// shows it, and a speaker label must start in bold.
func Pages(d *page.Doc, opt Options) (*record.Meeting, error) {
	// The text of the pages is bounded as decoded text is.
	if err := checkPages(d); err != nil {
		return nil, err
	}
	lang := opt.Lang
	if lang == "" {
		lang = DetectLanguage(pagesText(d, 20000))
	}
	g, err := grammar.For(lang)
	if err != nil {
		return nil, err
	}
	p := newParser(g)
	p.run(layout.FromPages(logicalPages(g, d), g.Script))
	if len(p.m.Speeches) == 0 && len(p.m.Events) == 0 && p.m.Symbol == "" {
		return nil, ErrNotRecord
	}
	return p.m, nil
}

// checkPages refuses a document whose text, a line to a line, is over
// source.MaxText.
func checkPages(d *page.Doc) error {
	n := 0
	for _, pg := range d.Pages {
		for _, l := range pg.Lines {
			n++ // the line's end
			for _, s := range l.Spans {
				n += len(s.Text)
			}
		}
		if n > source.MaxText {
			return source.ErrTextTooBig
		}
	}
	return nil
}

// pagesText is the text of a document's first lines, up to about n bytes.
func pagesText(d *page.Doc, n int) string {
	var b strings.Builder
	for _, pg := range d.Pages {
		for i := range pg.Lines {
			b.WriteString(pg.Lines[i].Text())
			b.WriteByte('\n')
			if b.Len() > n {
				return b.String()
			}
		}
	}
	return b.String()
}

// Text parses decoded text.
func Text(text string, opt Options) (*record.Meeting, error) {
	// The memory a parse takes grows with the text: bounded here, since
	// extracted text reaches the parser without passing source.Decode.
	if err := source.CheckText(text); err != nil {
		return nil, err
	}
	lang := opt.Lang
	if lang == "" {
		lang = DetectLanguage(text)
	}
	g, err := grammar.For(lang)
	if err != nil {
		return nil, err
	}
	p := newParser(g)
	p.run(layout.Clean(logicalText(g, text), g.Script))
	if len(p.m.Speeches) == 0 && len(p.m.Events) == 0 && p.m.Symbol == "" {
		return nil, ErrNotRecord
	}
	return p.m, nil
}

// DetectLanguage guesses the language of a record: Chinese and Arabic
// from their scripts; among the Latin-script grammars, from the commonest
// words each grammar lists. English is the default: another language is
// chosen only when the words only it lists are clearly more frequent than
// those only English lists.
func DetectLanguage(text string) string {
	var han, arabic, letters int
	n := 0
	end := len(text)
	for i, r := range text {
		if n > 5000 { // the script shows in the first pages
			end = i
			break
		}
		n++
		switch {
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && unicode.Is(unicode.Han, r):
			han++
		case r >= 0x0600 && r <= 0x06FF && unicode.IsLetter(r), r >= 0x0750 && unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if han*3 > letters {
		return "zh"
	}
	// Arabic is the only grammar in its script; a record in another
	// language quotes an Arabic name now and then, not half its letters.
	if arabic*2 > letters {
		return "ar"
	}
	return latinLanguage(text[:end])
}

// latinLanguage tells the Latin-script languages apart by the words only
// one grammar counts among its commonest.
func latinLanguage(text string) string {
	own := commonWords()
	if len(own) == 0 {
		return "en"
	}
	score := map[string]int{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if lang, ok := own[strings.ToLower(w)]; ok {
			score[lang]++
		}
	}
	best, bestN := "en", 0
	for lang, n := range score {
		if lang != "en" && (n > bestN || n == bestN && lang < best) {
			best, bestN = lang, n
		}
	}
	// Quotations, names and titles in another language are common in a
	// record: only a clear majority of another language's words counts.
	if bestN >= 10 && bestN > 2*score["en"] {
		return best
	}
	return "en"
}

var (
	commonOnce sync.Once
	commonOwn  map[string]string
)

// commonWords maps each common word of a Latin-script grammar that no
// other Latin-script grammar lists to its language.
func commonWords() map[string]string {
	commonOnce.Do(func() {
		seen := map[string][]string{}
		for _, lang := range grammar.Languages() {
			g, err := grammar.For(lang)
			// Arabic, set like Latin, is told by its script.
			if err != nil || g.Script != layout.Latin || g.RightToLeft {
				continue
			}
			for w := range g.Common {
				seen[w] = append(seen[w], lang)
			}
		}
		commonOwn = map[string]string{}
		for w, langs := range seen {
			if len(langs) == 1 {
				commonOwn[w] = langs[0]
			}
		}
	})
	return commonOwn
}

type invitee struct {
	record.Invitee
	kind string
}

type parser struct {
	g   *grammar.Grammar
	m   *record.Meeting
	cur *record.Speech

	seenSpeech bool // a speech has begun: later stray text is not agenda
	agendaDocs bool // the current agenda item has documents already
	invited37  map[string]bool
	briefers   []briefer
	presCode   string // presiding state, from the text
	presSure   bool   // presCode comes from the national-capacity sentence
	vote       voteState
	paraInCur  int // paragraphs of the current speech so far
	// curPresident: the current turn is the President's, in the chair or
	// in national capacity.
	curPresident bool
	inAgenda     bool           // reading an agenda item's heading and documents
	floor        string         // whom the President last gave the floor to
	announced    map[int]string // speech seq → how the President announced the speaker
	coverDate    string         // the date printed on the cover page
	hasCover     bool
	coverAgenda  []string
	// chair: the state of the Vice-President in the chair, "" while the
	// President presides; actingFor: speech seq → that state, for the
	// Acting President's turns.
	chair     string
	actingFor map[int]string
	wholeMemo procMemo
	labelMemo labelMemo
	// boldLabels: a label must start in bold (a styled page that uses
	// bold).
	boldLabels bool
}

func newParser(g *grammar.Grammar) *parser {
	return &parser{
		g: g,
		m: &record.Meeting{
			Language:   g.Lang,
			Agenda:     []record.Item{},
			Events:     []record.Event{},
			Speeches:   []record.Speech{},
			References: []record.Reference{},
			Warnings:   []record.Warning{},
		},
		invited37: map[string]bool{},
		vote:      voteState{pending: -1},
	}
}

func (p *parser) warn(line int, code string, format string, args ...any) {
	p.m.Warnings = append(p.m.Warnings, record.Warning{Code: code, Message: fmt.Sprintf(format, args...), Line: line})
}

func (p *parser) run(doc layout.Doc) {
	p.boldLabels = doc.BoldLabels
	p.metaFromFurniture(doc.Furniture)
	lines := p.cover(doc.Lines)
	if p.coverDate != "" {
		p.m.Date = p.coverDate
	}
	// What each line is, computed once: a label starts on it (perhaps
	// running on to the next line), or it is a procedural line.
	label := make([]bool, len(lines))
	proc := make([]bool, len(lines))
	// A label needs a colon near the start of its line or the next.
	colon := make([]bool, len(lines))
	for i := range lines {
		colon[i] = p.g.MayEndLabel(lines[i].Text)
	}
	for i := range lines {
		// On a styled page a label starts in bold: a sentence of the
		// same shape in regular type is speech.
		if doc.BoldLabels && lines[i].Bold == 0 {
			_, proc[i] = p.g.Procedural(lines[i].Text)
			continue
		}
		label[i] = colon[i] && p.g.IsLabel(lines[i].Text)
		// The join keeps line i as its start: the grammar can often tell
		// from line i alone that the join is no label.
		if !label[i] && i+1 < len(lines) && colon[i+1] && p.g.LabelNeedsNext(lines[i].Text) {
			label[i] = p.g.IsLabel(layout.Join(lines[i].Text, lines[i+1].Text, p.g.Script))
		}
		_, proc[i] = p.g.Procedural(lines[i].Text)
	}
	breakBefore := func(i int) bool {
		if lines[i].Styled {
			// The page shows where paragraphs start; a procedural
			// sentence inside one is cut out later (splitProcedural).
			return label[i]
		}
		return label[i] || proc[i] || (i > 0 && proc[i-1])
	}
	// Lines before the first speaker label are the record's opening:
	// procedural lines and agenda headings, none of them wrapped prose.
	headings := 0
	for headings < len(lines) && !label[headings] {
		headings++
	}
	if headings == len(lines) {
		headings = 0 // no label at all: nothing is known to be a heading
	}
	paras := layout.Paragraphs(lines, p.g.Script, headings, breakBefore)
	var parts []layout.Para // one paragraph's, reused
	for i := 0; i < len(paras); i++ {
		para := paras[i]
		// A label cut by a line or page break in text that was not
		// wrapped to a column ("…（以俄" / "语发言）：…").
		// (On a styled page a label's lines are one paragraph.)
		if !para.Styled && i+1 < len(paras) && len(para.Text) < grammar.MaxLabel && p.g.MayEndLabel(paras[i+1].Text) {
			if !p.g.IsLabel(para.Text) && p.g.LabelNeedsNext(para.Text) {
				joined := layout.Join(para.Text, paras[i+1].Text, p.g.Script)
				if l, ok := p.g.MatchLabel(joined); ok && len(l.Text) > len(para.Text) {
					para.Text, para.Lines = joined, para.Lines+paras[i+1].Lines
					i++
				}
			}
		}
		parts = p.splitProcedural(para, parts[:0])
		for _, part := range parts {
			p.paragraph(part)
		}
	}
	p.flushList()
	p.endSpeech()
	p.finish()
	p.quality()
}

func (p *parser) paragraph(para layout.Para) {
	text := para.Text
	l, isLabel := p.label(text)
	if p.boldLabels && para.Bold == 0 {
		isLabel = false
	}
	m, isProc := p.whole(text)
	if !isLabel && !isProc && para.Styled && para.Italic && len(text) <= maxNote {
		// An italic line no rule names — a stage direction — is
		// procedure, never speech: kept as printed.
		seq := 0
		if p.cur != nil {
			seq = p.cur.Seq
		}
		p.flushList()
		p.addEvent(p.event(record.EventNote, text, seq))
		p.refs(text, seq)
		return
	}
	if isLabel || isProc {
		p.flushList()
	}
	if isLabel {
		p.startSpeech(l, para.Line)
		rest := strings.TrimSpace(text[len(l.Text):])
		if rest != "" {
			p.speechParagraph(rest, para.Line)
		}
		return
	}
	if isProc {
		if m.Event != grammar.EventChairTaken && m.Event != grammar.EventChairReturned {
			// A change of chair is printed between the paragraphs of
			// a speech, which goes on after it.
			p.endSpeech()
		}
		p.procedural(m, text, para.Line)
		return
	}
	if p.cur == nil && isStray(text) {
		return // a mark left by the page (a lone "." under a barcode)
	}
	if p.cur == nil && isStageNote(text) {
		p.flushList()
		p.stageNote(text, para.Line)
		return
	}
	if p.cur != nil {
		p.speechParagraph(text, para.Line)
		return
	}
	if p.vote.list != nil {
		// A list of states after "In favour:" may span paragraphs where
		// the layout broke it: gather it until the next label or
		// procedural line.
		if p.vote.buf == "" {
			p.vote.bufLine = para.Line
		}
		p.vote.buf = layout.Join(p.vote.buf, text, p.g.Script)
		if len(p.vote.buf) > maxVoteText {
			p.flushList() // read in pieces: no list is this long
		}
		return
	}
	if !p.seenSpeech || p.inAgenda {
		p.agendaParagraph(text)
		return
	}
	if p.isHeading(text) {
		// A heading between speeches opens the next agenda item.
		p.m.Agenda = append(p.m.Agenda, record.Item{Title: text, Documents: []string{}})
		p.agendaDocs = false
		p.inAgenda = true
		p.refs(text, 0)
		return
	}
	p.unclassified(text, para.Line)
}

func (p *parser) unclassified(text string, line int) {
	p.m.Unclassified = append(p.m.Unclassified, record.Text{After: len(p.m.Speeches), Line: line, Text: text})
	p.warn(line, record.WarnUnclassifiedText, "text outside any speech kept unclassified: %q", clip(text, 60))
	p.refs(text, 0)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
