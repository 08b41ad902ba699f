package parse_test

import (
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

// TestAssemblyRecord checks, on a synthetic General Assembly record, the
// shapes the corpus records showed the parser getting wrong: adoptions
// without a vote, the Acting President's state, agenda titles, votes on
// the parts of a draft, and labels with a colon printed too early.
func TestAssemblyRecord(t *testing.T) {
	m := fixture(t, "en/assembly.txt")

	t.Run("adoptions without a vote", func(t *testing.T) {
		type want struct{ draft, resolution, text string }
		wants := []want{
			{"A/99/L.7", "A/RES/99/15", "Draft resolution A/99/L.7 was adopted (resolution 99/15)."},
			{"A/99/L.8", "", "It was so decided."},
		}
		var got []want
		for _, ev := range m.Events {
			if ev.Type == record.EventVote && ev.Vote.Method == record.MethodWithoutVote {
				if ev.Vote.Counted() || ev.Vote.Adopted == nil || !*ev.Vote.Adopted {
					t.Errorf("%q: counted %v, adopted %v; want an adoption with no count", ev.Text, ev.Vote.Counted(), ev.Vote.Adopted)
				}
				got = append(got, want{ev.Vote.Draft, ev.Vote.Resolution, ev.Text})
			}
		}
		if len(got) != len(wants) {
			t.Fatalf("adoptions without a vote: got %v, want %v", got, wants)
		}
		for i := range wants {
			if got[i] != wants[i] {
				t.Errorf("adoption %d: got %+v, want %+v", i, got[i], wants[i])
			}
		}
		// "It was so decided." after a question that adopts no draft
		// stays a decision.
		decided := 0
		for _, ev := range m.Events {
			if ev.Type == record.EventDecided {
				decided++
			}
		}
		if decided != 1 {
			t.Errorf("%d decided events, want 1", decided)
		}
	})

	t.Run("acting president", func(t *testing.T) {
		var got []string
		for _, sp := range m.Speeches {
			if sp.Role == record.RolePresident {
				code := ""
				if sp.Affiliation != nil {
					code = sp.Affiliation.Code
				}
				got = append(got, code)
			}
		}
		// Norway's Vice-President opens; the President (Nigeria) returns;
		// Haiti's Vice-President takes the chair during a speech.
		want := "NOR NOR NOR NOR NOR NGA NGA HTI"
		if g := strings.Join(got, " "); g != want {
			t.Errorf("presiding states by turn: %s, want %s", g, want)
		}
		var chairs []string
		for _, ev := range m.Events {
			if ev.Type == record.EventChair {
				who := "returns"
				if p := ev.Person; p != nil {
					who = p.Name + " " + p.Code
				}
				chairs = append(chairs, who)
			}
		}
		if len(chairs) != 3 || chairs[1] != "returns" || strings.HasSuffix(chairs[0], " ") || strings.HasSuffix(chairs[2], " ") {
			t.Errorf("chair events %q, want a Vice-President named with a state, the return, another", chairs)
		}
		// The delegate's speech goes on after the chair changes hands.
		for _, sp := range m.Speeches {
			if sp.Speaker == "Alvarado Pérez" && len(sp.Paragraphs) != 2 {
				t.Errorf("speech cut at the change of chair: %q", sp.Paragraphs)
			}
		}
	})

	t.Run("agenda titles", func(t *testing.T) {
		want := []struct{ number, title string }{
			{"1", "Opening of the session by the President of the General Assembly"},
			{"2", "Observance of a minute of reflection"},
			{"41", "Report of the Commission on Lighthouses"},
			{"42", "Protection of coastal waters"},
		}
		if len(m.Agenda) != len(want) {
			var got []string
			for _, it := range m.Agenda {
				got = append(got, it.Number+" "+it.Title)
			}
			t.Fatalf("agenda: %q, want %d items", got, len(want))
		}
		for i, w := range want {
			if it := m.Agenda[i]; it.Number != w.number || it.Title != w.title {
				t.Errorf("item %d: %s %q, want %s %q", i, it.Number, it.Title, w.number, w.title)
			}
		}
		if len(m.Unclassified) != 0 {
			t.Errorf("unclassified: %+v", m.Unclassified)
		}
	})

	t.Run("votes on parts of a draft", func(t *testing.T) {
		var drafts []string
		for _, ev := range m.Events {
			if ev.Type == record.EventVote && ev.Vote.Method == record.MethodRecorded {
				drafts = append(drafts, ev.Vote.Title+": "+ev.Vote.Draft)
			}
		}
		want := "Operative paragraph 3: A/99/L.9|Operative paragraph 5: A/99/L.9"
		if g := strings.Join(drafts, "|"); g != want {
			t.Errorf("drafts: %s, want %s", g, want)
		}
		// The Secretariat's note stays with the vote it is about.
		last := m.Events[len(m.Events)-1]
		for _, ev := range m.Events {
			if ev.Type == record.EventVote {
				last = ev
			}
		}
		if !strings.HasSuffix(last.Text, "intended to vote in favour.]") {
			t.Errorf("last vote's text does not end with the note: %q", last.Text)
		}
	})

	t.Run("labels", func(t *testing.T) {
		if m.Speeches[0].Label != "The Acting President:" {
			t.Errorf("first label %q: a heading ran into it", m.Speeches[0].Label)
		}
		var sp *record.Speech
		for i := range m.Speeches {
			if m.Speeches[i].Speaker == "Alvarado Pérez" {
				sp = &m.Speeches[i]
			}
		}
		switch {
		case sp == nil:
			t.Fatal("no speech by Alvarado Pérez")
		case sp.Affiliation == nil || sp.Affiliation.Code != "CHL" || sp.Language != "es":
			t.Errorf("Alvarado Pérez: affiliation %+v, language %q; want CHL, es", sp.Affiliation, sp.Language)
		case !strings.HasPrefix(sp.Paragraphs[0], "My delegation"):
			t.Errorf("label left in the text: %q", sp.Paragraphs[0])
		}
	})
}

// TestResumedPart: a resumed part opens when it resumes, even when the
// sentence gives the day without its name.
func TestResumedPart(t *testing.T) {
	m := fixture(t, "en/resumed.txt")
	if m.Opened != "10:00" {
		t.Errorf("opened %q, want 10:00", m.Opened)
	}
	if len(m.Events) == 0 || m.Events[0].Type != record.EventResumed || m.Events[0].Time != "10:00" {
		t.Errorf("first event %+v, want resumed at 10:00", m.Events)
	}
	if len(m.Agenda) != 1 || m.Agenda[0].Title != "Maintenance of international peace and security" {
		t.Errorf("agenda %+v", m.Agenda)
	}
}

// TestAssemblyVersions parses synthetic General Assembly records, one
// per language, of the same meeting as testdata/en/assembly.txt: each
// must read to the English version's structure. A vote's title is the
// wording of each language ("Operative paragraph 3") and is left out.
func TestAssemblyVersions(t *testing.T) {
	en := assemblyShape(fixture(t, "en/assembly.txt"))
	if len(en.Speeches) != 9 || len(en.Events) != 10 || en.Warnings != 0 {
		t.Fatalf("en/assembly.txt: %d speeches, %d events, %d warnings; want 9, 10, 0", len(en.Speeches), len(en.Events), en.Warnings)
	}
	for _, tc := range []struct {
		lang string
		// names: how a version in another script spells the English
		// version's speakers.
		names map[string]string
	}{
		{"fr", nil},
		{"es", nil},
		{"ru", map[string]string{"Альварадо Перес": "Alvarado Pérez"}},
		{"ar", map[string]string{"ألفارادو بيريس": "Alvarado Pérez"}},
	} {
		lang := tc.lang
		t.Run(lang, func(t *testing.T) {
			m := fixture(t, lang+"/assembly.txt")
			if m.Language != lang {
				t.Errorf("language %q, want %q", m.Language, lang)
			}
			for _, w := range m.Warnings {
				t.Errorf("warning: %s: %s", w.Code, w.Message)
			}
			compareShapes(t, assemblyShape(m), en, tc.names)
		})
	}
}

// assemblyShape is shape without the votes' titles.
func assemblyShape(m *record.Meeting) structure {
	s := shape(m)
	for i, ev := range s.Events {
		if ev.Vote != nil {
			v := *ev.Vote
			v.Title = ""
			s.Events[i].Vote = &v
		}
	}
	return s
}
