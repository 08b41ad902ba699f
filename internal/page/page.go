// Package page is the styled page model that PDF extractors fill and the
// layout reads: a document's pages, each a list of printed lines, each
// line a run of spans that keep their font weight, style, size and
// position. It is what pdftotext's flat text throws away — which words are
// bold (speaker labels), which italic (procedural lines), where a line sits
// on the page (running heads, folios, the cover's notice) and where a
// paragraph starts (its indent).
//
// Coordinates are PDF points with the origin at the page's top left, y
// growing downwards.
package page

import (
	"strings"
	"unicode"
)

// Doc is an extracted document.
type Doc struct {
	Pages []Page
}

// Page is one printed page.
type Page struct {
	Width, Height float64
	Lines         []Line // in the order the extractor found them
}

// Line is one printed line: spans on one baseline, left to right.
type Line struct {
	X0, Y0, X1, Y1 float64 // bounding box
	Baseline       float64
	Block          int // the extractor's block (a group of lines it saw as one), -1 when unknown
	Spans          []Span
}

// Span is a run of text in one font.
type Span struct {
	Text   string
	X0, X1 float64
	Size   float64 // font size in points
	Font   string  // font name as the PDF gives it, subset prefix removed
	Bold   bool
	Italic bool
}

// Text is the line's text: its spans' texts, with a space where the gap
// between two spans is a word space the spans themselves do not hold.
func (l *Line) Text() string {
	var b strings.Builder
	for i, s := range l.Spans {
		if i > 0 && needsSpace(l.Spans[i-1], s) {
			b.WriteByte(' ')
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// needsSpace reports a gap between two spans wide enough to be a word
// space (a fifth of the font size: narrower gaps are kerning) where
// neither span ends or starts with a space.
func needsSpace(a, b Span) bool {
	if a.Text == "" || b.Text == "" || strings.HasSuffix(a.Text, " ") || strings.HasPrefix(b.Text, " ") {
		return false
	}
	size := max(a.Size, b.Size, 1)
	return b.X0-a.X1 > size*0.2
}

// Size is the line's font size: that of most of its letters.
func (l *Line) Size() float64 {
	var best float64
	var bestN int
	counts := map[float64]int{}
	for _, s := range l.Spans {
		n := len(strings.TrimSpace(s.Text))
		counts[s.Size] += n
		if counts[s.Size] > bestN {
			best, bestN = s.Size, counts[s.Size]
		}
	}
	return best
}

// BoldPrefix is the length in bytes of the line's text (as Text gives it)
// that is set in bold from its start, spaces included; 0 when the line
// does not start in bold. Spaces alone do not count as bold: extractors
// often give a space the next word's font.
func (l *Line) BoldPrefix() int {
	n := 0
	seen := false
	for i, s := range l.Spans {
		blank := strings.TrimSpace(s.Text) == ""
		if !s.Bold && !blank {
			break
		}
		if i > 0 && needsSpace(l.Spans[i-1], s) {
			n++
		}
		n += len(s.Text)
		seen = seen || !blank
	}
	if !seen {
		return 0
	}
	return n
}

// Italic reports a line whose letters are all set in italics (brackets,
// punctuation and digits may be upright).
func (l *Line) Italic() bool {
	italic := false
	for _, s := range l.Spans {
		if !hasLetter(s.Text) {
			continue
		}
		if !s.Italic {
			return false
		}
		italic = true
	}
	return italic
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
