package parse

import (
	"strings"
	"sync"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/record"
)

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
