package parse_test

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/record"
)

// structure is what the language versions of one meeting share: who
// speaks, for whom, in which language, and what happens, without the
// words each language prints. Paragraph breaks are not in it: in plain
// text they are read from the shape of lines, which the wording of each
// language changes (the goldens hold them).
type structure struct {
	Symbol, Date, Opened, Closed, Scheduled string
	Meeting, AgendaItems                    int
	President                               string
	Members                                 []string
	Speeches                                []speechShape
	Events                                  []eventShape
	Warnings                                int
}

type speechShape struct {
	Speaker          string // the name for a named speaker, "" for a role word
	Role             string
	Code             string
	Language         string
	OnBehalfOf       string
	NationalCapacity bool
}

type eventShape struct {
	Type, Time string
	After      int
	Rule       int
	Invitees   []string
	Vote       *record.Vote
}

func shape(m *record.Meeting) structure {
	s := structure{Symbol: m.Symbol, Date: m.Date, Opened: m.Opened, Closed: m.Closed, Scheduled: m.Scheduled,
		Meeting: m.Meeting, AgendaItems: len(m.Agenda), Warnings: len(m.Warnings)}
	if m.President != nil && m.President.Affiliation != nil {
		s.President = m.President.Affiliation.Code
	}
	for _, mem := range m.Members {
		s.Members = append(s.Members, mem.Code)
	}
	for _, sp := range m.Speeches {
		sh := speechShape{Role: sp.Role, Language: sp.Language, NationalCapacity: sp.NationalCapacity}
		if sp.Title != "" {
			sh.Speaker = sp.Speaker
		}
		if sp.Affiliation != nil {
			sh.Code = sp.Affiliation.Code
		}
		if sp.OnBehalfOf != nil {
			sh.OnBehalfOf = *sp.OnBehalfOf
		}
		s.Speeches = append(s.Speeches, sh)
	}
	for _, ev := range m.Events {
		es := eventShape{Type: ev.Type, Time: ev.Time, After: ev.After, Rule: ev.Rule, Vote: ev.Vote}
		for _, iv := range ev.Invitees {
			es.Invitees = append(es.Invitees, iv.Code)
		}
		// Each language lists the invited States in its own alphabetical
		// order: the same invitation names the same States.
		slices.Sort(es.Invitees)
		s.Events = append(s.Events, es)
	}
	return s
}

// TestLanguageVersions parses synthetic records, one per language, of
// the same meeting as testdata/en/council.txt: each must read to the
// English version's structure. These languages are checked on synthetic
// records only.
func TestLanguageVersions(t *testing.T) {
	en := fixture(t, "en/council.txt")
	want := shape(en)
	// The English version itself must exercise what the others are
	// compared on, or an empty comparison would pass.
	if len(want.Speeches) != 14 || len(want.Events) != 10 || want.Warnings != 0 {
		t.Fatalf("en/council.txt: %d speeches, %d events, %d warnings; want 14, 10, 0", len(want.Speeches), len(want.Events), want.Warnings)
	}
	// Speeches interpreted from each of the six languages.
	delivered := map[string]bool{}
	for _, sp := range en.Speeches {
		delivered[sp.Language] = true
	}
	if len(delivered) != 6 {
		t.Fatalf("en/council.txt: speeches delivered in %v, want all six languages", delivered)
	}
	for _, tc := range []struct {
		lang, file string
		// names: how a version in another script spells the English
		// version's speakers.
		names map[string]string
	}{
		{"fr", "fr/council.txt", nil},
		{"es", "es/council.txt", nil},
		{"ru", "ru/council.txt", map[string]string{"Ндиай": "Ndiaye", "Ли": "Li", "Орлов": "Orlov", "Флорес": "Flores", "Хасан": "Hassan"}},
		{"ar", "ar/council.txt", map[string]string{"ندياي": "Ndiaye", "لي": "Li", "أورلوف": "Orlov", "فلوريس": "Flores", "حسن": "Hassan"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			m := fixture(t, tc.file)
			if m.Language != tc.lang {
				t.Errorf("language %q, want %q", m.Language, tc.lang)
			}
			for _, w := range m.Warnings {
				t.Errorf("warning: %s: %s", w.Code, w.Message)
			}
			compareShapes(t, shape(m), want, tc.names)
		})
	}
}

// compareShapes compares a version's shape with the English one's, speech
// by speech and event by event; names maps a version's spellings of the
// speakers to the English ones.
func compareShapes(t *testing.T, got, want structure, names map[string]string) {
	t.Helper()
	for i, sp := range got.Speeches {
		if en, ok := names[sp.Speaker]; ok {
			got.Speeches[i].Speaker = en
		}
	}
	for i := range max(len(got.Speeches), len(want.Speeches)) {
		var g, w speechShape
		if i < len(got.Speeches) {
			g = got.Speeches[i]
		}
		if i < len(want.Speeches) {
			w = want.Speeches[i]
		}
		if g != w {
			t.Errorf("speech %d: got %+v, want %+v", i+1, g, w)
		}
	}
	for i := range max(len(got.Events), len(want.Events)) {
		var g, w eventShape
		if i < len(got.Events) {
			g = got.Events[i]
		}
		if i < len(want.Events) {
			w = want.Events[i]
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("event %d: got %+v %+v, want %+v %+v", i+1, g, g.Vote, w, w.Vote)
		}
	}
	got.Speeches, got.Events = want.Speeches, want.Events
	if !reflect.DeepEqual(got, want) {
		t.Errorf("meeting: got %+v, want %+v", got, want)
	}
}

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"主席：我现在请中国代表发言。我们欢迎秘书长的报告。", "zh"},
		{"The President: I now give the floor to the representative of France. We thank the Secretary-General for his report and for the work of the Mission in the region.", "en"},
		{"El Presidente: Doy ahora la palabra al representante de Francia. Damos las gracias al Secretario General por su informe y por la labor de la Misión en la región, que es esencial para la paz.", "es"},
		{"Le Président : Je donne maintenant la parole au représentant de la France. Nous remercions le Secrétaire général de son rapport et du travail de la Mission dans la région, qui est essentiel pour la paix.", "fr"},
		{"الرئيس: أعطي الكلمة لممثل فرنسا. ونحن نشكر الأمين العام على تقريره وعلى العمل الذي تقوم به البعثة في المنطقة، وهو عمل أساسي للسلام.", "ar"},
		// An Arabic name quoted in an English speech stays English.
		{"Mr. Haddad (Lebanon): The people of the city call it «بيروت», and we thank the Secretary-General for his report and for the work of the Mission.", "en"},
		{"Председатель: Я предоставляю слово представителю Франции. Мы благодарим Генерального секретаря за его доклад и за работу Миссии в регионе, которая также важна для мира и для всех нас.", "ru"},
		// A French quotation in an English speech stays English.
		{"Mr. Dupont (France): As our Minister said, « la paix est notre tâche à tous ». We thank the Secretary-General for his report and we support the work of the Mission in the region.", "en"},
		// Too few words to tell: English, as before.
		{"M. Li : de la", "en"},
		{"", "en"},
	} {
		if got := parse.DetectLanguage(tc.text); got != tc.want {
			t.Errorf("DetectLanguage(%.40q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestDetectLanguageParallel runs DetectLanguage on the parallel UN
// sentences of ../shared/corpus/parallel, in blocks of 20 sentences (about
// a page): every block must be told its own language.
func TestDetectLanguageParallel(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es", "ru", "zh", "ar"} {
		b, err := os.ReadFile(corpus.Path(t, "parallel/UNv1.0.devset."+lang))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		blocks, wrong := 0, 0
		for i := 0; i+20 <= len(lines); i += 20 {
			blocks++
			if got := parse.DetectLanguage(strings.Join(lines[i:i+20], "\n")); got != lang {
				wrong++
				if wrong <= 3 {
					t.Errorf("%s block at line %d detected as %q", lang, i+1, got)
				}
			}
		}
		t.Logf("%s: %d of %d blocks of 20 sentences misdetected", lang, wrong, blocks)
		if blocks == 0 {
			t.Errorf("%s: no sentences", lang)
		}
	}
}
