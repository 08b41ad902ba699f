package layout

import (
	"sort"
	"strings"

	"github.com/verbatim-un/verbatim/internal/page"
)

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
