package layout

import (
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
		var order []geoLine
		if pi == 0 && hasLargeType(pg, body) {
			order = coverOrder(pg, kept[pi], body, m)
		} else {
			order = readingOrder(pg, kept[pi], m)
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
