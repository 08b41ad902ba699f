package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/record"
)

// version parses a synthetic language version of S/PV.9992, the meeting
// package align is tested on (ru lacks Germany's speech, zh 6).
func version(t *testing.T, lang string) *record.Meeting {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "align", "testdata", lang+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := parse.Text(string(b), parse.Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func seqs(vs []Version) map[string]int {
	out := map[string]int{}
	for _, v := range vs {
		out[v.Lang] = v.Seq
		if v.Confidence <= 0 || v.Confidence > 1 {
			out[v.Lang] = -1
		}
	}
	return out
}

func TestSpeechLinks(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, version(t, "en")); err != nil {
		t.Fatal(err)
	}
	vs, err := s.SpeechVersions(ctx, "S/PV.9992", "en", 7)
	if err != nil || len(vs) != 0 {
		t.Fatalf("one version: %v %v", vs, err)
	}
	// Two versions stored in one batch are linked too.
	if _, err := s.PutBatch(ctx, []*record.Meeting{version(t, "zh"), version(t, "ru")}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		seq  int
		want map[string]int
	}{
		{"en", 7, map[string]int{"zh": 7, "ru": 6}}, // the floor to the Russian Federation
		{"en", 6, map[string]int{"zh": 6}},          // Germany: ru lacks it
		{"ru", 12, map[string]int{"zh": 13, "en": 13}},
		{"zh", 1, map[string]int{"en": 1, "ru": 1}},
	} {
		vs, err := s.SpeechVersions(ctx, "s/pv.9992", tc.lang, tc.seq)
		if err != nil {
			t.Fatal(err)
		}
		if got := seqs(vs); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %d: versions %v, want %v", tc.lang, tc.seq, got, tc.want)
		}
	}

	// A page of a record's speeches with their versions.
	links, err := s.MeetingLinks(ctx, "S/PV.9992", "ru", 5, 6)
	if err != nil {
		t.Fatal(err)
	}
	if got := map[int]map[string]int{5: seqs(links[5]), 6: seqs(links[6])}; !reflect.DeepEqual(got,
		map[int]map[string]int{5: {"en": 5, "zh": 5}, 6: {"en": 7, "zh": 7}}) || len(links) != 2 {
		t.Errorf("ru 5–6's versions: %v", links)
	}

	// A search hit carries its versions.
	res, err := s.Search(ctx, Filter{Query: "Sanctions", Language: "en"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %+v %v", res, err)
	}
	if got := seqs(res.Hits[0].Versions); !reflect.DeepEqual(got, map[string]int{"zh": 8, "ru": 7}) {
		t.Errorf("hit's versions %v", res.Hits[0].Versions)
	}
	list, err := s.Speeches(ctx, Filter{Language: "ru", Country: "DEU"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range list.Hits {
		t.Errorf("ru has no speech by Germany, listed %+v", h)
	}
	list, err = s.Speeches(ctx, Filter{Language: "en", Country: "DEU"})
	if err != nil || len(list.Hits) != 1 || !reflect.DeepEqual(seqs(list.Hits[0].Versions), map[string]int{"zh": 6}) {
		t.Errorf("Germany's speech listed: %+v %v", list.Hits, err)
	}

	// Storing a version again recomputes its links: a Russian version
	// that now has Germany's speech.
	ru := version(t, "ru")
	deu := version(t, "en").Speeches[5]
	ru.Speeches = append(ru.Speeches[:5], append([]record.Speech{deu}, ru.Speeches[5:]...)...)
	for i := range ru.Speeches {
		ru.Speeches[i].Seq = i + 1
	}
	if r, err := s.Put(ctx, ru); err != nil || !r.Replaced {
		t.Fatalf("re-store: %+v %v", r, err)
	}
	vs, err = s.SpeechVersions(ctx, "S/PV.9992", "en", 6)
	if err != nil || !reflect.DeepEqual(seqs(vs), map[string]int{"zh": 6, "ru": 6}) {
		t.Errorf("after re-storing ru: en 6's versions %v %v", vs, err)
	}
	vs, err = s.SpeechVersions(ctx, "S/PV.9992", "zh", 13)
	if err != nil || !reflect.DeepEqual(seqs(vs), map[string]int{"en": 13, "ru": 13}) {
		t.Errorf("after re-storing ru: zh 13's versions %v %v", vs, err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM speech_links sl WHERE NOT EXISTS (SELECT 1 FROM speeches WHERE id = sl.other_id)
		OR NOT EXISTS (SELECT 1 FROM speeches WHERE id = sl.speech_id)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d links to speeches no longer stored (%v)", n, err)
	}
}

func TestStoreAlign(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutBatch(ctx, []*record.Meeting{version(t, "en"), version(t, "fr")}); err != nil {
		t.Fatal(err)
	}
	a, err := s.Align(ctx, "s/pv.9992", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Languages, []string{"en", "fr"}) || a.Pivot != "en" || len(a.Rows) != 12 {
		t.Errorf("languages %v, pivot %s, %d rows", a.Languages, a.Pivot, len(a.Rows))
	}
	for _, tc := range []struct {
		symbol string
		langs  []string
		want   error
	}{
		{"S/PV.1", nil, ErrNotFound},
		{"S/PV.9992", []string{"en", "ru"}, ErrNotFound},
		{"S/PV.9992", []string{"fr"}, ErrFewVersions},
	} {
		if _, err := s.Align(ctx, tc.symbol, tc.langs); !errors.Is(err, tc.want) {
			t.Errorf("Align(%s, %v): %v, want %v", tc.symbol, tc.langs, err, tc.want)
		}
	}
}

// TestMigration005: a database of schema 4 with two versions of a
// meeting gets its links when opened.
func TestMigration005(t *testing.T) {
	sqliteOnly(t)
	path := tempDB(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.PutBatch(ctx, []*record.Meeting{version(t, "en"), version(t, "ru")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `DROP TABLE speech_links; UPDATE verbatim_schema SET version = 4`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	vs, err := s.SpeechVersions(ctx, "S/PV.9992", "ru", 6)
	if err != nil || !reflect.DeepEqual(seqs(vs), map[string]int{"en": 7}) {
		t.Errorf("after the migration: ru 6's versions %v %v", vs, err)
	}
	var v int
	s.db.QueryRowContext(ctx, `SELECT version FROM verbatim_schema`).Scan(&v)
	if v != latest() {
		t.Errorf("schema %d, want %d", v, latest())
	}
}
