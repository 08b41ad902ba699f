package parse_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/verbatim-un/verbatim/internal/bidi"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/reflow"
	"github.com/verbatim-un/verbatim/internal/source"
	"github.com/verbatim-un/verbatim/record"
)

// TestInvarianceLanguages prints each synthetic record again — its cover
// as written, the rest re-flowed to other column widths (words broken at
// spaces), with running heads in its own language and folios on every
// page (alone or glued into a sentence), CRLF, form feeds, blank lines,
// leading spaces, in UTF-16, and for Arabic in an extractor's visual
// order — and checks that the parse is the same but for paragraph
// breaks, whose agreement is measured.
func TestInvarianceLanguages(t *testing.T) {
	// The fixtures' paragraphs are lines of different lengths, which the
	// layout partly reads as wrapped text: their breaks are measured,
	// not required (a few per record).
	var agree, all int
	defer func() { t.Logf("paragraph breaks agreeing, all variants: %d of %d", agree, all) }()
	for _, file := range []string{"en/council.txt", "fr/council.txt", "es/council.txt", "ru/council.txt", "ar/council.txt",
		"en/assembly.txt", "fr/assembly.txt", "es/assembly.txt", "ru/assembly.txt", "ar/assembly.txt"} {
		t.Run(file, func(t *testing.T) {
			agree0, all0 := agree, all
			defer func() { t.Logf("paragraph breaks agreeing: %d of %d", agree-agree0, all-all0) }()
			b, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			orig, err := ingest.Read(context.Background(), b, ingest.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := essenceOf(orig)
			if len(want.Speeches) == 0 || len(want.Events) == 0 {
				t.Fatalf("%s: %d speeches, %d events", file, len(want.Speeches), len(want.Events))
			}
			base := reflow.Options{Script: layout.Latin, Indent: 4, Cover: coverLines(t, string(b), orig),
				HeadTitle: orig.Agenda[len(orig.Agenda)-1].Title, Job: "99-01234", Furniture: true, ItemHeads: itemHeads(t, string(b), orig)}
			variants := []struct {
				name   string
				opts   func(o *reflow.Options)
				encode func(string) []byte
			}{
				{"width 60, 40 lines a page", func(o *reflow.Options) { o.Width, o.PageLines = 60, 40 }, nil},
				{"width 46, 25 lines", func(o *reflow.Options) { o.Width, o.PageLines = 46, 25 }, nil},
				{"width 75, 30 lines, date first", func(o *reflow.Options) { o.Width, o.PageLines, o.DateFirst = 75, 30, true }, nil},
				{"width 50, 20 lines, glued furniture", func(o *reflow.Options) { o.Width, o.PageLines, o.Glue = 50, 20, true }, nil},
				{"width 45, CRLF, form feeds", func(o *reflow.Options) { o.Width, o.PageLines, o.CRLF, o.FormFeed = 45, 33, true, true }, nil},
				{"width 55, blank lines, leading spaces", func(o *reflow.Options) { o.Width, o.PageLines, o.BlankLines, o.LeadSpace = 55, 27, true, true }, nil},
				{"width 48, UTF-16LE with BOM", func(o *reflow.Options) { o.Width, o.PageLines, o.CRLF = 48, 35, true }, utf16le},
				{"width 65, UTF-16BE without BOM", func(o *reflow.Options) { o.Width, o.PageLines = 65, 45 }, utf16be},
				{"unwrapped, one paragraph a line", func(o *reflow.Options) { o.Width, o.PageLines = 0, 25 }, nil},
			}
			if orig.Language == "ar" {
				variants = append(variants,
					struct {
						name   string
						opts   func(o *reflow.Options)
						encode func(string) []byte
					}{"width 52, 30 lines, visual order", func(o *reflow.Options) { o.Width, o.PageLines = 52, 30 },
						func(s string) []byte { return []byte(bidi.VisualText(s)) }})
			}
			for _, v := range variants {
				t.Run(v.name, func(t *testing.T) {
					o := base
					v.opts(&o)
					text := reflow.Print(orig, o)
					b := []byte(text)
					if v.encode != nil {
						b = v.encode(text)
					}
					m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{})
					if err != nil {
						t.Fatal(err)
					}
					a, n := compareEssence(t, essenceOf(m), want, 0)
					agree, all = agree+a, all+n
				})
			}
		})
	}
}

// itemHeads are the lines a General Assembly fixture prints before each
// agenda item's title ("Agenda item 41"), which the record keeps only as
// a number; nil for a record whose items have no number.
func itemHeads(t *testing.T, text string, m *record.Meeting) []string {
	t.Helper()
	if len(m.Agenda) == 0 || m.Agenda[0].Number == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	var heads []string
	from := 0
	for _, it := range m.Agenda {
		start := string([]rune(it.Title)[:min(15, len([]rune(it.Title)))])
		found := false
		for i := max(from, 1); i < len(lines); i++ {
			if strings.HasPrefix(strings.TrimSpace(lines[i]), start) {
				heads = append(heads, strings.TrimSpace(lines[i-1]))
				from, found = i+1, true
				break
			}
		}
		if !found {
			t.Fatalf("agenda item %q not found", it.Title)
		}
	}
	return heads
}

// coverLines are the lines of a fixture before the line of its first
// event (the opening): its cover page.
func coverLines(t *testing.T, text string, m *record.Meeting) []string {
	t.Helper()
	if len(m.Events) == 0 {
		t.Fatal("no events")
	}
	first := strings.SplitN(m.Events[0].Text, "\n", 2)[0]
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l = strings.TrimSpace(l); len(l) > 10 && strings.HasPrefix(first, l) {
			return lines[:i]
		}
	}
	t.Fatalf("first event %q not found", first)
	return nil
}

func utf16be(s string) []byte {
	b, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// TestLegacyEncodingsRefused: the single-byte code pages of these
// languages are not detected (package source reads UTF-8, UTF-16 and
// GB18030 only); a record in one is refused with a clear error, never
// read as mojibake.
func TestLegacyEncodingsRefused(t *testing.T) {
	for _, tc := range []struct {
		file string
		enc  *charmap.Charmap
	}{
		{"ar/council.txt", charmap.Windows1256},
		{"ru/council.txt", charmap.Windows1251},
		{"ru/council.txt", charmap.KOI8R},
		{"fr/council.txt", charmap.Windows1252},
		{"es/council.txt", charmap.Windows1252},
	} {
		b, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		// KOI8-R has no « »: they become the encoder's replacement.
		enc, err := encoding.ReplaceUnsupported(tc.enc.NewEncoder()).Bytes(b)
		if err != nil {
			t.Fatalf("%s in %s: %v", tc.file, tc.enc, err)
		}
		if _, err := ingest.Read(context.Background(), enc, ingest.ReadOptions{}); !errors.Is(err, source.ErrUnknown) {
			t.Errorf("%s in %s: err = %v, want %v", tc.file, tc.enc, err, source.ErrUnknown)
		}
	}
}
