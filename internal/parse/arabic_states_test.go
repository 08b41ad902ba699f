package parse_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/parse"
)

// TestArabicStatesInVoteList: every Member State's Arabic short name is
// read in a vote list, separated by the Arabic comma, and with the
// conjunction و joined to the last one, as Arabic prints it; "لا أحد"
// is an empty list.
func TestArabicStatesInVoteList(t *testing.T) {
	var names, codes []string
	for _, e := range gazetteer.All() {
		if e.Kind == gazetteer.State && e.Status == gazetteer.Member {
			names = append(names, e.Short("ar"))
			codes = append(codes, e.Code)
		}
	}
	if len(names) != 193 {
		t.Fatalf("%d Member States", len(names))
	}
	for _, tc := range []struct{ name, list string }{
		{"commas", strings.Join(names, "، ")},
		{"and before the last", strings.Join(names[:len(names)-1], "، ") + " و" + names[len(names)-1]},
	} {
		text := "الأمم المتحدة A/99/PV.1\nافتتحت الجلسة الساعة 10/00.\nأُجري تصويت مسجل.\nالمؤيدون: " + tc.list +
			"\nالمعارضون: لا أحد\nرفعت الجلسة الساعة 11/00.\n"
		m, err := parse.Text(text, parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if m.Language != "ar" || len(m.Events) < 2 || m.Events[1].Vote == nil {
			t.Fatalf("%s: language %q, events %+v", tc.name, m.Language, m.Events)
		}
		if got := m.Events[1].Vote.InFavour; !reflect.DeepEqual(got, codes) {
			t.Errorf("%s: %d of %d read", tc.name, len(got), len(codes))
			for i := range min(len(got), len(codes)) {
				if got[i] != codes[i] {
					t.Errorf("first difference at %q: got %s", names[i], got[i])
					break
				}
			}
		}
		if against := m.Events[1].Vote.Against; len(against) != 0 {
			t.Errorf("%s: against %v, want none", tc.name, against)
		}
		// A record without a cover has no date; nothing else is wrong.
		for _, w := range m.Warnings {
			if w.Code != "no-date" {
				t.Errorf("%s: warning %s: %.200s", tc.name, w.Code, w.Message)
			}
		}
	}
}

// TestArabicAnnouncedBehalf: the group a delegate speaks for, named only
// where the President gives the floor ("… الذي سيتكلم باسم مجموعة الدول
// الأفريقية").
func TestArabicAnnouncedBehalf(t *testing.T) {
	text := "الأمم المتحدة S/PV.9991\nافتتحت الجلسة الساعة 10/00.\n" +
		"الرئيس: أعطي الكلمة الآن لممثل زمبابوي، الذي سيتكلم باسم مجموعة الدول الأفريقية.\n" +
		"السيد مويو (زمبابوي) (تكلم بالإنكليزية): نشكر الرئيس.\n" +
		"رفعت الجلسة الساعة 11/00.\n"
	m, err := parse.Text(text, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Speeches) != 2 {
		t.Fatalf("%d speeches", len(m.Speeches))
	}
	sp := m.Speeches[1]
	if sp.Affiliation == nil || sp.Affiliation.Code != "ZWE" || sp.Language != "en" || sp.OnBehalfOf == nil || *sp.OnBehalfOf != "AFRICANGROUP" {
		t.Errorf("speech %+v, on behalf of %v", sp, sp.OnBehalfOf)
	}
}
