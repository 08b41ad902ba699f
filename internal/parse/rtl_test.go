package parse_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/bidi"
	"github.com/verbatim-un/verbatim/internal/grammar"
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
			width += float64(len(pieces[i].text)) * pieces[i].st.Size * 0.4 // as pagetest measures
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

// TestArabicStyledRecord sets the whole Arabic record on styled pages as
// an Arabic PDF prints it — right-aligned, each paragraph wrapped to the
// column with its first line indented from the right and space above
// it, labels in bold, procedural lines and the heads of vote lists in
// italics, 30 lines a page under a running head, after a cover page set
// as written — and gives each line as an extractor does, in visual
// order, its spans left to right. It reads to the structure of the
// logical text.
func TestArabicStyledRecord(t *testing.T) {
	g, err := grammar.For("ar")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "ar", "council.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const right, column, perPage, indent = 540.0, 60, 30, 18.0
	// A part of a line: its type and its logical text.
	type part struct {
		st   pagetest.Style
		text string
	}
	var pages []*pagetest.Builder
	n, y := 0, 0.0
	set := func(parts []part, first bool) {
		if n%perPage == 0 {
			pg := pagetest.New()
			if len(pages) > 0 {
				// The running head, as the Arabic pages print it.
				head := bidi.Visual("S/PV.9991 صون السلام والأمن الدوليين 10/03/2099")
				pg.Line(right-float64(len(head))*pagetest.Small.Size*0.4, 50, pagetest.Small, head)
			}
			pages = append(pages, pg)
			y = 90
		} else if first {
			y += 6 // the space between paragraphs
		}
		p := pages[len(pages)-1]
		var vis []any
		width := 0.0
		for k := len(parts) - 1; k >= 0; k-- { // right to left
			vis = append(vis, parts[k].st, bidi.Visual(parts[k].text))
			width += float64(len(parts[k].text)) * parts[k].st.Size * 0.4 // as pagetest measures
		}
		x := right - width
		if first {
			x -= indent
		}
		p.Line(x, y, vis...)
		y += 14
		n++
	}
	// The cover page as it is, on a page of its own.
	cover := coverLines(t, string(b), fixture(t, "ar/council.txt"))
	for _, l := range cover {
		set([]part{{pagetest.Regular, l}}, false)
	}
	n = perPage
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n")[len(cover):] {
		st, label, italic := pagetest.Regular, "", ""
		if lb, ok := g.MatchLabel(l); ok {
			label = lb.Text
		} else if m, ok := g.Procedural(l); ok {
			st = pagetest.Italic
			switch m.Event {
			case grammar.EventVoteInFavour, grammar.EventVoteAgainst, grammar.EventVoteAbstaining:
				// "المؤيدون:" in italics, the list in regular type.
				italic, st = l[:strings.Index(l, ":")+1], pagetest.Regular
			}
		}
		// Wrapped at spaces to the column; the label, in bold, on the
		// first line.
		words := strings.Fields(l)
		first := true
		for len(words) > 0 {
			k, w := 0, 0
			for k < len(words) && (k == 0 || w+1+utf8.RuneCountInString(words[k]) <= column) {
				w += 1 + utf8.RuneCountInString(words[k])
				k++
			}
			line := strings.Join(words[:k], " ")
			words = words[k:]
			parts := []part{{st, line}}
			switch {
			case first && label != "" && strings.HasPrefix(line, label):
				parts = []part{{pagetest.Bold, label}, {pagetest.Regular, line[len(label):]}}
			case first && italic != "" && strings.HasPrefix(line, italic):
				parts = []part{{pagetest.Italic, italic}, {pagetest.Regular, line[len(italic):]}}
			}
			set(parts, first)
			first = false
		}
	}
	styled, err := parse.Pages(pagetest.Doc(pages...), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := shape(fixture(t, "ar/council.txt"))
	got := shape(styled)
	for i := range max(len(got.Events), len(want.Events)) {
		var g, w eventShape
		if i < len(got.Events) {
			g = got.Events[i]
		}
		if i < len(want.Events) {
			w = want.Events[i]
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("event %d: got %+v %+v, want %+v %+v", i+1, g, g.Vote, w, w.Vote)
		}
	}
	if !reflect.DeepEqual(got.Speeches, want.Speeches) {
		t.Errorf("speeches: got %+v\nwant %+v", got.Speeches, want.Speeches)
	}
	got.Events, got.Speeches = want.Events, want.Speeches
	if !reflect.DeepEqual(got, want) {
		t.Errorf("styled pages read differently:\n got %+v\nwant %+v", got, want)
	}
	for _, w := range styled.Warnings {
		t.Errorf("warning %s: %s", w.Code, w.Message)
	}
}
