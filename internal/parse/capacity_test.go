package parse_test

import (
	"testing"

	"github.com/verbatim-un/verbatim/internal/parse"
)

// TestCapacityInOneParagraph: the national statement and the return to
// the chair in the same paragraph as the sentence that opens it (short
// lines a layout read as one paragraph) still make two turns, each with
// its text.
func TestCapacityInOneParagraph(t *testing.T) {
	text := "United Nations S/PV.9991\nThe meeting was called to order at 10.05 a.m.\n" +
		"The President: I give the floor to the representative of China.\n" +
		"Mr. Li (China) (spoke in Chinese): We support the efforts of the Special Representative.\n" +
		"The President: I shall now make a statement in my capacity as the representative of France. " +
		"France welcomes the briefing. I now resume my functions as President of the Council.\n" +
		"The meeting rose at 12.30 p.m.\n"
	m, err := parse.Text(text, parse.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Speeches) != 4 {
		t.Fatalf("%d speeches, want 4: %+v", len(m.Speeches), m.Speeches)
	}
	nat, back := m.Speeches[2], m.Speeches[3]
	if !nat.NationalCapacity || nat.Affiliation == nil || nat.Affiliation.Code != "FRA" || len(nat.Paragraphs) != 1 ||
		nat.Paragraphs[0] != "I shall now make a statement in my capacity as the representative of France. France welcomes the briefing." {
		t.Errorf("national statement: %+v", nat)
	}
	if back.NationalCapacity || back.Role != "president" || len(back.Paragraphs) != 1 ||
		back.Paragraphs[0] != "I now resume my functions as President of the Council." {
		t.Errorf("back in the chair: %+v", back)
	}
}
