package align

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/record"
)

// versions parses the synthetic versions of meeting S/PV.9992 in
// testdata, in the order given. Where there is no Arabic grammar yet, the
// Arabic version is the record testdata/ar.txt reads to, built here.
func versions(t *testing.T, langs ...string) []*record.Meeting {
	t.Helper()
	var out []*record.Meeting
	for _, l := range langs {
		if _, err := grammar.For(l); l == "ar" && err != nil {
			out = append(out, arabic())
			continue
		}
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

// arabic is the Arabic version of S/PV.9992 with the turns and text of
// testdata/ar.txt (each printed line a paragraph):
// every turn of the English version, some numbers in Arabic-Indic digits.
func arabic() *record.Meeting {
	aff := func(code string) *record.Affiliation {
		return &record.Affiliation{Code: code, Kind: record.KindState}
	}
	group := "AFRICANGROUP"
	pres := func(paras ...string) record.Speech {
		return record.Speech{Speaker: "الرئيس", Role: record.RolePresident, Affiliation: aff("MEX"), Language: "es", Paragraphs: paras}
	}
	m := &record.Meeting{Symbol: "S/PV.9992", Language: "ar", Speeches: []record.Speech{
		pres("وفقا للمادة 37 من النظام الداخلي المؤقت للمجلس، أدعو ممثلي ألمانيا والسنغال إلى المشاركة في هذه الجلسة.",
			"يبدأ مجلس الأمن الآن نظره في البند المدرج في جدول أعماله.",
			"أود أن أوجه انتباه أعضاء المجلس إلى الوثيقة S/2099/40، التي تتضمن نص رسالة مؤرخة 2 آذار/مارس 2099 موجهة من الممثل الدائم للسنغال.",
			"أعطي الكلمة لممثل السنغال."),
		{Speaker: "السيد ندياي", Role: record.RoleNonMember, Affiliation: aff("SEN"), Language: "fr", OnBehalfOf: &group, Paragraphs: []string{
			"يشرفني أن أتكلم باسم مجموعة الدول الأفريقية. يحتاج أكثر من ١٤ مليون شخص في المنطقة إلى المساعدة الإنسانية، ومنهم ٣ ملايين طفل.",
			"اتخذ المجلس القرار 2417 (2018) بشأن النزاع والجوع. ونطلب تنفيذ التوصيات الـ 12 الواردة في الوثيقة S/2099/31 دون إبطاء."}},
		pres("أعطي الكلمة الآن لممثل الصين."),
		{Speaker: "السيد لي", Role: record.RoleMember, Affiliation: aff("CHN"), Language: "zh", Paragraphs: []string{
			"تؤيد الصين الإطار الإقليمي الموقع في عام 2013. ويحصي التقرير الوارد في الوثيقة S/2099/41 وجود 7 جماعات مسلحة لا تزال نشطة في الشرق.",
			"ونهيب بجميع الأطراف العودة إلى المحادثات خلال الأيام الـ 90 المقبلة."}},
		pres("أعطي الكلمة لممثل ألمانيا."),
		{Speaker: "السيد فيبر", Role: record.RoleNonMember, Affiliation: aff("DEU"), Language: "en", Paragraphs: []string{
			"ستساهم ألمانيا بمبلغ ٤٥ مليون يورو في خطة الاستجابة الإنسانية هذا العام، إضافة إلى مبلغ الـ 20 مليونا الذي تعهدت به في عام 2098."}},
		pres("أعطي الكلمة لممثل الاتحاد الروسي."),
		{Speaker: "السيد أورلوف", Role: record.RoleMember, Affiliation: aff("RUS"), Language: "ru", Paragraphs: []string{
			"درس وفدنا بعناية التقرير الوارد في الوثيقة S/2099/41. ولن تجلب الجزاءات وحدها السلام إلى المنطقة.",
			"ويجب ألا تنسى دروس القرار 1291 (2000)."}},
		{Speaker: "الرئيس", Role: record.RoleMember, NationalCapacity: true, Affiliation: aff("MEX"), Language: "es", Paragraphs: []string{
			"أدلي الآن ببيان بصفتي ممثل المكسيك.",
			"ترحب المكسيك بالإطار الإقليمي وبالتوصيات الـ 12 المقدمة من الدول الأفريقية."}},
		pres("أستأنف الآن مهامي بوصفي رئيسا للمجلس."),
		pres("المجلس مستعد للشروع في التصويت على مشروع القرار الوارد في الوثيقة S/2099/42. سأطرح الآن مشروع القرار للتصويت."),
		pres("نتيجة التصويت كما يلي: ١٤ صوتا مؤيدا، ولا أحد معارض، وامتناع عضو واحد عن التصويت. اعتمد مشروع القرار بالإجماع بوصفه القرار 3001 (2099)."),
		{Speaker: "السيد أورلوف", Role: record.RoleMember, Affiliation: aff("RUS"), Language: "ru", Paragraphs: []string{
			"امتنعنا عن التصويت لأن الفقرة 7 من القرار 3001 (2099) تتجاوز الولاية."}},
	}}
	for i := range m.Speeches {
		m.Speeches[i].Seq = i + 1
	}
	return m
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
