package store

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/index"
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
	{"filtered", Filter{Query: "peace", Delivery: "fr"}},
	{"filtered", Filter{Query: "和平", Delivery: "en"}},
	{"filtered", Filter{Query: "peace", Person: topPerson}},
}

// topPerson stands, in a benchmark query, for the person with the most
// speeches in the database measured.
const topPerson = "?"

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
// runs once before it is timed), then again without the postings cache.
func TestSearchLatency(t *testing.T) {
	s := benchStore(t)
	reps := envInt("VERBATIM_BENCH_REPS", 50)
	budget := time.Duration(envInt("VERBATIM_BENCH_BUDGET", 20)) * time.Second

	var speeches, meetings int
	s.db.QueryRow(`SELECT count(*) FROM speeches`).Scan(&speeches)
	s.db.QueryRow(`SELECT count(*) FROM meetings`).Scan(&meetings)
	var size int64
	if st, err := os.Stat(os.Getenv("VERBATIM_BENCH_DB")); err == nil {
		size = st.Size()
	}
	fmt.Printf("\n%s: %d meetings, %d speeches, %.2f GB; at most %d runs or %v a query\n",
		os.Getenv("VERBATIM_BENCH_DB"), meetings, speeches, float64(size)/1e9, reps, budget)

	searchOnly := approach{"store.Search", func(ctx context.Context, s *Store, f Filter) (int, error) {
		res, err := s.Search(ctx, f)
		return res.Total, err
	}}
	report(t, s, "store.Search", searchOnly, reps, budget, true)
	// Facets of the same searches: the speeches counted.
	facets := approach{"store.Facets", func(ctx context.Context, s *Store, f Filter) (int, error) {
		fc, err := s.Facets(ctx, f)
		return fc.Counted, err
	}}
	report(t, s, "store.Facets", facets, reps, budget, true)

	// The same with no postings kept between searches: every chunk read
	// from the database again (the operating system's cache stays warm).
	cold, err := OpenReadOnly(os.Getenv("VERBATIM_BENCH_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer cold.Close()
	cold.ix = index.New(0)
	report(t, cold, "store.Search without the postings cache", searchOnly, reps, budget, false)
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
		if q.f.Person == topPerson {
			rows, err := s.Stats(ctx, "person", Filter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.Key != "" {
					q.f.Person = r.Key
					break
				}
			}
		}
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
		{"--role", f.Role}, {"--from", f.From}, {"--to", f.To}, {"--language", f.Delivery}, {"--person", f.Person}} {
		if kv[1] != "" {
			out = append(out, kv[0]+" "+kv[1])
		}
	}
	return strings.Join(out, " ")
}
