package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/record"
)

// The store's targets are measured on databases far larger than tests
// build, so these measurements run only when told where one is:
//
//	go run ./cmd/verbatim-corpus --format db --db /tmp/v.db --speeches 1000000
//	VERBATIM_BENCH_DB=/tmp/v.db go test -run TestSearchLatency -v -timeout 0 ./internal/store
//
// VERBATIM_BENCH_REPS (default 50) bounds the repetitions of a query and
// VERBATIM_BENCH_BUDGET (seconds, default 20) the time spent on it; at least
// 5 runs are made. scripts/bench-store.sh runs everything end to end and
// docs/BENCHMARKS.md has the numbers.

type benchQuery struct {
	class string
	f     Filter
}

// benchQueries are frequent and rare Chinese and English terms and
// phrases, alone and with filters.
var benchQueries = []benchQuery{
	{"zh term, frequent", Filter{Query: "和平"}},
	{"zh term, frequent", Filter{Query: "安全理事会"}},
	{"zh phrase", Filter{Query: "恐怖主义"}},
	{"zh phrase", Filter{Query: "维护国际和平与安全"}},
	{"zh term, rare", Filter{Query: "集体安全条约组织"}},
	{"zh term, rare", Filter{Query: "哈萨克斯坦"}},
	{"en term, frequent", Filter{Query: "humanitarian"}},
	{"en term, frequent", Filter{Query: "peace"}},
	{"en phrase", Filter{Query: `"rule of law"`}},
	{"en phrase", Filter{Query: `"cross-border"`}},
	{"en prefix", Filter{Query: "terror*"}},
	{"en term, rare", Filter{Query: "Kazakhstan"}},
	{"en term, rare", Filter{Query: "Tuvalu"}},
	{"filtered", Filter{Query: "和平", Country: "CHN", Language: "zh"}},
	{"filtered", Filter{Query: "恐怖主义", Country: "RUS", Body: "S"}},
	{"filtered", Filter{Query: "terror*", Country: "USA", Language: "en"}},
	{"filtered", Filter{Query: `"rule of law"`, Language: "en", From: "2000-01-01", To: "2009-12-31"}},
	{"filtered", Filter{Query: "humanitarian", Role: "president"}},
}

func benchStore(tb testing.TB) *Store {
	tb.Helper()
	p := os.Getenv("VERBATIM_BENCH_DB")
	if p == "" {
		tb.Skip("set VERBATIM_BENCH_DB to a database built by cmd/verbatim-corpus to measure search latency")
	}
	s, err := OpenReadOnly(p)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// An approach answers a search as store.Search does (exact total, top 20
// with snippets) or does one part of it.
type approach struct {
	name string
	run  func(ctx context.Context, s *Store, f Filter) (int, error)
}

// TestSearchLatency measures store.Search on every query, warm (each query
// runs once before it is timed), then where its time goes, then the
// proposals below.
func TestSearchLatency(t *testing.T) {
	s := benchStore(t)
	ctx := context.Background()
	reps := envInt("VERBATIM_BENCH_REPS", 50)
	budget := time.Duration(envInt("VERBATIM_BENCH_BUDGET", 20)) * time.Second

	var speeches, meetings int
	s.db.QueryRow(`SELECT count(*) FROM speeches`).Scan(&speeches)
	s.db.QueryRow(`SELECT count(*) FROM meetings`).Scan(&meetings)
	fmt.Printf("\n%s: %d meetings, %d speeches; at most %d runs or %v a query\n",
		os.Getenv("VERBATIM_BENCH_DB"), meetings, speeches, reps, budget)

	searchOnly := approach{"store.Search", func(ctx context.Context, s *Store, f Filter) (int, error) {
		res, err := s.Search(ctx, f)
		return res.Total, err
	}}
	report(t, s, "store.Search", searchOnly, reps, budget, true)

	// Where the time goes: each part of Search alone.
	fmt.Printf("\nParts of store.Search, p50 ms (at most %d runs or %v a query):\n\n", max(5, reps/5), budget/4)
	parts := []approach{
		{"count(*)", func(ctx context.Context, s *Store, f Filter) (int, error) { return countTotal(ctx, s, f) }},
		{"top 20 with text", func(ctx context.Context, s *Store, f Filter) (int, error) { return topRows(ctx, s, f, true) }},
		{"top 20 ids", func(ctx context.Context, s *Store, f Filter) (int, error) { return topRows(ctx, s, f, false) }},
		{"bm25 in FTS5 alone", func(ctx context.Context, s *Store, f Filter) (int, error) { return ftsRank(ctx, s, f) }},
		{"snippets", func(ctx context.Context, s *Store, f Filter) (int, error) { return snippetsOnly(ctx, s, f) }},
	}
	fmt.Printf("| query | filters | total | %s |\n|---|---|--:|", strings.Join(names(parts), " | "))
	for range parts {
		fmt.Print("--:|")
	}
	fmt.Println()
	for _, q := range benchQueries {
		total, _ := countTotal(ctx, s, q.f)
		fmt.Printf("| %s | %s | %d |", q.f.Query, filters(q.f), total)
		for _, p := range parts {
			if _, err := p.run(ctx, s, q.f); err != nil { // warm-up
				t.Fatalf("%s %s: %v", p.name, q.f.Query, err)
			}
			d, err := timeRuns(ctx, s, p, q.f, max(5, reps/5), budget/4)
			if err != nil {
				t.Fatalf("%s %s: %v", p.name, q.f.Query, err)
			}
			fmt.Printf(" %.1f |", msec(percentile(d, 50)))
		}
		fmt.Println()
	}

	// Proposals, measured the same way as store.Search.
	report(t, s, "proposal: ranked ids first, text for 20 rows", approach{"ids first", idsFirst(false, false)}, reps, budget, false)
	report(t, s, "proposal: ranked ids first, total counted at the same time", approach{"ids first, parallel", idsFirst(true, false)}, reps, budget, false)
	report(t, s, "proposal: as above, unfiltered queries ranked inside FTS5", approach{"FTS5 rank, parallel", idsFirst(true, true)}, reps, budget, false)
	mm := mmapStore(t)
	report(t, mm, "store.Search on a connection with mmap_size 64 GiB and cache_size 256 MiB", searchOnly, reps, budget, false)
}

// mmapStore opens the benchmark database read-only as OpenReadOnly does,
// with memory-mapped I/O and a larger page cache.
func mmapStore(t *testing.T) *Store {
	p := os.Getenv("VERBATIM_BENCH_DB")
	db, err := sql.Open("sqlite", "file:"+p+"?mode=ro&_pragma=busy_timeout(10000)&_pragma=query_only(1)"+
		"&_pragma=mmap_size(68719476736)&_pragma=cache_size(-262144)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Store{db: db, path: p}
}

func names(as []approach) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.name)
	}
	return out
}

// report times a on every query and prints per query, per class and
// overall p50 and p99.
func report(t *testing.T, s *Store, title string, a approach, reps int, budget time.Duration, perQuery bool) {
	ctx := context.Background()
	byClass := map[string][]time.Duration{}
	var classes []string
	var all []time.Duration
	if perQuery {
		fmt.Printf("\n%s, per query:\n\n| class | query | filters | total | runs | p50 ms | p99 ms |\n|---|---|---|--:|--:|--:|--:|\n", title)
	}
	for _, q := range benchQueries {
		total, err := a.run(ctx, s, q.f) // warm-up
		if err != nil {
			t.Fatalf("%s %q: %v", a.name, q.f.Query, err)
		}
		d, err := timeRuns(ctx, s, a, q.f, reps, budget)
		if err != nil {
			t.Fatalf("%s %q: %v", a.name, q.f.Query, err)
		}
		if perQuery {
			fmt.Printf("| %s | %s | %s | %d | %d | %.1f | %.1f |\n", q.class, q.f.Query, filters(q.f), total, len(d),
				msec(percentile(d, 50)), msec(percentile(d, 99)))
		}
		if _, ok := byClass[q.class]; !ok {
			classes = append(classes, q.class)
		}
		byClass[q.class] = append(byClass[q.class], d...)
		all = append(all, d...)
	}
	fmt.Printf("\n%s, per class:\n\n| class | runs | p50 ms | p99 ms |\n|---|--:|--:|--:|\n", title)
	for _, c := range classes {
		d := byClass[c]
		fmt.Printf("| %s | %d | %.1f | %.1f |\n", c, len(d), msec(percentile(d, 50)), msec(percentile(d, 99)))
	}
	fmt.Printf("| **all** | %d | %.1f | %.1f |\n", len(all), msec(percentile(all, 50)), msec(percentile(all, 99)))
}

func timeRuns(ctx context.Context, s *Store, a approach, f Filter, reps int, budget time.Duration) ([]time.Duration, error) {
	var d []time.Duration
	start := time.Now()
	for len(d) < reps && (len(d) < 5 || time.Since(start) < budget) {
		t0 := time.Now()
		if _, err := a.run(ctx, s, f); err != nil {
			return nil, err
		}
		d = append(d, time.Since(t0))
	}
	return d, nil
}

// percentile is the nearest-rank percentile.
func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func msec(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func filters(f Filter) string {
	var out []string
	for _, kv := range [][2]string{{"--lang", f.Language}, {"--country", f.Country}, {"--body", f.Body},
		{"--role", f.Role}, {"--from", f.From}, {"--to", f.To}} {
		if kv[1] != "" {
			out = append(out, kv[0]+" "+kv[1])
		}
	}
	return strings.Join(out, " ")
}

// benchWhere is the filter SQL of Search for the filters the queries use,
// kept here so that the measurements do not depend on unexported code.
func benchWhere(f Filter) (string, []any) {
	var conds []string
	var args []any
	for _, c := range []struct {
		col, v string
	}{{"mt.language = ?", f.Language}, {"sp.country = ?", f.Country}, {"sp.role = ?", f.Role},
		{"mt.body_code = ?", f.Body}, {"mt.date >= ?", f.From}, {"mt.date <= ?", f.To}} {
		if c.v != "" {
			conds = append(conds, c.col)
			args = append(args, c.v)
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

func ftsQuery(f Filter) (search.Query, error) { return search.Parse(f.Query) }

// countTotal is Search's exact total.
func countTotal(ctx context.Context, s *Store, f Filter) (int, error) {
	q, err := ftsQuery(f)
	if err != nil {
		return 0, err
	}
	where, args := benchWhere(f)
	sqlText := `SELECT count(*) FROM speech_fts WHERE speech_fts MATCH ?`
	if where != "" {
		sqlText = `SELECT count(*) FROM speech_fts f JOIN speeches sp ON sp.id = f.rowid
			JOIN meetings mt ON mt.id = sp.meeting_id WHERE speech_fts MATCH ?` + where
	}
	var n int
	err = s.db.QueryRowContext(ctx, sqlText, append([]any{q.FTS}, args...)...).Scan(&n)
	return n, err
}

// topRows is Search's ranked query, with the speech text as Search reads
// it or with the ids alone.
func topRows(ctx context.Context, s *Store, f Filter, text bool) (int, error) {
	q, err := ftsQuery(f)
	if err != nil {
		return 0, err
	}
	where, args := benchWhere(f)
	cols := "sp.id"
	if text {
		cols = "mt.symbol, sp.seq, mt.date, sp.speaker, sp.country, sp.role, sp.language, sp.text"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+`, bm25(speech_fts) AS score
		FROM speech_fts JOIN speeches sp ON sp.id = speech_fts.rowid
		JOIN meetings mt ON mt.id = sp.meeting_id
		WHERE speech_fts MATCH ?`+where+`
		ORDER BY score, mt.date DESC, sp.id LIMIT 20`, append([]any{q.FTS}, args...)...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// ftsRank ranks inside FTS5 alone, without the joins (filters ignored):
// the cost of scoring every match.
func ftsRank(ctx context.Context, s *Store, f Filter) (int, error) {
	q, err := ftsQuery(f)
	if err != nil {
		return 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rowid FROM speech_fts WHERE speech_fts MATCH ? ORDER BY rank LIMIT 20`, q.FTS)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// snippetsOnly times the snippets of the top 20 alone: their texts are
// read once, outside the timing, and kept per filter.
var snippetTexts sync.Map

func snippetsOnly(ctx context.Context, s *Store, f Filter) (int, error) {
	q, err := ftsQuery(f)
	if err != nil {
		return 0, err
	}
	key := f.Query + "|" + filters(f)
	v, ok := snippetTexts.Load(key)
	if !ok {
		ids, err := rankedIDs(ctx, s, f, q)
		if err != nil {
			return 0, err
		}
		var texts []string
		for _, id := range ids {
			var t string
			if err := s.db.QueryRowContext(ctx, `SELECT text FROM speeches WHERE id = ?`, id).Scan(&t); err != nil {
				return 0, err
			}
			texts = append(texts, t)
		}
		snippetTexts.Store(key, texts)
		return len(texts), nil
	}
	texts := v.([]string)
	for _, t := range texts {
		search.HTML(search.Snippet(strings.ReplaceAll(t, "\n", " "), q.Terms, 160))
	}
	return len(texts), nil
}

// rankedIDs is Search's ranking without reading any text.
func rankedIDs(ctx context.Context, s *Store, f Filter, q search.Query) ([]int64, error) {
	where, args := benchWhere(f)
	rows, err := s.db.QueryContext(ctx, `SELECT sp.id, bm25(speech_fts) AS score
		FROM speech_fts JOIN speeches sp ON sp.id = speech_fts.rowid
		JOIN meetings mt ON mt.id = sp.meeting_id
		WHERE speech_fts MATCH ?`+where+`
		ORDER BY score, mt.date DESC, sp.id LIMIT 20`, append([]any{q.FTS}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var score float64
		if err := rows.Scan(&id, &score); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ftsRankedIDs ranks inside FTS5 (its bm25, ties in rowid order) and joins
// nothing: the order differs from Search's only among equal scores.
func ftsRankedIDs(ctx context.Context, s *Store, q search.Query) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rowid FROM speech_fts WHERE speech_fts MATCH ? ORDER BY rank LIMIT 20`, q.FTS)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// idsFirst is a proposal for Search: rank on the ids and read the text of
// the 20 rows shown only, so the sorter never carries a speech's text; with
// parallel, count the total on a second connection meanwhile; with
// ftsRanked, rank an unfiltered query inside FTS5 without joins.
func idsFirst(parallel, ftsRanked bool) func(ctx context.Context, s *Store, f Filter) (int, error) {
	return func(ctx context.Context, s *Store, f Filter) (int, error) {
		q, err := ftsQuery(f)
		if err != nil {
			return 0, err
		}
		var total int
		var countErr error
		var wg sync.WaitGroup
		if parallel {
			wg.Add(1)
			go func() { defer wg.Done(); total, countErr = countTotal(ctx, s, f) }()
		} else if total, err = countTotal(ctx, s, f); err != nil || total == 0 {
			return total, err
		}
		var ids []int64
		if where, _ := benchWhere(f); ftsRanked && where == "" {
			ids, err = ftsRankedIDs(ctx, s, q)
		} else {
			ids, err = rankedIDs(ctx, s, f, q)
		}
		if err != nil {
			return 0, err
		}
		var hits []Hit
		for _, id := range ids {
			var h Hit
			var text string
			if err := s.db.QueryRowContext(ctx, `SELECT mt.symbol, sp.seq, mt.date, sp.speaker, sp.country, sp.role, sp.language, sp.text
				FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id WHERE sp.id = ?`, id).Scan(
				&h.Symbol, &h.Seq, &h.Date, &h.Speaker, &h.Country, &h.Role, &h.Language, &text); err != nil {
				return 0, err
			}
			h.Spans = search.Snippet(strings.ReplaceAll(text, "\n", " "), q.Terms, 160)
			h.Snippet = search.HTML(h.Spans)
			hits = append(hits, h)
		}
		wg.Wait()
		return total, countErr
	}
}

// BenchmarkSearch runs each query through store.Search: go test -bench
// Search -run '^$' with VERBATIM_BENCH_DB set.
func BenchmarkSearch(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for _, q := range benchQueries {
		name := strings.ReplaceAll(q.f.Query+" "+filters(q.f), " ", "_")
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(ctx, q.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPutThroughput measures storing alone on text records written by
// verbatim-corpus --format text into VERBATIM_BENCH_TEXT: the records are
// parsed first, outside the timing, then stored into a new database one
// record a transaction (Put) or in batches (PutBatch, as ingest does).
// VERBATIM_BENCH_FILES (default 400) bounds the number of records.
func TestPutThroughput(t *testing.T) {
	dir := os.Getenv("VERBATIM_BENCH_TEXT")
	if dir == "" {
		t.Skip("set VERBATIM_BENCH_TEXT to a folder written by verbatim-corpus --format text to measure Put")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no records in %s/*/: %v", dir, err)
	}
	sort.Strings(files)
	files = files[:min(len(files), envInt("VERBATIM_BENCH_FILES", 400))]
	var records []*record.Meeting
	chars := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := parse.Bytes(b, parse.Options{File: f})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, sp := range m.Speeches {
			for _, p := range sp.Paragraphs {
				chars += len([]rune(p))
			}
		}
		records = append(records, m)
	}
	fmt.Printf("\nStoring %d records from %s, %d characters of speech\n\n| variant | speeches | seconds | speeches/s | database MB |\n|---|--:|--:|--:|--:|\n",
		len(records), dir, chars)
	variants := []struct {
		name  string
		batch int
		setup string
	}{
		{"Put, a record a transaction", 1, ""},
		{"PutBatch, 16 records a transaction", 16, ""},
		{"PutBatch, 64 records a transaction", 64, ""},
		{"PutBatch 16, FTS5 automerge 16", 16, `INSERT INTO speech_fts (speech_fts, rank) VALUES ('automerge', 16)`},
	}
	ctx := context.Background()
	for _, v := range variants {
		path := filepath.Join(t.TempDir(), "put.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if v.setup != "" {
			if _, err := s.db.Exec(v.setup); err != nil {
				t.Fatal(err)
			}
		}
		start := time.Now()
		n := 0
		for i := 0; i < len(records); i += v.batch {
			rs, err := s.PutBatch(ctx, records[i:min(len(records), i+v.batch)])
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				n += r.Speeches
			}
		}
		el := time.Since(start)
		s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		s.Close()
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("| %s | %d | %.1f | %.0f | %.0f |\n", v.name, n, el.Seconds(), float64(n)/el.Seconds(), float64(st.Size())/1e6)
	}
}
