package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/internal/index/indextest"
	"github.com/verbatim-un/verbatim/record"
)

// TestMigrateFromFTS: a database of schema 1 (FTS5) gets the new index,
// built from its speeches, when opened for writing; read-only, it is
// refused with a message saying what to do.
func TestMigrateFromFTS(t *testing.T) {
	sqliteOnly(t)
	path := schema1(t)
	if _, err := OpenReadOnly(path); err == nil {
		t.Fatal("OpenReadOnly opened a database of an older schema")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Search(context.Background(), Filter{Query: "和平", Country: "CHN", From: "2016"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Symbol != "S/PV.1" || res.Hits[0].Seq != 1 {
		t.Errorf("after migration: %+v", res)
	}
}

// schema1 writes a database of schema 1 (FTS5) with two speeches.
func schema1(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v1, err := migrations.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`CREATE TABLE verbatim_schema (version INTEGER NOT NULL)`, `INSERT INTO verbatim_schema VALUES (1)`, string(v1),
		`INSERT INTO meetings (id, symbol, base_symbol, language, body_code, date, record, ingested_at)
			VALUES (1, 'S/PV.1', 'S/PV.1', 'zh', 'S', '2016-01-02', '{}', '')`,
		`INSERT INTO speeches (id, meeting_id, seq, speaker, role, country, chars, words, text)
			VALUES (1, 1, 1, '甲', 'member', 'CHN', 8, 8, '各国应当维护和平'), (2, 1, 2, '乙', 'member', 'RUS', 4, 4, '支持合作')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestInterruptedMigration: a migration cut short after its index rebuild
// leaves the database as it was (schema 1, FTS5 table in place), and the
// next open completes it.
func TestInterruptedMigration(t *testing.T) {
	sqliteOnly(t)
	path := schema1(t)
	migrateFault = func() error { return errors.New("killed") }
	_, err := Open(path)
	migrateFault = nil
	if err == nil {
		t.Fatal("the interrupted migration succeeded")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var v, fts, segs int
	db.QueryRow(`SELECT version FROM verbatim_schema`).Scan(&v)
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'speech_fts'`).Scan(&fts)
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'ix_segments'`).Scan(&segs)
	db.Close()
	if v != 1 || fts != 1 || segs != 0 {
		t.Fatalf("after the interruption: schema %d, FTS table %d, index table %d; want 1, 1, 0", v, fts, segs)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if p, err := s.Check(ctx, true); err != nil || len(p) > 0 {
		t.Fatalf("check after the migration: %q %v", p, err)
	}
	res, err := s.Search(ctx, Filter{Query: "合作"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search after the migration: %+v %v", res, err)
	}
}

// synthetic makes a meeting of n speeches; word marks every speech.
func synthetic(i, n int, word string) *record.Meeting {
	m := &record.Meeting{Symbol: fmt.Sprintf("S/PV.%d", 9000+i), Language: "en", Body: "Security Council",
		Date: fmt.Sprintf("20%02d-01-01", 10+i%10)}
	for k := range n {
		m.Speeches = append(m.Speeches, record.Speech{Seq: k + 1, Speaker: fmt.Sprintf("Speaker %d", k%3), Role: "member",
			Affiliation: &record.Affiliation{Code: []string{"CHN", "FRA", "USA"}[k%3], Kind: "state"},
			Paragraphs:  []string{fmt.Sprintf("The %s of meeting %d, speech %d, speaks of peace and of the rule of law.", word, i, k)}})
	}
	return m
}

// TestCompactKeepsResults: merging the index's segments, after records
// were replaced, changes no answer; paging walks the same order.
func TestCompactKeepsResults(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for i := range 40 {
		if _, err := s.Put(ctx, synthetic(i, 5, "council")); err != nil {
			t.Fatal(err)
		}
	}
	// Replace every other record: their speeches lose "council".
	for i := 0; i < 40; i += 2 {
		if _, err := s.Put(ctx, synthetic(i, 5, "assembly")); err != nil {
			t.Fatal(err)
		}
	}
	queries := []Filter{{Query: "council"}, {Query: "assembly"}, {Query: `"rule of law"`, Country: "FRA"},
		{Query: "peace -council", From: "2015", To: "2017-12-31"}, {Query: "speech", Speaker: "speaker 1"}}
	run := func() []Result {
		var out []Result
		for _, f := range queries {
			f.Limit = 1000
			r, err := s.Search(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}
	before := run()
	for i, want := range []int{100, 100, 80, 20, 80} {
		if before[i].Total != want {
			t.Errorf("%+v: total %d, want %d", queries[i], before[i].Total, want)
		}
	}
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.CompactAll(ctx); err != nil {
		t.Fatal(err)
	}
	var segs int
	s.DB().QueryRow(`SELECT count(*) FROM ix_segments`).Scan(&segs)
	if segs != 1 {
		t.Errorf("%d segments after CompactAll", segs)
	}
	after := run()
	for i := range queries {
		if after[i].Total != before[i].Total || len(after[i].Hits) != len(before[i].Hits) {
			t.Fatalf("%+v: %d/%d hits after compaction, %d/%d before", queries[i], after[i].Total, len(after[i].Hits), before[i].Total, len(before[i].Hits))
		}
		for k := range after[i].Hits {
			a, b := after[i].Hits[k], before[i].Hits[k]
			if a.Symbol != b.Symbol || a.Seq != b.Seq {
				t.Fatalf("%+v: hit %d is %s #%d after compaction, %s #%d before", queries[i], k, a.Symbol, a.Seq, b.Symbol, b.Seq)
			}
		}
	}
	// Pages of 7 give the hits of one page of 1000, in order.
	var paged []Hit
	for off := 0; ; off += 7 {
		r, err := s.Search(ctx, Filter{Query: "council", Limit: 7, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 100 {
			t.Fatalf("offset %d: total %d", off, r.Total)
		}
		if len(r.Hits) == 0 {
			break
		}
		paged = append(paged, r.Hits...)
	}
	if len(paged) != 100 {
		t.Fatalf("paging gave %d hits", len(paged))
	}
	for k, h := range paged {
		if w := after[0].Hits[k]; h.Symbol != w.Symbol || h.Seq != w.Seq {
			t.Fatalf("page hit %d is %s #%d, want %s #%d", k, h.Symbol, h.Seq, w.Symbol, w.Seq)
		}
	}
}

// TestResultCache: a kept result is served until the index changes.
func TestResultCache(t *testing.T) {
	s := openTemp(t)
	s.CacheResults(4)
	ctx := context.Background()
	total := func(q string) int {
		r, err := s.Search(ctx, Filter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		return r.Total
	}
	for i := range 3 {
		if _, err := s.Put(ctx, synthetic(i, 2, "council")); err != nil {
			t.Fatal(err)
		}
		if got := total("council"); got != 2*(i+1) {
			t.Fatalf("after %d records: %d, want %d", i+1, got, 2*(i+1))
		}
		if got := total("council"); got != 2*(i+1) { // from the cache
			t.Fatalf("again: %d, want %d", got, 2*(i+1))
		}
	}
	// Replacing a record without new speeches for the term still counts.
	if _, err := s.Put(ctx, synthetic(0, 2, "assembly")); err != nil {
		t.Fatal(err)
	}
	if got := total("council"); got != 4 {
		t.Errorf("after a replacement: %d, want 4", got)
	}
	if err := s.CompactAll(ctx); err != nil {
		t.Fatal(err)
	}
	if got := total("council"); got != 4 {
		t.Errorf("after compaction: %d, want 4", got)
	}
	for _, q := range []string{"a", "b", "c", "d", "e", "council"} { // evictions
		total(q)
	}
}

// ixDB runs the index's oracle on the store's tables.
type ixDB struct{ s *Store }

func (d ixDB) Update(ctx context.Context, fn func(index.Storage) error) error {
	return d.s.Update(ctx, fn)
}

func (d ixDB) View(ctx context.Context, fn func(index.Storage) error) error {
	tx, err := d.s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(ixTx{tx})
}

// TestIndexOracle: package index's oracle, on the store's tables.
func TestIndexOracle(t *testing.T) {
	size := indextest.Small
	size.Seeds = 2
	indextest.Oracle(t, size, func(t *testing.T) indextest.DB { return ixDB{openTemp(t)} })
	if !testing.Short() {
		indextest.Oracle(t, indextest.Large, func(t *testing.T) indextest.DB { return ixDB{openTemp(t)} })
	}
}
