package gazetteer

import (
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestData parses the embedded files directly, so that a bad edit fails here
// with every problem listed rather than as a panic elsewhere.
func TestData(t *testing.T) {
	entries, err := parseFS()
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if _, err := build(entries); err != nil {
		t.Fatalf("index: %v", err)
	}

	count := map[string]int{}
	iso3 := regexp.MustCompile(`^[A-Z]{3}$`)
	for _, e := range entries {
		count[string(e.Kind)+"/"+e.Status]++
		if e.Kind != State {
			continue
		}
		if !iso3.MatchString(e.Code) {
			t.Errorf("%s: not an ISO 3166 alpha-3 code", e.Code)
		}
		if e.Status == Former {
			continue
		}
		// Members and observers: short and formal name in every language.
		for _, l := range Languages {
			if ns := e.Names[l]; len(ns) < 2 || ns[0] == "" || ns[1] == "" {
				t.Errorf("%s: %s wants short and formal names, has %q", e.Code, l, ns)
			}
		}
	}
	if got := count["state/member"]; got != 193 {
		t.Errorf("members = %d, want 193", got)
	}
	if got := count["state/observer"]; got != 2 {
		t.Errorf("observers = %d, want 2", got)
	}
	t.Logf("entries by kind/status: %v", count)

	// Every entry has a zh and en name; no name is blank or padded.
	for _, e := range entries {
		for _, l := range []string{"zh", "en"} {
			if len(e.Names[l]) == 0 {
				t.Errorf("%s: no %s name", e.Code, l)
			}
		}
		for l, ns := range e.Names {
			for _, n := range ns {
				if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
					t.Errorf("%s: %s name %q has stray space", e.Code, l, n)
				}
			}
		}
	}
}

// TestNamesUnique checks, independently of build, that no normalised name
// names two entries within a language.
func TestNamesUnique(t *testing.T) {
	for _, l := range Languages {
		seen := map[string]string{}
		for _, e := range All() {
			for _, n := range e.Names[l] {
				k := Normalize(n)
				if c, ok := seen[k]; ok && c != e.Code {
					t.Errorf("%s: %q names %s and %s", l, n, c, e.Code)
				}
				seen[k] = e.Code
			}
		}
	}
	codes := map[string]bool{}
	for _, e := range All() {
		if codes[e.Code] {
			t.Errorf("duplicate code %s", e.Code)
		}
		codes[e.Code] = true
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		lang, name, want string
	}{
		// Chinese speaker labels use the short name.
		{"zh", "联合王国", "GBR"},
		{"zh", "大不列颠及北爱尔兰联合王国", "GBR"},
		{"zh", "美利坚合众国", "USA"},
		{"zh", "美国", "USA"},
		{"zh", "伊朗伊斯兰共和国", "IRN"},
		{"zh", "委内瑞拉玻利瓦尔共和国", "VEN"},
		{"zh", "委内瑞拉(玻利瓦尔共和国)", "VEN"},
		{"zh", "俄罗斯联邦", "RUS"},
		{"zh", "俄罗斯", "RUS"},
		{"zh", "中国", "CHN"},
		{"zh", "中华人民共和国", "CHN"},
		{"zh", "日本", "JPN"},
		{"zh", "乌拉圭", "URY"},
		{"zh", "巴勒斯坦国", "PSE"},
		{"zh", "苏联", "SUN"},
		{"zh", "集安组织", "CSTO"},
		{"zh", "上合组织", "SCO"},
		{"zh", "独联体", "CIS"},
		{"zh", "欧盟", "EU"},
		{"zh", "联合国", "UN"},
		{"zh", "联合国毒品和犯罪问题办公室", "UNODC"},
		{"zh", "毒品和犯罪问题办公室", "UNODC"},
		{"zh", "联合国中亚地区预防外交中心", "UNRCCA"},
		{"zh", "７７国集团", "G77"},
		// English.
		{"en", "Bolivarian Republic of Venezuela", "VEN"},
		{"en", "Venezuela (Bolivarian Republic of)", "VEN"},
		{"en", "Iran (Islamic Republic of)", "IRN"},
		{"en", "Iran(Islamic Republic of)", "IRN"},
		{"en", "Islamic Republic of Iran", "IRN"},
		{"en", "Cote d’Ivoire", "CIV"},
		{"en", "Côte d'Ivoire", "CIV"},
		{"en", "COTE D'IVOIRE", "CIV"},
		{"en", "Cote\u0301 d'Ivoire", "CIV"},
		{"en", "Co\u0302te d'Ivoire", "CIV"}, // decomposed ô
		{"en", "Turkey", "TUR"},
		{"en", "Türkiye", "TUR"},
		{"en", "Turkiye", "TUR"},
		{"en", "Czech Republic", "CZE"},
		{"en", "Czechia", "CZE"},
		{"en", "the Russian Federation", "RUS"},
		{"en", "The  Russian\u00a0Federation", "RUS"},
		{"en", "United Kingdom", "GBR"},
		{"en", "United States", "USA"},
		{"en", "The former Yugoslav Republic of Macedonia", "MKD"},
		{"en", "Swaziland", "SWZ"},
		{"en", "Cape Verde", "CPV"},
		{"en", "Burma", "MMR"},
		{"en", "Netherlands", "NLD"},
		{"en", "Netherlands (Kingdom of the)", "NLD"},
		{"en", "Micronesia (Federated States of)", "FSM"},
		{"en", "Guinea - Bissau", "GNB"},
		{"en", "Guinea‑Bissau", "GNB"}, // non-breaking hyphen
		{"en", "Federal Republic of Germany", "DEU"},
		{"en", "Byelorussian SSR", "BLR"},
		{"en", "Zaire", "COD"},
		{"en", "Union of Soviet Socialist Republics", "SUN"},
		{"en", "Democratic Yemen", "YMD"},
		{"en", "Holy See", "VAT"},
		{"en", "Palestine", "PSE"},
		{"en", "Collective Security Treaty Organization", "CSTO"},
		{"en", "European Union", "EU"},
		{"en", "UN-Women", "UNWOMEN"},
		{"en", "United Nations", "UN"},
		// Other languages.
		{"ru", "Российская Федерация", "RUS"},
		{"ru", "РОССИЙСКАЯ ФЕДЕРАЦИЯ", "RUS"},
		{"ru", "России\u0306ская Федерация", "RUS"}, // decomposed й
		{"ru", "Объединённые Арабские Эмираты", "ARE"},
		{"ru", "Папуа-Новая Гвинея", "PNG"},
		{"fr", "Fédération de Russie", "RUS"},
		{"fr", "Federation de Russie", "RUS"},
		{"fr", "Côte d’Ivoire", "CIV"},
		{"es", "Federación de Rusia", "RUS"},
		{"es", "Venezuela (República Bolivariana de)", "VEN"},
		{"ar", "الاتحاد الروسي", "RUS"},
		{"ar", "إيران (جمهورية - الإسلامية)", "IRN"},
		{"ar", "غينيا-بيساو", "GNB"},
		{"ar", "الأمم المتحدة", "UN"},
		{"ar", "الامم المتحدة", "UN"}, // without hamza
		// Any language.
		{"", "Российская Федерация", "RUS"},
		{"", "联合王国", "GBR"},
		{"", "Federación de Rusia", "RUS"},
		{"", "csto", "CSTO"},
		{"EN", "Japan", "JPN"},
		{"zh-CN", "日本", "JPN"},
	}
	for _, tt := range tests {
		e, ok := Lookup(tt.lang, tt.name)
		if !ok || e.Code != tt.want {
			t.Errorf("Lookup(%q, %q) = %q, %v; want %q", tt.lang, tt.name, e.Code, ok, tt.want)
		}
	}
}

func TestLookupNotFound(t *testing.T) {
	tests := []struct{ lang, name string }{
		{"en", "Atlantis"},
		{"en", "United"},            // prefix of many names
		{"en", "United Kingdom of"}, // prefix of the formal name
		{"en", "Russian"},
		{"en", "Korea"}, // ambiguous, deliberately absent
		{"en", ""},
		{"en", "   "},
		{"en", "the"},
		{"zh", "联合"},
		{"zh", "俄罗"},
		{"zh", "中非"},                 // China-Africa in running text
		{"zh", "Russian Federation"}, // right name, wrong language
		{"xx", "Japan"},
		{"en", "US"},
		{"en", "who"},
		{"fr", "eau"},
		{"es", "las"},
	}
	for _, tt := range tests {
		if e, ok := Lookup(tt.lang, tt.name); ok {
			t.Errorf("Lookup(%q, %q) = %s, want not found", tt.lang, tt.name, e.Code)
		}
	}
}

// TestAnyLanguageAmbiguity checks that a name meaning different entries in
// different languages is not found when no language is given.
func TestAnyLanguageAmbiguity(t *testing.T) {
	byKey := map[string]map[string]bool{}
	for _, e := range All() {
		for _, ns := range e.Names {
			for _, n := range ns {
				k := Normalize(n)
				if byKey[k] == nil {
					byKey[k] = map[string]bool{}
				}
				byKey[k][e.Code] = true
			}
		}
	}
	var amb []string
	for k, codes := range byKey {
		e, ok := Lookup("", k)
		if len(codes) > 1 {
			amb = append(amb, k)
			if ok {
				t.Errorf("Lookup(\"\", %q) = %s, want not found: names %v", k, e.Code, codes)
			}
		} else if !ok {
			t.Errorf("Lookup(\"\", %q) not found", k)
		}
	}
	sort.Strings(amb)
	t.Logf("names ambiguous across languages: %q", amb)
	for _, ne := range Names("") {
		if len(byKey[Normalize(ne.Name)]) > 1 {
			t.Errorf("Names(\"\") lists ambiguous %q", ne.Name)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"  The   Gambia ", "gambia"},
		{"Iran (Islamic Republic of)", "iran(islamic republic of)"},
		{"Iran( Islamic Republic of )", "iran(islamic republic of)"},
		{"委内瑞拉（玻利瓦尔共和国）", "委内瑞拉(玻利瓦尔共和国)"},
		{"Guinea — Bissau", "guinea-bissau"},
		{"Ｇ７７", "g77"},
		{"Объединённые", "объединенные"},
		{"Й", "й"},
		{"И\u0306", "й"},
		{"الأُمَم", "الامم"},
		{"ي\u0654", "ئ"},
		{"soft\u00adhyphen", "softhyphen"},
		{"theatre", "theatre"}, // only the word "the" is stripped
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestByCode(t *testing.T) {
	for _, c := range []string{"CHN", "chn", " Csto ", "UN", "unwomen", "SUN"} {
		e, ok := ByCode(c)
		if !ok || e.Code != strings.ToUpper(strings.TrimSpace(c)) {
			t.Errorf("ByCode(%q) = %q, %v", c, e.Code, ok)
		}
	}
	if _, ok := ByCode("XXX"); ok {
		t.Error("ByCode(XXX) found")
	}
	e, _ := ByCode("GBR")
	if e.Kind != State || e.Status != Member || e.Short("zh") != "联合王国" || e.Formal("zh") != "大不列颠及北爱尔兰联合王国" {
		t.Errorf("GBR = %+v", e)
	}
	e, _ = ByCode("CSTO")
	if e.Kind != Organization || e.Status != "" || e.Formal("en") != "Collective Security Treaty Organization" {
		t.Errorf("CSTO = %+v", e)
	}
}

func TestName(t *testing.T) {
	tests := []struct{ code, lang, want string }{
		{"GBR", "zh", "联合王国"},
		{"GBR", "en", "United Kingdom"},
		{"RUS", "ru", "Российская Федерация"},
		{"VEN", "en", "Venezuela (Bolivarian Republic of)"},
		{"usa", "fr", "États-Unis d'Amérique"},
		{"UNVMC", "en", "United Nations Verification Mission in Colombia"},
		{"DPO", "ru", "Department of Peace Operations"}, // falls back to English
		{"GBR", "de", "United Kingdom"},
		{"XXX", "en", ""},
	}
	for _, tt := range tests {
		if got := Name(tt.code, tt.lang); got != tt.want {
			t.Errorf("Name(%q, %q) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	for _, l := range append([]string{""}, Languages...) {
		ns := Names(l)
		if len(ns) == 0 {
			t.Fatalf("Names(%q) empty", l)
		}
		for i := 1; i < len(ns); i++ {
			if utf8.RuneCountInString(ns[i-1].Name) < utf8.RuneCountInString(ns[i].Name) {
				t.Fatalf("Names(%q): %q before longer %q", l, ns[i-1].Name, ns[i].Name)
			}
		}
	}
	if Names("xx") != nil {
		t.Error("Names(xx) not nil")
	}

	// The use the order is for: the first name found in running text,
	// scanning longest names first, is the whole name.
	scan := func(lang, text string) []string {
		text = Normalize(text)
		var codes []string
		for _, ne := range Names(lang) {
			k := Normalize(ne.Name)
			for strings.Contains(text, k) {
				codes = append(codes, ne.Entry.Code)
				text = strings.Replace(text, k, "\x00", 1)
			}
		}
		return codes
	}
	got := scan("zh", "我现在以俄罗斯联邦代表的身份发言")
	if strings.Join(got, ",") != "RUS" {
		t.Errorf("scan = %v, want [RUS]", got)
	}
	got = scan("zh", "亚美尼亚、阿塞拜疆、白俄罗斯、印度、伊朗伊斯兰共和国")
	sort.Strings(got)
	if strings.Join(got, ",") != "ARM,AZE,BLR,IND,IRN" {
		t.Errorf("scan = %v", got)
	}

	// The returned slice is the caller's.
	ns := Names("en")
	ns[0] = NameEntry{}
	if Names("en")[0].Name == "" {
		t.Error("Names shares its slice")
	}
}

func TestAll(t *testing.T) {
	all := All()
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Code < all[j].Code }) {
		t.Error("All not sorted by code")
	}
	for _, e := range all {
		if got, ok := ByCode(e.Code); !ok || got.Code != e.Code {
			t.Errorf("ByCode(%s) disagrees with All", e.Code)
		}
	}
}

// TestParseErrors checks that bad data is refused, with the line.
func TestParseErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"unknown kind", "XYZ thing\nzh: a\nen: a\n", `unknown kind "thing"`},
		{"state without status", "XYZ state\nzh: a\nen: a\n", "state status"},
		{"bad state code", "XY state member\nzh: a\nen: a\n", "not three capital letters"},
		{"status on organization", "ABC organization member\nzh: a\nen: a\n", "status"},
		{"unknown language", "ABC un\nzh: a\nen: a\nde: a\n", `unknown language "de"`},
		{"empty name", "ABC un\nzh: a | \nen: a\n", "empty zh name"},
		{"names before header", "en: a\n", "before any entry"},
		{"missing zh", "ABC un\nen: a\n", "no zh name"},
		{"second line", "ABC un\nzh: a\nen: a\nen: b\n", "second en line"},
		{"bad header", "ABC un x y\n", "want"},
	}
	for _, tt := range tests {
		_, err := parse("t.txt", tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "t.txt") {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	// Index-level errors: a name for two entries, a code twice.
	for name, text := range map[string]string{
		"duplicate name": "AAA un\nzh: 甲\nen: Same\n\nBBB un\nzh: 乙\nen: the same\n",
		"duplicate code": "AAA un\nzh: 甲\nen: a\n\nAAA un\nzh: 乙\nen: b\n",
		"invisible name": "AAA un\nzh: 甲\nen: \u200b\n",
	} {
		es, err := parse("t.txt", text)
		if err != nil {
			t.Fatalf("%s: parse: %v", name, err)
		}
		if _, err := build(es); err == nil {
			t.Errorf("%s: build accepted it", name)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	data()
	names := []struct{ lang, name string }{
		{"zh", "大不列颠及北爱尔兰联合王国"},
		{"en", "Venezuela (Bolivarian Republic of)"},
		{"en", "Côte d’Ivoire"},
		{"ru", "Российская Федерация"},
		{"", "Atlantis"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		n := names[i%len(names)]
		Lookup(n.lang, n.name)
	}
}

// BenchmarkLoad measures parsing and indexing the embedded data, which
// happens once per process.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		es, err := parseFS()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := build(es); err != nil {
			b.Fatal(err)
		}
	}
}
