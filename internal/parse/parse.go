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
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/page"
	"github.com/verbatim-un/verbatim/internal/symbol"
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
	lang := opt.Lang
	if lang == "" {
		lang = DetectLanguage(pagesText(d, 20000))
	}
	g, err := grammar.For(lang)
	if err != nil {
		return nil, err
	}
	p := newParser(g)
	p.run(layout.FromPages(d, g.Script))
	if len(p.m.Speeches) == 0 && len(p.m.Events) == 0 && p.m.Symbol == "" {
		return nil, ErrNotRecord
	}
	return p.m, nil
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
	lang := opt.Lang
	if lang == "" {
		lang = DetectLanguage(text)
	}
	g, err := grammar.For(lang)
	if err != nil {
		return nil, err
	}
	p := newParser(g)
	p.run(layout.Clean(text, g.Script))
	if len(p.m.Speeches) == 0 && len(p.m.Events) == 0 && p.m.Symbol == "" {
		return nil, ErrNotRecord
	}
	return p.m, nil
}

// DetectLanguage guesses the language of a record from its script.
func DetectLanguage(text string) string {
	var han, letters int
	n := 0
	for _, r := range text {
		if n > 5000 { // the script shows in the first pages
			break
		}
		n++
		switch {
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if han*3 > letters {
		return "zh"
	}
	return "en"
}

type invitee struct {
	record.Invitee
	kind string
}

type parser struct {
	g   *grammar.Grammar
	m   *record.Meeting
	cur *record.Speech

	seenSpeech  bool // a speech has begun: later stray text is not agenda
	agendaDocs  bool // the current agenda item has documents already
	invited37   map[string]bool
	briefers    []briefer
	presCode    string    // presiding state, from the text
	presSure    bool      // presCode comes from the national-capacity sentence
	pendingVote int       // index in Events of the vote being reported, -1 if none
	voteList    *[]string // list a bare country-list paragraph continues
	paraInCur   int       // paragraphs of the current speech so far
	// curPresident: the current turn is the President's, in the chair or
	// in national capacity.
	curPresident bool
	inAgenda     bool   // reading an agenda item's heading and documents
	listBuf      string // a vote list being gathered
	listLine     int
	floor        string         // whom the President last gave the floor to
	announced    map[int]string // speech seq → how the President announced the speaker
	coverDate    string         // the date printed on the cover page
	hasCover     bool
	coverAgenda  []string
	wholeMemo    procMemo
	labelMemo    labelMemo
	boldLabels   bool // a label must start in bold (a styled page that uses bold)
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
		invited37:   map[string]bool{},
		pendingVote: -1,
	}
}

func (p *parser) warn(line int, code, format string, args ...any) {
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
		p.endSpeech()
		p.procedural(m, text, para.Line)
		return
	}
	if p.cur != nil {
		p.speechParagraph(text, para.Line)
		return
	}
	if p.voteList != nil {
		// A list of states after "In favour:" may span paragraphs where
		// the layout broke it: gather it until the next label or
		// procedural line.
		if p.listBuf == "" {
			p.listLine = para.Line
		}
		p.listBuf = layout.Join(p.listBuf, text, p.g.Script)
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
	p.warn(line, "unclassified-text", "text outside any speech kept unclassified: %q", clip(text, 60))
	p.refs(text, 0)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// --- speeches -----------------------------------------------------------

func (p *parser) startSpeech(l grammar.Label, line int) {
	p.endSpeech()
	p.voteList = nil
	p.seenSpeech = true
	p.inAgenda = false
	sp := record.Speech{
		Seq:        len(p.m.Speeches) + 1,
		Speaker:    l.Word,
		Title:      l.Title,
		Function:   l.Function,
		Role:       l.Role,
		Label:      l.Text,
		Language:   p.m.Language,
		Item:       len(p.m.Agenda),
		Paragraphs: []string{},
		Line:       line,
	}
	if l.LangAs != "" {
		if l.Lang == "" {
			sp.Language = "" // unknown beats wrong
			p.warn(line, "unknown-language", "language of delivery %q not in the %s grammar", l.LangAs, p.g.Lang)
		} else {
			sp.Language = l.Lang
		}
	}
	if l.Affil != "" && p.g.IsGarbledNote(l.Affil) {
		// A language note the text layer mangled ("translated jram
		// Russian"): the language is unknown, not the record's.
		sp.Language = ""
		p.warn(line, "unknown-language", "unreadable language note %q for %s", l.Affil, l.Word)
	} else if l.Affil != "" {
		if e, ok := p.lookup(l.Affil); ok {
			sp.Affiliation = &record.Affiliation{Name: l.Affil, Code: e.Code, Kind: string(e.Kind)}
		} else if isFunction(l.Affil) {
			// "Mr. Lowcock (Under-Secretary-General for Humanitarian
			// Affairs)": the brackets hold a post, not a country.
			sp.Function = strings.TrimSpace(strings.Trim(sp.Function+"; "+l.Affil, "; "))
			if e, ok := p.orgIn(l.Affil); ok {
				sp.Affiliation = &record.Affiliation{Name: gazetteer.Name(e.Code, p.g.Lang), Code: e.Code, Kind: string(e.Kind)}
			}
		} else {
			sp.Affiliation = &record.Affiliation{Name: l.Affil, Kind: ""}
			p.warn(line, "unknown-affiliation", "affiliation %q of %s not in the gazetteer", l.Affil, l.Word)
		}
	}
	p.m.Speeches = append(p.m.Speeches, sp)
	p.cur = &p.m.Speeches[len(p.m.Speeches)-1]
	p.paraInCur = 0
	p.curPresident = l.Role == record.RolePresident
	if p.floor != "" && !p.curPresident {
		if p.announced == nil {
			p.announced = map[int]string{}
		}
		p.announced[sp.Seq] = p.floor
		p.floor = ""
	}
}

func (p *parser) endSpeech() {
	p.cur = nil
}

// acts returns the procedural acts of a paragraph of the current turn.
func (p *parser) acts(text string) []grammar.Match {
	return p.g.Acts(text, p.curPresident, p.paraInCur+1)
}

func (p *parser) speechParagraph(text string, line int) {
	acts := p.acts(text)
	// A change of capacity starts a new turn at its sentence, even when
	// the layout left that sentence inside a longer paragraph.
	if i := p.switchPoint(text, acts); i > 0 {
		p.speechParagraph(strings.TrimSpace(text[:i]), line)
		text = strings.TrimSpace(text[i:])
		acts = p.acts(text)
	}
	// Acts that change who is speaking split the turn before the
	// paragraph that announces them.
	for _, a := range acts {
		switch a.Event {
		case "national-capacity":
			if p.cur.Role == record.RolePresident && !p.cur.NationalCapacity {
				code := p.stateAt(a, "who")
				if code == "" {
					p.warn(line, "unknown-affiliation", "national capacity of an unknown state: %q", clip(a.Text, 40))
					break
				}
				if p.paraInCur > 0 {
					p.split(line)
				}
				p.cur.NationalCapacity = true
				p.cur.Role = record.RoleMember
				p.cur.Affiliation = p.stateAffiliation(code)
				p.presCode, p.presSure = code, true
			}
		case "resume-chair":
			if p.cur.NationalCapacity {
				p.split(line)
				p.cur.NationalCapacity = false
				p.cur.Role = record.RolePresident
				p.cur.Affiliation = nil
			}
		}
	}
	p.cur.Paragraphs = append(p.cur.Paragraphs, text)
	p.paraInCur++
	seq := p.cur.Seq
	for _, a := range acts {
		p.act(a, text, line, seq)
	}
	p.refs(text, seq)
}

// switchPoint returns the byte offset of the sentence in which the
// speaker changes capacity, or 0.
func (p *parser) switchPoint(text string, acts []grammar.Match) int {
	for _, a := range acts {
		switching := (a.Event == "national-capacity" && p.cur.Role == record.RolePresident && !p.cur.NationalCapacity) ||
			(a.Event == "resume-chair" && p.cur.NationalCapacity)
		if !switching || a.Start == 0 {
			continue
		}
		start := byteOffset(text, a.Start)
		if i := strings.LastIndexAny(text[:start], "。！？"); i >= 0 {
			_, size := utf8.DecodeRuneInString(text[i:])
			return i + size
		}
		if i := strings.LastIndex(text[:start], ". "); i >= 0 {
			return i + 1
		}
	}
	return 0
}

func byteOffset(s string, runes int) int {
	i := 0
	for ; runes > 0 && i < len(s); runes-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// split ends the current speech and continues with the same speaker in a
// new, unlabelled turn.
func (p *parser) split(line int) {
	prev := *p.cur
	sp := record.Speech{
		Seq: len(p.m.Speeches) + 1, Speaker: prev.Speaker, Title: prev.Title, Role: prev.Role,
		NationalCapacity: prev.NationalCapacity, Affiliation: prev.Affiliation, Language: prev.Language,
		Item: prev.Item, Paragraphs: []string{}, Line: line,
	}
	p.m.Speeches = append(p.m.Speeches, sp)
	p.cur = &p.m.Speeches[len(p.m.Speeches)-1]
	p.paraInCur = 0
}

func (p *parser) act(a grammar.Match, text string, line, seq int) {
	switch a.Event {
	case "consideration":
		ev := p.event(record.EventConsideration, text, seq)
		if n := len(p.m.Agenda); n > 0 {
			ev.Item = p.m.Agenda[n-1].Title
		}
		p.addEvent(ev)
	case "invitation-37":
		ev := p.event(record.EventInvitation, text, seq)
		ev.Rule = 37
		ev.Invitees = p.stateInvitees(a.Groups["list"], line)
		for _, iv := range ev.Invitees {
			if iv.Code != "" {
				p.invited37[iv.Code] = true
			}
		}
		p.addEvent(ev)
	case "invitation-39":
		ev := p.event(record.EventInvitation, text, seq)
		ev.Rule = 39
		ev.Invitees = p.personInvitees(a.Groups["list"], line)
		p.addEvent(ev)
	case "floor":
		p.floor = a.Groups["who"]
	case "presidency":
		if !p.presSure {
			if code := p.stateAt(a, "who"); code != "" {
				p.presCode = code
			}
		}
	case "on-behalf":
		if p.cur.Affiliation != nil && p.cur.Affiliation.Kind == record.KindState &&
			p.cur.Role != record.RolePresident && p.paraInCur <= 2 && p.cur.OnBehalfOf == nil {
			if e, ok := p.longestAt(a, "who"); ok && e.Kind == gazetteer.Organization {
				code := e.Code
				p.cur.OnBehalfOf = &code
			}
		}
	case "vote-result":
		v := p.voteFor(text, seq)
		v.Yes = count(a.Groups["yes"])
		v.No = count(a.Groups["no"])
		v.Abstain = count(a.Groups["abstain"])
	case "adopted":
		v := p.voteFor(text, seq)
		t := true
		v.Adopted = &t
		if refs := symbol.Find(p.g.Lang, a.Groups["res"]); len(refs) > 0 {
			v.Resolution = refs[len(refs)-1].Symbol
		}
		p.pendingVote = -1
	case "rejected":
		v := p.voteFor(text, seq)
		f := false
		v.Adopted = &f
		p.pendingVote = -1
	}
}

// draftBefore finds the draft a vote is on: the last draft resolution
// named in the turn that put it to the vote. A vote on an amendment, or
// one put without naming a draft, has none: a wrong draft is worse than
// none.
func (p *parser) draftBefore() string {
	n := len(p.m.Speeches)
	if n == 0 {
		return ""
	}
	paras := p.m.Speeches[n-1].Paragraphs
	for i := len(paras) - 1; i >= 0; i-- {
		t := paras[i]
		if p.g.MentionsAmendment(t) {
			return ""
		}
		if !p.g.MentionsDraft(t) {
			continue
		}
		var draft string
		for _, r := range symbol.Find(p.g.Lang, t) {
			if draftRe.MatchString(r.Symbol) {
				draft = r.Symbol
			}
		}
		if draft != "" {
			return draft
		}
	}
	return ""
}

var draftRe = regexp.MustCompile(`^[AS]/(?:\d{4}/\d+|\d+/L\.\d+)`)

func (p *parser) event(typ, text string, seq int) record.Event {
	return record.Event{Type: typ, Speech: seq, After: len(p.m.Speeches), Text: text}
}

func (p *parser) addEvent(ev record.Event) {
	p.m.Events = append(p.m.Events, ev)
}

// voteFor returns the vote being reported: the pending one, or a new one.
func (p *parser) voteFor(text string, seq int) *record.Vote {
	if p.pendingVote < 0 {
		ev := p.event(record.EventVote, text, seq)
		ev.Vote = newVote(p.draftBefore())
		p.addEvent(ev)
		p.pendingVote = len(p.m.Events) - 1
	}
	return p.m.Events[p.pendingVote].Vote
}

func newVote(draft string) *record.Vote {
	return &record.Vote{Draft: draft, InFavour: []string{}, Against: []string{}, Abstaining: []string{}}
}

// --- procedural paragraphs outside speeches -----------------------------

func (p *parser) procedural(m grammar.Match, text string, line int) {
	switch m.Event {
	case "opened":
		t := p.g.Clock(m.Groups, "")
		if p.m.Opened == "" {
			p.m.Opened = t
		}
		ev := p.event(record.EventOpened, text, 0)
		ev.Time = t
		p.addEvent(ev)
	case "adjourned":
		t := p.g.Clock(m.Groups, "")
		p.m.Closed = t
		ev := p.event(record.EventAdjourned, text, 0)
		ev.Time = t
		p.addEvent(ev)
	case "suspended":
		ev := p.event(record.EventSuspended, text, 0)
		ev.Time = p.g.Clock(m.Groups, "")
		p.addEvent(ev)
		if m.Groups["hour2"] != "" {
			ev := p.event(record.EventResumed, text, 0)
			ev.Time = p.g.Clock(m.Groups, "2")
			p.addEvent(ev)
		}
	case "resumed":
		ev := p.event(record.EventResumed, text, 0)
		ev.Time = p.g.Clock(m.Groups, "")
		p.addEvent(ev)
		if p.m.Opened == "" && len(p.m.Speeches) == 0 {
			p.m.Opened = ev.Time // a resumed meeting opens when it resumes
		}
	case "agenda-adopted":
		p.addEvent(p.event(record.EventAgendaAdopted, text, 0))
	case "heading":
	case "agenda-item":
		p.m.Agenda = append(p.m.Agenda, record.Item{Number: strings.TrimSpace(m.Groups["num"]), Documents: []string{}})
		p.agendaDocs = false
		p.inAgenda = true
	case "ga-adopted":
		p.gaAction(m, text)
		return
	case "decided":
		p.addEvent(p.event(record.EventDecided, text, 0))
	case "vote-start":
		ev := p.event(record.EventVote, text, 0)
		ev.Vote = newVote(p.draftBefore())
		ev.Vote.Method = p.g.Methods[m.Groups["method"]]
		p.addEvent(ev)
		p.pendingVote = len(p.m.Events) - 1
		p.voteList = nil
	case "vote-in-favour", "vote-against", "vote-abstaining":
		v := p.voteFor(text, 0)
		list := &v.InFavour
		switch m.Event {
		case "vote-against":
			list = &v.Against
		case "vote-abstaining":
			list = &v.Abstaining
		}
		if body := strings.TrimSpace(m.Groups["list"]); body != "" {
			codes, rest := p.scanStates(body)
			*list = append(*list, codes...)
			if rest != "" && !isNone(rest) {
				p.warn(line, "vote-list", "names in a vote list not in the gazetteer: %q", clip(rest, 60))
			}
		}
		p.voteList = list
		p.addTextToVote(text)
		return
	}
	p.refs(text, 0)
}

// flushList reads the vote list gathered since its heading ("In
// favour:"): names the gazetteer knows become codes, the others a warning.
func (p *parser) flushList() {
	if p.listBuf == "" {
		return
	}
	text := p.listBuf
	p.listBuf = ""
	p.addTextToVote(text)
	if isNone(text) || p.voteList == nil {
		return
	}
	codes, rest := p.scanStates(text)
	*p.voteList = append(*p.voteList, codes...)
	if rest != "" {
		p.warn(p.listLine, "vote-list", "names in a vote list not in the gazetteer: %q", clip(rest, 60))
	}
}

func (p *parser) addTextToVote(text string) {
	if p.pendingVote >= 0 {
		ev := &p.m.Events[p.pendingVote]
		ev.Text = strings.TrimSpace(ev.Text + "\n" + text)
	}
}

func isNone(s string) bool {
	s = strings.Trim(strings.TrimSpace(s), "。.")
	return s == "无" || strings.EqualFold(s, "none")
}

// --- agenda ---------------------------------------------------------------

var docLeadRe = regexp.MustCompile(`^(?:\d{4}年\d{1,2}月\d{1,2}日|(?:Letter|Note|Report|Identical letters) )`)

func (p *parser) agendaParagraph(text string) {
	refs := symbol.Find(p.g.Lang, text)
	isDoc := len(refs) > 0 || docLeadRe.MatchString(p.g.Fold(text))
	n := len(p.m.Agenda)
	switch {
	case n > 0 && p.m.Agenda[n-1].Title == "" && !isDoc:
		p.m.Agenda[n-1].Title = text
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

func (p *parser) addDocs(text string, refs []symbol.Ref) {
	it := &p.m.Agenda[len(p.m.Agenda)-1]
	// A document's description set on two short lines is one note: the
	// first part does not yet close with the bracketed symbol.
	if n := len(it.Notes); n > 0 && !strings.HasSuffix(it.Notes[n-1], "）") && !strings.HasSuffix(it.Notes[n-1], ")") &&
		!docLeadRe.MatchString(p.g.Fold(text)) {
		it.Notes[n-1] = layout.Join(it.Notes[n-1], text, p.g.Script)
	} else {
		it.Notes = append(it.Notes, text)
	}
	for _, r := range refs {
		it.Documents = append(it.Documents, r.Symbol)
	}
	p.agendaDocs = true
}

// --- references -------------------------------------------------------------

func (p *parser) refs(text string, seq int) {
	for _, r := range symbol.Find(p.g.Lang, text) {
		p.m.References = append(p.m.References, record.Reference{Symbol: r.Symbol, Text: r.Text, Speech: seq})
	}
}

// count reads a vote count printed as digits or, in English, as a word
// ("none", "one" … "fifteen").
func count(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	for i, w := range []string{"none", "one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"} {
		if strings.EqualFold(s, w) {
			return i
		}
	}
	if strings.EqualFold(s, "no") || strings.EqualFold(s, "zero") {
		return 0
	}
	return 0
}

// gaAction records a General Assembly adoption or rejection printed as a
// procedural line: "Draft resolution I was adopted by 120 votes to 3, with
// 20 abstentions (resolution 65/182)." It completes a recorded vote taken
// just before, or stands alone as an adoption without a vote.
func (p *parser) gaAction(m grammar.Match, text string) {
	pending := p.pendingVote >= 0
	v := p.voteFor(text, 0)
	if !pending {
		v.Method = "without-vote"
	} else {
		p.addTextToVote(text)
	}
	v.Title = strings.TrimSpace(m.Groups["what"])
	for _, r := range symbol.Find(p.g.Lang, v.Title) {
		v.Draft = r.Symbol
	}
	if m.Groups["yes"] != "" {
		v.Yes, v.No, v.Abstain = count(m.Groups["yes"]), count(m.Groups["no"]), count(m.Groups["abstain"])
		if v.Method == "without-vote" {
			v.Method = "recorded"
		}
	}
	if res := m.Groups["res"]; res != "" {
		if refs := symbol.Find(p.g.Lang, res); len(refs) > 0 {
			v.Resolution = refs[0].Symbol
		}
	}
	verb := m.Groups["verb"]
	adopted := verb != "rejected" && verb != "deleted" && verb != "not adopted"
	v.Adopted = &adopted
	p.pendingVote = -1
	p.voteList = nil
	p.refs(text, 0)
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

// quality warns when the text layer cannot be read well, with the measure
// that says so: words run together without spaces (mean word length), or
// prose that is not the record's language or not prose at all (the share
// of the language's commonest words, about 0.4 in readable English).
func (p *parser) quality() {
	if p.g.Script != layout.Latin || len(p.g.Common) == 0 {
		return
	}
	var words, runes, common int
	for _, sp := range p.m.Speeches {
		for _, para := range sp.Paragraphs {
			for _, w := range strings.Fields(para) {
				words++
				runes += utf8.RuneCountInString(w)
				if p.g.Common[strings.ToLower(strings.Trim(w, ".,;:!?()“”\"'"))] {
					common++
				}
			}
		}
	}
	if words < 300 {
		return // too little prose to judge
	}
	mean := float64(runes) / float64(words)
	share := float64(common) / float64(words)
	if mean > 9 {
		p.warn(0, "text-quality", "the text layer runs words together (mean word length %.1f characters; readable English has about 5): speakers and text may be incomplete", mean)
	}
	if share < 0.25 {
		p.warn(0, "text-quality", "the text layer reads poorly (common-word share %.2f; readable English has about 0.4): it may be a poor scan or two languages set side by side, and speakers and text may be missing or garbled", share)
	}
}

// isFunction reports bracketed text that names a post rather than a state
// or an organization: it has a word in lower case ("Under-Secretary-General
// for Humanitarian Affairs") or a post's title.
func isFunction(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && len(w) > 3 {
			return true
		}
	}
	for _, cue := range []string{"Secretary", "President", "Minister", "Envoy", "Representative", "Commissioner", "Director", "Chair", "Coordinator", "秘书长", "主席", "代表", "特使", "部长"} {
		if strings.Contains(s, cue) {
			return true
		}
	}
	return false
}

// splitProcedural cuts a procedural sentence out of a paragraph the layout
// merged it into: "… Tonga. Draft resolution III was adopted by 127 votes
// to 52 (resolution 65/198)." is a vote list and an adoption. A sentence
// boundary is tried as the end of a procedural prefix or the start of a
// procedural suffix. The parts are appended to out.
func (p *parser) splitProcedural(para layout.Para, out []layout.Para) []layout.Para {
	text := para.Text
	if _, ok := p.whole(text); ok {
		return append(out, para)
	}
	var buf [32]int
	// Only a sentence starting within maxProcedural bytes of the end can
	// be a procedural tail: the bounds before it need not be found unless
	// the paragraph could begin with a procedural head.
	tail := max(0, len(text)-maxProcedural-len("。"))
	if _, ok := p.label(text); ok {
		// A speech's first paragraph: only a procedural suffix can go.
		for _, b := range sentenceBounds(text, tail, buf[:0]) {
			if len(text)-b > maxProcedural {
				continue
			}
			if _, ok := p.g.Procedural(text[b:]); ok {
				out = append(out, layout.Para{Text: strings.TrimSpace(text[:b]), Line: para.Line, Lines: para.Lines})
				return p.splitProcedural(layout.Para{Text: text[b:], Line: para.Line, Lines: 1}, out)
			}
		}
		return append(out, para)
	}
	from := tail
	if p.g.MayBeginProcedural(text) {
		from = 0
	}
	for _, b := range sentenceBounds(text, from, buf[:0]) {
		// Procedural sentences are short: only a short head or tail
		// can be one.
		var pre, suf bool
		if b <= maxProcedural {
			_, pre = p.g.Procedural(text[:b])
		}
		if len(text)-b <= maxProcedural {
			_, suf = p.g.Procedural(text[b:])
		}
		if pre || suf {
			head := layout.Para{Text: strings.TrimSpace(text[:b]), Line: para.Line, Lines: para.Lines}
			tail := layout.Para{Text: strings.TrimSpace(text[b:]), Line: para.Line, Lines: 1}
			return p.splitProcedural(tail, p.splitProcedural(head, out))
		}
	}
	return append(out, para)
}

// maxProcedural bounds the length of a procedural sentence: the longest,
// an adoption with its vote counts and resolution, is under 300 bytes in
// every corpus record.
const maxProcedural = 600

// sentenceBounds appends to out the byte offsets where a sentence may
// start: after 。！？ or after ". " (or "? ", "! ", ".) ", ".] ") before a
// capital letter or an opening bracket. It looks at the punctuation from
// byte from on, and finds every bound after from+3.
func sentenceBounds(s string, from int, out []int) []int {
	// Fast byte searches, the bounds sorted after: 。 is E3 80 82,
	// found by its last byte (E3 also leads 、 and the brackets); ！ EF
	// BC 81 and ？ EF BC 9F are found together by their lead byte, rarer
	// in Chinese text than either last byte, which are common inside
	// other characters.
	n := len(out)
	out = afterPunct(s, from, 0x82, 0xE3, 0x80, out)
	for i := from; i < len(s); i++ {
		j := strings.IndexByte(s[i:], 0xEF)
		if j < 0 {
			break
		}
		i += j
		if i+3 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x81 || s[i+2] == 0x9F) {
			out = append(out, i+3)
		}
	}
	for i := from; i < len(s); i++ {
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			break
		}
		i += j
		if i == 0 || i+1 >= len(s) {
			continue
		}
		prev := strings.TrimRight(s[:i], ")]”’\"'")
		if prev == "" {
			continue
		}
		last := prev[len(prev)-1]
		if last != '.' && last != '?' && last != '!' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if unicode.IsUpper(next) || next == '[' || next == '(' {
			out = append(out, i+1)
		}
	}
	slices.Sort(out[n:])
	return out
}

// afterPunct appends the offsets just past the three-byte character
// b0 b1 last that starts at or after from, where text follows it.
func afterPunct(s string, from int, last, b0, b1 byte, out []int) []int {
	for i := from + 2; i < len(s); i++ {
		j := strings.IndexByte(s[i:], last)
		if j < 0 {
			break
		}
		i += j
		if s[i-2] == b0 && s[i-1] == b1 && i+1 < len(s) {
			out = append(out, i+1)
		}
	}
	return out
}

// whole is g.Procedural on a whole paragraph, remembering its last
// answer: a paragraph is asked about when it may be split and again when
// it is read.
func (p *parser) whole(text string) (grammar.Match, bool) {
	if !p.wholeMemo.set || p.wholeMemo.text != text {
		m, ok := p.g.Procedural(text)
		p.wholeMemo = procMemo{set: true, text: text, m: m, ok: ok}
	}
	return p.wholeMemo.m, p.wholeMemo.ok
}

// label is g.MatchLabel, remembering its last answer for the same reason.
func (p *parser) label(text string) (grammar.Label, bool) {
	if !p.labelMemo.set || p.labelMemo.text != text {
		l, ok := p.g.MatchLabel(text)
		p.labelMemo = labelMemo{set: true, text: text, l: l, ok: ok}
	}
	return p.labelMemo.l, p.labelMemo.ok
}

type procMemo struct {
	set  bool
	text string
	m    grammar.Match
	ok   bool
}

type labelMemo struct {
	set  bool
	text string
	l    grammar.Label
	ok   bool
}
