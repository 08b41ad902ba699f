// Package grammar holds, as data, how each language writes the parts of a
// UN verbatim record: speaker labels, the language-of-delivery note, times
// of day, and procedural phrases. The parser is one state machine; a
// grammar is what it reads a language with. Each grammar is an embedded
// TOML file under data/.
package grammar

import (
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/prefilter"
)

//go:embed data/*.toml
var files embed.FS

// Grammar is one language's grammar, compiled.
type Grammar struct {
	Lang   string
	Script layout.Script
	// RightToLeft: the script is written right to left (Arabic): a
	// PDF extractor may give its lines in visual order.
	RightToLeft bool
	Label       *regexp.Regexp
	Roles       map[string]string // label word → role
	Titles      []string
	Languages   map[string]string // language name → ISO 639-1
	Methods     map[string]string // vote-method word → show-of-hands | recorded | roll-call
	Rules       []Rule
	Functions   []string                  // invitee function words, longest first
	Seps        []string                  // list separators, longest first
	Cover       map[string]*regexp.Regexp // cover-page line patterns by field
	Months      map[string]int            // month names → 1-12
	// BehalfCues introduce the group a delegate speaks for in the
	// President's announcement ("on behalf of").
	BehalfCues []string
	Common     map[string]bool // the commonest words, for measuring text quality
	// CommonShare: the share of Common in readable prose of the language
	// (Typical) and the share below which a text layer reads poorly
	// (Floor); zero: English's, 0.4 and 0.25.
	CommonShare struct{ Typical, Floor float64 }
	// ListSkip: articles and conjunctions before a name in a list of
	// States ("de l'", "et "), beyond English "and ".
	ListSkip []string
	// Secretariat: words of a function that make its holder the United
	// Nations' ("Secrétaire général"), beyond the English ones every
	// language's records may print.
	Secretariat []string
	// genitive: endings of a name's words in the genitive and the
	// nominative ones each may stand for (Russian), for Nominatives.
	genAdj, genNoun [][2]string
	// DocLead and DocIn find an agenda document's description (a report,
	// a letter, a draft) at the start of a paragraph and inside one that
	// runs an item's title into it; nil: the parser's English ones.
	DocLead, DocIn *regexp.Regexp
	// None: what a vote list prints when it names no one, beyond
	// English "None" and Chinese "无".
	None []string
	// Numbers: number words a grammar's vote counts may print instead
	// of digits ("واحد"), with their values.
	Numbers map[string]int
	// Honorific finds each person of a rule 39 list by the honorific
	// before the name, group 1; nil: the parser's English one.
	Honorific *regexp.Regexp

	timeRe      *regexp.Regexp
	noteRe      *regexp.Regexp // a language note on its own
	timeOffset  map[string]int
	midnight    map[string]bool // part-of-day words after which 12 is 0
	fold        func(rune) rune
	foldImage   map[rune]bool // runes that folding produces from others
	labelNever  []string      // never in a label before its colon
	titleFirst  bool          // labels begin with a role word or an honorific
	labelStarts []string      // those words
	draftWords  []string
	noteWords   []string
	amendWords  []string
	partWords   []string
	adoptWords  []string
	alone       []aloneRule
	aloneAny    *prefilter.RuneSet // the runes any alone rule can begin with; nil: unbounded
}

// aloneRule is a rule that matches a whole paragraph, with the runes its
// match can begin with (nil: unbounded).
type aloneRule struct {
	rule  int // index in Rules
	first *prefilter.RuneSet
}

// Rule recognises one procedural act.
type Rule struct {
	Event  string
	Alone  bool // matches a whole paragraph outside speeches
	Re     *regexp.Regexp
	Unless []string // a match containing any of these is no match
	needs  []string // literals every match contains: a cheap test before the regexp
	raw    []string // those of needs that can be tested before folding
	// Scope: who says it and where. Procedural acts are the President's;
	// a delegate says on whose behalf it speaks at the start.
	President  bool // only in the President's turns
	Paragraphs int  // only in the first n paragraphs of a turn; 0 for any
}

type file struct {
	Language    string
	Script      string
	Titles      []string
	Label       string
	Note        string
	Roles       map[string]string
	Languages   map[string]string
	Methods     map[string]string
	Draft       []string
	BehalfCues  []string `toml:"behalf_cues"`
	NoteWords   []string `toml:"note_words"`
	Amendment   []string
	Part        []string
	Adopt       []string
	Common      []string
	LabelNever  []string `toml:"label_never"`
	ListSkip    []string `toml:"list_skip"`
	Secretariat []string
	CommonShare struct{ Typical, Floor float64 } `toml:"common_share"`
	Genitive    struct {
		Adjective [][]string
		Noun      [][]string
	}
	// LabelStartsWithTitle: every label begins with a role word or an
	// honorific (English), a cheap test before the label pattern.
	LabelStartsWithTitle bool `toml:"label_starts_with_title"`
	Time                 struct {
		Pattern  string
		Offset   map[string]int
		Midnight map[string]bool
	}
	Rule []struct {
		Event      string
		Alone      bool
		Pattern    string
		Unless     []string
		President  bool
		Paragraphs int
	}
	Invitee struct {
		Functions  []string
		Separators []string
		Honorific  string
	}
	Cover     map[string]string
	Months    map[string]int
	Numbers   map[string]int
	Documents []string
	None      []string
}

var (
	mu    sync.Mutex
	cache = map[string]*Grammar{}
)

// Languages lists the languages that have a grammar.
func Languages() []string {
	ents, _ := files.ReadDir("data")
	var out []string
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(out)
	return out
}

// For returns the grammar of lang (ISO 639-1).
func For(lang string) (*Grammar, error) {
	mu.Lock()
	defer mu.Unlock()
	if g, ok := cache[lang]; ok {
		return g, nil
	}
	b, err := files.ReadFile("data/" + lang + ".toml")
	if err != nil {
		return nil, fmt.Errorf("no grammar for language %q", lang)
	}
	g, err := compile(b)
	if err != nil {
		return nil, fmt.Errorf("grammar %s: %w", lang, err)
	}
	cache[lang] = g
	return g, nil
}

func compile(b []byte) (*Grammar, error) {
	var f file
	md, err := toml.Decode(string(b), &f)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("unknown keys %v", und)
	}
	g := &Grammar{
		Lang:       f.Language,
		Roles:      f.Roles,
		Titles:     longestFirst(f.Titles),
		Languages:  f.Languages,
		Methods:    f.Methods,
		draftWords: f.Draft,
		noteWords:  f.NoteWords,
		amendWords: f.Amendment,
		partWords:  f.Part,
		adoptWords: f.Adopt,
		labelNever: f.LabelNever,
		Functions:  longestFirst(f.Invitee.Functions),
		Seps:       longestFirst(f.Invitee.Separators),
		timeOffset: f.Time.Offset,
		midnight:   f.Time.Midnight,
	}
	switch f.Script {
	case "han":
		g.Script = layout.Han
		g.fold = hanFold
	case "latin", "cyrillic":
		// Cyrillic is set like Latin: words joined with spaces.
		g.Script = layout.Latin
		g.fold = latinFold
	case "arabic":
		// Arabic too joins words with spaces; its digits and
		// punctuation fold to the ASCII the patterns are written in.
		g.Script = layout.Latin
		g.fold = arabicFold
		g.RightToLeft = true
	default:
		return nil, fmt.Errorf("unknown script %q", f.Script)
	}
	g.Months = f.Months
	for w, n := range f.Numbers {
		if w == "" || n < 0 {
			return nil, fmt.Errorf("numbers: %q = %d", w, n)
		}
	}
	g.Numbers = f.Numbers
	g.None = f.None
	if len(f.Documents) > 0 {
		alt := alternation(longestFirst(f.Documents))
		g.DocLead = regexp.MustCompile(`^(?:` + alt + `) `)
		g.DocIn = regexp.MustCompile(`(?::\s*|\s)(?:` + alt + `) `)
	}
	g.BehalfCues = f.BehalfCues
	g.ListSkip = longestFirst(f.ListSkip)
	g.Secretariat = f.Secretariat
	g.CommonShare = f.CommonShare
	if cs := g.CommonShare; cs.Typical < 0 || cs.Floor < 0 || cs.Floor > cs.Typical || cs.Typical > 1 {
		return nil, fmt.Errorf("common_share: want 0 <= floor <= typical <= 1, got %+v", cs)
	}
	for _, set := range []struct {
		from [][]string
		to   *[][2]string
	}{{f.Genitive.Adjective, &g.genAdj}, {f.Genitive.Noun, &g.genNoun}} {
		for _, p := range set.from {
			if len(p) != 2 || p[0] == "" {
				return nil, fmt.Errorf("genitive: want [ending, nominative ending] pairs, got %q", p)
			}
			*set.to = append(*set.to, [2]string{p[0], p[1]})
		}
	}
	if f.Invitee.Honorific != "" {
		if g.Honorific, err = regexp.Compile(f.Invitee.Honorific); err != nil {
			return nil, fmt.Errorf("invitee honorific: %w", err)
		}
		if g.Honorific.NumSubexp() < 1 {
			return nil, fmt.Errorf("invitee honorific: needs a group around the honorific")
		}
	}
	if len(f.Common) > 0 {
		g.Common = map[string]bool{}
		for _, w := range f.Common {
			g.Common[w] = true
		}
	}
	g.Cover = map[string]*regexp.Regexp{}
	for k, v := range f.Cover {
		re, err := regexp.Compile(strings.NewReplacer("{time}", f.Time.Pattern).Replace(v))
		if err != nil {
			return nil, fmt.Errorf("cover %s: %w", k, err)
		}
		g.Cover[k] = re
	}
	g.foldImage = map[rune]bool{}
	for r := rune(0); r < 0x10000; r++ {
		if x := g.fold(r); x != r {
			g.foldImage[x] = true
		}
	}
	roles := make([]string, 0, len(f.Roles))
	for r := range f.Roles {
		roles = append(roles, r)
	}
	if f.LabelStartsWithTitle {
		g.titleFirst = true
		g.labelStarts = append(append(append([]string{}, roles...), g.Titles...), "His ", "Her ")
	}
	expand := func(p string) string {
		t2 := strings.NewReplacer("?P<ampm>", "?P<ampm2>", "?P<hour>", "?P<hour2>", "?P<min>", "?P<min2>").Replace(f.Time.Pattern)
		return strings.NewReplacer(
			"{roles}", alternation(longestFirst(roles)),
			"{titles}", alternation(g.Titles),
			"{time}", f.Time.Pattern,
			"{time2}", t2,
		).Replace(p)
	}
	if g.Label, err = regexp.Compile(expand(f.Label)); err != nil {
		return nil, fmt.Errorf("label: %w", err)
	}
	if g.noteRe, err = regexp.Compile(f.Note); err != nil {
		return nil, fmt.Errorf("note: %w", err)
	}
	if g.timeRe, err = regexp.Compile(f.Time.Pattern); err != nil {
		return nil, fmt.Errorf("time: %w", err)
	}
	for _, r := range f.Rule {
		re, err := regexp.Compile(expand(r.Pattern))
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.Event, err)
		}
		if err := checkRule(r.Event, r.Alone, re.SubexpNames()); err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.Event, err)
		}
		if r.Alone {
			g.alone = append(g.alone, aloneRule{rule: len(g.Rules), first: prefilter.FirstRunes(re.String())})
		}
		needs := prefilter.Literals(re.String())
		g.Rules = append(g.Rules, Rule{raw: g.foldInvariant(needs), Event: r.Event, Alone: r.Alone, Re: re, Unless: r.Unless, needs: needs,
			President: r.President, Paragraphs: r.Paragraphs})
	}
	g.aloneAny = &prefilter.RuneSet{}
	for _, a := range g.alone {
		if a.first == nil {
			g.aloneAny = nil
			break
		}
		g.aloneAny.AddSet(a.first)
	}
	return g, nil
}

func longestFirst(s []string) []string {
	out := append([]string(nil), s...)
	sort.SliceStable(out, func(i, j int) bool {
		return utf8.RuneCountInString(out[i]) > utf8.RuneCountInString(out[j])
	})
	return out
}

func alternation(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// Full-width digits and Latin letters become ASCII; ASCII brackets and
// colons become full-width, as Chinese typesetting prints them. Every
// replacement maps one rune to one rune, so rune offsets in the folded text
// are rune offsets in the original.
func hanFold(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case r >= 'Ａ' && r <= 'Ｚ':
		return 'A' + (r - 'Ａ')
	case r >= 'ａ' && r <= 'ｚ':
		return 'a' + (r - 'ａ')
	}
	switch r {
	case '(':
		return '（'
	case ')':
		return '）'
	case ':':
		return '：'
	case '／':
		return '/'
	case '．':
		return '.'
	case '－':
		return '-'
	case '\u3000':
		return ' '
	}
	return r
}

func latinFold(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	}
	switch r {
	case '（':
		return '('
	case '）':
		return ')'
	case '：':
		return ':'
	case '\u00a0':
		return ' '
	case '’', '‘':
		return '\''
	}
	return r
}

// arabicFold is latinFold, with Arabic-Indic and Extended Arabic-Indic
// digits made ASCII and the Arabic comma and semicolon made ASCII.
func arabicFold(r rune) rune {
	switch {
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	}
	switch r {
	case '،':
		return ','
	case '؛':
		return ';'
	}
	return latinFold(r)
}

// foldInvariant returns the literals that folding can neither change nor
// produce: found in the original text exactly when found in the folded.
func (g *Grammar) foldInvariant(lits []string) []string {
	var out []string
outer:
	for _, l := range lits {
		for _, r := range l {
			if g.fold(r) != r || g.foldImage[r] {
				continue outer
			}
		}
		out = append(out, l)
	}
	return out
}

// Fold maps s to the form the patterns are written for, rune for rune.
func (g *Grammar) Fold(s string) string { return strings.Map(g.fold, s) }

// Label is a speaker label found at the start of a paragraph.
type Label struct {
	Text   string // as printed, colon included
	Role   string // from a role word, "" for a named speaker
	Word   string // the role word or the name as printed
	Title  string
	Affil  string // the bracketed affiliation as printed (folded)
	LangAs string // the language note's language name, "" if none
	Lang   string // ISO 639-1 of the note, "" if none or unknown
	// Function is what follows the affiliation after a comma ("Rapporteur
	// of the Third Committee").
	Function string
}

// MaxLabel bounds the bytes a speaker label can take.
const MaxLabel = 600

// startsWithTitle reports whether s begins with a role word, an
// honorific, or "His"/"Her" (His Excellency …): every English label does.
func (g *Grammar) startsWithTitle(s string) bool {
	for _, w := range g.labelStarts {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// labelEnd returns the byte offset just past the first colon within
// MaxLabel bytes, or -1.
func labelEnd(s string) int {
	w := s[:min(len(s), MaxLabel)]
	end := strings.IndexByte(w, ':')
	if end >= 0 {
		end++
	}
	// "：" is EF BC 9A; its last byte is the rarer one to look for.
	for i := 2; i < len(w); i++ {
		j := strings.IndexByte(w[i:], 0x9A)
		if j < 0 {
			break
		}
		i += j
		if w[i-2] == 0xEF && w[i-1] == 0xBC {
			if end < 0 || i+1 < end {
				end = i + 1
			}
			break
		}
	}
	return end
}

// MayEndLabel reports whether s could hold the end of a label begun on the
// line before: a colon near its start.
func (g *Grammar) MayEndLabel(s string) bool { return labelEnd(s) >= 0 }

// LabelNeedsNext reports whether a label could open prev followed by more
// text (the next line joined to it) when none opens prev alone. It cannot
// when prev has a colon where a label may end: the label's head, up to the
// first such colon, is then all in prev, and so is every start word a
// label must begin with, unless one is longer than prev. Without such a
// colon, a label's head would hold all of prev: it cannot when prev fills
// the bytes a label may take, or holds what a label never does.
func (g *Grammar) LabelNeedsNext(prev string) bool {
	if labelEnd(prev) < 0 {
		if len(prev) >= MaxLabel {
			return false
		}
		for _, c := range g.labelNever {
			if strings.Contains(prev, c) {
				return false
			}
		}
		return true
	}
	for _, w := range g.labelStarts {
		if len(w) > len(prev) {
			return true
		}
	}
	return false
}

// labelHead returns, folded, the text up to the first colon of s when a
// label could end there, or "".
func (g *Grammar) labelHead(s string) string {
	// A label ends at its colon and is never long: look no further.
	end := labelEnd(s)
	if end < 0 {
		return ""
	}
	if g.titleFirst && !g.startsWithTitle(s) {
		return ""
	}
	for _, c := range g.labelNever {
		if strings.Contains(s[:end], c) {
			return ""
		}
	}
	return g.Fold(s[:end])
}

// IsLabel reports whether a speaker label opens s: MatchLabel without
// reading the label's parts.
func (g *Grammar) IsLabel(s string) bool {
	f := g.labelHead(s)
	if f == "" || !g.Label.MatchString(f) {
		return false
	}
	// Rarely reached: most lines fail the cheaper tests above.
	return g.nameOK(f, g.Label.FindStringSubmatchIndex(f))
}

// nameOK reports whether the name a label match m of f found holds no
// role word: "General Assembly The President:" is a heading's last line
// run into the President's label, not "General" Assembly. Nor does the
// function: "Mr. X (Haiti), Vice-President, took the chair. The Acting
// President:" is a change of chair run into the next label.
func (g *Grammar) nameOK(f string, m []int) bool {
	if m == nil {
		return false
	}
	for _, group := range []string{"name", "function"} {
		i := g.Label.SubexpIndex(group)
		if i < 0 || m[2*i] < 0 {
			continue
		}
		text := f[m[2*i]:m[2*i+1]]
		for r := range g.Roles {
			if strings.Contains(text, r) {
				return false
			}
		}
	}
	return true
}

// MatchLabel reports the speaker label that opens s, if any. A label
// with a colon printed too early, before its brackets ("Mr. X: (Chile)
// (spoke in Spanish):"), is read whole.
func (g *Grammar) MatchLabel(s string) (Label, bool) {
	l, ok := g.matchLabel(s)
	if !ok {
		return l, false
	}
	_, size := utf8.DecodeLastRuneInString(l.Text)
	rest := s[len(l.Text):]
	if strings.HasPrefix(strings.TrimLeft(rest, " "), "(") {
		cut := len(l.Text) - size
		if l2, ok := g.matchLabel(s[:cut] + rest); ok && len(l2.Text) > cut+len(rest)-len(strings.TrimLeft(rest, " ")) {
			l2.Text = s[:len(l2.Text)+size]
			return l2, true
		}
	}
	return l, true
}

func (g *Grammar) matchLabel(s string) (Label, bool) {
	f := g.labelHead(s)
	if f == "" {
		return Label{}, false
	}
	m := g.Label.FindStringSubmatchIndex(f)
	if m == nil || !g.nameOK(f, m) {
		return Label{}, false
	}
	// Groups are read from the original text, not the folded one: the
	// label keeps the name as printed ("Ja’afari"). Folding maps rune to
	// rune, so rune offsets carry over.
	get := func(name string) string {
		i := g.Label.SubexpIndex(name)
		if i < 0 || m[2*i] < 0 {
			return ""
		}
		a := byteAt(s, utf8.RuneCountInString(f[:m[2*i]]))
		b := byteAt(s, utf8.RuneCountInString(f[:m[2*i+1]]))
		return s[a:b]
	}
	n := utf8.RuneCountInString(f[:m[1]])
	l := Label{Text: prefixRunes(s, n), Title: get("title"), Affil: strings.TrimSpace(get("affil")), LangAs: get("lang"),
		Function: strings.TrimSpace(get("function"))}
	if l.LangAs == "" {
		l.LangAs = get("lang2")
	}
	// Both brackets are optional, so a lone language note can land in
	// the affiliation group: "主席（以俄语发言）：".
	if l.LangAs == "" {
		if m := g.noteRe.FindStringSubmatch(g.Fold(l.Affil)); m != nil {
			l.LangAs, l.Affil = m[1], ""
		}
	}
	if r := get("role"); r != "" {
		l.Role, l.Word = g.Roles[g.Fold(r)], r
	} else {
		l.Word = get("name")
	}
	if l.LangAs != "" {
		l.Lang = g.Languages[g.Fold(l.LangAs)]
	}
	return l, true
}

func byteAt(s string, runes int) int {
	return len(prefixRunes(s, runes))
}

func prefixRunes(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// Match is a rule that matched, with its named groups.
type Match struct {
	Event  string
	Groups map[string]string
	Text   string // the matched text, folded
	Start  int    // rune offset of the match in the paragraph
}

// Procedural returns the rule matching the whole paragraph p, for text
// outside speeches.
func (g *Grammar) Procedural(p string) (Match, bool) {
	// Most lines cannot begin any procedural phrase: test the first rune,
	// then the literals that need no folding, before folding the line and
	// running the rules.
	first := g.firstRune(p)
	if g.aloneAny != nil && !g.aloneAny.Has(first) {
		return Match{}, false
	}
	var f string
	for _, a := range g.alone {
		r := &g.Rules[a.rule]
		if (a.first != nil && !a.first.Has(first)) || !prefilter.All(p, r.raw) {
			continue
		}
		if f == "" {
			f = strings.TrimSpace(g.Fold(p))
		}
		if m, ok := match(r, f); ok {
			return m, true
		}
	}
	return Match{}, false
}

// MayBeginProcedural reports whether p begins with a rune a procedural
// paragraph can begin with. When it does not, no prefix of p that holds
// more than blanks is procedural either.
func (g *Grammar) MayBeginProcedural(p string) bool {
	return g.aloneAny == nil || g.aloneAny.Has(g.firstRune(p))
}

// firstRune is the first rune of p after blanks, folded.
func (g *Grammar) firstRune(p string) rune {
	first, _ := utf8.DecodeRuneInString(trimBlank(p))
	return g.fold(first)
}

// trimBlank is strings.TrimLeft(s, " \t\u3000"), without the general
// cut set's rune decoding.
func trimBlank(s string) string {
	for s != "" {
		switch {
		case s[0] == ' ' || s[0] == '\t':
			s = s[1:]
		case strings.HasPrefix(s, "\u3000"):
			s = s[len("\u3000"):]
		default:
			return s
		}
	}
	return s
}

// Acts returns the in-speech rules that match paragraph p, in the order
// of the text. president says whether the President is speaking; para is
// the paragraph's 1-based place in the turn.
func (g *Grammar) Acts(p string, president bool, para int) []Match {
	var f string
	var out []Match
	seen := map[string]bool{}
	for i := range g.Rules {
		r := &g.Rules[i] // not copied: a Rule is large
		if r.Alone || seen[r.Event] || (r.President && !president) || (r.Paragraphs > 0 && para > r.Paragraphs) {
			continue
		}
		if !prefilter.All(p, r.raw) {
			continue
		}
		if f == "" {
			f = g.Fold(p)
		}
		if m, ok := match(r, f); ok {
			out = append(out, m)
			seen[r.Event] = true
		}
	}
	// Acts happen in the order of the text, not of the rules. Most
	// paragraphs have none or one: no sort, nor the closure it allocates.
	if len(out) > 1 {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	}
	return out
}

func match(r *Rule, f string) (Match, bool) {
	if !prefilter.All(f, r.needs) {
		return Match{}, false
	}
	loc := r.Re.FindStringSubmatchIndex(f)
	if loc == nil {
		return Match{}, false
	}
	sm := make([]string, len(loc)/2)
	for i := range sm {
		if loc[2*i] >= 0 {
			sm[i] = f[loc[2*i]:loc[2*i+1]]
		}
	}
	for _, u := range r.Unless {
		if strings.Contains(sm[0], u) {
			return Match{}, false
		}
	}
	m := Match{Event: r.Event, Groups: map[string]string{}, Text: sm[0], Start: utf8.RuneCountInString(f[:loc[0]])}
	for i, name := range r.Re.SubexpNames() {
		if name != "" && sm[i] != "" {
			m.Groups[name] = sm[i]
		}
	}
	return m, true
}

// MentionsDraft reports whether p speaks of a draft resolution, so that
// the symbol it names is the draft put to the vote.
func (g *Grammar) MentionsDraft(p string) bool {
	for _, w := range g.draftWords {
		if prefilter.Contains(p, w) {
			return true
		}
	}
	return false
}

// IsGarbledNote reports bracketed label text that starts like a language
// note but did not read as one: the words of the note are there, the
// language is not.
func (g *Grammar) IsGarbledNote(s string) bool {
	f := strings.ToLower(g.Fold(s))
	for _, w := range g.noteWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// MentionsAmendment reports whether p speaks of an amendment being put
// to the vote.
func (g *Grammar) MentionsAmendment(p string) bool {
	for _, w := range g.amendWords {
		if prefilter.Contains(p, w) {
			return true
		}
	}
	return false
}

// ProposesAdoption reports whether p proposes to adopt something
// ("decides to adopt draft resolution …").
func (g *Grammar) ProposesAdoption(p string) bool {
	for _, w := range g.adoptWords {
		if prefilter.Contains(p, w) {
			return true
		}
	}
	return false
}

// MentionsPart reports whether p names a part of a draft put to a
// separate vote ("Operative paragraph 7").
func (g *Grammar) MentionsPart(p string) bool {
	for _, w := range g.partWords {
		if prefilter.Contains(p, w) {
			return true
		}
	}
	return false
}

// Clock turns the time groups of a match (suffix "" or "2") into "HH:MM".
func (g *Grammar) Clock(groups map[string]string, suffix string) string {
	if groups["noon"+suffix] != "" {
		return "12:00"
	}
	h, err := strconv.Atoi(groups["hour"+suffix])
	if err != nil {
		return ""
	}
	mnt := 0
	if s := groups["min"+suffix]; s != "" {
		mnt, _ = strconv.Atoi(s)
	}
	ampm := groups["ampm"+suffix]
	if strings.Contains(ampm, ".") || strings.Contains(ampm, "m") {
		// "p. m", "p.m" → "p.m."
		ampm = strings.ReplaceAll(ampm, " ", "")
		if !strings.HasSuffix(ampm, ".") {
			ampm += "."
		}
	}
	off := g.timeOffset[ampm]
	if h == 12 {
		// 12 p.m. and 下午12时 are noon; 12 a.m., 晚上12时 and 凌晨12时
		// are midnight.
		off = 0
		if g.midnight[ampm] {
			h = 0
		}
	}
	h += off
	if h > 23 || mnt > 59 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", h, mnt)
}

// maxNominatives bounds the readings Nominatives returns.
const maxNominatives = 32

// Nominatives returns the nominative forms a name printed in the
// genitive may have ("Российской Федерации" → "Российская Федерация"):
// leading adjectives and the first noun after them change their ending,
// the words after the noun are left as printed ("Группы африканских
// государств" → "Группа африканских государств"). Nil for a language
// whose grammar declines no names.
func (g *Grammar) Nominatives(s string) []string {
	if len(g.genNoun) == 0 {
		return nil
	}
	words := strings.Split(s, " ")
	var out []string
	var walk func(i int, done []string)
	walk = func(i int, done []string) {
		if i >= len(words) || len(out) >= maxNominatives {
			return
		}
		w := words[i]
		for _, e := range g.genNoun {
			if stem, ok := strings.CutSuffix(w, e[0]); ok && stem != "" {
				out = append(out, strings.Join(append(append(append([]string{}, done...), stem+e[1]), words[i+1:]...), " "))
			}
		}
		for _, e := range g.genAdj {
			if stem, ok := strings.CutSuffix(w, e[0]); ok && stem != "" {
				walk(i+1, append(append([]string{}, done...), stem+e[1]))
			}
		}
	}
	walk(0, nil)
	if len(out) > maxNominatives {
		out = out[:maxNominatives]
	}
	return out
}
