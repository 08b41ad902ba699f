package symbol

import (
	"github.com/verbatim-un/verbatim/internal/prefilter"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Ref is a reference to a document found in running text.
type Ref struct {
	Symbol string // canonical symbol, as Symbol.String prints it
	Text   string // the text as printed, text[Start:End]
	Start  int    // byte offset of the first byte in the text
	End    int    // byte offset just past the last byte
}

// Find returns the document references in text, in order of appearance and
// without overlaps. It finds symbols printed as such (S/2016/867, also in
// full-width forms) in any language, and the language's own phrasings from
// data/lang/<lang>.json, such as 第1267（1999）号决议 or resolution 48/237.
// lang is a code such as "zh" or "en-GB"; for a language without patterns
// only printed symbols are found.
//
// When a phrase names one document, Text covers the whole phrase
// ("resolution 1267 (1999)", "安全理事会第2253（2015）号决议"). When it names
// several, each Ref covers only its own item ("第1373（2001）号").
func Find(lang, text string) []Ref {
	// The substring searches first: they skip through text faster than
	// a look at every byte for a digit.
	spec := languages[baseLang(lang)]
	if !mayHaveSlash(text) && !spec.mayMatch(text) {
		return nil // no printed symbol, and no phrasing's keyword
	}
	if !hasDigit(text) {
		return nil // every symbol and every resolution has a number
	}
	f, pos := foldText(text)
	groups := findPrinted(f, nil)
	if spec != nil {
		for i, r := range spec.lists {
			groups = r.find(f, groups, i+1)
		}
	}
	if len(groups) == 0 {
		return nil
	}

	// Where candidates overlap, the one that starts first wins, then the
	// longer one: "Human Rights Council resolution 32/1" beats the
	// "resolution 32/1" inside it. A single candidate, the common case,
	// needs no sort.
	if len(groups) > 1 {
		sort.SliceStable(groups, func(i, j int) bool {
			a, b := groups[i], groups[j]
			if a.start != b.start {
				return a.start < b.start
			}
			if a.end != b.end {
				return a.end > b.end
			}
			return a.order < b.order
		})
	}
	var refs []Ref
	last := 0
	for _, g := range groups {
		if g.start < last {
			continue
		}
		last = g.end
		for _, it := range g.items {
			s, e := pos.orig(it.start), pos.orig(it.end)
			refs = append(refs, Ref{Symbol: it.symbol, Text: text[s:e], Start: s, End: e})
		}
	}
	return refs
}

// baseLang reduces "zh-Hans", "en_GB" or "ZH" to the data file's code.
func baseLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

// group is one candidate phrase in the folded text; it is kept or dropped
// as a whole so that a list is never split between rules.
type group struct {
	start, end int
	order      int // 0 for printed symbols, then the rule's position
	items      []item
}

type item struct {
	start, end int
	symbol     string
}

// findPrinted scans the folded text for symbols printed as such. A hand
// scanner rather than a pattern: it is linear however the text is built,
// and it reuses the body list and the segment limits of Parse.
func findPrinted(f string, out []group) []group {
	for i := 0; i < len(f); {
		if !isUpper(f[i]) || i > 0 && !printedBoundary(f[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(f) && isLetter(f[j]) {
			j++
		}
		if j >= len(f) || f[j] != '/' || !grammar.bodies[f[i:j]] {
			i = j
			continue
		}
		end, ok := scanSegments(f, j)
		if !ok {
			// Skip the whole chain: a body inside it follows a slash
			// and could not start a symbol anyway.
			i = max(end, j)
			continue
		}
		sym, symEnd := "", end
		if q := scanQualifier(f, end); q > 0 {
			if s, err := Parse(f[i:q]); err == nil {
				sym, symEnd = s.String(), q
			}
		}
		if sym == "" {
			// "S/2016/867 (2016)": the bracket is not part of the symbol.
			if s, err := Parse(f[i:end]); err == nil {
				sym = s.String()
			}
		}
		if sym == "" {
			i = end
			continue
		}
		out = append(out, group{start: i, end: symEnd, items: []item{{i, symEnd, sym}}})
		i = symEnd
	}
	return out
}

// printedBoundary reports whether a printed symbol may start after c: not
// inside a word, a number, a URL path or another symbol.
func printedBoundary(c byte) bool {
	return !isWord(c) && c != '/' && c != '.' && c != '-'
}

// scanSegments reads "/segment" repeatedly from f[j] and returns where the
// symbol ends. ok is false when there is no segment, when a segment is
// malformed, or when the symbol runs into a word ("S/2016/867abc"). A
// trailing full stop is left out because a segment's dot must be followed
// by its tail.
func scanSegments(f string, j int) (end int, ok bool) {
	end = j
	for end < len(f) && f[end] == '/' {
		n := segmentLen(f[end+1:])
		if n < 0 {
			return end, false
		}
		if n == 0 {
			break
		}
		end += 1 + n
	}
	if end == j || end < len(f) && isWord(f[end]) {
		return end, false
	}
	return end, true
}

// segmentLen returns the length of the segment at the start of s, 0 when
// s does not start with one, or -1 when it starts with a word or number
// too long to be a segment. It follows lexSegment.
func segmentLen(s string) int {
	n := 0
	switch {
	case s == "":
		return 0
	case isDigit(s[0]):
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		if n > maxNumber {
			return -1
		}
		return n
	case isLetter(s[0]):
		for n < len(s) && isLetter(s[n]) {
			n++
		}
		if n > maxWord {
			return -1
		}
	default:
		return 0
	}
	if n+1 < len(s) {
		switch {
		case s[n] == '.' && isDigit(s[n+1]):
			k := n + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k-n-1 <= maxTail {
				return k
			}
		case s[n] == '.' && isLetter(s[n+1]):
			k := n + 1
			for k < len(s) && isLetter(s[k]) {
				k++
			}
			if k-n-1 <= maxTail {
				return k
			}
		case s[n] == '-' && isDigit(s[n+1]):
			k := n + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k-n-1 <= 3 {
				return k
			}
		}
	}
	return n
}

// scanQualifier returns the end of a bracketed qualifier such as
// " (Resumption 1)" or "(1999)" starting at f[i], or 0. Parse decides
// whether it belongs to the symbol.
func scanQualifier(f string, i int) int {
	k := i
	for k < len(f) && k-i < 2 && f[k] == ' ' {
		k++
	}
	if k >= len(f) || f[k] != '(' {
		return 0
	}
	for m := k + 1; m < len(f) && m-k <= 24; m++ {
		switch f[m] {
		case ')':
			return m + 1
		case '(', '\n', '\r':
			return 0
		}
	}
	return 0
}

// find adds the candidates of one list rule. The start pattern is tried
// at each position where it can begin, which finds the same leftmost
// matches as an unanchored search; separators and items are then matched
// one by one, so a list is read item by item with each item's own span.
func (r *listRule) find(f string, out []group, order int) []group {
	if !prefilter.All(f, r.needs) {
		return out
	}
	digit := -1 // the first ASCII digit at or after p, once looked for
	for p := 0; p < len(f); {
		p = r.candidate(f, p)
		if p >= len(f) {
			break
		}
		next := p + runeLen(f, p)
		if !startOK(f, p) {
			p = next
			continue
		}
		if r.digit {
			// The start cannot match in a window without a digit.
			if digit < p {
				digit = indexDigit(f, p)
			}
			if digit >= len(f) {
				break
			}
			if digit >= p+window {
				p = next
				continue
			}
		}
		if loc := matchAt(r.start, f, p); loc != nil {
			g, stop := r.read(f, p, p+loc[2*r.first])
			if g != nil {
				g.order = order
				out = append(out, *g)
			}
			// A later start inside the same list would reach the same
			// end and fail or duplicate the same way; skipping it keeps
			// the scan linear.
			next = max(next, stop)
		}
		p = next
	}
	return out
}

// candidate returns the first position from p where the rule's start can
// begin, or len(f).
func (r *listRule) candidate(f string, p int) int {
	if r.lead == nil {
		return p
	}
	for p < len(f) {
		c := f[p]
		if c < utf8.RuneSelf {
			if r.lead.ASCII[c] {
				return p
			}
			p++
			continue
		}
		rn, n := utf8.DecodeRuneInString(f[p:])
		if r.lead.Has(rn) {
			return p
		}
		p += n
	}
	return p
}

// window bounds the text an anchored match looks at, so that each attempt
// costs the same however long the text is. No reference phrase is nearly
// this long; a pattern whose \s* runs past it simply does not match.
const window = 256

// matchAt runs an anchored pattern at f[p:] and returns its submatch
// offsets relative to p, or nil.
func matchAt(re *regexp.Regexp, f string, p int) []int {
	return re.FindStringSubmatchIndex(f[p:min(len(f), p+window)])
}

// read reads the list whose lead-in starts at s and whose first item starts
// at first. It returns the group, or nil, and where scanning may resume.
func (r *listRule) read(f string, s, first int) (*group, int) {
	var items []item
	p := first
	for {
		it, e := r.item(f, p)
		if e < 0 {
			break
		}
		items = append(items, item{start: p, end: e, symbol: it})
		sl := matchAt(r.sep, f, e)
		if sl == nil {
			break
		}
		p = e + sl[1]
	}
	if len(items) == 0 {
		return nil, first
	}
	stop := items[len(items)-1].end
	// The longest list that is properly closed wins: "第1373（2001）号和第
	// 1624（2005）号决议" needs the closing 决议 after its last item.
	for k := len(items); k > 0; k-- {
		end := items[k-1].end
		if r.after != nil {
			al := matchAt(r.after, f, end)
			if al == nil {
				continue
			}
			end += al[1]
		}
		end = trimRight(f, s, end)
		if !endOK(f, end) {
			continue
		}
		return r.build(f, s, end, items[:k]), max(stop, end)
	}
	return nil, stop
}

// item matches one item of the rule at p and returns its symbol template
// filled in and its end, or -1.
func (r *listRule) item(f string, p int) (string, int) {
	for _, ir := range r.items {
		loc := matchAt(ir.re, f, p)
		if loc == nil || loc[1] == 0 {
			continue
		}
		var b strings.Builder
		for _, part := range ir.parts {
			if part.group < 0 {
				b.WriteString(part.lit)
			} else if a := loc[2*part.group]; a >= 0 {
				b.WriteString(f[p+a : p+loc[2*part.group+1]])
			}
		}
		return b.String(), p + loc[1]
	}
	return "", -1
}

// build turns the items into a group, keeping those whose symbol parses.
func (r *listRule) build(f string, s, end int, items []item) *group {
	g := &group{start: s, end: end}
	single := len(items) == 1
	for _, it := range items {
		sym, err := Parse(it.symbol)
		if err != nil {
			continue
		}
		a, b := it.start, it.end
		if single {
			a, b = s, end
		}
		a, b = trimLeft(f, a, b), trimRight(f, a, b)
		g.items = append(g.items, item{start: a, end: b, symbol: sym.String()})
	}
	if len(g.items) == 0 {
		return nil
	}
	return g
}

// startOK rejects a match that begins inside an ASCII word or number
// ("3/4" in "123/4"), or a number that continues a symbol or a date.
func startOK(f string, s int) bool {
	if s == 0 || !isWord(f[s]) {
		return true
	}
	c := f[s-1]
	return !isWord(c) && !(isDigit(f[s]) && (c == '/' || c == '.' || c == '-'))
}

// endOK rejects a match that ends inside an ASCII word or number
// ("48/2370" would otherwise give 48/237).
func endOK(f string, e int) bool {
	return e == 0 || e >= len(f) || !isWord(f[e-1]) || !isWord(f[e])
}

func trimLeft(f string, a, b int) int {
	for a < b && isSpace(f[a]) {
		a++
	}
	return a
}

func trimRight(f string, a, b int) int {
	for b > a && isSpace(f[b-1]) {
		b--
	}
	return b
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func runeLen(f string, i int) int {
	if f[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(f[i:])
	return n
}

// indexDigit returns the index of the first ASCII digit in f from i on,
// or len(f).
func indexDigit(f string, i int) int {
	for ; i < len(f); i++ {
		if isDigit(f[i]) {
			return i
		}
	}
	return i
}

// hasDigit reports an ASCII or full-width digit (０-９ is EF BC 90-99).
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
			return true
		}
		// Arabic-Indic digits: U+0660-0669 (D9 A0-A9), U+06F0-06F9 (DB B0-B9).
		if i+1 < len(s) && (c == 0xD9 && s[i+1] >= 0xA0 && s[i+1] <= 0xA9 || c == 0xDB && s[i+1] >= 0xB0 && s[i+1] <= 0xB9) {
			return true
		}
	}
	return false
}

// mayHaveSlash reports a slash or one of the look-alikes foldRune maps to
// it: every printed symbol has one.
func mayHaveSlash(s string) bool {
	if strings.IndexByte(s, '/') >= 0 || prefilter.Contains(s, "／") {
		return true
	}
	// ∕ and ⁄ begin with E2, a byte Chinese prose seldom holds: one fast
	// search for it usually settles both.
	if strings.IndexByte(s, 0xE2) < 0 {
		return false
	}
	return prefilter.Contains(s, "\u2215") || prefilter.Contains(s, "\u2044")
}

// mayMatch reports whether any of the language's phrasings could match
// text before folding. Only literals that no folded text can produce are
// tested (ASCII could come from full-width forms): 决议 can, resolution not.
func (l *langSpec) mayMatch(text string) bool {
	if l == nil {
		return false
	}
	for _, raw := range l.anyRaw {
		if prefilter.All(text, raw) {
			return true
		}
	}
	return false
}

// foldInvariant reports whether no folded text but s itself contains s:
// no rune of s is ASCII or the image of a fold.
func foldInvariant(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf || foldRune(r) != r {
			return false
		}
	}
	return true
}
