package symbol

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"github.com/verbatim-un/verbatim/internal/prefilter"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// The grammar's vocabulary and each language's reference patterns live in
// data files so that a new body, series word or language is an edit to
// data, not to code.
//
//go:embed data/symbols.json
var symbolsJSON []byte

//go:embed data/lang/*.json
var langFS embed.FS

// grammarData is the shape of data/symbols.json.
type grammarData struct {
	Comment         string   `json:"comment"`
	Bodies          []string `json:"bodies"`
	Words           []string `json:"words"`
	MeetingRecords  []string `json:"meetingRecords"`
	Resolutions     []string `json:"resolutions"`
	Statements      []string `json:"statements"`
	Modifiers       []string `json:"modifiers"`
	SpecialSessions []string `json:"specialSessions"`
	Resumption      string   `json:"resumption"`
}

// grammarSet is the compiled form of grammarData. Word sets hold canonical
// spellings; words maps the upper-cased spelling to the canonical one.
type grammarSet struct {
	bodies     map[string]bool
	words      map[string]string
	meeting    map[string]bool
	resolution map[string]bool
	statement  map[string]bool
	modifier   map[string]bool
	special    map[string]bool
	resumption string
}

// langData is the shape of data/lang/<code>.json.
type langData struct {
	Lang      string        `json:"lang"`
	Name      string        `json:"name"`
	Comment   string        `json:"comment"`
	Separator string        `json:"separator"`
	Lists     []listData    `json:"lists"`
	Examples  []exampleData `json:"examples"`
}

// listData describes one kind of reference: an optional lead-in (before),
// one or more items joined by separators, and an optional closing word
// (after). English puts the keyword before the list, Chinese after it.
type listData struct {
	Name      string     `json:"name"`
	Comment   string     `json:"comment"`
	Before    string     `json:"before"`
	After     string     `json:"after"`
	Separator string     `json:"separator"`
	Items     []itemData `json:"items"`
}

// itemData is one item pattern; Symbol is a template whose {name} parts are
// filled from the pattern's named groups before the result goes to Parse.
type itemData struct {
	Pattern string `json:"pattern"`
	Symbol  string `json:"symbol"`
}

// exampleData is checked by the tests, so each language file carries its
// own proof that the patterns do what they say.
type exampleData struct {
	Text    string   `json:"text"`
	Symbols []string `json:"symbols"`
}

type langSpec struct {
	code     string
	lists    []*listRule
	examples []exampleData
	// anyRaw holds the lists' raw literals, leaving out a list whose
	// literals include all of another's: text holding some entry's
	// literals holds some list's, and the other way round.
	anyRaw [][]string
}

type listRule struct {
	start *regexp.Regexp     // anchored before + any item: tried at candidates
	first int                // index of the item group in start
	lead  *prefilter.RuneSet // runes a start can begin with; nil for any
	sep   *regexp.Regexp     // anchored
	after *regexp.Regexp     // anchored; nil when the list needs no closing word
	items []*itemRule
	needs []string // literals every match contains: text without them is skipped whole
	// raw are those of needs that no folding can produce: text is tested
	// for them before it is folded.
	raw []string
	// digit: every match of start holds an ASCII digit.
	digit bool
}

type itemRule struct {
	re    *regexp.Regexp // anchored
	parts []tmplPart
}

// tmplPart is literal text, or (group >= 0) the text of a named group.
type tmplPart struct {
	lit   string
	group int
}

var (
	grammar   = mustLoadGrammar(symbolsJSON)
	languages = mustLoadLanguages(langFS)
)

// Broken embedded data is a build defect, so loading panics at start-up
// (and the tests catch it) instead of every call returning an error.
func mustLoadGrammar(b []byte) *grammarSet {
	g, err := loadGrammar(b)
	if err != nil {
		panic("symbol: data/symbols.json: " + err.Error())
	}
	return g
}

func loadGrammar(b []byte) (*grammarSet, error) {
	var d grammarData
	if err := decodeStrict(b, &d); err != nil {
		return nil, err
	}
	if len(d.Bodies) == 0 {
		return nil, fmt.Errorf("no bodies")
	}
	g := &grammarSet{
		bodies:     map[string]bool{},
		words:      map[string]string{},
		meeting:    map[string]bool{},
		resolution: map[string]bool{},
		statement:  map[string]bool{},
		modifier:   map[string]bool{},
		special:    map[string]bool{},
		resumption: d.Resumption,
	}
	for _, b := range d.Bodies {
		if b == "" || b != strings.ToUpper(b) || !isLetters(b) {
			return nil, fmt.Errorf("body %q: want upper-case letters", b)
		}
		g.bodies[b] = true
	}
	for _, w := range d.Words {
		if w == "" || !isLetters(w) {
			return nil, fmt.Errorf("word %q: want letters", w)
		}
		g.words[strings.ToUpper(w)] = w
	}
	sets := []struct {
		name string
		list []string
		set  map[string]bool
	}{
		{"meetingRecords", d.MeetingRecords, g.meeting},
		{"resolutions", d.Resolutions, g.resolution},
		{"statements", d.Statements, g.statement},
		{"modifiers", d.Modifiers, g.modifier},
		{"specialSessions", d.SpecialSessions, g.special},
	}
	for _, s := range sets {
		for _, w := range s.list {
			// Role words must also be words so that their spelling is
			// canonicalised before the role is looked up.
			if g.words[strings.ToUpper(w)] != w {
				return nil, fmt.Errorf("%s: %q is not listed in words with that spelling", s.name, w)
			}
			s.set[w] = true
		}
	}
	if g.resumption == "" || !isLetters(g.resumption) {
		return nil, fmt.Errorf("resumption: want a word")
	}
	return g, nil
}

func mustLoadLanguages(fsys fs.FS) map[string]*langSpec {
	m, err := loadLanguages(fsys)
	if err != nil {
		panic("symbol: " + err.Error())
	}
	return m
}

func loadLanguages(fsys fs.FS) (map[string]*langSpec, error) {
	files, err := fs.Glob(fsys, "data/lang/*.json")
	if err != nil {
		return nil, err
	}
	m := map[string]*langSpec{}
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		spec, err := loadLanguage(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); spec.code != want {
			return nil, fmt.Errorf("%s: lang %q does not match the file name", name, spec.code)
		}
		m[spec.code] = spec
	}
	return m, nil
}

func loadLanguage(b []byte) (*langSpec, error) {
	var d langData
	if err := decodeStrict(b, &d); err != nil {
		return nil, err
	}
	if d.Lang == "" || d.Lang != strings.ToLower(d.Lang) {
		return nil, fmt.Errorf("lang %q: want a lower-case code", d.Lang)
	}
	spec := &langSpec{code: d.Lang, examples: d.Examples}
	for _, ld := range d.Lists {
		r, err := compileList(ld, d.Separator)
		if err != nil {
			return nil, fmt.Errorf("list %q: %v", ld.Name, err)
		}
		spec.lists = append(spec.lists, r)
	}
	for i, r := range spec.lists {
		implied := false
		for j, o := range spec.lists {
			// Of two lists with the same literals, the first is kept.
			if j != i && containsAll(r.raw, o.raw) && (j < i || !containsAll(o.raw, r.raw)) {
				implied = true
				break
			}
		}
		if !implied {
			spec.anyRaw = append(spec.anyRaw, r.raw)
		}
	}
	return spec, nil
}

// containsAll reports whether every string of sub is in set.
func containsAll(set, sub []string) bool {
	for _, s := range sub {
		if !slices.Contains(set, s) {
			return false
		}
	}
	return true
}

// itemGroup names the capture that marks the first item inside the start
// pattern; the leading underscores keep it apart from the data's names.
const itemGroup = "__item"

func compileList(ld listData, defaultSep string) (*listRule, error) {
	if len(ld.Items) == 0 {
		return nil, fmt.Errorf("no items")
	}
	sep := ld.Separator
	if sep == "" {
		sep = defaultSep
	}
	if sep == "" {
		return nil, fmt.Errorf("no separator")
	}
	r := &listRule{}
	var alts []string
	for _, it := range ld.Items {
		ir, err := compileItem(it)
		if err != nil {
			return nil, err
		}
		r.items = append(r.items, ir)
		alts = append(alts, "(?:"+it.Pattern+")")
	}
	start := "(?:" + ld.Before + ")(?P<" + itemGroup + ">" + strings.Join(alts, "|") + ")"
	var err error
	if r.start, err = regexp.Compile(`\A(?:` + start + ")"); err != nil {
		return nil, fmt.Errorf("before: %v", err)
	}
	r.lead = prefilter.FirstRunes(start)
	r.digit = prefilter.Needs(start, func(c rune) bool { return c >= '0' && c <= '9' })
	r.needs = append(prefilter.Literals(ld.Before), prefilter.Literals(ld.After)...)
	for _, n := range r.needs {
		if foldInvariant(n) {
			r.raw = append(r.raw, n)
		}
	}
	r.first = r.start.SubexpIndex(itemGroup)
	if r.sep, err = regexp.Compile(`\A(?:` + sep + ")"); err != nil {
		return nil, fmt.Errorf("separator: %v", err)
	}
	if ld.After != "" {
		if r.after, err = regexp.Compile(`\A(?:` + ld.After + ")"); err != nil {
			return nil, fmt.Errorf("after: %v", err)
		}
		if r.after.MatchString("") {
			return nil, fmt.Errorf("after %q matches the empty string", ld.After)
		}
	}
	return r, nil
}

func compileItem(it itemData) (*itemRule, error) {
	re, err := regexp.Compile(`\A(?:` + it.Pattern + ")")
	if err != nil {
		return nil, fmt.Errorf("item: %v", err)
	}
	// An item that can be empty would let a list grow without consuming
	// text.
	if re.MatchString("") {
		return nil, fmt.Errorf("item %q matches the empty string", it.Pattern)
	}
	ir := &itemRule{re: re}
	t := it.Symbol
	for t != "" {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			ir.parts = append(ir.parts, tmplPart{lit: t, group: -1})
			break
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("symbol %q: unclosed {", it.Symbol)
		}
		if i > 0 {
			ir.parts = append(ir.parts, tmplPart{lit: t[:i], group: -1})
		}
		name := t[i+1 : i+j]
		g := re.SubexpIndex(name)
		if g < 0 {
			return nil, fmt.Errorf("symbol %q: pattern has no group %q", it.Symbol, name)
		}
		ir.parts = append(ir.parts, tmplPart{group: g})
		t = t[i+j+1:]
	}
	if len(ir.parts) == 0 {
		return nil, fmt.Errorf("item %q: empty symbol", it.Pattern)
	}
	return ir, nil
}

func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return s != ""
}

// Languages returns the codes of the languages Find has patterns for,
// sorted.
func Languages() []string {
	out := make([]string, 0, len(languages))
	for code := range languages {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}
