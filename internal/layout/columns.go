package layout

import (
	"slices"
	"sort"
	"strings"

	"github.com/verbatim-un/verbatim/internal/page"
)

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
