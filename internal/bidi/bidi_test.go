package bidi_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/bidi"
	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/grammar"
)

// TestLogical: lines as an extractor gives them, written out by hand.
func TestLogical(t *testing.T) {
	for _, tt := range []struct{ visual, logical string }{
		// Right-to-left words reversed, the line's runs in reverse.
		{"نمألا سلجم", "مجلس الأمن"},
		// A symbol keeps its order; brackets are mirrored back.
		{"S/PV.9991 ةدحتملا ممألا", "الأمم المتحدة S/PV.9991"},
		{":(ةيسنرفلاب ملكت) سيئرلا", "الرئيس (تكلم بالفرنسية):"},
		// A number, then a year in brackets: after Arabic letters they
		// are two runs, printed in reverse order.
		{".(2099) 9999 رارقلا هفصوب", "بوصفه القرار 9999 (2099)."},
		// A time joined by a slash is one number; so is 1,500.
		{".10/05 ةعاسلا ةسلجلا تحتتفا", "افتتحت الجلسة الساعة 10/05."},
		{"ارالود 1,500", "1,500 دولارا"},
		// After Arabic letters a hyphen does not join numbers (rule W4).
		{"2017-2016 نيتنسلا", "السنتين 2016-2017"},
		// Arabic-Indic digits are numbers too.
		{"١٠/٠٥ ةعاسلا", "الساعة ١٠/٠٥"},
		// Harakat and tatweel stay with their letters.
		{".رارقلا عورشم دمتعُا", "اُعتمد مشروع القرار."},
		{"مــلا", "الــم"},
		// A Latin phrase with its number keeps its order.
		{"(New York 10017) ةنيدم", "مدينة (New York 10017)"},
		{"", ""},
	} {
		if got := bidi.Logical(tt.visual); got != tt.logical {
			t.Errorf("Logical(%q) = %q, want %q", tt.visual, got, tt.logical)
		}
		if got := bidi.Visual(tt.logical); got != tt.visual {
			t.Errorf("Visual(%q) = %q, want %q", tt.logical, got, tt.visual)
		}
	}
}

// TestLogicalAdjacentRuns: a number and Latin letters side by side, at
// the start of a line, are one run.
func TestLogicalAdjacentRuns(t *testing.T) {
	for _, l := range []string{"2013-041A المادة", "041A", "12B و 13C"} {
		if got := bidi.Logical(bidi.Visual(l)); got != l {
			t.Errorf("%q laid out as %q reads back as %q", l, bidi.Visual(l), got)
		}
	}
}

func TestLogicalTextKeepsLineEnds(t *testing.T) {
	in := "نمألا سلجم\r\n\fةسلجلا\n"
	if got, want := bidi.LogicalText(in), "مجلس الأمن\r\n\fالجلسة\n"; got != want {
		t.Errorf("LogicalText = %q, want %q", got, want)
	}
}

func arabicCommon(t *testing.T) map[string]bool {
	g, err := grammar.For("ar")
	if err != nil {
		t.Fatal(err)
	}
	return g.Common
}

func parallel(t *testing.T, lang string) []string {
	b, err := os.ReadFile(corpus.Path(t, "parallel/UNv1.0.devset."+lang))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

// TestRoundTripParallel lays out each Arabic sentence of
// ../shared/corpus/parallel in visual order (Visual, the algorithm's
// way) and reads it back (Logical). The way back is ambiguous where a
// number begins a line before Latin text ("6 February 2015" and
// "February 2015 6" look the same) or Latin text sits inside brackets
// after a number: measured, 8 of the 4,000 sentences.
func TestRoundTripParallel(t *testing.T) {
	lines := parallel(t, "ar")
	bad := 0
	for _, l := range lines {
		if got := bidi.Logical(bidi.Visual(l)); got != l {
			bad++
			if testing.Verbose() {
				t.Logf("%q\n  read back as %q", l, got)
			}
		}
	}
	t.Logf("%d of %d sentences not read back exactly", bad, len(lines))
	if bad > 8 {
		t.Errorf("%d of %d sentences not read back exactly; measured 8", bad, len(lines))
	}
}

// TestDetectParallel measures the detection on blocks of 20 sentences
// (about a page): the Arabic ones as they are (logical) and laid out in
// visual order, and the other languages' (no Arabic words: never
// visual).
func TestDetectParallel(t *testing.T) {
	common := arabicCommon(t)
	lines := parallel(t, "ar")
	blocks, wrongLogical, wrongVisual := 0, 0, 0
	var minLogical, minVisual float64 = 1e9, 1e9
	for i := 0; i+20 <= len(lines); i += 20 {
		blocks++
		text := strings.Join(lines[i:i+20], "\n")
		c := bidi.Count(text, common)
		if c.IsVisual() {
			wrongLogical++
		}
		minLogical = min(minLogical, float64(c.Forward)/float64(max(c.Backward, 1)))
		v := bidi.Count(bidi.VisualText(text), common)
		if !v.IsVisual() {
			wrongVisual++
		}
		minVisual = min(minVisual, float64(v.Backward)/float64(max(v.Forward, 1)))
	}
	t.Logf("%d blocks: %d logical ones taken for visual, %d visual ones missed; lowest ratio forward/backward %.1f (logical), backward/forward %.1f (visual)",
		blocks, wrongLogical, wrongVisual, minLogical, minVisual)
	if blocks == 0 || wrongLogical > 0 || wrongVisual > 0 {
		t.Errorf("misdetected: %d logical, %d visual of %d blocks", wrongLogical, wrongVisual, blocks)
	}
	// One sentence at a time: a sentence too short to tell is left as
	// it is (not visual), never taken the wrong way.
	wrong, told := 0, 0
	for _, l := range lines {
		if bidi.Count(l, common).IsVisual() {
			wrong++
		}
		if bidi.Count(bidi.Visual(l), common).IsVisual() {
			told++
		}
	}
	t.Logf("single sentences: %d of %d logical ones taken for visual, %d visual ones told", wrong, len(lines), told)
	if wrong > 0 {
		t.Errorf("%d logical sentences taken for visual", wrong)
	}
	for _, lang := range []string{"en", "fr", "es", "ru", "zh"} {
		text := strings.Join(parallel(t, lang), "\n")
		if c := bidi.Count(text, common); c.IsVisual() {
			t.Errorf("%s text taken for visual Arabic: %+v", lang, c)
		}
	}
	// Too few words tell nothing.
	if c := bidi.Count("يف نم", common); c.IsVisual() {
		t.Errorf("two words taken for visual order: %+v", c)
	}
}

// BenchmarkLogicalText turns the Arabic record, in visual order, back
// into logical order; MB/s of input.
func BenchmarkLogicalText(b *testing.B) {
	src, err := os.ReadFile("../parse/testdata/ar/council.txt")
	if err != nil {
		b.Fatal(err)
	}
	visual := bidi.VisualText(strings.Repeat(string(src), 50))
	b.SetBytes(int64(len(visual)))
	b.ResetTimer()
	for b.Loop() {
		bidi.LogicalText(visual)
	}
}

// BenchmarkCount measures the visual-order test on the first 20,000
// bytes it reads.
func BenchmarkCount(b *testing.B) {
	g, err := grammar.For("ar")
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile("../parse/testdata/ar/council.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(src), 10)
	b.SetBytes(20000)
	b.ResetTimer()
	for b.Loop() {
		bidi.Count(text, g.Common)
	}
}

// FuzzLogical: any line comes back with as many runes, none lost or
// made up but for mirrored brackets, and Visual of it does not panic.
func FuzzLogical(f *testing.F) {
	for _, s := range []string{"نمألا سلجم", ".(2099) 9999 رارقلا هفصوب", "S/PV.9991 ةدحتملا", "(a [b] ج) ١٢-٣٤ %50", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := bidi.Logical(s)
		count := func(s string) map[rune]int {
			m := map[rune]int{}
			for _, r := range s {
				m[bidi.Mirror(r)+r]++ // a bracket and its mirror count alike
			}
			return m
		}
		if !reflect.DeepEqual(count(got), count(s)) {
			t.Errorf("Logical(%q) = %q: runes differ", s, got)
		}
		bidi.Visual(got)
	})
}
