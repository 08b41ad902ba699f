package bidi

import (
	"strings"

	xbidi "golang.org/x/text/unicode/bidi"
)

// Visual lays out a logical line of a right-to-left paragraph the way a
// PDF extractor gives it back: the Unicode Bidirectional Algorithm's
// levels (golang.org/x/text/unicode/bidi, paragraph level 1), then rule
// L2 (the line's runs in reverse order, right-to-left runs reversed)
// and L4 (their brackets mirrored). Combining marks are reversed with
// their letters (rule L3 is not applied), as glyphs placed by position
// come out. It is the opposite of Logical, written independently of it
// for the tests and the benchmark corpus.
func Visual(line string) string {
	if line == "" {
		return ""
	}
	var p xbidi.Paragraph
	if _, err := p.SetString(line, xbidi.DefaultDirection(xbidi.RightToLeft)); err != nil {
		return line
	}
	o, err := p.Order()
	if err != nil {
		return line
	}
	var b strings.Builder
	for i := o.NumRuns() - 1; i >= 0; i-- {
		r := o.Run(i)
		if r.Direction() == xbidi.RightToLeft {
			b.WriteString(xbidi.ReverseString(r.String()))
		} else {
			b.WriteString(r.String())
		}
	}
	return b.String()
}

// VisualText lays out every line of text with Visual.
func VisualText(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		cr := strings.HasSuffix(l, "\r")
		l = strings.TrimSuffix(l, "\r")
		parts := strings.Split(l, "\f")
		for k := range parts {
			parts[k] = Visual(parts[k])
		}
		lines[i] = strings.Join(parts, "\f")
		if cr {
			lines[i] += "\r"
		}
	}
	return strings.Join(lines, "\n")
}
