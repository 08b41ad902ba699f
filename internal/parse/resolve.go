package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

// bodies maps the first segment of a symbol to the organ it names.
var bodies = map[string]string{
	"S": "Security Council",
	"A": "General Assembly",
	"E": "Economic and Social Council",
	"T": "Trusteeship Council",
}

var pvRe = regexp.MustCompile(`PV\.(\d+)(?: \(Resumption (\d+)\))?$`)

// metaFromFurniture takes symbol and date from the running heads: many
// records (the Chinese ones among them) print them nowhere else.
func (p *parser) metaFromFurniture(f layout.Furniture) {
	if len(f.Symbols) > 0 {
		p.setSymbol(f.Symbols[0])
	}
	if len(f.Dates) > 0 {
		var d, mo, y int
		if _, err := fmt.Sscanf(f.Dates[0], "%d/%d/%d", &d, &mo, &y); err == nil && validDate(y, mo, d) {
			p.m.Date = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		}
	}
}

func validDate(y, m, d int) bool {
	return y >= 1945 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func (p *parser) setSymbol(s string) {
	sym, err := symbol.Parse(s)
	if err != nil {
		p.warn(0, record.WarnBadSymbol, "running head symbol %q: %v", s, err)
		return
	}
	p.m.Symbol = sym.String()
	if b, ok := bodies[strings.SplitN(p.m.Symbol, "/", 2)[0]]; ok {
		p.m.Body = b
	}
	if m := pvRe.FindStringSubmatch(p.m.Symbol); m != nil {
		p.m.Meeting, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			p.m.Part, _ = strconv.Atoi(m[2])
		}
	}
}

// finish resolves what needs the whole record: the presiding state, the
// roles of speakers, and the briefers' organizations.
func (p *parser) finish() {
	if p.m.Symbol == "" {
		p.warn(0, record.WarnNoSymbol, "the record's symbol was not found")
	}
	if p.m.Date == "" {
		p.warn(0, record.WarnNoDate, "the meeting's date was not found")
	}
	var pres *record.Affiliation
	if p.presCode != "" {
		pres = p.stateAffiliation(p.presCode)
		if p.m.President == nil {
			p.m.President = &record.Party{}
		}
		p.m.President.Affiliation = pres
	}
	if len(p.m.Agenda) == 0 && len(p.coverAgenda) > 0 {
		// A resumed meeting prints its agenda on the cover only: every
		// turn is on that item.
		p.m.Agenda = append(p.m.Agenda, record.Item{Title: strings.Join(p.coverAgenda, " "), Documents: []string{}})
		for i := range p.m.Speeches {
			p.m.Speeches[i].Item = 1
		}
	}
	presidentWarned := false
	for i := range p.m.Speeches {
		sp := &p.m.Speeches[i]
		switch {
		case sp.Role == record.RolePresident:
			if pres != nil {
				a := *pres
				sp.Affiliation = &a
			} else if !presidentWarned {
				p.warn(sp.Line, record.WarnPresidentCountry, "the presiding state could not be found in the text")
				presidentWarned = true
			}
		case sp.Role == record.RoleSecretaryGeneral:
			if sp.Affiliation == nil {
				sp.Affiliation = p.codeAffiliation("UN")
			}
		case sp.Role == record.RoleBriefer && sp.Affiliation == nil:
			sp.Affiliation = p.codeAffiliation("UN")
		case sp.Role == "":
			p.resolveRole(sp)
		}
	}
}

func (p *parser) resolveRole(sp *record.Speech) {
	a := sp.Affiliation
	if a == nil || a.Code == "" {
		if iv, ok := p.matchBriefer(sp.Speaker, sp.Line); ok {
			sp.Role = record.RoleBriefer
			if a == nil && iv.Code != "" {
				sp.Affiliation = &record.Affiliation{Name: iv.org, Code: iv.Code, Kind: iv.kind}
			}
			return
		}
		// The President may have announced the speaker by post: "I now
		// give the floor to the Vice-Chair of the Committee on …".
		if a == nil {
			if e, ok := p.orgIn(p.announced[sp.Seq]); ok && e.Kind != gazetteer.State {
				sp.Role = record.RoleBriefer
				sp.Affiliation = &record.Affiliation{Name: gazetteer.Name(e.Code, p.g.Lang), Code: e.Code, Kind: string(e.Kind)}
				return
			}
		}
		sp.Role = record.RoleOther
		if a == nil {
			p.warn(sp.Line, record.WarnUnknownSpeaker, "speaker %s%s has no affiliation and was not invited by name", sp.Speaker, sp.Title)
		}
		return
	}
	switch a.Kind {
	case record.KindState:
		p.announcedBehalf(sp)
		e, _ := gazetteer.ByCode(a.Code)
		switch {
		case e.Status == "observer":
			sp.Role = record.RoleObserver
		case p.m.Body == "Security Council" && len(p.m.Members) > 0:
			// The cover page lists the Council's members.
			sp.Role = record.RoleNonMember
			for _, mem := range p.m.Members {
				if mem.Code == a.Code {
					sp.Role = record.RoleMember
				}
			}
		case p.invited37[a.Code]:
			sp.Role = record.RoleNonMember
		default:
			sp.Role = record.RoleMember
		}
	case record.KindOrganization, record.KindUN:
		if _, ok := p.matchBriefer(sp.Speaker, 0); ok {
			sp.Role = record.RoleBriefer
		} else if a.Kind == record.KindUN {
			sp.Role = record.RoleBriefer
		} else {
			sp.Role = record.RoleObserver
		}
	default:
		sp.Role = record.RoleOther
	}
}

type briefer struct {
	invitee
	org string // the organization's name as printed in the invitation
}

// matchBriefer finds the rule 39 invitee a label names: labels print the
// surname (陈明华 → 陈), invitations the full name.
func (p *parser) matchBriefer(name string, line int) (briefer, bool) {
	key := normName(name)
	if key == "" {
		return briefer{}, false
	}
	var found []briefer
	for _, b := range p.briefers {
		n := normName(b.Name)
		if n == key || strings.HasSuffix(n, "·"+key) || strings.HasSuffix(n, " "+key) {
			found = append(found, b)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	if len(found) > 1 && line > 0 {
		p.warn(line, record.WarnAmbiguousSpeaker, "speaker %s matches %d invitees", name, len(found))
	}
	return briefer{}, false
}

func normName(s string) string {
	return dotReplacer.Replace(strings.TrimSpace(s))
}

// dotReplacer makes every middle dot a name may be printed with "·".
var dotReplacer = strings.NewReplacer("•", "·", "・", "·", "‧", "·", "．", "·")

// --- gazetteer look-ups ------------------------------------------------------

func (p *parser) lookup(name string) (gazetteer.Entry, bool) {
	if e, ok := gazetteer.Lookup(p.g.Lang, name); ok {
		return e, true
	}
	return gazetteer.Lookup("", name)
}

// longestAt finds the longest known name starting where group g of a
// match starts. Rules capture lazily, so the group itself may be shorter
// than the name it begins.
func (p *parser) longestAt(a grammar.Match, g string) (gazetteer.Entry, bool) {
	v, ok := a.Groups[g]
	if !ok {
		return gazetteer.Entry{}, false
	}
	i := strings.Index(a.Text, v)
	if i < 0 {
		return gazetteer.Entry{}, false
	}
	e, _, ok := p.prefix(a.Text[i:])
	return e, ok
}

func (p *parser) stateAt(a grammar.Match, g string) string {
	if e, ok := p.longestAt(a, g); ok && e.Kind == gazetteer.State {
		return e.Code
	}
	return ""
}

// prefix returns the entry whose name is the longest prefix of s.
func (p *parser) prefix(s string) (gazetteer.Entry, string, bool) {
	if p.g.Script == layout.Latin {
		return p.prefixWords(s)
	}
	for _, ne := range names(p.g.Lang) {
		if strings.HasPrefix(s, ne.Name) {
			if p.g.Script == layout.Latin && len(s) > len(ne.Name) {
				// A Latin name must end at a word boundary.
				if c := s[len(ne.Name)]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
					continue
				}
			}
			return ne.Entry, ne.Name, true
		}
	}
	return gazetteer.Entry{}, "", false
}

// names caches each language's gazetteer names, longest first: prefix
// scans read them at every position of a list.
func names(lang string) []gazetteer.NameEntry {
	namesMu.Lock()
	defer namesMu.Unlock()
	n, ok := namesCache[lang]
	if !ok {
		n = gazetteer.Names(lang)
		namesCache[lang] = n
	}
	return n
}

var (
	namesMu      sync.Mutex
	namesCache   = map[string][]gazetteer.NameEntry{}
	compactCache = map[string]map[string]gazetteer.Entry{}
)

// compactName looks a name up with everything but letters removed and
// case folded: "United KingdomofGreatBritainand Northern Ireland".
func compactName(lang, s string) (gazetteer.Entry, bool) {
	namesMu.Lock()
	m, ok := compactCache[lang]
	if !ok {
		m = map[string]gazetteer.Entry{}
		for _, ne := range gazetteer.Names(lang) {
			m[compact(ne.Name)] = ne.Entry
		}
		compactCache[lang] = m
	}
	namesMu.Unlock()
	k := compact(strings.TrimPrefix(strings.TrimSpace(s), "the "))
	if len(k) < 4 {
		return gazetteer.Entry{}, false
	}
	e, ok := m[k]
	return e, ok
}

func compact(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// prefixWords finds the longest run of words at the start of s that the
// gazetteer knows, up to a comma, semicolon or colon: Latin names are
// looked up whole, so that spelling variants ("Côte d’Ivoire", "the Niger")
// are normalised by the gazetteer.
func (p *parser) prefixWords(s string) (gazetteer.Entry, string, bool) {
	stop := len(s)
	if i := strings.IndexAny(s, ",;:—"); i >= 0 {
		stop = i
	}
	var ends []int
	for i := 0; i < stop; i++ {
		if s[i] == ' ' && i > 0 && s[i-1] != ' ' {
			ends = append(ends, i)
		}
	}
	ends = append(ends, stop)
	if len(ends) > 12 {
		ends = ends[:12] // no name is longer
	}
	for k := len(ends) - 1; k >= 0; k-- {
		cand := strings.TrimRight(s[:ends[k]], ". ")
		if cand == "" {
			continue
		}
		if e, ok := gazetteer.Lookup(p.g.Lang, cand); ok {
			return e, s[:ends[k]], true
		}
	}
	return gazetteer.Entry{}, "", false
}

func (p *parser) stateAffiliation(code string) *record.Affiliation {
	return p.codeAffiliation(code)
}

func (p *parser) codeAffiliation(code string) *record.Affiliation {
	e, ok := gazetteer.ByCode(code)
	if !ok {
		return &record.Affiliation{Name: code, Code: code}
	}
	name := gazetteer.Name(code, p.g.Lang)
	return &record.Affiliation{Name: name, Code: e.Code, Kind: string(e.Kind)}
}

// --- lists ---------------------------------------------------------------------

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
		if word != "" && !isNone(word) && !isListTail(word) {
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
	locs := honorificRe.FindAllStringSubmatchIndex(list, -1)
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
		name := strings.TrimSpace(honorificRe.ReplaceAllString(" "+strings.TrimSpace(person), " "))
		if m := honorificRe.FindStringSubmatchIndex(person); m != nil {
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
	for _, cue := range []string{"Secretary-General", "United Nations", "Under-Secretary", "High Commissioner"} {
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
