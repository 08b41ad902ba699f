package layout

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Para is a paragraph: lines joined, with the number of its first line.
type Para struct {
	Text  string
	Line  int // 1-based source line of the first line
	Lines int // how many lines it was made of

	// Known only for paragraphs of styled lines:
	Styled bool
	Bold   int  // bytes of Text in bold from its start
	Italic bool // every line is italic
}

// Part is a piece of the paragraph cut out of it (a procedural sentence):
// the head keeps the paragraph's start, its line count and its bold
// start; a later part starts mid-paragraph, where nothing is bold.
func (p Para) Part(text string, head bool) Para {
	q := p
	q.Text = text
	if !head {
		q.Lines, q.Bold = 1, 0
	}
	return q
}

// isOpening reports opening punctuation, which never ends a paragraph:
// one of （(《“「『【〈‘[<.
func isOpening(r rune) bool {
	switch r {
	case '（', '(', '《', '“', '「', '『', '【', '〈', '‘', '[', '<':
		return true
	}
	return false
}

// firstWord is the width of what a line starts with that cannot be
// broken: a run of Latin letters, digits and symbols, or one character.
func firstWord(s string, sc Script) float64 {
	end := strings.IndexFunc(s, func(r rune) bool { return r >= 0x80 || r == ' ' })
	if sc == Latin {
		end = strings.IndexByte(s, ' ')
	}
	switch {
	case end == 0:
		_, n := utf8.DecodeRuneInString(s)
		return Width(s[:n], sc)
	case end < 0:
		return Width(s, sc)
	}
	return Width(s[:end], sc)
}

// isTerminal reports punctuation that can end a paragraph (。！？：；…!?:;.);
// a closing quote counts only after one of these ("。”"), since a quoted
// word can end a line in the middle of a sentence.
func isTerminal(r rune) bool {
	switch r {
	case '。', '！', '？', '：', '；', '…', '!', '?', ':', ';', '.':
		return true
	}
	return false
}

// isClosing reports a closing quote or bracket: ”」』’")）).
func isClosing(r rune) bool {
	switch r {
	case '”', '」', '』', '’', '"', ')', '）':
		return true
	}
	return false
}

// Paragraphs groups lines into paragraphs. Extraction from PDF loses the
// paragraph indent and spacing, so the breaks are inferred from the shape
// of the lines: the column width is the most common line width; a
// paragraph's last line is shorter and ends with terminal punctuation; a
// paragraph's first line is shorter by the indent. Where the shape cannot
// tell, lines are kept together: two paragraphs merged lose less than one
// sentence split in two.
//
// breakBefore lets the caller force a break before line i (a speaker label
// or a procedural sentence starts there); it may be nil. The first
// headings lines are headings (the agenda before the first speech): there
// every line shorter than the column ends a paragraph, punctuation or not.
func Paragraphs(lines []Line, sc Script, headings int, breakBefore func(i int) bool) []Para {
	if len(lines) == 0 {
		return nil
	}
	if lines[0].Styled {
		return paragraphsStyled(lines, sc, breakBefore)
	}
	w := make([]float64, len(lines))
	for i, l := range lines {
		w[i] = Width(l.Text, sc)
	}
	if sc == Latin {
		return paragraphsLatin(lines, w, headings, breakBefore)
	}
	full, wrapped := fullWidth(w)
	if !wrapped {
		// No column width dominates: the text was not wrapped by a
		// page, so each line is a paragraph.
		return perLine(lines)
	}
	const indent = 2.0 // ideographic cells of a first-line indent
	isFull := func(i int) bool { return w[i] > full-1 }
	colShort := full * 0.6
	inBand := func(i int) bool {
		return w[i] >= full-indent-1 && w[i] <= full-1
	}
	term := func(i int) bool { return endsSentence(lines[i].Text) }
	forced := func(i int) bool { return forcedBreak(lines, i, breakBefore) }

	var out []Para
	var cur Para
	var text []byte
	ar := newArena(lines)
	start := true // line i starts a paragraph
	for i, l := range lines {
		ar.read(l)
		if start {
			cur = Para{Line: l.No, Lines: 1}
			text = append(text[:0], l.Text...)
		} else {
			text = joinTo(text, l.Text, sc, nil)
			cur.Lines++
		}
		brk := forced(i + 1)
		if !brk && i+1 < len(lines) {
			r, _ := utf8.DecodeLastRuneInString(l.Text)
			opens := isOpening(r)
			// A line short only because the next word would not fit
			// says nothing about where the paragraph ends: treat it as
			// full.
			full := isFull(i) || w[i]+firstWord(lines[i+1].Text, sc) > full
			switch {
			case opens:
				// An opening bracket never ends a paragraph.
			case i < headings:
				// Headings are set flush, not as wrapped prose: a line
				// shorter than the column ends one.
				brk = !isFull(i)
			case full && !term(i):
			case w[i] < colShort:
				// Nothing continues a line this short.
				brk = true
			case term(i) && !full:
				// A short line ending a sentence ends the paragraph,
				// unless it is a paragraph's indented first line that
				// happens to end a sentence and the next line runs on
				// at full width.
				brk = !(start && inBand(i) && isFull(i+1))
			case term(i) && isFull(i) && inBand(i+1) && !term(i+1):
				// A full line ending a sentence, followed by an
				// indented line that runs on: a new paragraph.
				brk = true
			}
		}
		if brk || i+1 == len(lines) {
			cur.Text = ar.text(text, l.Text, cur.Lines)
			out = append(out, cur)
			start = true
		} else {
			start = false
		}
	}
	return out
}

// arena holds the text of the paragraphs of many lines, copied into one
// string after another rather than each into its own allocation: a
// strings.Builder only ever appends, so what it returned stays as it was.
type arena struct {
	b    strings.Builder
	left int // the bytes of the lines not yet read, and a space after each
}

// newArena makes an arena for the paragraphs of lines: together they hold
// at most the lines' bytes and a space between two lines.
func newArena(lines []Line) *arena {
	a := &arena{}
	for _, l := range lines {
		a.left += len(l.Text) + 1
	}
	return a
}

// read notes that line l has been read.
func (a *arena) read(l Line) { a.left -= len(l.Text) + 1 }

// text is the text of a paragraph built in text, whose last line, just
// read, is line; a paragraph of one line is that line, shared rather than
// copied.
func (a *arena) text(text []byte, line string, lines int) string {
	if lines == 1 {
		return line
	}
	if a.b.Cap()-a.b.Len() < len(text) {
		// The first paragraph of several lines, or a bound that was
		// wrong: room for this one and all that may follow.
		a.b = strings.Builder{}
		a.b.Grow(len(text) + max(0, a.left))
	}
	a.b.Write(text)
	s := a.b.String()
	return s[len(s)-len(text):]
}

// endsSentence reports a line ending in terminal punctuation, perhaps
// followed by a closing quote or bracket.
func endsSentence(t string) bool {
	r, n := utf8.DecodeLastRuneInString(t)
	if isClosing(r) {
		r, _ = utf8.DecodeLastRuneInString(t[:len(t)-n])
	}
	return isTerminal(r)
}

func forcedBreak(lines []Line, i int, breakBefore func(int) bool) bool {
	if i >= len(lines) {
		return true
	}
	if lines[i].BlankBefore {
		return true
	}
	return breakBefore != nil && breakBefore(i)
}

// paragraphsLatin groups the lines of justified Latin text. Such text
// wraps a line only when the next word does not fit, so a line that
// stopped while the next word would have fitted ended on purpose. The
// width a line could hold varies with the letters in it; the margins
// below were measured on Security Council records: sentences ending inside
// a paragraph leave at most about 9 characters unused, lines in the middle
// of a sentence about 12.
func paragraphsLatin(lines []Line, w []float64, headings int, breakBefore func(int) bool) []Para {
	full, wrapped := columnWidth(w)
	if !wrapped || full > maxColumn {
		return perLine(lines)
	}
	hy := newHyphens(lines)
	var out []Para
	var text []byte
	var cur Para
	ar := newArena(lines)
	start := true
	for i, l := range lines {
		ar.read(l)
		if start {
			cur = Para{Line: l.No, Lines: 1}
			text = append(text[:0], l.Text...)
		} else {
			text = joinTo(text, l.Text, Latin, hy)
			cur.Lines++
		}
		brk := forcedBreak(lines, i+1, breakBefore)
		if !brk {
			room := full - (w[i] + 1 + firstWord(lines[i+1].Text, Latin))
			r, _ := utf8.DecodeLastRuneInString(l.Text)
			switch {
			case isOpening(r) || r == ',' || r == '-' || r == '—':
			case i < headings:
				brk = room > 9
			case endsSentence(l.Text):
				brk = room > 9
			default:
				brk = room > 15
			}
		}
		if brk || i+1 == len(lines) {
			cur.Text = ar.text(text, l.Text, cur.Lines)
			out = append(out, cur)
			start = true
		} else {
			start = false
		}
	}
	return out
}

// maxColumn is the widest printed column of Latin text, in characters:
// a text whose long lines are wider was not wrapped to a page, each of
// its lines is a paragraph. (The 90th percentile of line lengths of the
// English PDFs, extracted: 56–60 in two columns, 108 at most on any line.)
const maxColumn = 130

// columnWidth estimates how many characters a full line of justified
// Latin text holds: the 90th percentile of line lengths. wrapped is false
// when too few lines are long enough to tell.
func columnWidth(w []float64) (float64, bool) {
	var long []float64
	for _, x := range w {
		if x >= 20 {
			long = append(long, x)
		}
	}
	if len(long) < 10 || len(long)*10 < len(w)*4 {
		return 0, false
	}
	sort.Float64s(long)
	return long[len(long)*9/10], true
}

func perLine(lines []Line) []Para {
	out := make([]Para, len(lines))
	for i, l := range lines {
		out[i] = Para{Text: l.Text, Line: l.No, Lines: 1}
	}
	return out
}

// fullWidth finds the width of the text column: the most common line
// width (in half cells, give or take half a cell). wrapped is false when no
// width is common enough for the text to have been wrapped to a column.
func fullWidth(w []float64) (full float64, wrapped bool) {
	counts := map[int]int{}
	n := 0
	for _, x := range w {
		if x >= 4 {
			counts[int(x*2+0.5)]++
			n++
		}
	}
	best, bestN := 0, 0
	for k := range counts {
		c := counts[k-1] + counts[k] + counts[k+1]
		if c > bestN || (c == bestN && k > best) {
			best, bestN = k, c
		}
	}
	if bestN < 3 || bestN*10 < n*4 {
		return 0, false
	}
	// The neighbourhood found the region; the column is its commonest width.
	for _, k := range []int{best - 1, best + 1} {
		if counts[k] > counts[best] {
			best = k
		}
	}
	return float64(best) / 2, true
}

// paragraphsStyled groups lines whose paragraph starts the page itself
// showed (FromPages): a paragraph breaks there, or where the caller forces
// it, and nowhere else.
func paragraphsStyled(lines []Line, sc Script, breakBefore func(int) bool) []Para {
	var hy *hyphens
	if sc == Latin {
		hy = newHyphens(lines)
	}
	var out []Para
	var cur Para
	var text []byte
	ar := newArena(lines)
	for i, l := range lines {
		ar.read(l)
		if i == 0 || forcedBreak(lines, i, breakBefore) {
			cur = Para{Line: l.No, Lines: 1, Styled: true, Bold: l.Bold, Italic: l.Italic}
			text = append(text[:0], l.Text...)
		} else {
			text = joinTo(text, l.Text, sc, hy)
			cur.Lines++
			cur.Italic = cur.Italic && l.Italic
		}
		if forcedBreak(lines, i+1, breakBefore) {
			cur.Text = ar.text(text, l.Text, cur.Lines)
			out = append(out, cur)
		}
	}
	return out
}
