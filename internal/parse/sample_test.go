package parse_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/record"
)

const samplePath = "zh/S_PV.7796-ZH.txt"

func parseSample(t testing.TB) (*record.Meeting, []byte) {
	t.Helper()
	b, err := os.ReadFile(corpus.Path(t, samplePath))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{File: "S_PV.7796-ZH.txt"})
	if err != nil {
		t.Fatal(err)
	}
	return m, b
}

// TestSampleMeeting checks the founding sample against what a reader of the
// printed record sees: metadata, every turn, invitations, references.
func TestSampleMeeting(t *testing.T) {
	m, _ := parseSample(t)

	for _, c := range []struct{ field, got, want string }{
		{"symbol", m.Symbol, "S/PV.7796"},
		{"body", m.Body, "Security Council"},
		{"language", m.Language, "zh"},
		{"date", m.Date, "2016-10-28"},
		{"opened", m.Opened, "10:40"},
		{"closed", m.Closed, "13:45"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if m.Meeting != 7796 {
		t.Errorf("meeting = %d, want 7796", m.Meeting)
	}
	if m.President == nil || m.President.Affiliation == nil || m.President.Affiliation.Code != "RUS" {
		t.Errorf("president = %+v, want RUS", m.President)
	}

	// The turns, in order: speaker, role, affiliation code, language,
	// national capacity, on behalf of. The President's national statement
	// and his return to the chair are two turns (21 and 22).
	type turn struct {
		speaker, role, code, lang string
		national                  bool
		behalf                    string
	}
	want := []turn{
		{"主席", "president", "RUS", "ru", false, ""},
		{"秘书长", "secretary-general", "UN", "en", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"博尔久贾", "briefer", "CSTO", "ru", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"阿利莫夫", "briefer", "SCO", "ru", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"伊万诺夫", "briefer", "CIS", "ru", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"刘结一", "member", "CHN", "zh", false, ""},
		{"别所", "member", "JPN", "en", false, ""},
		{"罗塞利", "member", "URY", "es", false, ""},
		{"卢卡斯", "member", "AGO", "en", false, ""},
		{"冈萨雷斯·德利纳雷斯", "member", "ESP", "es", false, ""},
		{"穆斯塔法", "member", "EGY", "ar", false, ""},
		{"易卜拉欣", "member", "MYS", "en", false, ""},
		{"范博希曼", "member", "NZL", "en", false, ""},
		{"拉梅克", "member", "FRA", "fr", false, ""},
		{"苏亚雷斯·莫雷诺", "member", "VEN", "es", false, ""},
		{"海拉西蒙科", "member", "UKR", "en", false, ""},
		{"西松", "member", "USA", "en", false, ""},
		{"威尔逊", "member", "GBR", "en", false, ""},
		{"盖伊", "member", "SEN", "fr", false, ""},
		{"主席", "member", "RUS", "ru", true, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"阿卜杜拉赫曼诺夫", "non-member", "KAZ", "ru", false, "SCO"},
		{"主席", "president", "RUS", "ru", false, ""},
		{"达普基乌纳斯", "non-member", "BLR", "ru", false, "CSTO"},
		{"主席", "president", "RUS", "ru", false, ""},
		{"拉尔", "non-member", "IND", "en", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"莫尔多伊赛娃", "non-member", "KGZ", "ru", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"霍什鲁", "non-member", "IRN", "en", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"洛迪", "non-member", "PAK", "en", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"姆纳察卡尼扬", "non-member", "ARM", "en", false, ""},
		{"主席", "president", "RUS", "ru", false, ""},
		{"穆萨耶夫", "non-member", "AZE", "en", false, ""},
	}
	var got []turn
	for _, sp := range m.Speeches {
		tn := turn{speaker: sp.Speaker, role: sp.Role, lang: sp.Language, national: sp.NationalCapacity}
		if sp.Affiliation != nil {
			tn.code = sp.Affiliation.Code
		}
		if sp.OnBehalfOf != nil {
			tn.behalf = *sp.OnBehalfOf
		}
		got = append(got, tn)
	}
	if len(got) != len(want) {
		t.Errorf("%d speeches, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("speech %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	labelled := 0
	for i, sp := range m.Speeches {
		if sp.Seq != i+1 {
			t.Errorf("speech %d has seq %d", i+1, sp.Seq)
		}
		if sp.Label != "" {
			labelled++
		}
		if len(sp.Paragraphs) == 0 {
			t.Errorf("speech %d (%s) has no text", sp.Seq, sp.Speaker)
		}
	}
	if labelled != 39 {
		t.Errorf("%d labelled turns, want 39", labelled)
	}

	// Invitations: 8 states under rule 37, 3 briefers under rule 39.
	var r37, r39 []record.Invitee
	for _, e := range m.Events {
		if e.Type == record.EventInvitation {
			switch e.Rule {
			case 37:
				r37 = append(r37, e.Invitees...)
			case 39:
				r39 = append(r39, e.Invitees...)
			}
		}
	}
	var codes37 []string
	for _, iv := range r37 {
		codes37 = append(codes37, iv.Code)
	}
	if w := []string{"ARM", "AZE", "BLR", "IND", "IRN", "KAZ", "KGZ", "PAK"}; !slices.Equal(codes37, w) {
		t.Errorf("rule 37 invitees = %v, want %v", codes37, w)
	}
	want39 := []record.Invitee{
		{Name: "尼古拉·博尔久贾", Code: "CSTO", Title: "秘书长"},
		{Name: "拉希德•阿利莫夫", Code: "SCO", Title: "秘书长"},
		{Name: "谢尔盖•伊万诺夫", Code: "CIS", Title: "执行委员会副主席"},
	}
	if !slices.Equal(r39, want39) {
		t.Errorf("rule 39 invitees = %+v, want %+v", r39, want39)
	}
	types := map[string]int{}
	for _, e := range m.Events {
		types[e.Type]++
	}
	for _, typ := range []string{record.EventOpened, record.EventAgendaAdopted, record.EventConsideration, record.EventAdjourned} {
		if types[typ] != 1 {
			t.Errorf("%d %s events, want 1", types[typ], typ)
		}
	}

	// Agenda: one item, its document.
	if len(m.Agenda) != 1 || !slices.Equal(m.Agenda[0].Documents, []string{"S/2016/867"}) {
		t.Errorf("agenda = %+v, want one item with S/2016/867", m.Agenda)
	}

	// References: every document the record cites, normalised.
	refs := map[string]bool{}
	for _, r := range m.References {
		refs[r.Symbol] = true
		if r.Text == "" {
			t.Errorf("reference %s without its printed text", r.Symbol)
		}
	}
	for _, s := range []string{"S/2016/867", "S/2016/621", "S/PV.7694", "S/PV.7705", "S/PV.7505",
		"S/RES/1267 (1999)", "S/RES/1989 (2011)", "S/RES/2253 (2015)", "S/RES/1373 (2001)",
		"S/RES/1624 (2005)", "S/RES/1540 (2004)", "S/RES/1631 (2005)", "A/RES/48/237",
		"A/RES/69/10", "A/RES/65/124"} {
		if !refs[s] {
			t.Errorf("reference %s not found", s)
		}
	}
}

var furnitureRe = regexp.MustCompile(`16-34838|\d+/29\b|28/10/2016|S/PV\.7796`)

// TestSampleTextIsClean: no page furniture and no broken line in any
// speech: every paragraph ends a sentence.
func TestSampleTextIsClean(t *testing.T) {
	m, _ := parseSample(t)
	for _, sp := range m.Speeches {
		for i, p := range sp.Paragraphs {
			if furnitureRe.MatchString(p) {
				t.Errorf("speech %d paragraph %d contains page furniture: %q", sp.Seq, i+1, furnitureRe.FindString(p))
			}
			last, _ := utf8.DecodeLastRuneInString(p)
			if !strings.ContainsRune("。！？：”…；）", last) {
				t.Errorf("speech %d paragraph %d ends mid-sentence: …%q", sp.Seq, i+1, tail(p, 12))
			}
			if strings.ContainsAny(p, "\n\r\f") {
				t.Errorf("speech %d paragraph %d contains a line break", sp.Seq, i+1)
			}
		}
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings on the sample: %+v", m.Warnings)
	}
	if len(m.Unclassified) != 0 {
		t.Errorf("unclassified text on the sample: %+v", m.Unclassified)
	}
}

func tail(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}

// TestSampleKeepsAllText: every character of the source that is not page
// furniture or white space ends up in the record.
func TestSampleKeepsAllText(t *testing.T) {
	m, b := parseSample(t)
	var out strings.Builder
	for _, e := range m.Events {
		if e.Speech == 0 {
			out.WriteString(e.Text)
		}
	}
	for _, it := range m.Agenda {
		out.WriteString(it.Title + it.Subtitle + strings.Join(it.Notes, ""))
	}
	for _, sp := range m.Speeches {
		out.WriteString(sp.Label)
		out.WriteString(strings.Join(sp.Paragraphs, ""))
	}
	for _, u := range m.Unclassified {
		out.WriteString(u.Text)
	}
	count := func(s string) map[rune]int {
		c := map[rune]int{}
		for _, r := range s {
			if !unicode.IsSpace(r) {
				c[r]++
			}
		}
		return c
	}
	src := string(b)
	src = regexp.MustCompile(`(?m)^.*(16-34838).*$`).ReplaceAllString(src, "")
	src = regexp.MustCompile(`(?m)^S/PV\.7796 .*$`).ReplaceAllString(src, "")
	want, got := count(src), count(out.String())
	// The heading "通过议程" is a heading of the printed record, not kept.
	for _, r := range "通过议程" {
		want[r]--
	}
	for r, n := range want {
		if got[r] < n {
			t.Errorf("character %q: %d in the source, %d in the record", r, n, got[r])
		}
	}
}

// TestSampleGolden compares the whole sample with its golden summary:
// every turn (speaker, role, affiliation, language, national capacity,
// on behalf of, text digest), every event with its invitees, the agenda
// and every reference, normalised.
func TestSampleGolden(t *testing.T) {
	m, _ := parseSample(t)
	golden(t, "corpus/S_PV.7796-ZH.json", marshal(t, summarize(m)))
}
