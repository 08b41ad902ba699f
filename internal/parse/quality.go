package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/record"
)

// quality warns when the text layer cannot be read well, with the measure
// that says so: words run together without spaces (mean word length), or
// prose that is not the record's language or not prose at all (the share
// of the language's commonest words, about 0.4 in readable English).
func (p *parser) quality() {
	if p.g.Script != layout.Latin || len(p.g.Common) == 0 {
		return
	}
	var words, runes, common int
	for _, sp := range p.m.Speeches {
		for _, para := range sp.Paragraphs {
			for _, w := range strings.Fields(para) {
				words++
				runes += utf8.RuneCountInString(w)
				if p.g.Common[strings.ToLower(strings.Trim(w, ".,;:!?()“”\"'"))] {
					common++
				}
			}
		}
	}
	if words < 300 {
		return // too little prose to judge
	}
	mean := float64(runes) / float64(words)
	share := float64(common) / float64(words)
	if mean > 9 {
		p.warn(0, record.WarnTextQuality, "the text layer runs words together (mean word length %.1f characters; readable English has about 5): speakers and text may be incomplete", mean)
	}
	if share < 0.25 {
		p.warn(0, record.WarnTextQuality, "the text layer reads poorly (common-word share %.2f; readable English has about 0.4): it may be a poor scan or two languages set side by side, and speakers and text may be missing or garbled", share)
	}
}
