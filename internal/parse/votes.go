package parse

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

// voteState is the vote being reported. Its parts arrive one paragraph
// at a time ("A recorded vote was taken.", "In favour: …", the lists
// continued over several paragraphs, the adoption) and complete the vote
// event they belong to.
type voteState struct {
	pending int       // index in Events of the vote being reported, -1 if none
	list    *[]string // the list a bare country-list paragraph continues
	buf     string    // a vote list being gathered
	bufLine int       // the line the gathered list starts on
	bufOwn  int       // bytes of buf already in the vote's text (the list line's own names)
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

// draftAsked returns the draft the President just asked the meeting to
// adopt, named in the last paragraph of the last turn ("May I take it
// that the Assembly decides to adopt draft resolution A/64/L.1?"), or "".
func (p *parser) draftAsked() string {
	n := len(p.m.Speeches)
	if n == 0 || p.m.Speeches[n-1].Role != record.RolePresident {
		return ""
	}
	paras := p.m.Speeches[n-1].Paragraphs
	if len(paras) == 0 {
		return ""
	}
	t := paras[len(paras)-1]
	if !p.g.MentionsDraft(t) || !p.g.ProposesAdoption(t) || p.g.MentionsAmendment(t) {
		return ""
	}
	var draft string
	for _, r := range symbol.Find(p.g.Lang, t) {
		if draftRe.MatchString(r.Symbol) {
			draft = r.Symbol
		}
	}
	return draft
}

// partDraft returns the draft of the vote before the one at index i when
// both are on parts of a draft ("Operative paragraph 7", then "Operative
// paragraph 8"): separate votes on the parts of one draft come in a row,
// and the turn that puts a later one to the vote may not name the draft.
func (p *parser) partDraft(i int, title string) string {
	if !p.g.MentionsPart(title) {
		return ""
	}
	for j := i - 1; j >= 0; j-- {
		ev := p.m.Events[j]
		if ev.Type != record.EventVote || ev.Vote == nil {
			continue
		}
		if p.g.MentionsPart(ev.Vote.Title) {
			return ev.Vote.Draft
		}
		return ""
	}
	return ""
}

// voteFor returns the vote being reported: the pending one, or a new one.
func (p *parser) voteFor(text string, seq int) *record.Vote {
	if p.vote.pending < 0 {
		ev := p.event(record.EventVote, text, seq)
		ev.Vote = newVote(p.draftBefore())
		p.addEvent(ev)
		p.vote.pending = len(p.m.Events) - 1
	}
	return p.m.Events[p.vote.pending].Vote
}

func newVote(draft string) *record.Vote {
	return &record.Vote{Draft: draft, InFavour: []string{}, Against: []string{}, Abstaining: []string{}}
}

// flushList reads the vote list gathered since its heading ("In
// favour:"): names the gazetteer knows become codes, the others a warning.
func (p *parser) flushList() {
	if p.vote.buf == "" {
		return
	}
	text := p.vote.buf
	own := p.vote.bufOwn
	p.vote.buf, p.vote.bufOwn = "", 0
	if rest := strings.TrimSpace(text[own:]); rest != "" {
		p.addTextToVote(rest)
	}
	if p.isNone(text) || p.vote.list == nil {
		return
	}
	// Read folded, as the list on the heading's line is: "،" is ",".
	codes, rest := p.scanStates(p.g.Fold(text))
	*p.vote.list = append(*p.vote.list, codes...)
	if rest != "" {
		p.warn(p.vote.bufLine, record.WarnVoteList, "names in a vote list not in the gazetteer: %q", clip(rest, 60))
	}
}

// maxVoteText bounds the text of one vote event and a vote list being
// gathered. A recorded vote of every Member State is under 5 KB; text that
// goes on far longer is not one vote, and joining it piece by piece would
// take time quadratic in its length.
const maxVoteText = 64 << 10

func (p *parser) addTextToVote(text string) {
	if p.vote.pending < 0 {
		return
	}
	ev := &p.m.Events[p.vote.pending]
	ev.Text = strings.TrimSpace(ev.Text + "\n" + text)
	if len(ev.Text) > maxVoteText {
		p.vote.pending = -1 // what follows is not this vote's
	}
}

// isNone reports a vote list that names no one: "None", "无", or the
// grammar's words ("لا أحد").
func (p *parser) isNone(s string) bool {
	t := strings.Trim(strings.TrimSpace(s), "。.")
	for _, w := range p.g.None {
		if t == w {
			return true
		}
	}
	return isNone(s)
}

func isNone(s string) bool {
	s = strings.Trim(strings.TrimSpace(s), "。.")
	return s == "无" || strings.EqualFold(s, "none")
}

// count reads a vote count: digits, a number word of the grammar
// ("واحد"), or an English one.
func (p *parser) count(s string) int {
	if n, ok := p.g.Numbers[s]; ok {
		return n
	}
	return count(s)
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
	pending := p.vote.pending >= 0
	v := p.voteFor(text, 0)
	if !pending {
		v.Method = record.MethodWithoutVote
	} else {
		p.addTextToVote(text)
	}
	v.Title = strings.TrimSpace(m.Groups["what"])
	for _, r := range symbol.Find(p.g.Lang, v.Title) {
		v.Draft = r.Symbol
	}
	if v.Draft == "" {
		v.Draft = p.partDraft(p.vote.pending, v.Title)
	}
	if m.Groups["yes"] != "" {
		v.Yes, v.No, v.Abstain = p.count(m.Groups["yes"]), p.count(m.Groups["no"]), p.count(m.Groups["abstain"])
		if v.Method == record.MethodWithoutVote {
			v.Method = record.MethodRecorded
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
	p.vote.pending = -1
	p.vote.list = nil
	p.refs(text, 0)
}
