package symbol

import (
	"reflect"
	"strings"
	"testing"
)

// want is an expected reference; its offsets are those of the first
// occurrence of Text after the previous reference.
type want struct {
	symbol, text string
}

type findCase struct {
	text string
	want []want
}

func checkFind(t *testing.T, lang string, tests []findCase) {
	t.Helper()
	for _, tt := range tests {
		got := Find(lang, tt.text)
		var exp []Ref
		from := 0
		for _, w := range tt.want {
			i := strings.Index(tt.text[from:], w.text)
			if i < 0 {
				t.Fatalf("bad test: %q not in %q after %d", w.text, tt.text, from)
			}
			s := from + i
			exp = append(exp, Ref{Symbol: w.symbol, Text: w.text, Start: s, End: s + len(w.text)})
			from = s + len(w.text)
		}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("Find(%q, %q)\n got %+v\nwant %+v", lang, tt.text, got, exp)
		}
		for _, r := range got {
			if tt.text[r.Start:r.End] != r.Text {
				t.Errorf("Find(%q, %q): text[%d:%d] = %q, Text = %q", lang, tt.text, r.Start, r.End, tt.text[r.Start:r.End], r.Text)
			}
		}
	}
}

func TestFindZh(t *testing.T) {
	checkFind(t, "zh", []findCase{
		// Printed symbols end at Chinese punctuation and characters.
		{"秘书长的报告载于文件S/2016/867，其中指出", []want{{"S/2016/867", "S/2016/867"}}},
		{"报告（S/2016/867）指出", []want{{"S/2016/867", "S/2016/867"}}},
		{"（见S/PV.7694）", []want{{"S/PV.7694", "S/PV.7694"}}},
		{"（S/PV.7505，第2页）", []want{{"S/PV.7505", "S/PV.7505"}}},
		{"见S/2016/867。", []want{{"S/2016/867", "S/2016/867"}}},
		{"见S/PV.7796.", []want{{"S/PV.7796", "S/PV.7796"}}},
		{"S/2016/867号文件", []want{{"S/2016/867", "S/2016/867"}}},
		{"文件S/2016/867/Add.1和S/2016/867/Corr.1", []want{{"S/2016/867/Add.1", "S/2016/867/Add.1"}, {"S/2016/867/Corr.1", "S/2016/867/Corr.1"}}},
		{"会议记录S/PV.8706（Resumption 1）所载", []want{{"S/PV.8706 (Resumption 1)", "S/PV.8706（Resumption 1）"}}},
		{"主席声明S/PRST/2016/12。", []want{{"S/PRST/2016/12", "S/PRST/2016/12"}}},
		{"文件Ｓ／２０１６／８６７，", []want{{"S/2016/867", "Ｓ／２０１６／８６７"}}},
		{"A/71/PV.40和A/C.1/71/PV.3", []want{{"A/71/PV.40", "A/71/PV.40"}, {"A/C.1/71/PV.3", "A/C.1/71/PV.3"}}},

		// Security Council resolutions.
		{"第1267（1999）号决议", []want{{"S/RES/1267 (1999)", "第1267（1999）号决议"}}},
		{"根据第1267（1999）号决议设立的委员会", []want{{"S/RES/1267 (1999)", "第1267（1999）号决议"}}},
		{"第1373（2001）号和第1624（2005）号决议", []want{
			{"S/RES/1373 (2001)", "第1373（2001）号"},
			{"S/RES/1624 (2005)", "第1624（2005）号"},
		}},
		{"第1267(1999)号、第1989(2011)号和第2253(2015)号决议", []want{
			{"S/RES/1267 (1999)", "第1267(1999)号"},
			{"S/RES/1989 (2011)", "第1989(2011)号"},
			{"S/RES/2253 (2015)", "第2253(2015)号"},
		}},
		{"第1373(2001)和1624(2005)号决议", []want{
			{"S/RES/1373 (2001)", "第1373(2001)"},
			{"S/RES/1624 (2005)", "1624(2005)号"},
		}},
		{"安全理事会第2253（2015）号决议。", []want{{"S/RES/2253 (2015)", "安全理事会第2253（2015）号决议"}}},
		{"安理会第2253（2015）号决议", []want{{"S/RES/2253 (2015)", "安理会第2253（2015）号决议"}}},
		{"第１２６７（１９９９）号决议", []want{{"S/RES/1267 (1999)", "第１２６７（１９９９）号决议"}}},
		{"第 1267 （1999） 号 决议", []want{{"S/RES/1267 (1999)", "第 1267 （1999） 号 决议"}}},

		// General Assembly and other resolutions.
		{"第48/237号决议", []want{{"A/RES/48/237", "第48/237号决议"}}},
		{"大会第69/10号决议", []want{{"A/RES/69/10", "大会第69/10号决议"}}},
		{"第65/124号和第69/10号决议", []want{
			{"A/RES/65/124", "第65/124号"},
			{"A/RES/69/10", "第69/10号"},
		}},
		{"大会第377（V）号决议", []want{{"A/RES/377 (V)", "大会第377（V）号决议"}}},
		{"大会第ES-10/19号决议", []want{{"A/RES/ES-10/19", "大会第ES-10/19号决议"}}},
		{"人权理事会第32/1号决议", []want{{"A/HRC/RES/32/1", "人权理事会第32/1号决议"}}},
		{"经济及社会理事会第2016/4号决议", []want{{"E/RES/2016/4", "经济及社会理事会第2016/4号决议"}}},

		// Both kinds in one sentence.
		{"安理会在第2253（2015）号决议（S/RES/2253 (2015)）中", []want{
			{"S/RES/2253 (2015)", "第2253（2015）号决议"},
			{"S/RES/2253 (2015)", "S/RES/2253 (2015)"},
		}},

		// Nothing is invented.
		{"第1267段", nil},
		{"1999年，第1267（1999）号文件", nil},
		{"第2页", nil},
		{"第123/4号", nil},
		{"1267委员会", nil},
		{"s/2016/867", nil},
		{"", nil},
	})
}

func TestFindEn(t *testing.T) {
	checkFind(t, "en", []findCase{
		{"under resolution 1267 (1999), the Committee", []want{{"S/RES/1267 (1999)", "resolution 1267 (1999)"}}},
		{"resolution 1267(1999)", []want{{"S/RES/1267 (1999)", "resolution 1267(1999)"}}},
		{"Resolution 1267 (1999) was adopted", []want{{"S/RES/1267 (1999)", "Resolution 1267 (1999)"}}},
		{"resolutions 1373 (2001) and 1624 (2005)", []want{
			{"S/RES/1373 (2001)", "1373 (2001)"},
			{"S/RES/1624 (2005)", "1624 (2005)"},
		}},
		{"resolutions 1267 (1999), 1989 (2011) and 2253 (2015).", []want{
			{"S/RES/1267 (1999)", "1267 (1999)"},
			{"S/RES/1989 (2011)", "1989 (2011)"},
			{"S/RES/2253 (2015)", "2253 (2015)"},
		}},
		{"resolutions 1267 (1999), 1989 (2011), and 2253 (2015)", []want{
			{"S/RES/1267 (1999)", "1267 (1999)"},
			{"S/RES/1989 (2011)", "1989 (2011)"},
			{"S/RES/2253 (2015)", "2253 (2015)"},
		}},
		{"Security Council resolution 2253 (2015)", []want{{"S/RES/2253 (2015)", "Security Council resolution 2253 (2015)"}}},
		{"General Assembly resolution 69/10", []want{{"A/RES/69/10", "General Assembly resolution 69/10"}}},
		{"in resolution 48/237, the Assembly", []want{{"A/RES/48/237", "resolution 48/237"}}},
		{"resolutions 65/124 and 69/10", []want{{"A/RES/65/124", "65/124"}, {"A/RES/69/10", "69/10"}}},
		{"General Assembly resolution 377 (V)", []want{{"A/RES/377 (V)", "General Assembly resolution 377 (V)"}}},
		{"Human Rights Council resolution 32/1", []want{{"A/HRC/RES/32/1", "Human Rights Council resolution 32/1"}}},
		{"Economic and Social Council resolution 2016/4", []want{{"E/RES/2016/4", "Economic and Social Council resolution 2016/4"}}},
		{"resolution １２６７ （１９９９）", []want{{"S/RES/1267 (1999)", "resolution １２６７ （１９９９）"}}},

		// Printed symbols.
		{"the presidential statement S/PRST/2016/12 of", []want{{"S/PRST/2016/12", "S/PRST/2016/12"}}},
		{"the report (S/2016/867) shows", []want{{"S/2016/867", "S/2016/867"}}},
		{"as contained in S/2016/867.", []want{{"S/2016/867", "S/2016/867"}}},
		{"see S/PV.7796.", []want{{"S/PV.7796", "S/PV.7796"}}},
		{"see A/71/PV.40, page 3", []want{{"A/71/PV.40", "A/71/PV.40"}}},
		{"S/PV.8706 (Resumption 1)", []want{{"S/PV.8706 (Resumption 1)", "S/PV.8706 (Resumption 1)"}}},
		{"S/PV.8706(Resumption1) and S/PV.8706", []want{
			{"S/PV.8706 (Resumption 1)", "S/PV.8706(Resumption1)"},
			{"S/PV.8706", "S/PV.8706"},
		}},
		{"S/RES/1267 (1999) and A/RES/377 (V)", []want{{"S/RES/1267 (1999)", "S/RES/1267 (1999)"}, {"A/RES/377 (V)", "A/RES/377 (V)"}}},
		{"S/2016/867 (2016) refers", []want{{"S/2016/867", "S/2016/867"}}},
		{"draft resolution A/C.3/71/L.12/Rev.1 and A/HRC/32/L.1", []want{
			{"A/C.3/71/L.12/Rev.1", "A/C.3/71/L.12/Rev.1"},
			{"A/HRC/32/L.1", "A/HRC/32/L.1"},
		}},
		{"E/2016/SR.5; E/CN.4/2005/L.1; ST/SGB/2003/13; A/ES-10/PV.37", []want{
			{"E/2016/SR.5", "E/2016/SR.5"},
			{"E/CN.4/2005/L.1", "E/CN.4/2005/L.1"},
			{"ST/SGB/2003/13", "ST/SGB/2003/13"},
			{"A/ES-10/PV.37", "A/ES-10/PV.37"},
		}},
		{"Security Council resolution 2253 (2015) (S/RES/2253 (2015))", []want{
			{"S/RES/2253 (2015)", "Security Council resolution 2253 (2015)"},
			{"S/RES/2253 (2015)", "S/RES/2253 (2015)"},
		}},

		// Nothing is invented.
		{"the 1267 Committee met 1267 times in 1999", nil},
		{"resolution 1267 established", nil},
		{"resolution 48/2370", nil},
		{"A/B testing; S/he said; and/or", nil},
		{"S/2016/867abc", nil},
		{"XS/2016/867", nil},
		{"https://undocs.org/S/2016/867", nil},
		{"page 12/2016/867", nil},
	})
}

func TestFindUnknownLanguage(t *testing.T) {
	// Without patterns for the language, only printed symbols are found.
	checkFind(t, "de", []findCase{
		{"die Resolution 1267 (1999) und das Dokument S/2016/867.", []want{{"S/2016/867", "S/2016/867"}}},
	})
	checkFind(t, "fr", []findCase{
		{"la résolution 1267 (1999) et le document S/2016/867.", []want{{"S/RES/1267 (1999)", "résolution 1267 (1999)"}, {"S/2016/867", "S/2016/867"}}},
	})
	// Regional subtags and case select the base language.
	checkFind(t, "ZH-Hans", []findCase{
		{"第1267（1999）号决议", []want{{"S/RES/1267 (1999)", "第1267（1999）号决议"}}},
	})
}

// TestLanguageExamples runs the examples each language file carries.
func TestLanguageExamples(t *testing.T) {
	langs := strings.Join(Languages(), " ")
	for _, code := range []string{"en", "zh"} {
		if !strings.Contains(" "+langs+" ", " "+code+" ") {
			t.Errorf("Languages() = %v, missing %q", langs, code)
		}
	}
	for code, spec := range languages {
		if len(spec.examples) == 0 {
			t.Errorf("%s: no examples", code)
		}
		for _, ex := range spec.examples {
			var got []string
			for _, r := range Find(code, ex.Text) {
				got = append(got, r.Symbol)
			}
			if len(got) != len(ex.Symbols) || len(got) > 0 && !reflect.DeepEqual(got, ex.Symbols) {
				t.Errorf("%s: Find(%q) = %q, want %q", code, ex.Text, got, ex.Symbols)
			}
		}
	}
}

func TestLoadErrors(t *testing.T) {
	bad := []string{
		`{"lang": "xx", "separator": ",", "lists": [{"name": "a", "items": []}]}`,
		`{"lang": "xx", "separator": ",", "lists": [{"name": "a", "items": [{"pattern": "(", "symbol": "S/1"}]}]}`,
		`{"lang": "xx", "separator": ",", "lists": [{"name": "a", "items": [{"pattern": "\\d*", "symbol": "S/1"}]}]}`,
		`{"lang": "xx", "separator": ",", "lists": [{"name": "a", "items": [{"pattern": "(?P<n>\\d)", "symbol": "S/{m}"}]}]}`,
		`{"lang": "xx", "separator": ",", "lists": [{"name": "a", "items": [{"pattern": "(?P<n>\\d)", "symbol": "S/{n"}]}]}`,
		`{"lang": "xx", "lists": [{"name": "a", "items": [{"pattern": "(?P<n>\\d)", "symbol": "S/{n}"}]}]}`,
		`{"lang": "xx", "separator": ",", "lists": [{"name": "a", "after": "x*", "items": [{"pattern": "(?P<n>\\d)", "symbol": "S/{n}"}]}]}`,
		`{"lang": "XX"}`,
		`{"lang": "xx", "unknown": 1}`,
	}
	for _, b := range bad {
		if _, err := loadLanguage([]byte(b)); err == nil {
			t.Errorf("loadLanguage(%s): want error", b)
		}
	}
	badGrammar := []string{
		`{"bodies": []}`,
		`{"bodies": ["s"], "resumption": "Resumption"}`,
		`{"bodies": ["S"], "words": ["PV"], "meetingRecords": ["SR"], "resumption": "Resumption"}`,
		`{"bodies": ["S"], "resumption": ""}`,
	}
	for _, b := range badGrammar {
		if _, err := loadGrammar([]byte(b)); err == nil {
			t.Errorf("loadGrammar(%s): want error", b)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"文件S/2016/867，其中", "第1373（2001）号和第1624（2005）号决议", "大会第69/10号决议",
		"resolutions 1267 (1999), 1989 (2011) and 2253 (2015)", "S/PV.8706 (Resumption 1).",
		"Ｓ／ＰＶ．７７９６", "S/S/S/S/1x", "第1(1999)、第1(1999)、第1(1999)", "\xffS/1\xfe",
	} {
		f.Add("zh", s)
		f.Add("en", s)
	}
	f.Fuzz(func(t *testing.T, lang, text string) {
		end := 0
		for _, r := range Find(lang, text) {
			if r.Start < end || r.End <= r.Start || r.End > len(text) {
				t.Fatalf("Find(%q, %q): bad offsets %d..%d after %d", lang, text, r.Start, r.End, end)
			}
			if text[r.Start:r.End] != r.Text {
				t.Fatalf("Find(%q, %q): Text %q is not text[%d:%d]", lang, text, r.Text, r.Start, r.End)
			}
			if s, err := Normalize(r.Symbol); err != nil || s != r.Symbol {
				t.Fatalf("Find(%q, %q): symbol %q is not canonical: %q, %v", lang, text, r.Symbol, s, err)
			}
			end = r.End
		}
	})
}

// benchText is a few KB of meeting-record prose in both languages with
// references spread through it.
var benchText = strings.Repeat(
	"主席（以英语发言）：安全理事会议程上的项目。安理会成员面前有文件S/2016/867，其中载有秘书长的报告。"+
		"我谨提请安理会成员注意第1373（2001）号和第1624（2005）号决议以及大会第69/10号决议。"+
		"The President: I should like to draw the attention of Council members to document S/2016/867, "+
		"which contains the text of a draft resolution submitted under resolutions 1267 (1999), 1989 (2011) "+
		"and 2253 (2015). The Council is also reminded of General Assembly resolution 48/237 and of the "+
		"presidential statement S/PRST/2016/12 (see S/PV.7796 and S/PV.8706 (Resumption 1)). "+
		"Many speakers, some 1267 in number, spoke at length about 1999 and 2015 without citing anything. ",
	6)

// TestPrefilterAgrees checks that trying patterns only where they can
// begin finds what trying them everywhere finds.
func TestPrefilterAgrees(t *testing.T) {
	texts := []string{benchText, "  第 1267（1999）号决议", "大会 第69/10号决议", "Resolution 1267 (1999)", "1267 (1999) resolution 5/5"}
	for code, spec := range languages {
		for _, r := range spec.lists {
			plain := *r
			plain.lead = nil
			for _, text := range texts {
				f, _ := foldText(text)
				if got, want := r.find(f, nil, 1), plain.find(f, nil, 1); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %q: with prefilter %+v, without %+v", code, text, got, want)
				}
			}
		}
	}
}

func TestFoldText(t *testing.T) {
	text := "a（１）\xffＳ／x"
	f, pos := foldText(text)
	if f != "a(1)\xffS/x" {
		t.Fatalf("foldText = %q", f)
	}
	// The original offset of every byte of the folded text, and of its end.
	want := []int{0, 1, 4, 7, 10, 11, 14, 17, 18}
	got := make([]int, len(f)+1)
	for i := range got {
		got[i] = pos.orig(i)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pos = %v, want %v", got, want)
	}
	if f, pos := foldText("plain ASCII 第"); f != "plain ASCII 第" || pos != nil {
		t.Errorf("foldText(plain) = %q, %v", f, pos)
	}
}

func BenchmarkFind(b *testing.B) {
	for _, lang := range []string{"zh", "en"} {
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(benchText)))
			for b.Loop() {
				Find(lang, benchText)
			}
		})
	}
}
