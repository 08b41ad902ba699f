// Package layout turns extracted text into clean lines and paragraphs.
//
// Text extracted from a UN record still carries the printed page: running
// heads, folios with job numbers, page breaks, and lines broken where the
// column ended. Clean removes the page furniture wherever it falls (as whole
// lines or glued into a line of text) and remembers what it saw, since the
// running heads are often the only place a record states its symbol and
// date. Paragraphs then joins lines the way the script needs.
package layout

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/prefilter"
)

// Script selects how lines are measured and joined.
type Script int

const (
	// Han text is joined without spaces and measured in ideographic widths.
	Han Script = iota
	// Latin (and Cyrillic) text is joined with a space, hyphenation undone.
	Latin
)

// Line is one line of text after furniture removal.
type Line struct {
	Text        string // trimmed, furniture removed
	No          int    // 1-based line number in the decoded text
	PageStart   bool   // first line after a page break (form feed or leading-space marker)
	BlankBefore bool   // a meaningful blank line preceded it (a paragraph break)

	// Known only for lines read from a styled page (FromPages):
	Styled bool // the fields below are known; paragraph breaks come from geometry
	Bold   int  // bytes of Text set in bold from its start (0: starts in regular type)
	Italic bool // every letter is in italics
}

// Furniture is what the running heads and folios said.
type Furniture struct {
	Symbols []string // meeting symbols in running heads, as printed, most frequent first
	Dates   []string // dates in running heads (dd/mm/yyyy), most frequent first
	Titles  []string // running-head titles, most frequent first
	Jobs    []string // job numbers (16-34838), most frequent first
	Pages   int      // largest page count seen in a folio (24/29 → 29)
	Removed int      // pieces of furniture removed
}

// Doc is a cleaned text.
type Doc struct {
	Lines     []Line
	Furniture Furniture
	// BoldLabels is set for a styled document that sets text in bold
	// (speaker labels, headings); a scan's text layer may have no styles.
	BoldLabels bool
}

var (
	// A folio with its job number, in either order: "24/29 16-34838",
	// "16-34838 3/29". The job number's shape (yy-nnnnn) keeps this from
	// matching ordinary fractions or resolution numbers.
	folioRe = regexp.MustCompile(`(?:^|\s*)(?:(\d{1,3})\s*/\s*(\d{1,3})\s+(\d{2}-\d{5})(?:\s*\(\s*[A-Z]\s*\))?|(\d{2}-\d{5})(?:\s*\(\s*[A-Z]\s*\))?\s+(\d{1,3})\s*/\s*(\d{1,3}))(?:\s*|$)`)
	// A running head: symbol, title, date — or date, title, symbol. The
	// title may be anything but sentence punctuation, and is bounded so a
	// head glued into a sentence cannot swallow the sentence.
	headSymDateRe = regexp.MustCompile(`((?:S|A)/(?:[0-9A-Z.\-]+/)*PV\.\d+(?:\s*\(\s*Resumption\s*\d+\s*\))?)[ \t\x{3000}]+([^。！？；\n]{1,160}?)[ \t\x{3000}]+(\d{1,2}/\d{1,2}/\d{4})`)
	headDateSymRe = regexp.MustCompile(`(\d{1,2}/\d{1,2}/\d{4})[ \t\x{3000}]+([^。！？；\n]{1,160}?)[ \t\x{3000}]+((?:S|A)/(?:[0-9A-Z.\-]+/)*PV\.\d+(?:\s*\(\s*Resumption\s*\d+\s*\))?)`)
	// A folio glued to its job number by the extraction: "20-008063/12".
	gluedFolioRe = regexp.MustCompile(`(\d{2}-\d{5})(\d{1,3})/(\d{1,3})$`)
)

//go:embed data/furniture.txt
var furnitureFile string

// furniturePattern is a whole-line furniture pattern of
// data/furniture.txt with the runes its match can begin with (nil:
// unbounded).
type furniturePattern struct {
	re    *regexp.Regexp
	first *prefilter.RuneSet
}

// furnitureLines are the whole-line furniture patterns of data/furniture.txt.
var furnitureLines = func() []furniturePattern {
	var out []furniturePattern
	for _, l := range strings.Split(furnitureFile, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, furniturePattern{re: regexp.MustCompile(l), first: prefilter.FirstRunes(l)})
	}
	return out
}()

// furnitureFirst is the union of the patterns' first runes, nil when one
// of them is unbounded.
var furnitureFirst = func() *prefilter.RuneSet {
	u := &prefilter.RuneSet{}
	for _, p := range furnitureLines {
		if p.first == nil {
			return nil
		}
		u.AddSet(p.first)
	}
	return u
}()

// isFurnitureLine reports a line that is page furniture as a whole.
func isFurnitureLine(s string) bool {
	if len(s) > 120 {
		return false
	}
	// Every pattern is anchored at the line's start: a line can only be
	// furniture of a pattern that may begin with its first rune, and
	// prose lines (Chinese ones above all) begin with none of them.
	first, _ := utf8.DecodeRuneInString(s)
	if furnitureFirst != nil && !furnitureFirst.Has(first) {
		return false
	}
	// Every furniture pattern has a number in it.
	if !hasASCIIDigit(s) {
		return false
	}
	for _, p := range furnitureLines {
		if p.first != nil && !p.first.Has(first) {
			continue
		}
		if p.re.MatchString(s) {
			return true
		}
	}
	return false
}

func hasASCIIDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// Clean splits text into lines, drops page furniture and blank-line
// artefacts, and reports the furniture it found.
func Clean(text string, sc Script) Doc {
	// The trimmed lines are kept as spans of text, not as strings: the
	// slice holds no pointers, so the collector neither scans it nor
	// tracks the writes into it.
	spans := make([]span, strings.Count(text, "\n")+1)
	var changedLines map[int]string // lines that are not spans of text
	var doc Doc
	c := &cleaner{sc: sc, counts: map[string]map[string]int{"sym": {}, "date": {}, "title": {}, "job": {}}}

	// One pass over the lines: the page count of whole-line folios, the
	// running heads that stand alone on a line (so that the same heads
	// can be cut exactly where they are glued into a sentence), and each
	// line trimmed, in place, with what its untrimmed form said: a form
	// feed marks a page break, and so may a leading space.
	var heads []string
	totals := map[string]int{}
	flags := make([]uint8, len(spans))
	nonEmpty := 0
	rest, off := text, 0
	for i := range spans {
		orig := rest
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			orig, rest = rest[:j], rest[j+1:]
		}
		start := off
		off += len(orig) + 1
		l := orig
		changed := false
		m0 := byteClasses(orig)
		if m0&hasCtl != 0 && strings.IndexByte(l, '\f') >= 0 {
			flags[i] |= lineFeed
			l, changed = strings.ReplaceAll(l, "\f", ""), true
		}
		if m0&hasCtl != 0 && hasControl(l) {
			changed = true
			// Backspaces and other controls that extraction leaves
			// inside folios ("2/31\b 22-58466") are spaces to us.
			l = strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\t' {
					return ' '
				}
				return r
			}, l)
		}
		if len(l) > 0 && (l[0] == ' ' || strings.HasPrefix(l, "\u3000")) {
			flags[i] |= lineIndented
		}
		t := trimSpace(l)
		if changed {
			flags[i] |= byteClasses(t)
		} else {
			flags[i] |= m0 // t is part of orig
		}
		// Folios are learned from the line as extracted.
		ft := t
		if changed {
			ft = trimSpace(orig)
		}
		if m0&hasDash != 0 && len(ft) < 30 && hasJobNumber(ft) {
			if sm := folioRe.FindStringSubmatch(ft); sm != nil && len(strings.TrimSpace(sm[0])) == len(ft) {
				if sm[3] != "" {
					totals[sm[2]]++
				} else {
					totals[sm[6]]++
				}
			}
		}
		if m0&hasP != 0 && strings.Contains(orig, "PV.") {
			s := strings.TrimSpace(strings.ReplaceAll(orig, "\f", ""))
			if m := headSymDateRe.FindStringSubmatch(s); m != nil && m[0] == s {
				heads = append(heads, s)
			} else if m := headDateSymRe.FindStringSubmatch(s); m != nil && m[0] == s {
				heads = append(heads, s)
			}
		}
		switch {
		case t == "":
		case changed:
			if changedLines == nil {
				changedLines = map[int]string{}
			}
			changedLines[i] = t
			spans[i] = span{0, 1} // not empty; the text is in changedLines
		default:
			a := start + trimmedStart(orig, t)
			spans[i] = span{a, a + len(t)}
		}
		if t != "" {
			nonEmpty++
		}
	}
	if r := ranked(totals); len(r) > 0 {
		c.pages = r[0]
	}
	doc.Lines = make([]Line, 0, nonEmpty)
	doubleSpaced := isDoubleSpaced(spans)
	pageStart := true
	blank := 0
	for i, sp := range spans {
		if flags[i]&lineFeed != 0 {
			pageStart = true
		}
		if sp.empty() {
			blank++
			continue
		}
		s := text[sp.start:sp.end]
		if changedLines != nil {
			if t, ok := changedLines[i]; ok {
				s = t
			}
		}
		// In the founding sample a page starts with a line that has a
		// leading space; elsewhere indentation means nothing to us.
		if flags[i]&lineIndented != 0 && i > 0 {
			pageStart = true
		}
		// The bytes a line holds tell which furniture it may hold: a
		// running head has "PV.", a folio a job number's dash.
		before, m := s, flags[i]
		if m&hasP != 0 {
			s = c.cutHeads(s, heads)
		}
		if m&hasDash != 0 {
			s = c.cutFolios(s)
		}
		if s != before {
			doc.Furniture.Removed++
			s = c.glue(s)
			m = byteClasses(s)
		}
		if sc == Han {
			if m&hasSpace != 0 {
				s = hanSpaces(s)
			}
		} else if strings.Contains(s, " ") {
			s = unspace(s)
		}
		if s == "" || isFurnitureLine(s) {
			if s != "" {
				doc.Furniture.Removed++
				c.noteLine(s)
			}
			blank = 0
			pageStart = true
			continue
		}
		bb := blank > 0 && (!doubleSpaced || blank > 1)
		doc.Lines = append(doc.Lines, Line{Text: s, No: i + 1, PageStart: pageStart, BlankBefore: bb})
		pageStart = false
		blank = 0
	}
	doc.Furniture.Symbols = ranked(c.counts["sym"])
	doc.Furniture.Dates = ranked(c.counts["date"])
	doc.Furniture.Titles = ranked(c.counts["title"])
	doc.Furniture.Jobs = ranked(c.counts["job"])
	doc.Furniture.Pages = c.maxPages
	return doc
}

// What Clean remembers of a line before trimming it, and which bytes the
// trimmed line holds (each bit is a cheap test before an exact one).
const (
	lineFeed     = 1 << iota // it had a form feed
	lineIndented             // it began with a space
	hasCtl                   // a control other than a tab
	hasDash                  // '-', as in a job number
	hasP                     // 'P', as in "PV."
	hasSpace                 // a byte that may begin white space (mayHaveSpace)
)

// byteClass maps a byte to its has* bits.
var byteClass = func() (t [256]uint8) {
	for b := range 0x20 {
		if b != '\t' {
			t[b] = hasCtl
		}
	}
	t['-'] |= hasDash
	t['P'] |= hasP
	for b, lead := range spaceLead {
		if lead {
			t[b] |= hasSpace
		}
	}
	return t
}()

// byteClasses returns the has* bits of the bytes of s, in one pass.
func byteClasses(s string) uint8 {
	// Four bytes a round into four sums, so that the rounds overlap.
	var m0, m1, m2, m3 uint8
	for len(s) >= 4 {
		m0 |= byteClass[s[0]]
		m1 |= byteClass[s[1]]
		m2 |= byteClass[s[2]]
		m3 |= byteClass[s[3]]
		s = s[4:]
	}
	for i := 0; i < len(s); i++ {
		m0 |= byteClass[s[i]]
	}
	return m0 | m1 | m2 | m3
}

// trimSpace is strings.TrimSpace with a fast answer for the common line
// that neither begins nor ends with white space.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isSpace(first) && !isSpace(last) {
		return s
	}
	return strings.TrimSpace(s)
}

// isSpace is unicode.IsSpace without a table search.
func isSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// cleaner holds what one Clean call has seen of the furniture.
type cleaner struct {
	sc       Script
	pages    string // the page count printed in whole-line folios, if any
	counts   map[string]map[string]int
	maxPages int
}

func (c *cleaner) note(kind, v string) {
	if v != "" {
		c.counts[kind][v]++
	}
}

func (c *cleaner) cutHeads(s string, learned []string) string {
	if !strings.Contains(s, "PV.") {
		return s // every running head names the meeting record
	}
	for _, h := range learned {
		for strings.Contains(s, h) {
			s = strings.Replace(s, h, cut, 1)
			c.noteHead(h)
		}
	}
	for _, re := range []*regexp.Regexp{headSymDateRe, headDateSymRe} {
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			c.noteHead(m)
			return cut
		})
	}
	return s
}

func (c *cleaner) noteHead(h string) {
	if m := headSymDateRe.FindStringSubmatch(h); m != nil {
		c.note("sym", m[1])
		c.note("title", strings.TrimSpace(m[2]))
		c.note("date", m[3])
	} else if m := headDateSymRe.FindStringSubmatch(h); m != nil {
		c.note("date", m[1])
		c.note("title", strings.TrimSpace(m[2]))
		c.note("sym", m[3])
	}
}

func (c *cleaner) cutFolios(s string) string {
	if !hasJobNumber(s) {
		return s
	}
	if m := gluedFolioRe.FindStringSubmatch(s); m != nil && len(m[0]) == len(s) {
		c.note("job", m[1])
		c.notePages(m[3])
		return cut
	}
	return folioRe.ReplaceAllStringFunc(s, func(m string) string {
		sm := folioRe.FindStringSubmatch(m)
		// A folio glued into a sentence can take the sentence's digits
		// for its own: "2025年3" + "2/6 25-01234" reads as page 32, and
		// "3/29" + "2025年" as 292 pages. The page count of the record,
		// learned from whole-line folios, tells how many digits are the
		// folio's; the others are given back to the text.
		var before, after string
		page, total := sm[1], sm[2]
		if sm[3] != "" {
			c.note("job", sm[3])
		} else {
			c.note("job", sm[4])
			page, total = sm[5], sm[6]
		}
		if c.pages != "" && strings.HasPrefix(total, c.pages) && total != c.pages {
			after = total[len(c.pages):]
			total = c.pages
		}
		for len(page) > 1 && (page[0] == '0' || atoi(total) > 0 && atoi(page) > atoi(total)) {
			before += page[:1]
			page = page[1:]
		}
		c.notePages(total)
		lead := m[:len(m)-len(strings.TrimLeft(m, " \t"))]
		trail := m[len(strings.TrimRight(m, " \t")):]
		if before != "" || after != "" {
			return strings.TrimSpace(lead+before) + cut + strings.TrimSpace(after+trail)
		}
		return cut
	})
}

func (c *cleaner) notePages(total string) {
	if n := atoi(total); n > c.maxPages && n < 1000 {
		c.maxPages = n
	}
}

// cut marks where furniture was taken out of a line, so that the text on
// either side can be joined the way the script joins lines.
const cut = "\x00"

func (c *cleaner) glue(s string) string {
	var out string
	for _, p := range strings.Split(s, cut) {
		out = Join(out, strings.TrimSpace(p), c.sc)
	}
	return out
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 && s[i] != '\t' {
			return true
		}
	}
	return false
}

// noteLine records what a whole furniture line says: a symbol, a date, a
// job number, a page count.
func (c *cleaner) noteLine(s string) {
	if m := symLineRe.FindString(s); m != "" {
		c.note("sym", m)
	}
	if m := dateLineRe.FindString(s); m != "" {
		c.note("date", m)
	}
	if m := jobLineRe.FindString(s); m != "" {
		c.note("job", m)
	}
}

var (
	symLineRe  = regexp.MustCompile(`[AS]/(?:[0-9A-Z.\-]+/)*PV\.\d+(?:\s*\(\s*Resumption\s*\d+\s*\))?`)
	dateLineRe = regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{4}\b`)
	jobLineRe  = regexp.MustCompile(`\b\d{2}-\d{5}\b`)
)

// hasJobNumber reports whether s has the shape of a job number, yy-nnnnn,
// which every folio carries: a cheap test before the regexp.
func hasJobNumber(s string) bool {
	for i := 2; i+5 < len(s); i++ {
		j := strings.IndexByte(s[i:len(s)-5], '-')
		if j < 0 {
			return false
		}
		i += j
		if isDigit(s[i-1]) && isDigit(s[i-2]) && isDigit(s[i+1]) && isDigit(s[i+5]) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// span is a trimmed line in Clean: text[start:end].
type span struct{ start, end int }

func (s span) empty() bool { return s.start == s.end }

// trimmedStart returns where t, trimSpace(line), begins in line.
func trimmedStart(line, t string) int {
	if len(t) == len(line) {
		return 0
	}
	return len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
}

// isDoubleSpaced reports whether the extraction put a blank line after
// every line, in which case a single blank line carries no meaning.
func isDoubleSpaced(trimmed []span) bool {
	var text, followed int
	for i, l := range trimmed {
		if l.empty() {
			continue
		}
		text++
		if i+1 < len(trimmed) && trimmed[i+1].empty() {
			followed++
		}
	}
	return text > 10 && followed*10 >= text*8
}

func ranked(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// hanSpaces removes the spaces extraction leaves between Chinese
// characters ("概 念 说 明", "。  他还说") and keeps one space between
// two Latin words or numbers.
func hanSpaces(s string) string {
	if !mayHaveSpace(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1) // the last rune written; a space run never follows a space
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			if r == utf8.RuneError && n == 1 {
				b.WriteRune(r) // as a conversion to runes would have it
			} else {
				b.WriteString(s[i : i+n])
			}
			prev = r
			i += n
			continue
		}
		j := i + n
		var next rune
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) {
				next = r
				break
			}
			j += n
		}
		if prev >= 0 && j < len(s) && !isWide(prev) && !isWide(next) {
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

// spacedRe finds words set letter by letter, as justified lines of old
// records come out: "M a u r i t a n i a".
var spacedRe = regexp.MustCompile(`(?:\b\pL ){3,}\pL\b`)

// unspace closes up letter-spaced words. Where several words were spaced
// out together their boundaries are lost ("K i n g d o m o f" becomes
// "Kingdomof"); readers of names (the gazetteer) compare such text
// without spaces.
func unspace(s string) string {
	if !hasSpacedLetters(s) || !spacedRe.MatchString(s) {
		return s
	}
	return spacedRe.ReplaceAllStringFunc(s, func(m string) string {
		return strings.ReplaceAll(m, " ", "")
	})
}

// hasSpacedLetters is a cheap test for three single letters in a row,
// each followed by a space ("M a u"), before the regexp runs.
func hasSpacedLetters(s string) bool {
	for i := 0; i+4 < len(s); i++ {
		if isASCIILetter(s[i]) && s[i+1] == ' ' && isASCIILetter(s[i+2]) && s[i+3] == ' ' &&
			isASCIILetter(s[i+4]) && (i == 0 || s[i-1] == ' ') {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mayHaveSpace is a byte-level test for the white space unicode.IsSpace
// knows, cheaper than decoding runes.
func mayHaveSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !spaceLead[s[i]] {
			continue
		}
		switch s[i] {
		case ' ', '\t':
			return true
		case 0xC2: // U+00A0, U+0085
			if i+1 < len(s) && (s[i+1] == 0xA0 || s[i+1] == 0x85) {
				return true
			}
		case 0xE1: // U+1680
			if i+2 < len(s) && s[i+1] == 0x9A && s[i+2] == 0x80 {
				return true
			}
		case 0xE2: // U+2000-200A, U+2028, U+2029, U+202F, U+205F
			if i+2 < len(s) && (s[i+1] == 0x80 && (s[i+2] <= 0x8A || s[i+2] == 0xA8 || s[i+2] == 0xA9 || s[i+2] == 0xAF) ||
				s[i+1] == 0x81 && s[i+2] == 0x9F) {
				return true
			}
		case 0xE3: // U+3000
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
				return true
			}
		}
	}
	return false
}

// spaceLead marks the bytes mayHaveSpace looks at more closely: a table
// lookup a byte is cheaper than the switch.
var spaceLead = [256]bool{' ': true, '\t': true, 0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

// Width measures s in ideographic cells for Han script (wide characters 1,
// others ½, roughly how a proportional Latin font sets beside CJK), and in
// characters for Latin script.
func Width(s string, sc Script) float64 {
	if sc == Latin {
		return float64(utf8.RuneCountInString(s))
	}
	// Counted in half cells: the same sums as adding 1 and 0.5, exactly.
	half := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			half++
			i++
			continue
		case c >= 0xE5 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80,
			c == 0xE4 && i+2 < len(s) && s[i+1] >= 0xB8 && s[i+1] <= 0xBF && s[i+2]&0xC0 == 0x80:
			// U+4E00-U+9FFF: the common ideographs (中, 为, 以 and 会
			// among the first), wide.
			half += 2
			i += 3
			continue
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] > 0x80 && s[i+2] <= 0xBF:
			// U+FF01-U+FF3F: full-width punctuation, wide.
			half += 2
			i += 3
			continue
		case c == 0xE3 && i+2 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x83 && s[i+2]&0xC0 == 0x80:
			// U+3000-U+30FF: CJK punctuation and kana, wide.
			half += 2
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWide(r) {
			half += 2
		} else {
			half++
		}
		i += n
	}
	return float64(half) / 2
}

func isWide(r rune) bool {
	if r < 0x1100 {
		return r == '—' || r == '…' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·' || r == '•'
	}
	if r >= 0x4E00 && r <= 0x9FFF { // the common ideographs, tested first
		return true
	}
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK punctuation
		(r >= 0xFF01 && r <= 0xFF60) || // full-width forms
		(r >= 0xFFE0 && r <= 0xFFE6) ||
		(r >= 0x2E80 && r <= 0x2FFF) ||
		(r >= 0x3040 && r <= 0x30FF) || // kana
		(r >= 0xAC00 && r <= 0xD7A3) || // hangul
		r == '—' || r == '…' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·' || r == '•'
}

// joinTo appends next to the paragraph in b as Join would, without
// copying the paragraph for every line.
func joinTo(b []byte, next string, sc Script, hy *hyphens) []byte {
	if len(b) == 0 || next == "" {
		return append(b, next...)
	}
	a, _ := utf8.DecodeLastRune(b)
	c, _ := utf8.DecodeRuneInString(next)
	if sc == Han {
		if isLatinLetter(a) && isLatinLetter(c) {
			b = append(b, ' ')
		}
		return append(b, next...)
	}
	if a == '-' && len(b) > 1 {
		before, _ := utf8.DecodeLastRune(b[:len(b)-1])
		if unicode.IsLower(before) && unicode.IsLower(c) && hy.broken(lastWord(b[:len(b)-1]), firstWordOf(next)) {
			return append(b[:len(b)-1], next...)
		}
		if unicode.IsLetter(before) {
			return append(b, next...) // a compound: keep the hyphen, no space
		}
	}
	b = append(b, ' ')
	return append(b, next...)
}

//go:embed data/suffixes-en.txt
var suffixFile string

var suffixes = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(suffixFile, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// hyphens decides whether a hyphen at the end of a line is the
// typesetter's (drop it) or the word's (keep it), from how the record
// itself writes words elsewhere.
type hyphens struct {
	words map[string]bool // lower-case words and compounds seen inside lines
}

func newHyphens(lines []Line) *hyphens {
	h := &hyphens{words: map[string]bool{}}
	for i, l := range lines {
		ws := strings.FieldsFunc(l.Text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		for j, w := range ws {
			if j == len(ws)-1 && strings.HasSuffix(l.Text, "-") {
				continue // a fragment before a line break
			}
			if j == 0 && i > 0 && strings.HasSuffix(lines[i-1].Text, "-") {
				continue // the fragment after one
			}
			h.words[strings.ToLower(strings.Trim(w, "-"))] = true
		}
	}
	return h
}

// broken reports whether first + "-" + second at a line end is one word
// broken in two. Without knowledge (h nil) the hyphen is kept: a kept
// hyphen is a smaller error than two words run together.
func (h *hyphens) broken(first, second string) bool {
	if h == nil {
		return false
	}
	f, s := strings.ToLower(first), strings.ToLower(second)
	switch {
	case h.words[f+"-"+s]:
		return false
	case h.words[f+s]:
		return true
	}
	return suffixes[strings.TrimRight(s, ".,;:!?)”’")]
}

func lastWord(b []byte) string {
	i := len(b)
	for i > 0 {
		r, n := utf8.DecodeLastRune(b[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	return string(b[i:])
}

func firstWordOf(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// Join appends next to prev the way the script joins lines of one
// paragraph.
func Join(prev, next string, sc Script) string {
	return string(joinTo([]byte(prev), next, sc, nil))
}

func isLatinLetter(r rune) bool {
	return r < 0x250 && unicode.IsLetter(r)
}
