package parse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/record"
)

func (p *parser) event(typ, text string, seq int) record.Event {
	return record.Event{Type: typ, Speech: seq, After: len(p.m.Speeches), Text: text}
}

func (p *parser) addEvent(ev record.Event) {
	p.m.Events = append(p.m.Events, ev)
}

// seq is the current speech's seq, 0 outside speeches.
func (p *parser) seq() int {
	if p.cur == nil {
		return 0
	}
	return p.cur.Seq
}

// isStray reports a paragraph of a few marks and no word: what a page
// leaves behind, not text.
func isStray(text string) bool {
	if len(text) > 3 {
		return false
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isStageNote reports a bracketed note of the Secretariat between
// speeches: "[Subsequently the delegation of X advised the Secretariat
// that it had intended to vote in favour.]".
func isStageNote(text string) bool {
	return (strings.HasPrefix(text, "[") && strings.HasSuffix(text, "]")) ||
		(strings.HasPrefix(text, "［") && strings.HasSuffix(text, "］"))
}

// stageNote keeps a note with the vote it is about, when one was just
// taken; any other is unclassified text. It is never an agenda item.
func (p *parser) stageNote(text string, line int) {
	if n := len(p.m.Events); n > 0 && p.m.Events[n-1].Type == record.EventVote {
		ev := &p.m.Events[n-1]
		ev.Text = strings.TrimSpace(ev.Text + "\n" + text)
		p.refs(text, 0)
		return
	}
	p.unclassified(text, line)
}

func (p *parser) procedural(m grammar.Match, text string, line int) {
	switch m.Event {
	case grammar.EventOpened:
		t := p.g.Clock(m.Groups, "")
		if p.m.Opened == "" {
			p.m.Opened = t
		}
		ev := p.event(record.EventOpened, text, 0)
		ev.Time = t
		p.addEvent(ev)
	case grammar.EventAdjourned:
		t := p.g.Clock(m.Groups, "")
		p.m.Closed = t
		ev := p.event(record.EventAdjourned, text, 0)
		ev.Time = t
		p.addEvent(ev)
	case grammar.EventSuspended:
		ev := p.event(record.EventSuspended, text, 0)
		ev.Time = p.g.Clock(m.Groups, "")
		p.addEvent(ev)
		if m.Groups["hour2"] != "" {
			ev := p.event(record.EventResumed, text, 0)
			ev.Time = p.g.Clock(m.Groups, "2")
			p.addEvent(ev)
		}
	case grammar.EventResumed:
		ev := p.event(record.EventResumed, text, 0)
		ev.Time = p.g.Clock(m.Groups, "")
		p.addEvent(ev)
		if p.m.Opened == "" && len(p.m.Speeches) == 0 {
			p.m.Opened = ev.Time // a resumed meeting opens when it resumes
		}
	case grammar.EventAgendaAdopted:
		p.addEvent(p.event(record.EventAgendaAdopted, text, 0))
	case grammar.EventHeading:
	case grammar.EventAgendaItem:
		p.m.Agenda = append(p.m.Agenda, record.Item{Number: strings.TrimSpace(m.Groups["num"]), Documents: []string{}})
		p.agendaDocs = false
		p.inAgenda = true
	case grammar.EventGAAdopted:
		p.gaAction(m, text)
		return
	case grammar.EventDecided:
		if draft := p.draftAsked(); draft != "" {
			// "May I take it that the Assembly decides to adopt draft
			// resolution A/64/L.1?" — "It was so decided.": an adoption
			// without a vote.
			ev := p.event(record.EventVote, text, 0)
			ev.Vote = newVote(draft)
			ev.Vote.Method = record.MethodWithoutVote
			adopted := true
			ev.Vote.Adopted = &adopted
			p.addEvent(ev)
			p.vote.pending, p.vote.list = -1, nil
			break
		}
		p.addEvent(p.event(record.EventDecided, text, 0))
	case grammar.EventChairTaken:
		ev := p.event(record.EventChair, text, p.seq())
		// "Mr. X (Ghana)": the name before the brackets.
		name, _, _ := strings.Cut(m.Groups["who"], "(")
		ev.Person = &record.Invitee{Name: strings.TrimSpace(name), Title: "Vice-President"}
		state := strings.TrimSpace(m.Groups["state"])
		if e, ok := p.lookup(state); ok && e.Kind == gazetteer.State {
			p.chair = e.Code
			ev.Person.Code = e.Code
			p.addEvent(ev)
		} else {
			p.addEvent(ev)
			p.chair = ""
			p.warn(line, record.WarnUnknownAffiliation, "the state of the Vice-President in the chair, %q, is not in the gazetteer", state)
		}
	case grammar.EventChairReturned:
		p.addEvent(p.event(record.EventChair, text, p.seq()))
		p.chair = ""
	case grammar.EventVoteStart:
		ev := p.event(record.EventVote, text, 0)
		ev.Vote = newVote(p.draftBefore())
		ev.Vote.Method = p.g.Methods[m.Groups["method"]]
		p.addEvent(ev)
		p.vote.pending = len(p.m.Events) - 1
		p.vote.list = nil
	case grammar.EventVoteInFavour, grammar.EventVoteAgainst, grammar.EventVoteAbstaining:
		v := p.voteFor(text, 0)
		list := &v.InFavour
		switch m.Event {
		case grammar.EventVoteAgainst:
			list = &v.Against
		case grammar.EventVoteAbstaining:
			list = &v.Abstaining
		}
		// The names on the line are read with those on the lines the
		// layout broke off it ("…, Российская" / "Федерация"), when
		// the list ends.
		if body := strings.TrimSpace(m.Groups["list"]); body != "" {
			p.vote.buf, p.vote.bufLine, p.vote.bufOwn = body, line, len(body)
		}
		p.vote.list = list
		p.addTextToVote(text)
		return
	}
	p.refs(text, 0)
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
				out = append(out, para.Part(strings.TrimSpace(text[:b]), true))
				return p.splitProcedural(para.Part(text[b:], false), out)
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
			head := para.Part(strings.TrimSpace(text[:b]), true)
			tail := para.Part(strings.TrimSpace(text[b:]), false)
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
		if last != '.' && last != '?' && last != '!' && !strings.HasSuffix(prev, "؟") {
			continue
		}
		// Arabic has no capitals: any Arabic letter may begin a sentence.
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if unicode.IsUpper(next) || next == '[' || next == '(' || next >= 0x0600 && next <= 0x06FF && unicode.IsLetter(next) {
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
