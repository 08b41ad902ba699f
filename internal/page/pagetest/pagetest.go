// Package pagetest builds styled pages for tests: lines set at given
// positions in given type, as a PDF extractor would report them.
package pagetest

import "github.com/verbatim-un/verbatim/internal/page"

// Style is a line's type.
type Style struct {
	Size         float64
	Bold, Italic bool
	Font         string
}

// The types UN records use.
var (
	Regular = Style{Size: 10}
	Bold    = Style{Size: 10, Bold: true}
	Italic  = Style{Size: 10, Italic: true}
	Small   = Style{Size: 8}
	Large   = Style{Size: 20, Bold: true}
	Barcode = Style{Size: 11, Font: "Barcode-3-of-9"}
)

// Builder sets lines on a Letter page (612 × 792 points). A character is
// 0.4 of its type size wide.
type Builder struct{ Page page.Page }

// New starts a page.
func New() *Builder { return &Builder{page.Page{Width: 612, Height: 792}} }

// Line sets a line at x on baseline y; parts are Styles and texts, each
// text set in the Style before it (Regular at first).
func (b *Builder) Line(x, y float64, parts ...any) *Builder {
	l := page.Line{X0: x, Baseline: y, Y0: y - 9, Y1: y + 2, Block: len(b.Page.Lines)}
	st := Regular
	for _, p := range parts {
		switch v := p.(type) {
		case Style:
			st = v
		case string:
			w := float64(len(v)) * st.Size * 0.4
			l.Spans = append(l.Spans, page.Span{Text: v, X0: x, X1: x + w, Size: st.Size, Bold: st.Bold, Italic: st.Italic, Font: st.Font})
			x += w
		}
	}
	l.X1 = x
	b.Page.Lines = append(b.Page.Lines, l)
	return b
}

// Column sets lines of regular text from baseline y on, 12 points apart,
// the first indented 18 points when indent; it returns the baseline after
// the last.
func (b *Builder) Column(x, y float64, indent bool, lines ...string) float64 {
	for i, t := range lines {
		lx := x
		if i == 0 && indent {
			lx += 18
		}
		b.Line(lx, y, t)
		y += 12
	}
	return y
}

// Doc makes a document of pages.
func Doc(pages ...*Builder) *page.Doc {
	d := &page.Doc{}
	for _, p := range pages {
		d.Pages = append(d.Pages, p.Page)
	}
	return d
}
