package layout

import (
	"slices"
	"sort"
	"strings"

	"github.com/verbatim-un/verbatim/internal/page"
)

// FromPages lays out a styled document by where and how its lines are
// printed rather than by what their text looks like:
//
//   - page furniture goes by position: the running head above the text,
//     the folio, job number and barcode below it, and — under the body
//     text, in a smaller type — the cover page's notice and footnotes;
//     what the furniture says (symbol, date, title, job, page count) is
//     still read from its text;
//   - the two columns are read in order from positions: left column, then
//     right, between lines that span the page;
//   - a paragraph starts where a line is indented or follows a wider gap
//     than the page's line spacing;
//   - each line keeps its style: how much of it starts in bold (speaker
//     labels are bold) and whether it is italic (procedural lines).
func FromPages(d *page.Doc, sc Script) Doc {
	body := bodySize(d)
	es := make([]edges, len(d.Pages))
	for pi := range d.Pages {
		es[pi] = pageEdges(&d.Pages[pi], body, pi == 0)
	}
	heights := furnitureHeights(d, es)
	var doc Doc
	var furniture []string
	kept := make([][]int, len(d.Pages))
	for pi := range d.Pages {
		var furn []string
		kept[pi], furn = sortOutFurniture(&d.Pages[pi], es[pi], heights, len(d.Pages), body)
		furniture = append(furniture, furn...)
	}
	m := measureMargins(d, kept)
	no := 0
	for pi := range d.Pages {
		pg := &d.Pages[pi]
		order := readingOrder(pg, kept[pi], m)
		if pi == 0 && hasLargeType(pg, body) {
			order = coverOrder(pg, kept[pi], body, m)
		}
		pageStart := true
		for _, gl := range order {
			no++
			t := trimSpace(gl.text)
			if sc == Han {
				t = hanSpaces(t)
			} else if strings.Contains(t, " ") {
				t = unspace(t)
				if strings.Contains(t, " -") {
					t = tightHyphens(t)
				}
				if strings.Contains(t, "  ") {
					t = strings.Join(strings.Fields(t), " ")
				}
				if strings.Contains(t, "( ") || strings.Contains(t, " )") {
					// Glyph gaps inside brackets: "(spoke in Russian )".
					t = strings.ReplaceAll(strings.ReplaceAll(t, "( ", "("), " )", ")")
				}
			}
			if t == "" {
				continue
			}
			if isFurnitureLine(t) {
				// What the text says is furniture ("Distr. GENERAL",
				// a symbol alone on its line) wherever it stands.
				furniture = append(furniture, t)
				continue
			}
			bold := min(max(gl.bold-(len(gl.text)-len(strings.TrimLeft(gl.text, " "))), 0), len(t))
			doc.Lines = append(doc.Lines, Line{
				Text: t, No: no, PageStart: pageStart, BlankBefore: gl.paraStart,
				Styled: true, Bold: bold, Italic: gl.italic,
			})
			pageStart = false
		}
	}
	// Labels are known to be bold where some lines start in bold and go
	// on in regular type, as a label and its speech do; a scan's text
	// layer has bold headings at most.
	labels := 0
	for _, l := range doc.Lines {
		if l.Bold > 0 && l.Bold < len(l.Text) {
			labels++
		}
	}
	doc.BoldLabels = labels >= 2
	// What the furniture said, read as the text path reads it.
	f := Clean(strings.Join(furniture, "\n"), sc).Furniture
	f.Removed = len(furniture)
	doc.Furniture = f
	return doc
}

// bodySize is the font size of most of the document's letters: the body
// text's.
func bodySize(d *page.Doc) float64 {
	counts := map[float64]int{}
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			for _, s := range l.Spans {
				counts[s.Size] += len(s.Text)
			}
		}
	}
	var best float64
	n := 0
	for size, c := range counts {
		if c > n || c == n && size < best {
			best, n = size, c
		}
	}
	return best
}

// Where running heads and folios may be printed, as shares of the page's
// height; the gap (in body sizes) that may set them apart from the text;
// and the share of pages on which furniture recurs at one height.
const (
	headBand = 0.12
	footBand = 0.85
	apart    = 1.8
	recurs   = 0.3
)

// edges are a page's lines sorted by baseline and the candidates for its
// head and foot: the lines above the first gap wider than a paragraph's
// inside the top band, and below the lowest one inside the bottom band.
type edges struct {
	order      []int // non-blank lines, top to bottom
	head, foot int   // order[:head] and order[foot:] are candidates
	cover      bool  // a cover: its top is the masthead, not furniture
}

func pageEdges(pg *page.Page, body float64, first bool) edges {
	h := pg.Height
	e := edges{cover: first && hasLargeType(pg, body)}
	for i := range pg.Lines {
		if strings.TrimSpace(pg.Lines[i].Text()) != "" {
			e.order = append(e.order, i)
		}
	}
	sort.SliceStable(e.order, func(a, b int) bool { return pg.Lines[e.order[a]].Baseline < pg.Lines[e.order[b]].Baseline })
	base := func(k int) float64 { return pg.Lines[e.order[k]].Baseline }
	gap := body * apart
	for k := 0; k+1 < len(e.order) && base(k) < h*headBand && !e.cover; k++ {
		if base(k+1)-base(k) > gap {
			e.head = k + 1
			break
		}
	}
	e.foot = len(e.order)
	for k := len(e.order) - 1; k > e.head && base(k) > h*footBand; k-- {
		if base(k)-base(k-1) > gap {
			e.foot = k
			break
		}
	}
	return e
}

// furnitureHeights finds the heights at which the candidates of many
// pages stand: running heads, folios and job numbers are printed at the
// same height on page after page; a paragraph that happens to start near
// the top or the bottom of a page is not.
func furnitureHeights(d *page.Doc, es []edges) map[int]bool {
	counts := map[int]int{}
	for pi, e := range es {
		seen := map[int]bool{}
		note := func(k int) {
			y := int(d.Pages[pi].Lines[e.order[k]].Baseline/3 + 0.5)
			for _, v := range []int{y - 1, y, y + 1} {
				if !seen[v] {
					seen[v] = true
					counts[v]++
				}
			}
		}
		for k := 0; k < e.head; k++ {
			note(k)
		}
		for k := e.foot; k < len(e.order); k++ {
			note(k)
		}
	}
	min := max(2, int(float64(len(d.Pages))*recurs+0.5))
	out := map[int]bool{}
	for y, n := range counts {
		if n >= min {
			out[y] = true
		}
	}
	return out
}

// sortOutFurniture splits a page's lines into text and furniture: its
// head and foot candidates that stand at a height where furniture recurs
// (or, in a document too short to tell, that a gap twice as wide sets
// apart), lines in a smaller type under the text (footnotes, the cover's
// notice) and barcodes.
func sortOutFurniture(pg *page.Page, e edges, heights map[int]bool, pages int, body float64) (kept []int, furniture []string) {
	h := pg.Height
	at := func(k int) bool {
		return heights[int(pg.Lines[e.order[k]].Baseline/3+0.5)]
	}
	base := func(k int) float64 { return pg.Lines[e.order[k]].Baseline }
	head, foot := 0, len(e.order)
	if e.head > 0 && (at(e.head-1) || pages < 3 && base(e.head)-base(e.head-1) > 2*apart*body) {
		head = e.head
	}
	if e.foot < len(e.order) && (at(e.foot) || pages < 3 && base(e.foot)-base(e.foot-1) > 2*apart*body) {
		foot = e.foot
	}
	// The lowest line of body text: smaller type under it is a footnote
	// or the cover's notice.
	lowest := 0.0
	for k := head; k < foot; k++ {
		if l := &pg.Lines[e.order[k]]; l.Size() >= body*0.95 {
			lowest = max(lowest, l.Baseline)
		}
	}
	isFurniture := make([]bool, len(pg.Lines))
	for k, i := range e.order {
		l := &pg.Lines[i]
		small := l.Size() < body*0.9
		isFurniture[i] = k < head || k >= foot || isBarcode(l) ||
			small && l.Baseline > lowest ||
			small && e.cover && l.Baseline > h*0.6 // the cover's notice, beside its bottom block
	}
	for i := range pg.Lines {
		l := &pg.Lines[i]
		if !isFurniture[i] {
			kept = append(kept, i)
		} else if t := strings.TrimSpace(l.Text()); t != "" && !isBarcode(l) {
			furniture = append(furniture, t)
		}
	}
	return kept, furniture
}

// hasLargeType reports a page with type much larger than the body's: a
// cover's masthead.
func hasLargeType(pg *page.Page, body float64) bool {
	for i := range pg.Lines {
		if pg.Lines[i].Size() >= body*1.3 {
			return true
		}
	}
	return false
}

func isBarcode(l *page.Line) bool {
	for _, s := range l.Spans {
		if strings.Contains(strings.ToLower(s.Font), "barcode") {
			return true
		}
	}
	return false
}

// coverOrder reads a cover page's masthead — symbol, body, session,
// meeting, date, place, in blocks on the left and on the right — before
// the text under it. The masthead ends at the first wide gap (wider than
// those between its own lines of large type) in the page's top part.
func coverOrder(pg *page.Page, kept []int, body float64, m margins) []geoLine {
	bases := make([]float64, 0, len(kept))
	for _, i := range kept {
		bases = append(bases, pg.Lines[i].Baseline)
	}
	sort.Float64s(bases)
	split := pg.Height * 0.25
	for k := 1; k < len(bases) && bases[k] < pg.Height*0.4; k++ {
		if bases[k]-bases[k-1] > body*3.5 {
			split = bases[k] - 1
			break
		}
	}
	var top, rest []int
	for _, i := range kept {
		if pg.Lines[i].Baseline < split {
			top = append(top, i)
		} else {
			rest = append(rest, i)
		}
	}
	return append(readingOrder(pg, top, m), readingOrder(pg, rest, m)...)
}

// A geoLine is a printed line placed in reading order.
type geoLine struct {
	text      string
	bold      int
	italic    bool
	paraStart bool
}

// Where a line sits across the page.
const (
	colLeft = iota
	colRight
	colFull
)

type placed struct {
	l   *page.Line
	col int
}

// place tells for each of a page's text lines which column it is in.
func place(pg *page.Page, kept []int) []placed {
	mid := pg.Width / 2
	if mid == 0 {
		for _, i := range kept {
			mid = max(mid, pg.Lines[i].X1)
		}
		mid /= 2
	}
	gutter := pg.Width * 0.01
	// On a page set in one column most lines cross the middle, and a
	// short line is no column of its own.
	crossing := 0
	for _, i := range kept {
		if l := &pg.Lines[i]; l.X0 < mid-gutter && l.X1 > mid+gutter {
			crossing++
		}
	}
	twoColumns := crossing*2 <= len(kept)
	ls := make([]placed, 0, len(kept))
	for _, i := range kept {
		l := &pg.Lines[i]
		col := colFull
		switch {
		case !twoColumns:
		case l.X1 <= mid+gutter:
			col = colLeft
		case l.X0 >= mid-gutter:
			col = colRight
		}
		ls = append(ls, placed{l, col})
	}
	return ls
}

// margins are the left edges of the text in each kind of column, across
// the document: the most common start of a line (most lines are not
// indented). A column of a few lines, all indented, is measured by them.
type margins [3]float64

func measureMargins(d *page.Doc, kept [][]int) margins {
	var counts [3]map[int]int
	for c := range counts {
		counts[c] = map[int]int{}
	}
	for pi := range d.Pages {
		for _, p := range place(&d.Pages[pi], kept[pi]) {
			counts[p.col][int(p.l.X0+0.5)]++
		}
	}
	var m margins
	for c := range counts {
		best := 0
		for x, n := range counts[c] {
			if n > best || n == best && float64(x) < m[c] {
				m[c], best = float64(x), n
			}
		}
	}
	return m
}

// readingOrder orders a page's text lines: between lines that span the
// page, the left column top to bottom, then the right one. Lines of one
// column on one baseline (a label in one block, its speech in the next)
// are joined.
func readingOrder(pg *page.Page, kept []int, m margins) []geoLine {
	if len(kept) == 0 {
		return nil
	}
	ls := place(pg, kept)
	sort.SliceStable(ls, func(a, b int) bool {
		if ls[a].l.Baseline != ls[b].l.Baseline {
			return ls[a].l.Baseline < ls[b].l.Baseline
		}
		return ls[a].l.X0 < ls[b].l.X0
	})
	var out []geoLine
	var left, right, full []placed
	flushCols := func() {
		out = appendColumn(out, joinBaselines(left), m[colLeft])
		out = appendColumn(out, joinBaselines(right), m[colRight])
		left, right = left[:0], right[:0]
	}
	flushFull := func() {
		out = appendColumn(out, joinBaselines(full), m[colFull])
		full = full[:0]
	}
	for _, p := range ls {
		switch p.col {
		case colLeft:
			flushFull()
			left = append(left, p)
		case colRight:
			flushFull()
			right = append(right, p)
		default:
			// Lines across the page (a heading, or a page set in one
			// column) are read as a column of their own.
			flushCols()
			full = append(full, p)
		}
	}
	flushCols()
	flushFull()
	return out
}

// joinBaselines merges lines of one column that share a baseline, left to
// right.
func joinBaselines(ls []placed) []page.Line {
	var out []page.Line
	for _, p := range ls {
		if n := len(out); n > 0 {
			prev := &out[n-1]
			tol := max(p.l.Size(), 1) * 0.3
			if abs(p.l.Baseline-prev.Baseline) <= tol && p.l.X0 >= prev.X1-tol {
				prev.Spans = append(slices.Clip(prev.Spans), p.l.Spans...)
				prev.X1 = max(prev.X1, p.l.X1)
				continue
			}
		}
		out = append(out, *p.l)
	}
	return out
}

// appendColumn adds a column's lines (top to bottom) with their
// paragraph starts: an indent from the column's left edge, or a gap wider
// than its usual line spacing.
func appendColumn(out []geoLine, ls []page.Line, margin float64) []geoLine {
	if len(ls) == 0 {
		return out
	}
	left, right := ls[0].X0, ls[0].X1
	for _, l := range ls {
		left, right = min(left, l.X0), max(right, l.X1)
	}
	if margin > 0 {
		left = min(left, margin)
	}
	pitch := linePitch(ls)
	// Each line's run of wholly bold lines: its widest line's width
	// (headings may be centred).
	boldRun := make([]float64, len(ls))
	for i := 0; i < len(ls); {
		j, w := i, 0.0
		for j < len(ls) && allBold(&ls[j]) {
			w = max(w, ls[j].X1-ls[j].X0)
			j++
		}
		for k := i; k < j; k++ {
			boldRun[k] = w
		}
		i = max(j, i+1)
	}
	// The line before the column's first: the previous column's last.
	prevBold := len(out) > 0 && out[len(out)-1].allBold()
	for i := range ls {
		l := &ls[i]
		size := max(l.Size(), 1)
		indent := size * 0.6
		text := l.Text()
		g := geoLine{text: text, bold: l.BoldPrefix(), italic: l.Italic()}
		bold := g.allBold()
		if i == 0 {
			g.paraStart = len(ls) == 1 || l.X0-left > indent || bold != prevBold
		} else {
			prev := &ls[i-1]
			short := prev.X1 < right-2*size
			gap := pitch > 0 && l.Baseline-prev.Baseline > pitch*1.3
			switch {
			case bold && prevBold:
				// A heading of several lines (hanging indents, "(a)"
				// sub-items, set narrower than the text and ragged): a
				// line much shorter than the heading's widest, or an
				// enumerator, ends the one before.
				g.paraStart = gap || enumerated(text) || prev.X1-prev.X0 < boldRun[i]*0.7
			case bold != prevBold:
				g.paraStart = true // into or out of a bold heading
			case startsItalicLabel(l):
				// "In favour:" and its sisters open a vote's lists.
				g.paraStart = true
			default:
				// A block set in from the margin (an adoption, a
				// quotation) goes on at its own indent.
				sameIndent := abs(l.X0-prev.X0) < 1
				g.paraStart = gap ||
					l.X0 > prev.X0+indent || // indented under the line above
					l.X0-left > indent && short && !sameIndent // indented after a line that stopped short
			}
		}
		prevBold = bold
		out = append(out, g)
	}
	return out
}

// allBold reports a line set in bold throughout — a heading — but for a
// bracketed remark after it in another type ("Agenda item 66 (continued)").
func (g geoLine) allBold() bool {
	if g.bold == 0 {
		return false
	}
	rest := strings.TrimSpace(g.text[min(g.bold, len(g.text)):])
	return rest == "" || len(rest) < 20 && strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")")
}

func allBold(l *page.Line) bool {
	return geoLine{text: l.Text(), bold: l.BoldPrefix()}.allBold()
}

// startsItalicLabel reports a line that opens with an italic run ending
// in a colon ("In favour:").
func startsItalicLabel(l *page.Line) bool {
	for _, sp := range l.Spans {
		t := strings.TrimSpace(sp.Text)
		if t == "" {
			continue
		}
		// Not the end of a label's language note, "from Russian):".
		return sp.Italic && strings.HasSuffix(t, ":") && !strings.Contains(t, ")")
	}
	return false
}

// enumerated reports a line opening with an enumerator: "(a) ", "(ii) ".
func enumerated(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 4 || s[0] != '(' {
		return false
	}
	i := strings.IndexByte(s, ')')
	return i > 1 && i <= 5 && i+1 < len(s) && s[i+1] == ' '
}

// linePitch is the usual distance between baselines in a column: the
// smallest of the common ones (paragraph gaps are wider).
func linePitch(ls []page.Line) float64 {
	var d []float64
	for i := 1; i < len(ls); i++ {
		if g := ls[i].Baseline - ls[i-1].Baseline; g > 0 {
			d = append(d, g)
		}
	}
	if len(d) == 0 {
		return 0
	}
	sort.Float64s(d)
	return d[len(d)/4] // the lower quartile: most gaps are line spacing
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// tightHyphens drops the space an extractor put before a hyphen that
// joins two words ("Secretary -General" → "Secretary-General"): a glyph
// gap in tightly set type, never a space in the record.
func tightHyphens(s string) string {
	b := []byte(s)
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == ' ' && i+2 < len(b) && b[i+1] == '-' && isWordByte(b[i+2]) && i > 0 && isWordByte(b[i-1]) {
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

// isWordByte reports an ASCII letter or digit, or a byte of a multi-byte
// rune (a letter in other scripts).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
