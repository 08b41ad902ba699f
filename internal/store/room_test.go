package store

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

// roomMeetings are synthetic: a General Assembly meeting whose President
// chairs most turns, a Security Council meeting in two languages and two
// parts, where the President also speaks for their state.
func roomMeetings() []*record.Meeting {
	state := func(code string) *record.Affiliation {
		return &record.Affiliation{Name: code, Code: code, Kind: "state"}
	}
	speech := func(seq int, speaker, role, code, lang string, national bool, text string) record.Speech {
		return record.Speech{Seq: seq, Speaker: speaker, Role: role, Affiliation: state(code), Language: lang,
			NationalCapacity: national, Paragraphs: []string{text}}
	}
	return []*record.Meeting{
		{Symbol: "A/65/PV.9", Body: "General Assembly", Session: "65", Language: "en", Date: "2010-12-21",
			President: &record.Party{Name: "Mr. DEISS", Affiliation: state("CHE")},
			Agenda:    []record.Item{{Title: "Reports of the Third Committee"}},
			Speeches: []record.Speech{
				speech(1, "The PRESIDENT", "president", "CHE", "en", false, "I give the floor to the representative of France."),
				speech(2, "LEVITTE", "member", "FRA", "fr", false, "Peace and development go together."),
				speech(3, "The President", "president", "CHE", "en", false, "The Assembly will now take a decision on peace."),
			}},
		{Symbol: "S/PV.9001", Body: "Security Council", Language: "en", Date: "2020-01-10",
			President: &record.Party{Name: "Mr. Dang", Affiliation: state("VNM")},
			Agenda:    []record.Item{{Title: ": . ~ ;"}, {Title: "The situation in the Middle East"}},
			Speeches: []record.Speech{
				speech(1, "The President", "president", "VNM", "en", false, "The meeting is called to order."),
				speech(2, "The President", "member", "VNM", "en", true, "I now speak in my national capacity on peace."),
				speech(3, "Lévitte", "member", "FRA", "fr", false, "Peace in the Middle East."),
			}},
		{Symbol: "S/PV.9001 (Resumption 1)", Body: "Security Council", Language: "en", Part: 1, Date: "2020-01-11",
			President: &record.Party{Name: "Mr. Dang", Affiliation: state("VNM")},
			Speeches:  []record.Speech{speech(1, "The President", "president", "VNM", "en", false, "The meeting is resumed.")}},
		{Symbol: "S/PV.9001", Body: "安全理事会", Language: "zh", Date: "2020-01-10",
			President: &record.Party{Affiliation: state("VNM")},
			Agenda:    []record.Item{{Title: "中东局势"}},
			Speeches:  []record.Speech{speech(1, "主席", "president", "VNM", "zh", false, "现在开会。")}},
	}
}

func roomStore(t *testing.T) *Store {
	t.Helper()
	s := openTemp(t)
	if _, err := s.PutBatch(context.Background(), roomMeetings()); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMeetingList(t *testing.T) {
	s := roomStore(t)
	ctx := context.Background()
	tests := []struct {
		f     MeetingFilter
		total int
		first string
	}{
		{MeetingFilter{}, 2, "S/PV.9001"},
		{MeetingFilter{Sort: "oldest"}, 2, "A/65/PV.9"},
		{MeetingFilter{Body: "a"}, 1, "A/65/PV.9"},
		{MeetingFilter{Year: "2020"}, 1, "S/PV.9001"},
		{MeetingFilter{Lang: "zh"}, 1, "S/PV.9001"},
		{MeetingFilter{Subject: "third committee"}, 1, "A/65/PV.9"},
		{MeetingFilter{Subject: "nothing like it"}, 0, ""},
	}
	for _, tt := range tests {
		list, total, err := s.MeetingList(ctx, tt.f)
		if err != nil {
			t.Fatalf("%+v: %v", tt.f, err)
		}
		if total != tt.total || len(list) != tt.total || (total > 0 && list[0].Symbol != tt.first) {
			t.Errorf("%+v: total %d, %+v", tt.f, total, list)
		}
	}
	list, _, _ := s.MeetingList(ctx, MeetingFilter{Body: "S", Prefer: "en"})
	m := list[0]
	if m.Parts != 2 || len(m.Langs) != 2 || m.Langs[0] != "zh" || m.Speeches != 4 || m.Subject != "The situation in the Middle East" {
		t.Errorf("grouped meeting: %+v", m)
	}
	if _, _, err := s.MeetingList(ctx, MeetingFilter{Sort: "colour"}); err == nil {
		t.Error("unknown sort accepted")
	}
	vs, err := s.MeetingVersions(ctx, "s/pv.9001 (Resumption 1)")
	if err != nil || len(vs) != 3 {
		t.Errorf("versions: %+v %v", vs, err)
	}
	if got, err := s.Meeting(ctx, "s/pv.9001", "en"); err != nil || got.Symbol != "S/PV.9001" {
		t.Errorf("lower-case symbol: %v", err)
	}
}

func TestPeopleAndChair(t *testing.T) {
	s := roomStore(t)
	ctx := context.Background()
	// The President of the General Assembly chairing is not Switzerland
	// speaking; the Council's President in national capacity is Viet Nam.
	byCountry := func(f Filter) map[string]int {
		rows, err := s.Stats(ctx, "country", f)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, r := range rows {
			out[r.Key] = r.Speeches
		}
		return out
	}
	if c := byCountry(Filter{}); c["CHE"] != 0 || c["VNM"] != 1 || c["FRA"] != 2 {
		t.Errorf("by country without the chair: %v", c)
	}
	if c := byCountry(Filter{IncludeChair: true}); c["CHE"] != 2 || c["VNM"] != 4 {
		t.Errorf("by country with the chair: %v", c)
	}
	// Different capitals and accents: one person. The President is the
	// cover page's, in both parts, chairing or not; the Chinese record
	// without the name is the presiding state's officer for the month.
	p, err := s.Person(ctx, "levitte.fra")
	if err != nil || p.Speeches != 2 || p.Meetings != 2 || p.Name != "Lévitte" || p.Chair != 0 {
		t.Errorf("levitte: %+v %v", p, err)
	}
	p, err = s.Person(ctx, "dang.vnm")
	if err != nil || p.Speeches != 3 || p.Chair != 2 || p.Meetings != 1 || len(p.Appearances) != 2 {
		t.Errorf("dang: %+v %v", p, err)
	}
	if p, err = s.Person(ctx, "deiss.che"); err != nil || p.Name != "Deiss" || p.Chair != 2 {
		t.Errorf("deiss: %+v %v", p, err)
	}
	if p, err = s.Person(ctx, "president.s.vnm.2020-01"); err != nil || p.Office != "president" || p.Speeches != 1 {
		t.Errorf("unnamed president: %+v %v", p, err)
	}
	if _, err := s.Person(ctx, "nobody.xyz"); err == nil {
		t.Error("unknown person found")
	}
	list, total, err := s.People(ctx, PeopleFilter{Country: "vnm"})
	if err != nil || total != 2 || list[0].ID != "dang.vnm" {
		t.Errorf("people of VNM: %d %+v %v", total, list, err)
	}
	rows, err := s.Stats(ctx, "person", Filter{})
	if err != nil || rows[0].Key != "dang.vnm" || rows[0].Name != "Dang" {
		t.Errorf("stats by person: %+v %v", rows, err)
	}
	ids, chair, err := s.MeetingPersons(ctx, "S/PV.9001", "en", 1, 3)
	if err != nil || ids[2].ID != "dang.vnm" || ids[2].Name != "Dang" || ids[3].ID != "levitte.fra" || !chair[1] || chair[2] {
		t.Errorf("meeting persons: %v %v %v", ids, chair, err)
	}
}

func TestFacetsAndDeliveryFilter(t *testing.T) {
	s := roomStore(t)
	ctx := context.Background()
	fc, err := s.Facets(ctx, Filter{Query: "peace"})
	if err != nil {
		t.Fatal(err)
	}
	count := func(ss []Stat, key string) int {
		for _, s := range ss {
			if s.Key == key {
				return s.Speeches
			}
		}
		return 0
	}
	// peace: A/65 #2 (fr), #3 (en, chair); S/PV.9001 #2 (en), #3 (fr).
	if fc.Counted != 4 || count(fc.Body, "S") != 2 || count(fc.Year, "2010") != 2 || count(fc.Language, "fr") != 2 ||
		count(fc.Role, "president") != 1 || count(fc.Country, "FRA") != 2 {
		t.Errorf("facets: %+v", fc)
	}
	res, err := s.Search(ctx, Filter{Query: "peace", Delivery: "fr"})
	if err != nil || res.Total != 2 || len(res.Hits) != 2 || res.Hits[0].Language != "fr" {
		t.Errorf("delivered in French: %+v %v", res, err)
	}
	res, err = s.Search(ctx, Filter{Query: "peace", Person: "dang.vnm"})
	if err != nil || res.Total != 1 || res.Hits[0].Person != "dang.vnm" || res.Hits[0].Subject != "The situation in the Middle East" {
		t.Errorf("by person: %+v %v", res, err)
	}
	fc, err = s.Facets(ctx, Filter{Body: "A"})
	if err != nil || fc.Counted != 3 {
		t.Errorf("facets without a query: %+v %v", fc, err)
	}
}

func TestMeetingRange(t *testing.T) {
	s := roomStore(t)
	ctx := context.Background()
	full, err := s.Meeting(ctx, "S/PV.9001", "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ offset, limit, want int }{{0, 100, 3}, {1, 1, 1}, {2, 5, 1}, {3, 5, 0}} {
		m, total, err := s.MeetingRange(ctx, "s/pv.9001", "en", tt.offset, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(m.Speeches) != tt.want {
			t.Fatalf("%+v: total %d, %d speeches", tt, total, len(m.Speeches))
		}
		for i, sp := range m.Speeches {
			w := full.Speeches[tt.offset+i]
			if sp.Seq != w.Seq || sp.Speaker != w.Speaker || strings.Join(sp.Paragraphs, "\n") != strings.Join(w.Paragraphs, "\n") {
				t.Errorf("%+v: speech %d differs: %+v", tt, i, sp)
			}
		}
		if m.Symbol != full.Symbol || m.President == nil || m.President.Name != "Mr. Dang" || len(m.Agenda) != len(full.Agenda) {
			t.Errorf("%+v: the rest of the record differs: %+v", tt, m)
		}
	}
	if _, _, err := s.MeetingRange(ctx, "S/PV.1", "", 0, 10); err == nil {
		t.Error("missing meeting found")
	}
}
