package layout

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/page"
	"github.com/verbatim-un/verbatim/internal/page/pagetest"
)

type pageBuilder = pagetest.Builder

var (
	regular = pagetest.Regular
	bold    = pagetest.Bold
	italic  = pagetest.Italic
	small   = pagetest.Small
	large   = pagetest.Large
	barcode = pagetest.Barcode
)

type style = pagetest.Style

func newPage() *pageBuilder { return pagetest.New() }

// furniture sets a running head and a folio with its job number.
func furniture(b *pageBuilder, n, of int) *pageBuilder {
	b.Line(59, 63, small, "S/PV.9001 ", regular, "The situation in Atlantis ", small, "15/01/2020")
	return b.Line(60, 726, small, fmt.Sprintf("20-00001 %d/%d", n, of))
}

const (
	left  = 59.0
	right = 311.0
)

// sampleDoc is a cover page and two pages of debate.
func sampleDoc() *page.Doc {
	cover := newPage()
	cover.Line(127, 63, style{Size: 14}, "United Nations")
	cover.Line(495, 63, style{Size: 20}, "S/PV.9001")
	cover.Line(127, 88, style{Size: 19, Bold: true}, "Security Council")
	cover.Line(127, 134, large, "9001", regular, "st meeting")
	cover.Line(127, 146, regular, "Wednesday, 15 January 2020, 10 a.m.")
	cover.Line(64, 226, italic, "President", regular, ": Mr. Blue . . . . . . . (Atlantis)")
	cover.Line(64, 457, bold, "Agenda")
	cover.Line(126, 475, regular, "The situation in Atlantis")
	cover.Line(129, 636, small, "This record contains the text of speeches delivered in English.")
	cover.Line(129, 646, small, "Corrections should be submitted to the original languages only.")
	cover.Line(59, 728, style{Size: 12}, "20-00001 (E)")
	cover.Line(60, 745, barcode, "*2000001*")

	p2 := furniture(newPage(), 2, 3)
	p2.Line(77, 94, italic, "The meeting was called to order at 10 a.m.")
	p2.Line(59, 118, bold, "Adoption of the agenda")
	p2.Line(77, 136, italic, "The agenda was adopted.")
	p2.Line(77, 160, bold, "Mr. Green ", regular, "(Atlantis): I thank the Council for")
	y := p2.Column(left, 172, false, "this opportunity. Mr. Brown, our friend, has said:", "that is a sentence, not a label.")
	p2.Column(left, y+6, true, "A second paragraph that goes on", "over several lines, as most do,", "so that the column's margin", "is where most lines start, and",
		"into the right column at the top.")
	p2.Column(right, 94, false, "It ends here after a second line", "that stops short.")
	p2.Line(329, 124, italic, "The members of the Council observed a minute of silence.")
	p2.Line(311, 700, small, "1 A footnote in smaller type under the text.")

	p3 := furniture(newPage(), 3, 3)
	p3.Line(77, 94, bold, "The President", regular, ": I thank Mr. Green.")
	p3.Line(77, 112, italic, "The meeting rose at 11 a.m.")
	return pagetest.Doc(cover, p2, p3)
}

func texts(d Doc) []string {
	var out []string
	for _, l := range d.Lines {
		out = append(out, l.Text)
	}
	return out
}

func find(t *testing.T, d Doc, prefix string) Line {
	t.Helper()
	for _, l := range d.Lines {
		if strings.HasPrefix(l.Text, prefix) {
			return l
		}
	}
	t.Fatalf("no line starts with %q in %q", prefix, texts(d))
	return Line{}
}

func TestFromPagesFurniture(t *testing.T) {
	d := FromPages(sampleDoc(), Latin)
	all := strings.Join(texts(d), "\n")
	for _, gone := range []string{"15/01/2020", "2/3", "3/3", "*2000001*", "This record contains", "Corrections should", "A footnote", "20-00001"} {
		if strings.Contains(all, gone) {
			t.Errorf("furniture %q left in the text:\n%s", gone, all)
		}
	}
	for _, kept := range []string{"Security Council", "The situation in Atlantis", "Mr. Green (Atlantis)"} {
		if !strings.Contains(all, kept) {
			t.Errorf("%q is missing from the text:\n%s", kept, all)
		}
	}
	f := d.Furniture
	if !slices.Contains(f.Symbols, "S/PV.9001") || !slices.Contains(f.Dates, "15/01/2020") || !slices.Contains(f.Jobs, "20-00001") {
		t.Errorf("furniture read: %+v", f)
	}
	if f.Pages != 3 {
		t.Errorf("page count from the folios: %d, want 3", f.Pages)
	}
}

func TestFromPagesOrderAndParagraphs(t *testing.T) {
	d := FromPages(sampleDoc(), Latin)
	got := texts(d)
	// The cover's masthead first, then the text under it; the left
	// column before the right.
	order := []string{"United Nations", "Security Council", "Wednesday, 15 January 2020", "Agenda",
		"The meeting was called", "Mr. Green", "A second paragraph", "into the right column", "It ends here", "The members of the Council", "The President"}
	at := -1
	for _, o := range order {
		i := slices.IndexFunc(got, func(s string) bool { return strings.HasPrefix(s, o) })
		if i <= at {
			t.Fatalf("%q out of order in %q", o, got)
		}
		at = i
	}
	tests := []struct {
		prefix    string
		paraStart bool
		bold      int
		italic    bool
	}{
		{"The meeting was called", true, 0, true},
		{"Adoption of the agenda", true, len("Adoption of the agenda"), false},
		{"Mr. Green", true, len("Mr. Green "), false}, // its space is in the bold run
		{"this opportunity.", false, 0, false},
		{"that is a sentence", false, 0, false},
		{"A second paragraph", true, 0, false},               // indented
		{"into the right column", false, 0, false},           // goes on
		{"It ends here", false, 0, false},                    // the top of the right column goes on
		{"that stops short.", false, 0, false},               //
		{"The members of the Council", true, 0, true},        // indented after a short line
		{"The President", true, len("The President"), false}, // a new page, indented
	}
	for _, tt := range tests {
		l := find(t, d, tt.prefix)
		if l.BlankBefore != tt.paraStart || l.Bold != tt.bold || l.Italic != tt.italic || !l.Styled {
			t.Errorf("%q: paragraph start %v bold %d italic %v styled %v; want %v %d %v", tt.prefix,
				l.BlankBefore, l.Bold, l.Italic, l.Styled, tt.paraStart, tt.bold, tt.italic)
		}
	}
	if !d.BoldLabels {
		t.Error("labels in bold not noticed")
	}
	paras := Paragraphs(d.Lines, Latin, 0, nil)
	var ptexts []string
	for _, p := range paras {
		ptexts = append(ptexts, p.Text)
	}
	want := "Mr. Green (Atlantis): I thank the Council for this opportunity. Mr. Brown, our friend, has said: that is a sentence, not a label."
	if !slices.Contains(ptexts, want) {
		t.Errorf("paragraphs %q lack %q", ptexts, want)
	}
}

// TestFromPagesOneColumn: on a page set in one column a short line is no
// column of its own, and a paragraph goes on past it.
func TestFromPagesOneColumn(t *testing.T) {
	p := newPage()
	p.Line(147, 100, bold, "The President", regular, ": The Council will now begin its consideration of the")
	p.Line(123, 112, "item on its agenda.")
	p.Line(147, 130, "The next paragraph, in a line long enough to cross the middle of the page.")
	d := FromPages(pagetest.Doc(p), Latin)
	paras := Paragraphs(d.Lines, Latin, 0, nil)
	if len(paras) != 2 || !strings.HasSuffix(paras[0].Text, "of the item on its agenda.") {
		t.Errorf("paragraphs %+v", paras)
	}
}

// TestFromPagesHeadings: a heading of several bold lines is one paragraph
// but for its sub-items; a heading starts a paragraph and so does the text
// after it.
func TestFromPagesHeadings(t *testing.T) {
	p := newPage()
	y := 100.0
	for _, l := range []string{"Agenda item 27", "Social development", "(a) Implementation of the outcome of the", "World Summit for Social Development and", "of the special session", "(b) Social development, including questions"} {
		p.Line(59, y, bold, l)
		y += 12
	}
	p.Line(77, y, bold, "The President", regular, ": The Assembly has before it")
	d := FromPages(pagetest.Doc(p), Latin)
	var got []string
	for _, para := range Paragraphs(d.Lines, Latin, 0, nil) {
		got = append(got, para.Text)
	}
	want := []string{"Agenda item 27", "Social development",
		"(a) Implementation of the outcome of the World Summit for Social Development and of the special session",
		"(b) Social development, including questions", "The President: The Assembly has before it"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
}

// TestFromPagesWithoutBold: a scan's text layer has no styles; nothing is
// then known of labels.
func TestFromPagesWithoutBold(t *testing.T) {
	p := newPage()
	p.Line(77, 100, "Mr. Green (Atlantis): I thank you.")
	p.Line(77, 118, "Mr. Brown (Utopia): And I you.")
	if d := FromPages(pagetest.Doc(p), Latin); d.BoldLabels {
		t.Error("BoldLabels set for a document without bold")
	}
}

func TestGlyphGapSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the Secretary -General said", "the Secretary-General said"},
		{"room AB -0928", "room AB-0928"},
		{"a dash - here", "a dash - here"},
		{"ends with a hyphen -", "ends with a hyphen -"},
	}
	for _, tt := range tests {
		if got := tightHyphens(tt.in); got != tt.want {
			t.Errorf("tightHyphens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	p := newPage()
	p.Line(77, 100, bold, "Ms. Grey ", regular, "(Atlantis) (spoke in Russian ): Today")
	d := FromPages(pagetest.Doc(p), Latin)
	if got := d.Lines[0].Text; got != "Ms. Grey (Atlantis) (spoke in Russian): Today" {
		t.Errorf("brackets: %q", got)
	}
}
