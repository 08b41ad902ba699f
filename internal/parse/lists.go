package parse

import (
	"regexp"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/record"
)

// scanStates reads a list of names ("秘鲁、智利…和新西兰") into codes.
// rest is whatever could not be read, for a warning.
func (p *parser) scanStates(s string) (codes []string, rest string) {
	items, rest := p.scanNames(s)
	for _, it := range items {
		codes = append(codes, it.Code)
	}
	return codes, rest
}

func (p *parser) scanNames(s string) (items []record.Invitee, rest string) {
	if p.g.Script == layout.Latin {
		return p.scanNamesLatin(s)
	}
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "。.;；"))
	var unknown []string
	for s != "" {
		s = p.trimSeps(s)
		if s == "" {
			break
		}
		if e, name, ok := p.prefix(s); ok {
			items = append(items, record.Invitee{Name: name, Code: e.Code})
			s = s[len(name):]
			continue
		}
		// Skip to the next separator and remember what was not known.
		j := p.nextSep(s)
		word := strings.TrimSpace(s[:j])
		if word != "" && !isListTail(word) {
			unknown = append(unknown, word)
		}
		s = s[j:]
	}
	return items, strings.Join(unknown, "、")
}

// scanNamesLatin reads "Belgium, Dominican Republic, ... United Kingdom of
// Great Britain and Northern Ireland and United States of America": names
// are separated by commas and "and", and may contain "and" themselves,
// so the longest known name wins at each place.
func (p *parser) scanNamesLatin(s string) (items []record.Invitee, rest string) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".;"))
	var unknown []string
	for {
		s = strings.TrimLeft(s, " ,;")
		if strings.HasPrefix(s, "and ") {
			s = s[4:]
			continue
		}
		if w := p.listSkip(s); w != "" {
			s = s[len(w):]
			continue
		}
		if s == "" {
			break
		}
		if e, name, ok := p.prefixWords(s); ok {
			items = append(items, record.Invitee{Name: strings.TrimSpace(name), Code: e.Code})
			s = s[len(name):]
			continue
		}
		j := len(s)
		for _, sep := range []string{",", ";", " and "} {
			if i := strings.Index(s, sep); i > 0 && i < j {
				j = i
			}
		}
		// A name whose letters the text layer spaced out and closed up
		// again has lost its word boundaries: compare without spaces,
		// up to the next comma.
		k := strings.IndexAny(s, ",;")
		if k < 0 {
			k = len(s)
		}
		if e, ok := compactName(p.g.Lang, s[:k]); ok {
			items = append(items, record.Invitee{Name: strings.TrimSpace(s[:k]), Code: e.Code})
			s = s[k:]
			continue
		}
		word := strings.TrimSpace(s[:j])
		if word != "" && !p.isNone(word) && !isListTail(word) {
			unknown = append(unknown, word)
		}
		s = s[j:]
	}
	return items, strings.Join(unknown, ", ")
}

// isListTail reports the words that close a list without naming anyone.
func isListTail(w string) bool {
	switch w {
	case "等国", "等", "等国的", "的", "无", "None", "none":
		return true
	}
	return false
}

func (p *parser) trimSeps(s string) string {
	for {
		t := strings.TrimLeft(s, " \t")
		for _, sep := range append(p.g.Seps, ",", ";", "；") {
			t = strings.TrimPrefix(t, sep)
		}
		t = strings.TrimLeft(t, " \t")
		if t == s {
			return s
		}
		s = t
	}
}

func (p *parser) nextSep(s string) int {
	best := len(s)
	for _, sep := range append(p.g.Seps, ",", ";", "；") {
		if sep == "和" || sep == "与" || sep == "及" || sep == "and" {
			continue // too common inside names to cut unknown words on
		}
		if i := strings.Index(s, sep); i > 0 && i < best {
			best = i
		}
	}
	return best
}

// stateInvitees reads a rule 37 list.
func (p *parser) stateInvitees(list string, line int) []record.Invitee {
	items, rest := p.scanNames(list)
	if rest != "" {
		p.warn(line, record.WarnUnknownInvitee, "invited names not in the gazetteer: %q", clip(rest, 80))
		items = append(items, record.Invitee{Name: rest})
	}
	if items == nil {
		items = []record.Invitee{}
	}
	return items
}

// personInvitees reads a rule 39 list: each item is an organization, a
// function and a person's name ("东南亚国家联盟秘书长陈明华先生").
func (p *parser) personInvitees(list string, line int) []record.Invitee {
	if p.g.Script == layout.Latin {
		return p.personInviteesLatin(list, line)
	}
	var out []record.Invitee
	for _, item := range p.splitPersons(list) {
		iv := record.Invitee{Name: item}
		org := ""
		rest := item
		kind := ""
		if e, name, ok := p.prefix(item); ok {
			iv.Code = e.Code
			kind = string(e.Kind)
			org = name
			rest = item[len(name):]
		}
		// The function ends where the person's name begins.
		fn, name := "", rest
		best := -1
		for _, f := range p.g.Functions {
			if i := strings.LastIndex(rest, f); i >= 0 && i+len(f) > best && i+len(f) < len(rest) {
				best = i + len(f)
				fn = rest[:best]
			}
		}
		if best >= 0 {
			name = rest[best:]
		}
		name = p.trimTitle(strings.TrimSpace(name))
		iv.Name, iv.Title = name, fn
		if iv.Code == "" {
			p.warn(line, record.WarnUnknownInvitee, "organization of invitee %q not in the gazetteer", clip(item, 40))
		}
		out = append(out, iv)
		p.briefers = append(p.briefers, briefer{invitee: invitee{Invitee: iv, kind: kind}, org: org})
	}
	if out == nil {
		out = []record.Invitee{}
	}
	return out
}

func (p *parser) trimTitle(s string) string {
	for _, t := range p.g.Titles {
		if strings.HasSuffix(s, t) && len(s) > len(t) {
			return strings.TrimSpace(strings.TrimSuffix(s, t))
		}
	}
	return s
}

// splitPersons cuts a list of persons at the separators that follow an
// honorific: names and organizations contain 和 and 与, titles end items.
func (p *parser) splitPersons(list string) []string {
	list = strings.TrimSpace(strings.TrimRight(list, "。."))
	var out []string
	for list != "" {
		cut := -1
		cutLen := 0
		for _, t := range p.g.Titles {
			for from := 0; ; {
				i := strings.Index(list[from:], t)
				if i < 0 {
					break
				}
				end := from + i + len(t)
				after := list[end:]
				for _, sep := range p.g.Seps {
					if strings.HasPrefix(after, sep) && (cut < 0 || end < cut) {
						cut, cutLen = end, len(sep)
					}
				}
				from = end
			}
		}
		if cut < 0 {
			out = append(out, strings.TrimSpace(list))
			break
		}
		out = append(out, strings.TrimSpace(list[:cut]))
		list = strings.TrimSpace(list[cut+cutLen:])
	}
	return out
}

var honorificRe = regexp.MustCompile(`(?:^|[,;]\s*(?:and\s+)?|\sand\s+)((?:(?:His|Her)\s+(?:Excellency|Royal Highness|Highness|Eminence)\s+)?(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Dr|Professor|Archbishop|Cardinal|Monsignor|Sheikh|Judge|General)\.?\s)`)

// personInviteesLatin reads "Mr. Martin Griffiths, Special Envoy of the
// Secretary-General for Yemen, and Mr. Ramesh Rajasingham, Director, ...":
// each person is an honorific, a name up to the first comma, and a
// function, in which the organization is looked for.
func (p *parser) personInviteesLatin(list string, line int) []record.Invitee {
	list = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(list), "."))
	hon := honorificRe
	if p.g.Honorific != nil {
		hon = p.g.Honorific
	}
	locs := hon.FindAllStringSubmatchIndex(list, -1)
	var out []record.Invitee
	for k, loc := range locs {
		start, end := loc[2], len(list)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		item := strings.TrimSpace(list[start:end])
		item = strings.TrimRight(item, ",; ")
		person, function, _ := strings.Cut(item, ",")
		// Drop the honorifics: the name is what a label will print.
		name := strings.TrimSpace(hon.ReplaceAllString(" "+strings.TrimSpace(person), " "))
		if m := hon.FindStringSubmatchIndex(person); m != nil {
			name = strings.TrimSpace(person[m[3]:])
		}
		iv := record.Invitee{Name: name, Title: strings.TrimSpace(function)}
		kind := ""
		if e, ok := p.orgIn(function); ok {
			iv.Code, kind = e.Code, string(e.Kind)
		}
		if iv.Code == "" {
			p.warn(line, record.WarnUnknownInvitee, "organization of invitee %q not found in %q", name, clip(function, 60))
		}
		out = append(out, iv)
		org := ""
		if iv.Code != "" {
			org = gazetteer.Name(iv.Code, p.g.Lang)
		}
		p.briefers = append(p.briefers, briefer{invitee: invitee{Invitee: iv, kind: kind}, org: org})
	}
	if out == nil {
		out = []record.Invitee{}
	}
	return out
}

// orgIn finds the organization a person's function names: the first
// known organization or UN entity in the text, else the United Nations
// when the function is a Secretariat post.
func (p *parser) orgIn(function string) (gazetteer.Entry, bool) {
	if p.g.Script == layout.Han {
		for i := range function {
			if e, _, ok := p.prefix(function[i:]); ok && e.Kind != gazetteer.State {
				return e, true
			}
		}
	} else {
		words := strings.Fields(function)
		for i := range words {
			rest := strings.Join(words[i:], " ")
			if e, _, ok := p.prefixWords(rest); ok && e.Kind != gazetteer.State {
				return e, true
			}
		}
	}
	for _, cue := range append([]string{"Secretary-General", "United Nations", "Under-Secretary", "High Commissioner"}, p.g.Secretariat...) {
		if strings.Contains(function, cue) {
			return gazetteer.ByCode("UN")
		}
	}
	return gazetteer.Entry{}, false
}

// announcedBehalf takes the group a delegate speaks for from the way the
// President gave them the floor: "I call on the representative of
// Zimbabwe, who will speak on behalf of the Group of African States."
func (p *parser) announcedBehalf(sp *record.Speech) {
	if sp.OnBehalfOf != nil {
		return
	}
	ann := p.announced[sp.Seq]
	for _, cue := range p.g.BehalfCues {
		i := strings.Index(ann, cue)
		if i < 0 {
			continue
		}
		rest := strings.TrimPrefix(strings.TrimSpace(ann[i+len(cue):]), "the ")
		if e, _, ok := p.prefix(rest); ok && e.Kind == gazetteer.Organization {
			code := e.Code
			sp.OnBehalfOf = &code
			return
		}
	}
}

// listSkip returns the article or conjunction of the grammar that s
// begins with, unless a known name begins there ("La Barbade" is a name,
// "la France" an article and a name), or "".
func (p *parser) listSkip(s string) string {
	for _, w := range p.g.ListSkip {
		if strings.HasPrefix(s, w) {
			if _, _, ok := p.prefixWords(s); ok {
				return ""
			}
			return w
		}
	}
	return ""
}
