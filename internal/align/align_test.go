package align

import (
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

// words is a paragraph of n words, with the anchors given.
func words(n int, anchors ...string) string {
	return strings.TrimSpace(strings.Repeat("lorem ", n) + strings.Join(anchors, " "))
}

func sp(role, code, lang string, paras ...string) record.Speech {
	s := record.Speech{Role: role, Language: lang, Paragraphs: paras}
	if code != "" {
		s.Affiliation = &record.Affiliation{Code: code, Kind: record.KindState}
	}
	return s
}

func meeting(lang string, speeches ...record.Speech) *record.Meeting {
	m := &record.Meeting{Symbol: "S/PV.1", Language: lang}
	for i, s := range speeches {
		s.Seq = i + 1
		m.Speeches = append(m.Speeches, s)
	}
	return m
}

// A short meeting: the President gives the floor to three speakers in
// turn.
var (
	pres1 = sp(record.RolePresident, "MEX", "es", words(12))
	sen   = sp(record.RoleNonMember, "SEN", "fr", words(80, "2417", "S/2099/31"), words(40, "14"))
	pres2 = sp(record.RolePresident, "MEX", "es", words(10))
	chn   = sp(record.RoleMember, "CHN", "zh", words(60, "S/2099/41"))
	pres3 = sp(record.RolePresident, "MEX", "es", words(11))
	deu   = sp(record.RoleNonMember, "DEU", "en", words(50, "45", "2098"))
	pres4 = sp(record.RolePresident, "MEX", "es", words(9))
	rus   = sp(record.RoleMember, "RUS", "ru", words(70, "1291"))
)

// joined is one turn made of two of the same speaker's turns.
func joined(a, b record.Speech) record.Speech {
	a.Paragraphs = append(append([]string{}, a.Paragraphs...), b.Paragraphs...)
	return a
}

func TestAlignPair(t *testing.T) {
	full := []record.Speech{pres1, sen, pres2, chn, pres3, deu, pres4, rus}
	for _, tc := range []struct {
		name string
		b    []record.Speech
		want [][2][]int // a seqs, b seqs
	}{
		{"same", full, [][2][]int{{{1}, {1}}, {{2}, {2}}, {{3}, {3}}, {{4}, {4}}, {{5}, {5}}, {{6}, {6}}, {{7}, {7}}, {{8}, {8}}}},
		{"lacks a speech", []record.Speech{pres1, sen, pres2, chn, pres3, pres4, rus},
			[][2][]int{{{1}, {1}}, {{2}, {2}}, {{3}, {3}}, {{4}, {4}}, {{5}, {5}}, {{6}, {}}, {{7}, {6}}, {{8}, {7}}}},
		{"lacks the first", []record.Speech{sen, pres2, chn, pres3, deu, pres4, rus},
			[][2][]int{{{1}, {}}, {{2}, {1}}, {{3}, {2}}, {{4}, {3}}, {{5}, {4}}, {{6}, {5}}, {{7}, {6}}, {{8}, {7}}}},
		{"lacks the last", []record.Speech{pres1, sen, pres2, chn, pres3, deu, pres4},
			[][2][]int{{{1}, {1}}, {{2}, {2}}, {{3}, {3}}, {{4}, {4}}, {{5}, {5}}, {{6}, {6}}, {{7}, {7}}, {{8}, {}}}},
		{"has one more", []record.Speech{pres1, sen, pres2, chn, sp(record.RoleMember, "FRA", "fr", words(30)), pres3, deu, pres4, rus},
			[][2][]int{{{1}, {1}}, {{2}, {2}}, {{3}, {3}}, {{4}, {4}}, {{}, {5}}, {{5}, {6}}, {{6}, {7}}, {{7}, {8}}, {{8}, {9}}}},
		{"merges two turns", []record.Speech{pres1, sen, pres2, chn, pres3, deu, joined(pres4, pres4), rus},
			[][2][]int{{{1}, {1}}, {{2}, {2}}, {{3}, {3}}, {{4}, {4}}, {{5}, {5}}, {{6}, {6}}, {{7}, {7}}, {{8}, {8}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := AlignPair(meeting("en", full...), meeting("fr", tc.b...))
			var got [][2][]int
			for _, l := range p.Links {
				got = append(got, [2][]int{l.A, l.B})
				if (len(l.A) == 0 || len(l.B) == 0) != (l.Confidence == 0) {
					t.Errorf("link %v: confidence %v", l, l.Confidence)
				}
				if l.Confidence < 0 || l.Confidence > 1 {
					t.Errorf("link %v: confidence %v out of [0,1]", l, l.Confidence)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestSplitAndMerge(t *testing.T) {
	// The President's national statement and return to the chair printed
	// as one turn in one version, two in the other.
	nat := sp(record.RoleMember, "MEX", "es", words(60, "12"))
	nat.NationalCapacity = true
	chair := sp(record.RolePresident, "MEX", "es", words(30, "S/2099/42"))
	vote := sp(record.RolePresident, "MEX", "es", words(25, "14", "1", "3001", "2099"))
	a := meeting("en", pres1, sen, chair, vote, rus)
	b := meeting("fr", pres1, sen, joined(chair, vote), rus)
	for _, tc := range []struct {
		name string
		a, b *record.Meeting
		want [][2][]int
	}{
		{"two to one", a, b, [][2][]int{{{1}, {1}}, {{2}, {2}}, {{3, 4}, {3}}, {{5}, {4}}}},
		{"one to two", b, a, [][2][]int{{{1}, {1}}, {{2}, {2}}, {{3}, {3, 4}}, {{4}, {5}}}},
		{"national capacity kept apart", meeting("en", pres1, nat, chair, rus), meeting("fr", pres1, nat, chair, rus),
			[][2][]int{{{1}, {1}}, {{2}, {2}}, {{3}, {3}}, {{4}, {4}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := AlignPair(tc.a, tc.b)
			var got [][2][]int
			for _, l := range p.Links {
				got = append(got, [2][]int{l.A, l.B})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestConfidenceOrder(t *testing.T) {
	a := meeting("en", pres1, sen, chn, rus)
	for _, tc := range []struct {
		name         string
		better, wors *record.Meeting
	}{
		{"the same text beats a different length", meeting("fr", pres1, sen, chn, rus),
			meeting("fr", pres1, sen, sp(record.RoleMember, "CHN", "zh", words(20, "S/2099/41")), rus)},
		{"agreeing anchors beat disagreeing ones", meeting("fr", pres1, sen, chn, rus),
			meeting("fr", pres1, sen, sp(record.RoleMember, "CHN", "zh", words(60, "S/2099/77")), rus)},
		{"the language of delivery counts", meeting("fr", pres1, sen, chn, rus),
			meeting("fr", pres1, sen, sp(record.RoleMember, "CHN", "en", words(60, "S/2099/41")), rus)},
		{"a one-to-one pair beats a merge on the same evidence", meeting("fr", pres1, sen, chn, rus),
			meeting("fr", pres1, sen, sp(record.RoleMember, "CHN", "zh", words(30)), sp(record.RoleMember, "CHN", "zh", words(30, "S/2099/41")), rus)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hi := AlignPair(a, tc.better).Links[2]
			lo := AlignPair(a, tc.wors).Links[2]
			if !(hi.Confidence > lo.Confidence) {
				t.Errorf("confidence %v (%v) not above %v (%v)", hi.Confidence, hi, lo.Confidence, lo)
			}
		})
	}
}

func TestAlignErrors(t *testing.T) {
	en := meeting("en", pres1)
	other := meeting("fr", pres1)
	other.Symbol = "S/PV.2"
	for _, tc := range []struct {
		name     string
		versions []*record.Meeting
		want     string
	}{
		{"one version", []*record.Meeting{en}, "at least two"},
		{"two meetings", []*record.Meeting{en, other}, "different meetings"},
		{"same language", []*record.Meeting{en, meeting("en", pres1)}, `two versions in language "en"`},
		{"nil", []*record.Meeting{en, nil}, "nil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Align(tc.versions...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// A speech the pivot lacks gets its own row, shared by the versions that
// have it at the same place.
func TestRowsPivotLacks(t *testing.T) {
	a := meeting("en", pres1, sen, pres2, chn, pres3, rus)
	b := meeting("fr", pres1, sen, deu, pres2, chn)
	c := meeting("es", pres1, sen, deu, pres2, chn)
	al, err := Align(b, c, a)
	if err != nil {
		t.Fatal(err)
	}
	if al.Pivot != "en" {
		t.Fatalf("pivot %s, want en (the most speeches)", al.Pivot)
	}
	want := []map[string][]int{
		{"en": {1}, "fr": {1}, "es": {1}},
		{"en": {2}, "fr": {2}, "es": {2}},
		{"fr": {3}, "es": {3}},
		{"en": {3}, "fr": {4}, "es": {4}},
		{"en": {4}, "fr": {5}, "es": {5}},
		{"en": {5}},
		{"en": {6}},
	}
	if got := rowSeqs(al); !reflect.DeepEqual(got, want) {
		t.Errorf("rows\ngot  %v\nwant %v", got, want)
	}
	if len(al.Warnings) != 6 {
		t.Errorf("warnings %v, want 6 (en lacks DEU in two versions, fr and es the end)", al.Warnings)
	}
}

func rowSeqs(a *Alignment) []map[string][]int {
	var out []map[string][]int
	for _, r := range a.Rows {
		m := map[string][]int{}
		for l, c := range r.Cells {
			m[l] = c.Seqs
		}
		out = append(out, m)
	}
	return out
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"14 votes, 1 against", []string{"14", "1"}},
		{"2,300 schools and 2 300 and 2\u202f300", []string{"2300", "2300", "2300"}},
		{"at 10.05 a.m.", []string{"10", "5"}},
		{"第１３７３（２００１）号", []string{"1373", "2001"}},
		{"القرار ٢٤١٧ (۲۰۱۸)", []string{"2417", "2018"}},
		{"007 and 0", []string{"7", "0"}},
		{"1,23", []string{"1", "23"}},
		{"no digits", nil},
	} {
		if got := numbers(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("numbers(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	one := words(40, "12")
	two := words(120, "S/2099/41")
	three := words(20)
	for _, tc := range []struct {
		name string
		a, b []string
		want [][2][]ParaRef
	}{
		{"one to one", []string{one, two, three}, []string{one, two, three},
			[][2][]ParaRef{{{{1, 0}}, {{1, 0}}}, {{{1, 1}}, {{1, 1}}}, {{{1, 2}}, {{1, 2}}}}},
		{"two printed as one", []string{one, two, three}, []string{one + " " + two, three},
			[][2][]ParaRef{{{{1, 0}, {1, 1}}, {{1, 0}}}, {{{1, 2}}, {{1, 1}}}}},
		{"one lacking", []string{one, two, three}, []string{one, three},
			[][2][]ParaRef{{{{1, 0}}, {{1, 0}}}, {{{1, 1}}, {}}, {{{1, 2}}, {{1, 1}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Versions of about the same length, whose ratio a
			// missing paragraph barely moves.
			rest := sp(record.RoleMember, "RUS", "ru", words(400))
			a := meeting("en", sp(record.RoleMember, "CHN", "zh", tc.a...), rest)
			b := meeting("fr", sp(record.RoleMember, "CHN", "zh", tc.b...), rest)
			var got [][2][]ParaRef
			for _, pp := range alignParagraphs(a, []int{1}, b, []int{1}, lengthRatio(prepare(a), prepare(b))) {
				got = append(got, [2][]ParaRef{pp.A, pp.B})
				if pp.Confidence < 0 || pp.Confidence > 1 {
					t.Errorf("%v: confidence %v", pp, pp.Confidence)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}
