package parse_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/bidi"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/page/pagetest"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/record"
)

// TestArabicVisualOrder: the Arabic record as a PDF extractor gives its
// text, every line in visual order (bidi.Visual: the Unicode
// Bidirectional Algorithm's layout of the line), reads to exactly the
// record its logical text reads to.
func TestArabicVisualOrder(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "ar", "council.txt"))
	if err != nil {
		t.Fatal(err)
	}
	logical := string(b)
	visual := bidi.VisualText(logical)
	if visual == logical {
		t.Fatal("the visual layout changed nothing")
	}
	want, err := ingest.Read(context.Background(), []byte(logical), ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ingest.Read(context.Background(), []byte(visual), ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The bytes differ, and so does their digest: nothing else may.
	if got.Source == nil || want.Source == nil || got.Source.SHA256 == want.Source.SHA256 {
		t.Fatalf("sources %+v %+v", got.Source, want.Source)
	}
	got.Source.SHA256 = want.Source.SHA256
	if !reflect.DeepEqual(got, want) {
		t.Errorf("visual order reads differently:\n%s", diff(string(marshal(t, want)), string(marshal(t, got))))
	}
	// Harakat and tatweel are kept in the text.
	if !strings.Contains(string(marshal(t, got)), "اعتُمد") {
		t.Error("a damma was lost")
	}
}

// TestArabicStyledPages: a page of an Arabic record as a PDF sets it —
// lines set from the right margin, the first line of a paragraph
// indented on the right, labels in bold at the right end — and as an
// extractor gives it, each line's glyphs left to right (visual order).
// It reads like the logical text.
func TestArabicStyledPages(t *testing.T) {
	const right = 540.0
	p := pagetest.New()
	y := 90.0
	// line sets logical parts (Styles and texts) right-aligned at
	// right-indent, in visual order: the parts right to left.
	line := func(indent float64, parts ...any) {
		var vis []any
		st := pagetest.Regular
		type piece struct {
			st   pagetest.Style
			text string
		}
		var pieces []piece
		for _, x := range parts {
			switch v := x.(type) {
			case pagetest.Style:
				st = v
			case string:
				pieces = append(pieces, piece{st, v})
			}
		}
		width := 0.0
		for i := len(pieces) - 1; i >= 0; i-- {
			vis = append(vis, pieces[i].st, bidi.Visual(pieces[i].text))
			width += float64(len(pieces[i].text)) / 2 * pieces[i].st.Size * 0.4 // Arabic letters are two bytes
		}
		p.Line(right-indent-width, y, vis...)
		y += 12
	}
	it, bold, reg := pagetest.Italic, pagetest.Bold, pagetest.Regular
	line(0, it, "افتتحت الجلسة الساعة 10/05.")
	line(18, bold, "الرئيس (تكلم بالفرنسية):", reg, " أعطي الكلمة لممثل السنغال.")
	line(18, bold, "السيد ندياي (السنغال) (تكلم بالفرنسية):", reg, " يشرفني أن أتكلم باسم")
	line(0, reg, "مجموعة الدول الأفريقية. ونشكر الممثل الخاص على إحاطته.")
	line(18, reg, "إننا نؤيد عمل البعثة.")
	line(18, bold, "الرئيس:", reg, " رفعت الجلسة.")
	line(0, it, "رفعت الجلسة الساعة 12/30.")
	m, err := parse.Pages(pagetest.Doc(p), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Language != "ar" || m.Opened != "10:05" || m.Closed != "12:30" {
		t.Errorf("language %q, opened %q, closed %q", m.Language, m.Opened, m.Closed)
	}
	var who []string
	for _, sp := range m.Speeches {
		who = append(who, sp.Speaker+"|"+sp.Language)
	}
	if got, want := strings.Join(who, " "), "الرئيس|fr ندياي|fr الرئيس|ar"; got != want {
		t.Fatalf("speakers %q, want %q", got, want)
	}
	nd := m.Speeches[1]
	if nd.OnBehalfOf == nil || *nd.OnBehalfOf != "AFRICANGROUP" {
		t.Errorf("on behalf of %v", nd.OnBehalfOf)
	}
	want := []string{"يشرفني أن أتكلم باسم مجموعة الدول الأفريقية. ونشكر الممثل الخاص على إحاطته.", "إننا نؤيد عمل البعثة."}
	if !reflect.DeepEqual(nd.Paragraphs, want) {
		t.Errorf("paragraphs %q, want %q", nd.Paragraphs, want)
	}
	// A page without a cover has no symbol, date or presiding state;
	// nothing else is wrong.
	for _, w := range m.Warnings {
		if w.Code != "no-symbol" && w.Code != "no-date" && w.Code != "president-country" {
			t.Errorf("warning: %s %s", w.Code, w.Message)
		}
	}
}

// TestArabicIndicDigits: the Arabic records in Arabic-Indic digits
// (٠–٩) — times, dates, counts, meeting and resolution numbers; document
// symbols keep their Latin digits — read to the same structure and
// references.
func TestArabicIndicDigits(t *testing.T) {
	for _, file := range []string{"ar/council.txt", "ar/assembly.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		fields := strings.SplitAfter(string(b), " ")
		for i, f := range fields {
			if strings.ContainsAny(f, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
				continue
			}
			fields[i] = strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return '٠' + (r - '0')
				}
				return r
			}, f)
		}
		indic := strings.Join(fields, "")
		if indic == string(b) || !strings.Contains(indic, "١٠/٠٥") {
			t.Fatalf("%s: no digit changed", file)
		}
		want := fixture(t, file)
		got, err := ingest.Read(context.Background(), []byte(indic), ingest.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if g, w := shape(got), shape(want); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: structure differs:\n got %+v\nwant %+v", file, g, w)
		}
		// A reference keeps its text as printed, digits and all.
		refs := func(m *record.Meeting) (out []string) {
			for _, r := range m.References {
				out = append(out, fmt.Sprint(r.Symbol, "@", r.Speech))
			}
			return out
		}
		if g, w := refs(got), refs(want); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: references differ:\n got %v\nwant %v", file, g, w)
		}
		if got.Session != want.Session || got.Body != want.Body {
			t.Errorf("%s: session %q, body %q", file, got.Session, got.Body)
		}
	}
}
