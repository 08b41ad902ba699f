package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/record"
)

// TestPersonSpellings: transliterations of one name for one state are one
// person (its page lists the spellings, counts and filters take them
// all); the same spelling for another state, and names the source script
// tells apart, are not.
func TestPersonSpellings(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	state := func(code string) *record.Affiliation {
		return &record.Affiliation{Name: code, Code: code, Kind: "state"}
	}
	meeting := func(sym, date string, speakers ...string) *record.Meeting {
		m := &record.Meeting{Symbol: sym, Language: "en", Body: "Security Council", Date: date}
		for i, sc := range speakers {
			name, code, _ := strings.Cut(sc, "/")
			m.Speeches = append(m.Speeches, record.Speech{Seq: i + 1, Speaker: name, Title: "Mr.", Role: "member",
				Affiliation: state(code), Language: "en", Paragraphs: []string{"On peace, " + name + "."}})
		}
		return m
	}
	ms := []*record.Meeting{
		meeting("S/PV.8001", "2018-01-05", "Nebenzia/RUS", "Hassan/EGY", "Al-Mouallimi/SAU"),
		meeting("S/PV.8002", "2018-02-05", "Nebenzya/RUS", "Hasan/EGY", "Al Muallimi/SAU", "Nebenzya/UKR"),
		meeting("S/PV.8003", "2018-03-05", "NEBENZIA/RUS", "Almouallimi/SAU"),
	}
	// Stored one at a time: a later spelling joins the group an earlier
	// one started.
	for _, m := range ms {
		if _, err := s.Put(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"nebenzia.rus", "nebenzya.rus"} {
		p, err := s.Person(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != "nebenzia.rus" || p.Speeches != 3 || p.Meetings != 3 || len(p.Spellings) != 2 || p.Spellings[0].ID != "nebenzia.rus" ||
			p.Spellings[0].Speeches != 2 || p.Spellings[1].Name != "Nebenzya" || len(p.Appearances) != 3 {
			t.Errorf("%s: %+v", id, p)
		}
	}
	if p, err := s.Person(ctx, "almuallimi.sau"); err != nil || p.Speeches != 3 || len(p.Spellings) != 2 {
		t.Errorf("Al-Mouallimi: %+v %v", p, err)
	}
	for _, id := range []string{"nebenzya.ukr", "hassan.egy", "hasan.egy"} {
		if p, err := s.Person(ctx, id); err != nil || p.ID != id || p.Speeches != 1 || len(p.Spellings) != 1 {
			t.Errorf("%s merged: %+v %v", id, p, err)
		}
	}
	list, total, err := s.People(ctx, PeopleFilter{Name: "nebenzya"})
	if err != nil || total != 2 || len(list) != 2 || list[0].ID != "nebenzia.rus" || list[0].Speeches != 3 || list[1].ID != "nebenzya.ukr" {
		t.Errorf("people named Nebenzya: %d %+v %v", total, list, err)
	}
	if _, total, _ := s.People(ctx, PeopleFilter{}); total != 5 {
		t.Errorf("%d people, want 5 (Nebenzia, Nebenzya of Ukraine, Hassan, Hasan, Al-Mouallimi)", total)
	}
	stats, err := s.Stats(ctx, "person", Filter{Country: "RUS"})
	if err != nil || len(stats) != 1 || stats[0].Key != "nebenzia.rus" || stats[0].Speeches != 3 {
		t.Errorf("stats by person for RUS: %+v %v", stats, err)
	}
	res, err := s.Search(ctx, Filter{Query: "peace", Person: "nebenzya.rus"})
	if err != nil || res.Total != 3 {
		t.Errorf("search by a spelling: %+v %v", res, err)
	}
	sp, err := s.Speeches(ctx, Filter{Person: "nebenzia.rus"})
	if err != nil || sp.Total != 3 {
		t.Errorf("speeches by a spelling: %+v %v", sp, err)
	}

	// A link between two persons (what aligned speeches of two language
	// versions would show) joins their groups when persons are grouped.
	var a, b int64
	s.db.QueryRowContext(ctx, `SELECT id FROM persons WHERE key = 'nebenzya.rus'`).Scan(&a)
	s.db.QueryRowContext(ctx, `SELECT id FROM persons WHERE key = 'nebenzya.ukr'`).Scan(&b)
	if err := s.Update(ctx, func(st index.Storage) error {
		t, _ := storageTx(st)
		if _, err := t.ExecContext(ctx, `INSERT INTO person_links (person, other, how) VALUES (?, ?, 'test')`, a, b); err != nil {
			return err
		}
		return groupPersons(ctx, t)
	}); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Person(ctx, "nebenzya.ukr"); err != nil || p.ID != "nebenzia.rus" || p.Speeches != 4 || len(p.Spellings) != 3 {
		t.Errorf("after a link: %+v %v", p, err)
	}
}

// TestMigration004: a database of schema 3, whose index documents lack
// the language of delivery and the person, is upgraded when opened: the
// persons grouped by spelling, the index rebuilt with the new columns,
// and a filtered search exact. An index of the old layout in a database
// of the new schema is rebuilt too, and refused read-only.
func TestMigration004(t *testing.T) {
	path := tempDB(t)
	migrateUpTo = 3
	s, err := Open(path)
	migrateUpTo = 0
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var mid int64
	if err := s.db.QueryRowContext(ctx, `INSERT INTO meetings (symbol, base_symbol, language, body, body_code, date, record, ingested_at)
		VALUES ('S/PV.8001', 'S/PV.8001', 'en', 'Security Council', 'S', '2018-01-05', ?, '2026-01-01T00:00:00Z') RETURNING id`,
		[]byte(`{"symbol":"S/PV.8001","language":"en","speeches":[]}`)).Scan(&mid); err != nil {
		t.Fatal(err)
	}
	persons := map[string]int64{}
	for _, key := range []string{"nebenzia.rus", "nebenzya.rus", "pierce.gbr"} {
		var id int64
		name, code, _ := strings.Cut(key, ".")
		if err := s.db.QueryRowContext(ctx, `INSERT INTO persons (key, name, affiliation) VALUES (?, ?, ?) RETURNING id`,
			key, name, strings.ToUpper(code)).Scan(&id); err != nil {
			t.Fatal(err)
		}
		persons[key] = id
	}
	// Seven speeches: the Russian ambassador's two spellings and the
	// British one's, delivered in Russian or English.
	speeches := []struct {
		person, lang string
	}{{"nebenzia.rus", "ru"}, {"pierce.gbr", "en"}, {"nebenzya.rus", "ru"}, {"nebenzya.rus", "en"}, {"pierce.gbr", "en"}, {"nebenzia.rus", "ru"}, {"pierce.gbr", "en"}}
	tx, err := s.begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := index.NewBuilder()
	for i, sp := range speeches {
		var sid int64
		code := strings.ToUpper(sp.person[strings.Index(sp.person, ".")+1:])
		if err := tx.QueryRowContext(ctx, `INSERT INTO speeches (meeting_id, seq, speaker, role, country, language, chars, words, text, person)
			VALUES (?, ?, 'x', 'member', ?, ?, 5, 1, 'peace', ?) RETURNING id`, mid, i+1, code, sp.lang, persons[sp.person]).Scan(&sid); err != nil {
			t.Fatal(err)
		}
		// Schema 3's documents: five keyword columns and two id columns.
		b.Add(index.Doc{ID: sid, Date: 20180105, Keywords: []string{"en", code, "member", "S", "Security Council"}, Refs: []int64{mid, 0}}, "peace")
	}
	if _, err := b.Write(ctx, ixTx{tx}, nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	s.Close()

	columns := func(s *Store) (int, int) {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		kw, refs, err := index.Columns(ctx, ixTx{tx})
		if err != nil {
			t.Fatal(err)
		}
		return kw, refs
	}
	check := func(s *Store) {
		t.Helper()
		if kw, refs := columns(s); kw != keywordColumns || refs != refColumns {
			t.Errorf("index columns %d and %d after the upgrade", kw, refs)
		}
		for _, tt := range []struct {
			f    Filter
			want int
		}{
			{Filter{Query: "peace", Delivery: "ru"}, 3},
			{Filter{Query: "peace", Delivery: "en"}, 4},
			{Filter{Query: "peace", Person: "nebenzya.rus"}, 4},
			{Filter{Query: "peace", Person: "nebenzia.rus", Delivery: "en"}, 1},
		} {
			if res, err := s.Search(ctx, tt.f); err != nil || res.Total != tt.want {
				t.Errorf("%+v after the upgrade: %+v %v, want %d", tt.f, res, err, tt.want)
			}
		}
		if p, err := s.Person(ctx, "nebenzya.rus"); err != nil || p.ID != "nebenzia.rus" || p.Speeches != 4 || len(p.Spellings) != 2 {
			t.Errorf("person after the upgrade: %+v %v", p, err)
		}
		if problems, err := s.Check(ctx, true); err != nil || len(problems) > 0 {
			t.Errorf("check after the upgrade: %q %v", problems, err)
		}
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.version(); v != latest() {
		t.Errorf("schema %d after the upgrade", v)
	}
	check(s)

	// The old layout again, in a database of the latest schema.
	tx, err = s.begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM ix_segments`); err != nil {
		t.Fatal(err)
	}
	tx.ExecContext(ctx, `DELETE FROM ix_chunks`)
	b = index.NewBuilder()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM speeches ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		b.Add(index.Doc{ID: id, Date: 20180105, Keywords: []string{"en", "", "member", "S", "Security Council"}, Refs: []int64{mid, 0}}, "peace")
	}
	if _, err := b.Write(ctx, ixTx{tx}, nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := OpenReadOnly(path); err == nil || !strings.Contains(err.Error(), "open it once for writing") {
		t.Errorf("read-only open of an index of the old layout: %v", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check(s)
}

// TestPersonsAcrossScripts: the speakers of a meeting's Chinese, English
// and Russian versions (奥尔洛夫, Orlov, Орлов of the Russian Federation),
// whose speeches are aligned, are one person, listed with the three
// spellings; a spelling that two spellings of one script claim is
// joined with neither of them.
func TestPersonsAcrossScripts(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	// One at a time, then two in a batch: both ways of storing link.
	if _, err := s.Put(ctx, version(t, "en")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutBatch(ctx, []*record.Meeting{version(t, "zh"), version(t, "ru")}); err != nil {
		t.Fatal(err)
	}
	names := func(id string) []string {
		t.Helper()
		p, err := s.Person(ctx, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		var out []string
		for _, sp := range p.Spellings {
			out = append(out, sp.Name)
		}
		slices.Sort(out)
		return out
	}
	for id, want := range map[string][]string{
		"orlov.rus":  {"Orlov", "Орлов", "奥尔洛夫"},
		"奥尔洛夫.rus":   {"Orlov", "Орлов", "奥尔洛夫"},
		"li.chn":     {"Li", "Ли", "李"},
		"ndiaye.sen": {"Ndiaye", "Ндиай", "恩迪亚耶"},
	} {
		if got := names(id); !slices.Equal(got, want) {
			t.Errorf("%s: spellings %q, want %q", id, got, want)
		}
	}
	p, err := s.Person(ctx, "орлов.rus")
	if err != nil || p.Speeches != 6 || p.Meetings != 1 {
		t.Errorf("Orlov in three versions: %+v %v", p, err)
	}
	if res, err := s.Search(ctx, Filter{Query: "S/2099/41", Person: "orlov.rus"}); err != nil || res.Total != 3 {
		t.Errorf("Orlov's speeches citing S/2099/41 in three languages: %+v %v", res, err)
	}

	// Orlov and 奥尔洛夫 are joined directly, not only through Орлов.
	direct := func() int {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM person_links pl JOIN persons a ON a.id = pl.person JOIN persons b ON b.id = pl.other
			WHERE (a.key = 'orlov.rus' AND b.key IN ('奥尔洛夫.rus', '奥洛夫.rus')) OR (b.key = 'orlov.rus' AND a.key IN ('奥尔洛夫.rus', '奥洛夫.rus'))`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := direct(); n != 1 {
		t.Errorf("Orlov joined directly to %d Chinese spellings, want 1", n)
	}

	// Another meeting's Chinese version names the Russian speaker 奥洛夫:
	// Orlov now has two Chinese spellings and is joined with neither; the
	// Russian spelling keeps its own join with 奥尔洛夫 (which has one
	// Latin partner only), and 奥洛夫 stays alone.
	en, zh := version(t, "en"), version(t, "zh")
	for _, m := range []*record.Meeting{en, zh} {
		m.Symbol = "S/PV.9993"
	}
	for i := range zh.Speeches {
		zh.Speeches[i].Speaker = strings.ReplaceAll(zh.Speeches[i].Speaker, "奥尔洛夫", "奥洛夫")
	}
	if _, err := s.PutBatch(ctx, []*record.Meeting{en, zh}); err != nil {
		t.Fatal(err)
	}
	if got := names("奥洛夫.rus"); !slices.Equal(got, []string{"奥洛夫"}) {
		t.Errorf("奥洛夫: spellings %q", got)
	}
	if got := names("orlov.rus"); !slices.Equal(got, []string{"Orlov", "Орлов", "奥尔洛夫"}) {
		t.Errorf("Orlov after an ambiguous meeting: spellings %q", got)
	}
	if n := direct(); n != 0 {
		t.Errorf("Orlov still joined directly to %d Chinese spellings", n)
	}
}

// TestRegroupOnOpen: a database whose persons were grouped by other rules
// (or before aligned speeches joined scripts) is grouped again when
// opened for writing, joins across scripts included.
func TestRegroupOnOpen(t *testing.T) {
	path := tempDB(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.PutBatch(ctx, []*record.Meeting{version(t, "en"), version(t, "zh")}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DELETE FROM person_links`, `UPDATE persons SET canonical = id, variant = ''`, `UPDATE person_rules SET digest = 'older'`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := s.Person(ctx, "orlov.rus"); err != nil || len(p.Spellings) != 1 {
		t.Fatalf("ungrouped: %+v %v", p, err)
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p, err := s.Person(ctx, "orlov.rus"); err != nil || len(p.Spellings) != 2 || p.Speeches != 4 {
		t.Errorf("grouped again: %+v %v", p, err)
	}
}

// TestPersonsSixVersions: the six language versions of one meeting give
// one person per delegate; the presiding officer the Chinese record does
// not name stays apart from the one the others name.
func TestPersonsSixVersions(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var ms []*record.Meeting
	for _, lang := range []string{"ar", "zh", "en", "fr", "es", "ru"} {
		ms = append(ms, version(t, lang))
	}
	if _, err := s.PutBatch(ctx, ms); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]int{"orlov.rus": 4, "flores.mex": 3, "president.s.mex.2099-03": 1, "weber.deu": 3} {
		p, err := s.Person(ctx, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if len(p.Spellings) != want {
			t.Errorf("%s: %d spellings %+v, want %d", id, len(p.Spellings), p.Spellings, want)
		}
	}
	if _, total, err := s.People(ctx, PeopleFilter{}); err != nil || total != 6 {
		t.Errorf("%d people, want 6 (Flores, the unnamed president, Ndiaye, Li, Weber, Orlov) %v", total, err)
	}
}
