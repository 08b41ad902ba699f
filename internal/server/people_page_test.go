package server

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// TestPersonSpellings: a person printed Nebenzia in one record and
// Nebenzya in another is one person in the API and on the page, which
// list both spellings; every field the API answers is in openapi.yaml's
// Person schema.
func TestPersonSpellings(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i, name := range []string{"Nebenzia", "Nebenzya", "Nebenzya"} {
		m := &record.Meeting{Symbol: "S/PV.800" + string(rune('1'+i)), Body: "Security Council", Language: "en", Date: "2018-01-0" + string(rune('1'+i)),
			Speeches: []record.Speech{{Seq: 1, Speaker: name, Title: "Mr.", Role: "member", Language: "ru",
				Affiliation: &record.Affiliation{Name: "Russian Federation", Code: "RUS", Kind: "state"}, Paragraphs: []string{"Peace."}}}}
		if _, err := st.Put(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	h, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()

	status, _, body := get(t, ts, "/api/people/nebenzia.rus")
	var p map[string]any
	if err := json.Unmarshal([]byte(body), &p); status != 200 || err != nil {
		t.Fatalf("person: %d %v %s", status, err, body)
	}
	sp, _ := p["spellings"].([]any)
	if p["id"] != "nebenzia.rus" || p["speeches"].(float64) != 3 || len(sp) != 2 ||
		sp[0].(map[string]any)["name"] != "Nebenzya" || sp[0].(map[string]any)["speeches"].(float64) != 2 {
		t.Errorf("person: %s", body)
	}
	// The schema: PersonSummary's and Person's properties.
	doc := string(openapi)
	schema := doc[strings.Index(doc, "\n    PersonSummary:"):strings.Index(doc, "\n    Facets:")]
	props := map[string]bool{}
	for _, m := range regexp.MustCompile(`\n\s+([a-z_]+):`).FindAllStringSubmatch(schema, -1) {
		props[m[1]] = true
	}
	for k, v := range p {
		if !props[k] {
			t.Errorf("the API answers %s, which openapi.yaml's Person does not have", k)
		}
		if k == "spellings" {
			for kk := range v.([]any)[0].(map[string]any) {
				if !props[kk] {
					t.Errorf("a spelling has %s, which openapi.yaml does not have", kk)
				}
			}
		}
	}

	status, _, page := get(t, ts, "/people/nebenzya.rus")
	if status != 200 || !strings.Contains(page, `id="spellings"`) || !strings.Contains(page, "Nebenzia") || !strings.Contains(page, "Nebenzya") {
		t.Errorf("person page: %d\n%s", status, page)
	}
	status, _, page = get(t, ts, "/people/nebenzya.rus?ui=zh")
	if status != 200 || !strings.Contains(page, "记录中的拼写") {
		t.Errorf("Chinese person page: %d", status)
	}
}

func TestShownAs(t *testing.T) {
	p := &store.Person{PersonSummary: store.PersonSummary{ID: "орлов.rus", Name: "Орлов", Title: "Г-н"},
		Spellings: []store.Spelling{{Name: "Орлов", Title: "Г-н"}, {Name: "Orlov", Title: "Mr."}, {Name: "奥尔洛夫", Title: "先生"}}}
	for ui, want := range map[string]string{"en": "Mr. Orlov", "zh": "奥尔洛夫先生"} {
		if got := personName(shownAs(p, ui), ui); got != want {
			t.Errorf("%s: %q, want %q", ui, got, want)
		}
	}
	one := &store.Person{PersonSummary: store.PersonSummary{Name: "Орлов", Title: "Г-н"}}
	if got := personName(shownAs(one, "en"), "en"); got != "Г-н Орлов" {
		t.Errorf("one spelling: %q", got)
	}
}
