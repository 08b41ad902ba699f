package parse

import (
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

// refs records the UN documents text cites; seq is the speech it is in, 0
// outside speeches.
func (p *parser) refs(text string, seq int) {
	for _, r := range symbol.Find(p.g.Lang, text) {
		p.m.References = append(p.m.References, record.Reference{Symbol: r.Symbol, Text: r.Text, Speech: seq})
	}
}
