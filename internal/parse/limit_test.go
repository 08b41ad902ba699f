package parse_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/page"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/source"
)

// TestTextLimit: text reaching the parser without source.Decode (a PDF's
// extracted text) is bounded by the same limit.
func TestTextLimit(t *testing.T) {
	line := "The President: The meeting is called to order.\n"
	text := strings.Repeat(line, source.MaxText/len(line)+1)
	if _, err := parse.Text(text, parse.Options{Lang: "en"}); !errors.Is(err, source.ErrTextTooBig) {
		t.Errorf("text of %d bytes: err = %v, want %v", len(text), err, source.ErrTextTooBig)
	}
	// At the limit the text is read (and, being no record, refused as
	// such): a cheap text, since a parse of 8 MiB of speeches takes seconds.
	text = strings.Repeat("Strengthening of the coordination\n", source.MaxText/34)
	text += strings.Repeat("x", source.MaxText-len(text))
	if _, err := parse.Text(text, parse.Options{Lang: "en"}); !errors.Is(err, parse.ErrNotRecord) {
		t.Errorf("text of %d bytes: err = %v, want %v", len(text), err, parse.ErrNotRecord)
	}
}

// TestPagesLimit: a PDF's pages are bounded by their text as well.
func TestPagesLimit(t *testing.T) {
	span := strings.Repeat("The meeting is called to order. ", 100)
	line := page.Line{Spans: []page.Span{{Text: span}}}
	pg := page.Page{Width: 600, Height: 800}
	for n := 0; n <= source.MaxText; n += len(span) + 1 {
		pg.Lines = append(pg.Lines, line)
	}
	d := &page.Doc{Pages: []page.Page{pg}}
	if _, err := parse.Pages(d, parse.Options{Lang: "en"}); !errors.Is(err, source.ErrTextTooBig) {
		t.Errorf("pages of %d lines: err = %v, want %v", len(pg.Lines), err, source.ErrTextTooBig)
	}
}
