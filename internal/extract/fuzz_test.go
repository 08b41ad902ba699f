package extract

import (
	"testing"

	"github.com/verbatim-un/verbatim/internal/layout"
)

// FuzzDecodeSText feeds mutool's structured text, as any bytes, through
// the decoder and the layout: an error or pages, never a panic, and lines
// whose boxes hold their spans.
func FuzzDecodeSText(f *testing.F) {
	f.Add([]byte(stextSample))
	f.Add([]byte(`{"pages":[{"blocks":[{"type":"text","lines":[{"wmode":0,"bbox":{"x":-5,"y":1e308,"w":-1,"h":0},"font":{"size":0},"x":0,"y":-1,"text":" "}]}]}]}`))
	f.Add([]byte(`{"pages":[{"blocks":[]},{}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeSText(b, []pageSize{{612, 792}})
		if err != nil {
			return
		}
		for _, p := range d.Pages {
			for i := range p.Lines {
				l := &p.Lines[i]
				if len(l.Spans) == 0 {
					t.Fatalf("a line without spans: %+v", l)
				}
				_ = l.Text()
				if n := l.BoldPrefix(); n < 0 || n > len(l.Text()) {
					t.Fatalf("bold prefix %d of %q", n, l.Text())
				}
			}
		}
		for _, sc := range []layout.Script{layout.Latin, layout.Han} {
			doc := layout.FromPages(d, sc)
			for _, l := range doc.Lines {
				if l.Bold < 0 || l.Bold > len(l.Text) {
					t.Fatalf("line %q: bold %d", l.Text, l.Bold)
				}
			}
			layout.Paragraphs(doc.Lines, sc, 0, nil)
		}
	})
}
