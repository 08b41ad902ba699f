package parse_test

import (
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/page/pagetest"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/record"
)

// styledRecord is a page of an English record as a PDF sets it: labels in
// bold, procedural lines and stage directions in italics.
func styledRecord(labelsBold bool) *pagetest.Builder {
	b, it := pagetest.Bold, pagetest.Italic
	if !labelsBold {
		b, it = pagetest.Regular, pagetest.Regular
	}
	p := pagetest.New()
	p.Line(77, 94, it, "The meeting was called to order at 10 a.m.")
	p.Line(77, 112, b, "The President", pagetest.Regular, ": I give the floor to the representative")
	y := p.Column(59, 124, false, "of Atlantis.")
	p.Line(77, y+6, b, "Mr. Green ", pagetest.Regular, "(Atlantis): I thank you, Mr. President.")
	y = p.Column(59, y+18, false, "Let me quote a friend.")
	// A quotation shaped like a label, in regular type, opening a
	// paragraph: the text alone cannot tell it from a label.
	y = p.Column(59, y+6, true, "Mr. Brown (Utopia): peace comes first.", "We agree.")
	p.Line(77, y+6, it, "The members of the Council observed a minute of silence.")
	p.Line(77, y+24, it, "The meeting was suspended at 11.05 a.m.")
	p.Line(77, y+42, b, "The President", pagetest.Regular, ": The meeting is adjourned.")
	p.Line(77, y+60, it, "The meeting rose at 11.30 a.m.")
	return p
}

func TestStyledLabels(t *testing.T) {
	m, err := parse.Pages(pagetest.Doc(styledRecord(true)), parse.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var speakers []string
	for _, sp := range m.Speeches {
		speakers = append(speakers, sp.Speaker)
	}
	if got := strings.Join(speakers, "|"); got != "The President|Green|The President" {
		t.Fatalf("speakers %q; the label-shaped sentence in regular type must stay speech", got)
	}
	green := strings.Join(m.Speeches[1].Paragraphs, "\n")
	if !strings.Contains(green, "Mr. Brown (Utopia): peace comes first. We agree.") {
		t.Errorf("Green's speech lost the quoted sentence: %q", green)
	}
	if strings.Contains(green, "minute of silence") || strings.Contains(green, "suspended") {
		t.Errorf("a stage direction or procedural line is in the speech: %q", green)
	}
	types := map[string]int{}
	for _, e := range m.Events {
		types[e.Type]++
		if e.Type == record.EventNote && e.Text != "The members of the Council observed a minute of silence." {
			t.Errorf("note %q", e.Text)
		}
	}
	for _, want := range []string{record.EventOpened, record.EventNote, record.EventSuspended, record.EventAdjourned} {
		if types[want] != 1 {
			t.Errorf("%d %s events, want 1 (events %v)", types[want], want, types)
		}
	}
	if m.Opened != "10:00" || m.Closed != "11:30" {
		t.Errorf("opened %q closed %q", m.Opened, m.Closed)
	}
}

// TestUnstyledLabels: a text layer without styles (a scan) has its labels
// found by their text, as in extracted text — the quotation shaped like a
// label then opens a turn: what bold type tells is not known.
func TestUnstyledLabels(t *testing.T) {
	m, err := parse.Pages(pagetest.Doc(styledRecord(false)), parse.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var speakers []string
	for _, sp := range m.Speeches {
		speakers = append(speakers, sp.Speaker)
	}
	if got := strings.Join(speakers, "|"); got != "The President|Green|Brown|The President" {
		t.Errorf("speakers %q", got)
	}
}
