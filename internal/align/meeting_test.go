package align

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/record"
)

// versions parses the synthetic versions of meeting S/PV.9992 in
// testdata, in the order given.
func versions(t *testing.T, langs ...string) []*record.Meeting {
	t.Helper()
	var out []*record.Meeting
	for _, l := range langs {
		b, err := os.ReadFile(filepath.Join("testdata", l+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		m, err := parse.Text(string(b), parse.Options{Lang: l})
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		for _, w := range m.Warnings {
			t.Fatalf("%s: warning %s: %s", l, w.Code, w.Message)
		}
		out = append(out, m)
	}
	return out
}

func TestSixVersions(t *testing.T) {
	langs := []string{"zh", "en", "fr", "es", "ru", "ar"}
	a, err := Align(versions(t, langs...)...)
	if err != nil {
		t.Fatal(err)
	}
	if a.Symbol != "S/PV.9992" || a.Pivot != "zh" || !reflect.DeepEqual(a.Languages, langs) {
		t.Fatalf("symbol %s, pivot %s, languages %v", a.Symbol, a.Pivot, a.Languages)
	}
	// zh, en, es and ar have the same 13 turns; fr prints the President's
	// return to the chair and the vote's announcement (10 and 11) as one
	// turn, so those are one row; ru lacks Germany's speech (6).
	same := func(seqs ...int) []int { return seqs }
	want := []map[string][]int{}
	for i, row := range [][2][]int{
		{same(1), same(1)}, {same(2), same(2)}, {same(3), same(3)}, {same(4), same(4)},
		{same(5), same(5)}, {same(6), nil}, {same(7), same(6)}, {same(8), same(7)},
		{same(9), same(8)}, {same(10, 11), same(9, 10)}, {same(12), same(11)}, {same(13), same(12)},
	} {
		fr := row[0]
		if i >= 10 {
			fr = same(row[0][0] - 1)
		} else if i == 9 {
			fr = same(10)
		}
		r := map[string][]int{"zh": row[0], "en": row[0], "es": row[0], "ar": row[0], "fr": fr}
		if row[1] != nil {
			r["ru"] = row[1]
		}
		want = append(want, r)
	}
	if got := rowSeqs(a); !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w map[string][]int
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("row %d: got %v, want %v", i+1, g, w)
			}
		}
	}

	wantWarn := []Warning{{"missing-speech", "ru", "the ru version has no speech matching zh speech 6 (韦伯, DEU)"}}
	if !reflect.DeepEqual(a.Warnings, wantWarn) {
		t.Errorf("warnings %v, want %v", a.Warnings, wantWarn)
	}

	// Every pair is confident; the merged one less than the same row in a
	// version that splits it as the pivot does; and each pair is more
	// alike than the pivot's turn with the turns next to its partner when
	// someone else speaks them (the same speaker's short turns, such as
	// the President's, are told apart by their place alone).
	byLang := map[string]Pairwise{}
	for _, p := range a.Pairs {
		byLang[p.B] = p
	}
	for _, lang := range langs[1:] {
		fp, fo := prepare(versions(t, "zh")[0]), prepare(versions(t, lang)[0])
		for _, l := range byLang[lang].Links {
			if len(l.A) == 0 || len(l.B) == 0 {
				continue
			}
			if l.Confidence < 0.7 || l.Confidence > 1 {
				t.Errorf("%s %v–%v: confidence %v", lang, l.A, l.B, l.Confidence)
			}
			if len(l.A) != 1 || len(l.B) != 1 {
				continue
			}
			i, j := l.A[0]-1, l.B[0]-1
			for _, k := range []int{j - 1, j + 1} {
				if k < 0 || k >= len(fo.turns) || fo.turns[k].codes[0] == fo.turns[j].codes[0] && fo.turns[k].roles[0] == fo.turns[j].roles[0] {
					continue
				}
				if s := similarity(fp.turns[i], fo.turns[k]); s >= l.Confidence {
					t.Errorf("%s: zh %d is as like %s %d (%v) as its partner %d (%v)", lang, i+1, lang, k+1, s, j+1, l.Confidence)
				}
			}
		}
	}
	merged, split := a.Rows[9].Cells["fr"], a.Rows[9].Cells["es"]
	if !(merged.Confidence < split.Confidence) {
		t.Errorf("merged turn's confidence %v not below %v", merged.Confidence, split.Confidence)
	}
}
