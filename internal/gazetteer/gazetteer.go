// Package gazetteer maps the names of states, organizations and United Nations
// entities, as printed in UN meeting records in the six official languages,
// to codes: ISO 3166-1 alpha-3 for states (ISO 3166-3 for former states) and
// the English acronym for organizations and UN entities.
//
// The names are data, kept in the embedded files under data/ (format in
// data/README.md). Matching is exact after Normalize: a wrong code is worse
// than none, so nothing here guesses.
package gazetteer

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Kind is what an entry names.
type Kind string

// Kinds of entries.
const (
	State        Kind = "state"
	Organization Kind = "organization"
	UN           Kind = "un"
)

// Statuses of states.
const (
	Member   = "member"
	Observer = "observer"
	Former   = "former"
)

// Languages are the six official languages of the United Nations, as ISO
// 639-1 codes, in the order the data files list them.
var Languages = []string{"zh", "en", "fr", "es", "ru", "ar"}

// Entry is one state, organization or UN entity.
//
// Entries are shared: callers must not modify Names.
type Entry struct {
	Code   string              // "CHN", "CSTO", "UN"
	Kind   Kind                // State, Organization or UN
	Status string              // member | observer | former for states, "" otherwise
	Names  map[string][]string // ISO 639-1 language -> names (short, formal, aliases...)
}

// Short returns the short name of e in lang ("" when there is none): for a
// state the UN short name, for others the name used in running text.
func (e Entry) Short(lang string) string {
	if ns := e.Names[lang]; len(ns) > 0 {
		return ns[0]
	}
	return ""
}

// Formal returns the formal name of a state in lang, which may equal the short
// name; for other kinds it returns the short name.
func (e Entry) Formal(lang string) string {
	ns := e.Names[lang]
	if e.Kind == State && len(ns) > 1 {
		return ns[1]
	}
	return e.Short(lang)
}

// NameEntry is one name of an entry in one language.
type NameEntry struct {
	Name  string
	Entry Entry
}

// index is the loaded data.
type index struct {
	entries []Entry                   // sorted by code
	byCode  map[string]int            // code -> position in entries
	byName  map[string]map[string]int // lang ("" for all) -> normalised name -> position, or ambiguous
	names   map[string][]NameEntry    // lang ("" for all) -> names, longest first
}

// ambiguous marks a normalised name that, across languages, names two entries.
const ambiguous = -1

var (
	loadOnce sync.Once
	loaded   *index
)

// data returns the index, loading the embedded files on first use. The files
// are part of the binary, so an error in them is a build defect: it panics,
// and the tests catch it first.
func data() *index {
	loadOnce.Do(func() {
		entries, err := parseFS()
		if err != nil {
			panic("gazetteer: " + err.Error())
		}
		loaded, err = build(entries)
		if err != nil {
			panic("gazetteer: " + err.Error())
		}
	})
	return loaded
}

// Lookup finds the entry whose name in language lang equals name after
// Normalize. lang "" searches every language; a name that means different
// entries in different languages is then not found. A region subtag is
// ignored ("zh-CN" is "zh").
func Lookup(lang, name string) (Entry, bool) {
	ix := data()
	m, ok := ix.byName[langKey(lang)]
	if !ok {
		return Entry{}, false
	}
	var buf [256]byte
	i, ok := m[string(appendNormal(buf[:0], name))]
	if !ok || i == ambiguous {
		return Entry{}, false
	}
	return ix.entries[i], true
}

// ByCode returns the entry for a code, case-insensitively ("CHN", "csto").
func ByCode(code string) (Entry, bool) {
	ix := data()
	i, ok := ix.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Entry{}, false
	}
	return ix.entries[i], true
}

// Name returns the short name of code in lang, falling back to English, or ""
// when the code is unknown.
func Name(code, lang string) string {
	e, ok := ByCode(code)
	if !ok {
		return ""
	}
	if n := e.Short(langKey(lang)); n != "" {
		return n
	}
	return e.Short("en")
}

// Names returns every (name, entry) pair of a language, longest name first (so
// that a scanner meets 俄罗斯联邦 before 俄罗斯), ties in name order. lang ""
// gives every language, less names that are ambiguous across languages; scan
// with the record's language where it is known. Compare through Normalize.
//
// Some names are also common words (ru Того "of that", ar مالي "financial",
// fr Grenade, es Granada): scan only where a name is expected, such as a
// speaker label or an invitee list, and at word boundaries in alphabetic
// scripts. The slice is the caller's.
func Names(lang string) []NameEntry {
	ns := data().names[langKey(lang)]
	return append([]NameEntry(nil), ns...)
}

// All returns every entry, sorted by code. The slice is the caller's.
func All() []Entry {
	return append([]Entry(nil), data().entries...)
}

// langKey maps a language tag to the key of the indexes: "EN", "zh-CN" and
// "zh_Hans" become "en", "zh", "zh".
func langKey(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(strings.TrimSpace(lang))
}

// build indexes parsed entries. It fails when a normalised name names two
// entries within one language.
func build(entries []Entry) (*index, error) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].Code < entries[j].Code })
	ix := &index{
		entries: entries,
		byCode:  make(map[string]int, len(entries)),
		byName:  map[string]map[string]int{"": {}},
		names:   map[string][]NameEntry{},
	}
	for _, l := range Languages {
		ix.byName[l] = map[string]int{}
	}
	var errs []string
	seenAll := map[string]bool{} // (normalised name, code) pairs listed under ""
	var allKeys []string         // normalised names of ix.names[""]
	for i, e := range entries {
		if _, dup := ix.byCode[e.Code]; dup {
			errs = append(errs, "duplicate code "+e.Code)
		}
		ix.byCode[e.Code] = i
		for _, l := range Languages {
			m := ix.byName[l]
			for _, n := range e.Names[l] {
				k := Normalize(n)
				if k == "" {
					errs = append(errs, l+" name "+quote(n)+" of "+e.Code+" normalises to nothing")
					continue
				}
				if j, ok := m[k]; ok && j != i {
					errs = append(errs, l+" name "+quote(n)+" names both "+entries[j].Code+" and "+e.Code)
					continue
				} else if ok {
					continue // repeated within the entry, e.g. formal = short
				}
				m[k] = i
				ix.names[l] = append(ix.names[l], NameEntry{Name: n, Entry: e})
				if j, ok := ix.byName[""][k]; !ok {
					ix.byName[""][k] = i
				} else if j != i {
					ix.byName[""][k] = ambiguous
				}
				if key := k + "\x00" + e.Code; !seenAll[key] {
					seenAll[key] = true
					ix.names[""] = append(ix.names[""], NameEntry{Name: n, Entry: e})
					allKeys = append(allKeys, k)
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, listError(errs)
	}
	all := ix.names[""][:0]
	for i, ne := range ix.names[""] {
		if ix.byName[""][allKeys[i]] != ambiguous {
			all = append(all, ne)
		}
	}
	ix.names[""] = all
	for _, ns := range ix.names {
		sortLongestFirst(ns)
	}
	return ix, nil
}

// sortLongestFirst orders names by length in runes, longest first, then by
// name and code, so the order does not depend on the data files' order.
func sortLongestFirst(ns []NameEntry) {
	type key struct {
		runes int
		ne    NameEntry
	}
	ks := make([]key, len(ns))
	for i, ne := range ns {
		ks[i] = key{utf8.RuneCountInString(ne.Name), ne}
	}
	slices.SortFunc(ks, func(a, b key) int {
		if c := cmp.Compare(b.runes, a.runes); c != 0 {
			return c
		}
		if c := strings.Compare(a.ne.Name, b.ne.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ne.Entry.Code, b.ne.Entry.Code)
	})
	for i := range ks {
		ns[i] = ks[i].ne
	}
}

func quote(s string) string { return "\"" + s + "\"" }

// listError reports every problem found, not just the first, so that a bad
// edit of the data is fixed in one go.
type listError []string

func (e listError) Error() string {
	const max = 20
	if len(e) > max {
		return strings.Join(e[:max], "; ") + "; ..."
	}
	return strings.Join(e, "; ")
}
