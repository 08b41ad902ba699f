package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

func (p *parser) startSpeech(l grammar.Label, line int) {
	p.endSpeech()
	p.vote.list = nil
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
			p.warn(line, record.WarnUnknownLanguage, "language of delivery %q not in the %s grammar", l.LangAs, p.g.Lang)
		} else {
			sp.Language = l.Lang
		}
	}
	if l.Affil != "" && p.g.IsGarbledNote(l.Affil) {
		// A language note the text layer mangled ("translated jram
		// Russian"): the language is unknown, not the record's.
		sp.Language = ""
		p.warn(line, record.WarnUnknownLanguage, "unreadable language note %q for %s", l.Affil, l.Word)
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
			p.warn(line, record.WarnUnknownAffiliation, "affiliation %q of %s not in the gazetteer", l.Affil, l.Word)
		}
	}
	p.m.Speeches = append(p.m.Speeches, sp)
	p.cur = &p.m.Speeches[len(p.m.Speeches)-1]
	p.paraInCur = 0
	p.curPresident = l.Role == record.RolePresident
	// While a Vice-President holds the chair, the turns of the chair
	// are theirs, whether labelled "The Acting President" or, as older
	// records do, "The President".
	if p.curPresident && p.chair != "" {
		p.setActing(sp.Seq, p.chair)
	}
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
		case grammar.EventNationalCap:
			if p.cur.Role == record.RolePresident && !p.cur.NationalCapacity {
				code := p.stateAt(a, "who")
				if code == "" {
					p.warn(line, record.WarnUnknownAffiliation, "national capacity of an unknown state: %q", clip(a.Text, 40))
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
		case grammar.EventResumeChair:
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
	// A paragraph may hold both changes, the statement between them:
	// the return to the chair then switches too.
	national := p.cur.NationalCapacity
	for _, a := range acts {
		switching := (a.Event == grammar.EventNationalCap && p.cur.Role == record.RolePresident && !p.cur.NationalCapacity) ||
			(a.Event == grammar.EventResumeChair && national)
		if a.Event == grammar.EventNationalCap && switching {
			national = true
		}
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
	if code, ok := p.actingFor[prev.Seq]; ok {
		p.setActing(sp.Seq, code)
	}
}

// setActing records that speech seq is the Acting President's, in the
// chair for state code.
func (p *parser) setActing(seq int, code string) {
	if p.actingFor == nil {
		p.actingFor = map[int]string{}
	}
	p.actingFor[seq] = code
}

func (p *parser) act(a grammar.Match, text string, line, seq int) {
	switch a.Event {
	case grammar.EventConsideration:
		ev := p.event(record.EventConsideration, text, seq)
		if n := len(p.m.Agenda); n > 0 {
			ev.Item = p.m.Agenda[n-1].Title
		}
		p.addEvent(ev)
	case grammar.EventInvitation37:
		ev := p.event(record.EventInvitation, text, seq)
		ev.Rule = 37
		ev.Invitees = p.stateInvitees(a.Groups["list"], line)
		for _, iv := range ev.Invitees {
			if iv.Code != "" {
				p.invited37[iv.Code] = true
			}
		}
		p.addEvent(ev)
	case grammar.EventInvitation39:
		ev := p.event(record.EventInvitation, text, seq)
		ev.Rule = 39
		ev.Invitees = p.personInvitees(a.Groups["list"], line)
		p.addEvent(ev)
	case grammar.EventFloor:
		p.floor = a.Groups["who"]
	case grammar.EventPresidency:
		if !p.presSure {
			if code := p.stateAt(a, "who"); code != "" {
				p.presCode = code
			}
		}
	case grammar.EventOnBehalf:
		if p.cur.Affiliation != nil && p.cur.Affiliation.Kind == record.KindState &&
			p.cur.Role != record.RolePresident && p.paraInCur <= 2 && p.cur.OnBehalfOf == nil {
			if e, ok := p.longestAt(a, "who"); ok && e.Kind == gazetteer.Organization {
				code := e.Code
				p.cur.OnBehalfOf = &code
			}
		}
	case grammar.EventVoteResult:
		v := p.voteFor(text, seq)
		v.Yes = p.count(a.Groups["yes"])
		v.No = p.count(a.Groups["no"])
		v.Abstain = p.count(a.Groups["abstain"])
	case grammar.EventAdopted:
		v := p.voteFor(text, seq)
		t := true
		v.Adopted = &t
		if refs := symbol.Find(p.g.Lang, a.Groups["res"]); len(refs) > 0 {
			v.Resolution = refs[len(refs)-1].Symbol
		}
		p.vote.pending = -1
	case grammar.EventRejected:
		v := p.voteFor(text, seq)
		f := false
		v.Adopted = &f
		p.vote.pending = -1
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
