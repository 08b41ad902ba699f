package people

import (
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

func aff(code string) *record.Affiliation {
	return &record.Affiliation{Name: code, Code: code, Kind: record.KindState}
}

func sp(seq int, speaker, title, role, code string, national bool) record.Speech {
	s := record.Speech{Seq: seq, Speaker: speaker, Title: title, Role: role, NationalCapacity: national}
	if code != "" {
		s.Affiliation = aff(code)
	}
	return s
}

// keys resolves a meeting and returns each turn's person key ("" for
// none) and chair flag.
func keys(m *record.Meeting) (ks []string, chair []bool) {
	for _, t := range Resolve(m) {
		k := ""
		if t.Person != nil {
			k = t.Person.Key
		}
		ks = append(ks, k)
		chair = append(chair, t.Chair)
	}
	return
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name  string
		m     record.Meeting
		keys  []string
		chair []bool
	}{
		{
			name: "same person, different capitals and accents, across meetings' spellings",
			m: record.Meeting{Symbol: "S/PV.1001", Date: "1990-05-01", Language: "en", Speeches: []record.Speech{
				sp(1, "David HANNAY", "Sir", "member", "GBR", false),
				sp(2, "David Hannay", "Sir", "member", "GBR", false),
				sp(3, "Ja’afari", "Mr.", "non-member", "SYR", false),
				sp(4, "JA'AFARI", "Mr.", "non-member", "SYR", false),
				sp(5, "Jürgenson", "Mr.", "member", "EST", false),
				sp(6, "Jurgenson", "Mr.", "member", "EST", false),
			}},
			keys:  []string{"davidhannay.gbr", "davidhannay.gbr", "jaafari.syr", "jaafari.syr", "jurgenson.est", "jurgenson.est"},
			chair: []bool{false, false, false, false, false, false},
		},
		{
			name: "two people with the same surname",
			m: record.Meeting{Symbol: "S/PV.1002", Date: "2020-01-02", Language: "en", Speeches: []record.Speech{
				sp(1, "Zhang Jun", "Mr.", "member", "CHN", false),
				sp(2, "Zhang Ming", "Mr.", "member", "CHN", false),
				sp(3, "Smith", "Mr.", "member", "GBR", false),
				sp(4, "Smith", "Ms.", "non-member", "AUS", false),
			}},
			keys:  []string{"zhangjun.chn", "zhangming.chn", "smith.gbr", "smith.aus"},
			chair: []bool{false, false, false, false},
		},
		{
			name: "the President, named on the cover page, chairing and in national capacity",
			m: record.Meeting{Symbol: "S/PV.1003", Date: "2020-01-10", Language: "en",
				President: &record.Party{Name: "Mr. DANG", Affiliation: aff("VNM")},
				Speeches: []record.Speech{
					sp(1, "The President", "", "president", "VNM", false),
					sp(2, "Dang", "Mr.", "member", "VNM", false),
					sp(3, "The PRESIDENT", "", "member", "VNM", true),
					sp(4, "The President", "", "president", "VNM", false),
				}},
			keys:  []string{"dang.vnm", "dang.vnm", "dang.vnm", "dang.vnm"},
			chair: []bool{true, false, false, true},
		},
		{
			name: "主席 with only the presiding state known: the state's officer for the month",
			m: record.Meeting{Symbol: "S/PV.1004", Date: "2016-10-28", Language: "zh",
				President: &record.Party{Affiliation: aff("RUS")},
				Speeches: []record.Speech{
					sp(1, "主席", "", "president", "RUS", false),
					sp(2, "刘结一", "先生", "member", "CHN", false),
					sp(3, "主席", "", "member", "RUS", true),
				}},
			keys:  []string{"president.s.rus.2016-10", "刘结一.chn", "president.s.rus.2016-10"},
			chair: []bool{true, false, false},
		},
		{
			name: "General Assembly: an acting president is nobody the record names; the Secretary-General by date",
			m: record.Meeting{Symbol: "A/71/PV.9", Session: "71", Date: "2016-09-20", Language: "en",
				President: &record.Party{Name: "Mr. Thomson", Affiliation: aff("FJI")},
				Speeches: []record.Speech{
					sp(1, "The President", "", "president", "FJI", false),
					sp(2, "The Acting President", "", "president", "FJI", false),
					sp(3, "The Secretary-General", "", "secretary-general", "", false),
				}},
			keys:  []string{"thomson.fji", "", "bankimoon.un"},
			chair: []bool{true, true, false},
		},
		{
			name: "a Vice-President takes the chair: their turns, also those labelled The President, until the President returns",
			m: record.Meeting{Symbol: "A/79/PV.9", Session: "79", Date: "2024-10-10", Language: "en",
				President: &record.Party{Name: "Mr. Yang", Affiliation: aff("CMR")},
				Speeches: []record.Speech{
					sp(1, "The President", "", "president", "CMR", false),
					sp(2, "The Acting President", "", "president", "GHA", false),
					sp(3, "Brown", "Mr.", "member", "GBR", false),
					sp(4, "The PRESIDENT", "", "president", "GHA", false),
					sp(5, "The President", "", "president", "CMR", false),
					sp(6, "The Acting President", "", "president", "", false),
				},
				Events: []record.Event{
					{Type: record.EventChair, After: 1, Person: &record.Invitee{Name: "Mr. Agyeman", Code: "GHA", Title: "Vice-President"}},
					{Type: record.EventChair, After: 4},
					// A Vice-President whose state the gazetteer lacks:
					// their turns are nobody's, not the President's.
					{Type: record.EventChair, After: 5, Person: &record.Invitee{Name: "Mr. Nemo", Title: "Vice-President"}},
				}},
			keys:  []string{"yang.cmr", "agyeman.gha", "brown.gbr", "agyeman.gha", "yang.cmr", ""},
			chair: []bool{true, true, false, true, true, true},
		},
		{
			name: "French, Spanish and Russian office labels, not people named Le Président or Председатель",
			m: record.Meeting{Symbol: "S/PV.1006", Session: "", Date: "2016-10-28", Language: "fr",
				President: &record.Party{Name: "M. Churkin", Affiliation: aff("RUS")},
				Speeches: []record.Speech{
					sp(1, "Le Président", "", "president", "RUS", false),
					sp(2, "LE PRÉSIDENT", "", "member", "RUS", true),
					sp(3, "Председатель", "", "president", "RUS", false),
					sp(4, "El Presidente", "", "president", "RUS", false),
					sp(5, "Le Président par intérim", "", "president", "", false),
					sp(6, "Исполняющий обязанности Председателя", "", "president", "", false),
					sp(7, "El Secretario General", "", "secretary-general", "", false),
					sp(8, "Генеральный секретарь", "", "secretary-general", "", false),
				}},
			keys:  []string{"churkin.rus", "churkin.rus", "churkin.rus", "churkin.rus", "", "", "bankimoon.un", "bankimoon.un"},
			chair: []bool{true, false, true, true, true, true, false, false},
		},
		{
			name: "two presidents on the cover page: not resolved to either",
			m: record.Meeting{Symbol: "S/PV.1005", Date: "2020-10-15", Language: "en",
				President: &record.Party{Name: "Mr. A/Ms. B", Affiliation: aff("RUS")},
				Speeches:  []record.Speech{sp(1, "The President", "", "president", "RUS", false)}},
			keys:  []string{"president.s.rus.2020-10"},
			chair: []bool{true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ks, chair := keys(&tt.m)
			for i := range tt.keys {
				if ks[i] != tt.keys[i] || chair[i] != tt.chair[i] {
					t.Errorf("speech %d: %q chair %v, want %q chair %v", i+1, ks[i], chair[i], tt.keys[i], tt.chair[i])
				}
			}
		})
	}
}

func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{
		"David HANNAY":      "David Hannay",
		"INSANALLY":         "Insanally",
		"ABOUL-GHEIT":       "Aboul-Gheit",
		"U Thant":           "U Thant",
		"McDonald":          "McDonald",
		"刘结一":               "刘结一",
		"Pierce":            "Pierce",
		"D'ALMEIDA RIBEIRO": "D'Almeida Ribeiro",
	} {
		if got := Display(in); got != want {
			t.Errorf("Display(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPresidentNameArabic(t *testing.T) {
	m := &record.Meeting{Symbol: "S/PV.1", Date: "2020-01-01", Language: "ar", President: &record.Party{Name: "السيد العتيبي", Affiliation: aff("KWT")},
		Speeches: []record.Speech{sp(1, "الرئيس", "", "president", "", false)}}
	if p := Resolve(m)[0].Person; p == nil || p.Name != "العتيبي" || p.Title != "السيد" || p.Affiliation != "KWT" {
		t.Fatalf("president %+v", p)
	}
}

func TestPresidentNameCyrillic(t *testing.T) {
	m := &record.Meeting{Symbol: "S/PV.1", Date: "2020-01-01", Language: "ru", President: &record.Party{Name: "г-н Флорес", Affiliation: aff("MEX")},
		Speeches: []record.Speech{sp(1, "Председатель", "", "president", "", false)}}
	if p := Resolve(m)[0].Person; p == nil || p.Key != "флорес.mex" || p.Title != "г-н" {
		t.Fatalf("president %+v", p)
	}
}

func TestPresidentName(t *testing.T) {
	m := &record.Meeting{Symbol: "S/PV.1", Date: "2020-01-01", President: &record.Party{Name: "Mr. INSANALLY", Affiliation: aff("GUY")},
		Speeches: []record.Speech{sp(1, "The PRESIDENT", "", "president", "", false)}}
	p := Resolve(m)[0].Person
	if p == nil || p.Name != "Insanally" || p.Title != "Mr." || p.Affiliation != "GUY" {
		t.Fatalf("president %+v", p)
	}
}

func TestData(t *testing.T) {
	if _, err := loadHonorifics(); err != nil {
		t.Fatal(err)
	}
	labels, err := loadOfficeLabels()
	if err != nil {
		t.Fatal(err)
	}
	for label, want := range map[string]string{"The PRESIDENT": "president", "la présidente": "president", "Le President par interim": "acting-president",
		"秘书长": "secretary-general", "The Secretary General": "", "Председатель Совета": "", "الرئيسة": "president",
		"الرئيس بالنيابة": "acting-president", "الأمين العام": "secretary-general"} {
		if got := labels[labelKey(label)]; got != want {
			t.Errorf("label %q: %q, want %q", label, got, want)
		}
	}
	ts, err := loadOffices()
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) == 0 {
		t.Fatal("no office holders")
	}
	for date, want := range map[string]string{"2016-12-31": "Ban Ki-moon", "2017-01-01": "António Guterres", "1950-08-29": "Trygve Lie"} {
		if p := holder("secretary-general", date); p == nil || p.Name != want {
			t.Errorf("%s: %+v, want %s", date, p, want)
		}
	}
	if p := holder("secretary-general", ""); p != nil {
		t.Errorf("no date: %+v", p)
	}
}
