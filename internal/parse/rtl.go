package parse

import (
	"strings"

	"github.com/verbatim-un/verbatim/internal/bidi"
	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/page"
)

// logicalText returns text in logical order: a right-to-left record whose
// frequent words read backwards came from an extractor in visual order.
func logicalText(g *grammar.Grammar, text string) string {
	if !g.RightToLeft || !bidi.Count(text, g.Common).IsVisual() {
		return text
	}
	return bidi.LogicalText(text)
}

// logicalPages returns the pages of a right-to-left record read as a
// left-to-right one: each line in logical order, its spans in reading
// order, and the page mirrored (x becomes width − x), so that the
// layout finds indents, short lines and columns where it looks for them.
// Pages in visual order (frequent words backwards) are reordered; the
// mirroring applies to every right-to-left record.
func logicalPages(g *grammar.Grammar, d *page.Doc) *page.Doc {
	if !g.RightToLeft {
		return d
	}
	visual := bidi.Count(pagesText(d, 20000), g.Common).IsVisual()
	out := &page.Doc{Pages: make([]page.Page, len(d.Pages))}
	for pi, pg := range d.Pages {
		np := page.Page{Width: pg.Width, Height: pg.Height, Lines: make([]page.Line, len(pg.Lines))}
		w := pg.Width
		for li, l := range pg.Lines {
			nl := l
			nl.X0, nl.X1 = w-l.X1, w-l.X0
			if visual {
				nl.Spans = logicalSpans(&l, w)
			} else {
				nl.Spans = make([]page.Span, len(l.Spans))
				for i, s := range l.Spans {
					s.X0, s.X1 = w-s.X1, w-s.X0
					nl.Spans[len(l.Spans)-1-i] = s
				}
			}
			np.Lines[li] = nl
		}
		out.Pages[pi] = np
	}
	return out
}

// logicalSpans reorders a visual line's text into logical order, each
// character keeping its span's type; the spans are cut where the type
// changes and mirrored on a page of width w.
func logicalSpans(l *page.Line, w float64) []page.Span {
	var runes []rune
	var from []int // the span of each rune
	for i, s := range l.Spans {
		// The word space a gap between spans stands for is written
		// out: the pieces of a span may not stay side by side.
		if i > 0 && len(runes) > 0 {
			prev := l.Spans[i-1]
			if prev.Text != "" && s.Text != "" && !strings.HasSuffix(prev.Text, " ") && !strings.HasPrefix(s.Text, " ") &&
				s.X0-prev.X1 > max(prev.Size, s.Size, 1)*0.2 {
				runes = append(runes, ' ')
				from = append(from, i-1)
			}
		}
		for _, r := range s.Text {
			runes = append(runes, r)
			from = append(from, i)
		}
	}
	order, mirrored := bidi.Order(runes)
	var out []page.Span
	cur := -1
	var b strings.Builder
	flush := func() {
		if cur >= 0 {
			s := l.Spans[cur]
			s.Text = b.String()
			s.X0, s.X1 = w-s.X1, w-s.X0
			out = append(out, s)
		}
		b.Reset()
	}
	for i, j := range order {
		if from[j] != cur {
			flush()
			cur = from[j]
		}
		r := runes[j]
		if mirrored[i] {
			r = bidi.Mirror(r)
		}
		b.WriteRune(r)
	}
	flush()
	return out
}
