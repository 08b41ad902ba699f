package indextest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/internal/search"
)

// DB is a storage under test: writes in transactions of their own, and
// reads in a transaction.
type DB interface {
	index.DB
	View(ctx context.Context, fn func(index.Storage) error) error
}

// Size says how much an oracle run writes.
type Size struct {
	Seeds, Batches, MaxBatch int
	Checks                   int // queries checked after each batch
	Final                    int // queries checked at the end
	Tier                     int // the merge tier the largest segment must reach (0: none asked)
}

// Small runs in a second; Large writes enough documents (tens of
// thousands, a vocabulary of a few thousand words) for merges to reach
// the second tier.
var (
	Small = Size{Seeds: 4, Batches: 30, MaxBatch: 60, Checks: 20, Final: 400}
	Large = Size{Seeds: 1, Batches: 12, MaxBatch: 2400, Checks: 1, Final: 24, Tier: 2}
)

// model is the oracle: the live documents and their tokens.
type model struct {
	text map[int64]string
	docs map[int64]index.Doc
	toks map[int64]map[int]string // position → term
	lens map[int64]int            // tokens
}

var vocab = []string{"peace", "security", "council", "rule", "of", "law", "terror", "terrorism",
	"terrorist", "Été", "États", "和平", "安全", "理事会", "恐怖主义", "维护", "国际", "和平解决", "平",
	"维护国际和平与安全", "安全理事会"}

func randomText(r *rand.Rand, lexicon int) string {
	var b strings.Builder
	n := 1 + r.IntN(40)
	for range n {
		w := vocab[r.IntN(len(vocab))]
		if lexicon > 0 && r.IntN(3) == 0 {
			// A long tail of rarer words: dictionaries of many blocks.
			w = fmt.Sprintf("lex%d", int(math.Pow(float64(lexicon), r.Float64())))
		}
		b.WriteString(w)
		// CJK words often run together, as in Chinese text.
		if r.IntN(3) > 0 || !search.IsCJK([]rune(w)[0]) {
			b.WriteString([]string{" ", ", ", "。", " "}[r.IntN(4)])
		}
	}
	return b.String()
}

// The columns: keywords language, country, role, body; ids meeting,
// person.
func randomDoc(r *rand.Rand, id int64) index.Doc {
	return index.Doc{
		ID:   id,
		Date: int32(19900101 + 10000*r.IntN(30) + r.IntN(12)*100),
		Keywords: []string{[]string{"zh", "en"}[r.IntN(2)], []string{"CHN", "USA", "RUS", ""}[r.IntN(4)],
			[]string{"member", "president"}[r.IntN(2)], []string{"S", "A"}[r.IntN(2)]},
		Refs: []int64{1 + int64(r.IntN(5)), 1 + int64(r.IntN(7))},
	}
}

func randomFilter(r *rand.Rand) index.Filter {
	f := index.Filter{Keywords: make([]string, 4), Refs: make([][]int64, 2)}
	if r.IntN(3) == 0 {
		f.Keywords[0] = []string{"zh", "en"}[r.IntN(2)]
	}
	if r.IntN(3) == 0 {
		f.Keywords[1] = []string{"CHN", "USA", "RUS", "FRA"}[r.IntN(4)]
	}
	if r.IntN(5) == 0 {
		f.Keywords[2] = "president"
	}
	if r.IntN(5) == 0 {
		f.Keywords[3] = "S"
	}
	if r.IntN(4) == 0 {
		f.From, f.To = 20000101, 20101231
	}
	if r.IntN(6) == 0 {
		f.Refs[0] = []int64{2}
	}
	if r.IntN(5) == 0 {
		f.Refs[1] = []int64{1, 3}
	}
	if r.IntN(20) == 0 {
		f.Refs[1] = []int64{}
	}
	return f
}

func passes(d index.Doc, f index.Filter) bool {
	for c, want := range f.Keywords {
		if want != "" && d.Keywords[c] != want {
			return false
		}
	}
	if f.From != 0 && d.Date < f.From || f.To != 0 && d.Date > f.To {
		return false
	}
	for c, ids := range f.Refs {
		if ids != nil && !slices.Contains(ids, d.Refs[c]) {
			return false
		}
	}
	return true
}

func randomQuery(r *rand.Rand) string {
	word := func() string {
		w := vocab[r.IntN(len(vocab))]
		switch r.IntN(8) {
		case 0:
			return `"` + w + " " + vocab[r.IntN(len(vocab))] + `"`
		case 1:
			if rs := []rune(w); len(rs) > 3 {
				return string(rs[:2+r.IntN(2)]) + "*"
			}
		case 2:
			if rs := []rune(w); len(rs) >= 3 {
				return string(rs[1:3]) // inside a run
			}
		case 4:
			if rs := []rune(w); search.IsCJK(rs[0]) {
				return string(rs[r.IntN(len(rs))]) // one character, anywhere in a run
			}
		case 3:
			if rs := []rune(w); len(rs) >= 4 {
				i := r.IntN(len(rs) - 3)
				return string(rs[i : i+3+r.IntN(len(rs)-i-2)]) // three or more characters
			}
		case 5:
			return fmt.Sprintf("lex%d", r.IntN(40))
		}
		return w
	}
	q := word()
	for range r.IntN(3) {
		q += []string{" ", " OR ", " NOT ", " -"}[r.IntN(4)] + word()
	}
	return q
}

// positionMatches reports whether term got stands for phrase position p
// of leaf n.
func positionMatches(n *search.Node, p int, got string) bool {
	t := n.Phrase[p]
	if n.Prefix && p == len(n.Phrase)-1 {
		ends := n.Char && utf8.RuneCountInString(got) == 2 && strings.HasSuffix(got, t) && search.IsCJK([]rune(got)[0])
		return strings.HasPrefix(got, t) || ends
	}
	return got == t
}

// freq is the number of places where leaf n stands in document id.
func (m *model) freq(n *search.Node, id int64) int {
	toks := m.toks[id]
	f := 0
	for s := range toks {
		ok := true
		for p := range n.Phrase {
			got, there := toks[s+n.Pos[p]]
			ok = ok && there && positionMatches(n, p, got)
		}
		if ok {
			f++
		}
	}
	return f
}

// BM25 as the index defines it, over the live documents.
const (
	k1 = 1.2
	b  = 0.75
)

// idf of a leaf: the sum of its positions' idf, a position's document
// frequency being the sum of its terms'.
func (m *model) idf(n *search.Node) float64 {
	N := float64(len(m.docs))
	idf := 0.0
	for p := range n.Phrase {
		terms := map[string]int{}
		for _, toks := range m.toks {
			seen := map[string]bool{}
			for _, got := range toks {
				if !seen[got] && positionMatches(n, p, got) {
					seen[got] = true
					terms[got]++
				}
			}
		}
		df := 0
		for _, c := range terms {
			df += c
		}
		df = min(df, len(m.docs))
		idf += math.Log(1 + (N-float64(df)+0.5)/(float64(df)+0.5))
	}
	return idf
}

// score evaluates a query on a document: whether it matches, and its
// BM25 score as the index sums it (float32).
func (m *model) score(n *search.Node, id int64, idfs map[*search.Node]float64, avgdl float64) (bool, float32) {
	switch n.Op {
	case search.Leaf:
		f := m.freq(n, id)
		if f == 0 {
			return false, 0
		}
		t := float64(f)
		return true, float32(idfs[n] * (k1 + 1) * t / (t + k1*(1-b) + k1*b/avgdl*float64(m.lens[id])))
	case search.Not:
		ok, s := m.score(n.Kids[0], id, idfs, avgdl)
		if bad, _ := m.score(n.Kids[1], id, idfs, avgdl); bad {
			return false, 0
		}
		return ok, s
	case search.And:
		var sum float32
		for _, k := range n.Kids {
			ok, s := m.score(k, id, idfs, avgdl)
			if !ok {
				return false, 0
			}
			sum += s
		}
		return true, sum
	case search.Or:
		var sum float32
		any := false
		for _, k := range n.Kids {
			if ok, s := m.score(k, id, idfs, avgdl); ok {
				sum += s
				any = true
			}
		}
		return any, sum
	}
	return false, 0
}

func leaves(n *search.Node, out []*search.Node) []*search.Node {
	if n.Op == search.Leaf {
		return append(out, n)
	}
	for _, k := range n.Kids {
		out = leaves(k, out)
	}
	return out
}

// check runs random queries against the index and the oracle: totals,
// the best k, and their BM25 scores.
func check(t *testing.T, db DB, ix *index.Index, m *model, r *rand.Rand, queries int) (substrings int) {
	t.Helper()
	ctx := context.Background()
	tokens := 0
	for _, n := range m.lens {
		tokens += n
	}
	avgdl := 1.0
	if len(m.docs) > 0 && tokens > 0 {
		avgdl = float64(tokens) / float64(len(m.docs))
	}
	for range queries {
		qs := randomQuery(r)
		q, err := search.Parse(qs)
		if err != nil {
			continue
		}
		f := randomFilter(r)
		k := 1 + r.IntN(15)
		var got, all index.Result
		var tally *index.Tally
		cols := []int{0, 1, 3, 7} // column 7: one the documents lack
		err = db.View(ctx, func(st index.Storage) error {
			var err error
			if got, err = ix.Search(ctx, st, q.Root, f, k); err != nil {
				return err
			}
			if tally, err = ix.Count(ctx, st, q.Root, f, cols); err != nil {
				return err
			}
			// The best k are the first k of all of them, ranked: skipping
			// documents that cannot enter the best k loses none that can.
			all, err = ix.Search(ctx, st, q.Root, f, got.Total+1)
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", qs, err)
		}
		for i, h := range got.Hits {
			if all.Hits[i] != h {
				t.Fatalf("%s: hit %d is %+v, but %+v ranking all", qs, i, h, all.Hits[i])
			}
		}
		idfs := map[*search.Node]float64{}
		for _, l := range leaves(q.Root, nil) {
			idfs[l] = m.idf(l)
		}
		want := map[int64]float32{}
		for id, d := range m.docs {
			if ok, s := m.score(q.Root, id, idfs, avgdl); ok && passes(d, f) {
				want[id] = s
			}
		}
		if got.Total != len(want) {
			// What helps to tell a stale cache from bad segments.
			db.View(ctx, func(st index.Storage) error {
				segs, _ := st.Segments(ctx)
				tombs, _ := st.Tombstones(ctx)
				fresh, err := index.New(0).Search(ctx, st, q.Root, f, k)
				t.Logf("segments %+v, %d tombstones; a new reader finds %d (%v)", segs, len(tombs), fresh.Total, err)
				return nil
			})
			t.Fatalf("%s %+v: total %d, want %d", qs, f, got.Total, len(want))
		}
		// Every match counted by columns and year, as the model says.
		wantKw := make([]map[string]int, len(cols))
		for i := range wantKw {
			wantKw[i] = map[string]int{}
		}
		wantYears := map[int32]int{}
		for id := range want {
			d := m.docs[id]
			for i, c := range cols {
				v := ""
				if c < len(d.Keywords) {
					v = d.Keywords[c]
				}
				wantKw[i][v]++
			}
			wantYears[d.Date/10000]++
		}
		if tally.Total != len(want) || !reflect.DeepEqual(tally.Keywords, wantKw) || !reflect.DeepEqual(tally.Years, wantYears) {
			t.Fatalf("%s %+v: tally %+v, want %d %v %v", qs, f, tally, len(want), wantKw, wantYears)
		}
		// A Chinese string, a lone character too, is found exactly where
		// the text contains it.
		if !strings.ContainsFunc(qs, func(r rune) bool { return !search.IsCJK(r) }) {
			n := 0
			for id, text := range m.text {
				if strings.Contains(text, qs) && passes(m.docs[id], f) {
					n++
				}
			}
			if n != got.Total {
				t.Fatalf("%s %+v: total %d, but %d texts contain it", qs, f, got.Total, n)
			}
			substrings++
		}
		if len(got.Hits) != min(k, len(want)) {
			t.Fatalf("%s: %d hits, want %d", qs, len(got.Hits), min(k, len(want)))
		}
		for i, h := range all.Hits {
			ws, ok := want[h.ID]
			if !ok {
				t.Fatalf("%s: hit %d (document %d) does not match", qs, i, h.ID)
			}
			if d := math.Abs(h.Score - float64(ws)); d > 1e-4*math.Max(1, math.Abs(float64(ws))) {
				t.Fatalf("%s: document %d scores %v, BM25 over the live documents gives %v", qs, h.ID, h.Score, ws)
			}
			if i > 0 && index.Better(h, all.Hits[i-1]) {
				t.Fatalf("%s: hits out of order at %d", qs, i)
			}
		}
	}
	return substrings
}

// Oracle writes random documents in batches (some replacing others),
// merges as the ingest does, and checks random searches against a
// brute-force model after every batch; open returns an empty storage.
func Oracle(t *testing.T, size Size, open func(t *testing.T) DB) {
	ctx := context.Background()
	lexicon := 0
	if size.Tier > 0 {
		lexicon = 5000
	}
	for seed := range uint64(size.Seeds) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 7))
			db := open(t)
			ix := index.New(1 << 20)
			m := &model{text: map[int64]string{}, docs: map[int64]index.Doc{}, toks: map[int64]map[int]string{}, lens: map[int64]int{}}
			next := int64(1)
			for batch := range size.Batches {
				// Replace some documents: their ids may come back, as
				// SQLite's rowids do.
				var deleted []int64
				for id := range m.docs {
					if r.IntN(12) == 0 {
						deleted = append(deleted, id)
					}
				}
				for _, id := range deleted {
					delete(m.text, id)
					delete(m.docs, id)
					delete(m.toks, id)
					delete(m.lens, id)
				}
				bld := index.NewBuilder()
				// Documents come one by one or in parts, as records do.
				var pb index.PartBuilder
				var pdocs []index.Doc
				addPart := func() {
					if pb.Len() > 0 {
						if err := bld.AddPart(pb.Part(), pdocs); err != nil {
							t.Fatal(err)
						}
					}
					pb, pdocs = index.PartBuilder{}, nil
				}
				n := r.IntN(size.MaxBatch)
				if size.Tier > 0 {
					n = size.MaxBatch/2 + r.IntN(size.MaxBatch/2)
				}
				for range n {
					id := next
					if len(deleted) > 0 && r.IntN(4) == 0 {
						id = deleted[r.IntN(len(deleted))]
						if _, taken := m.docs[id]; taken {
							id = next
						}
					}
					if id == next {
						next++
					}
					d := randomDoc(r, id)
					text := randomText(r, lexicon)
					switch r.IntN(3) {
					case 0:
						bld.Add(d, text)
					case 1:
						addPart()
						fallthrough
					default:
						pb.Add(text)
						pdocs = append(pdocs, d)
					}
					m.docs[id] = d
					m.text[id] = text
					toks := map[int]string{}
					search.Tokens(text, func(t string, p int) { toks[p] = t; m.lens[id]++ })
					m.toks[id] = toks
				}
				addPart()
				err := db.Update(ctx, func(st index.Storage) error {
					_, err := bld.Write(ctx, st, deleted)
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				if batch%7 == 6 || size.Tier > 0 {
					if _, err := index.Merge(ctx, db); err != nil {
						t.Fatal(err)
					}
				}
				check(t, db, ix, m, r, size.Checks)
			}
			if size.Tier > 0 {
				var segs []index.SegmentInfo
				db.View(ctx, func(st index.Storage) (err error) { segs, err = st.Segments(ctx); return })
				top := 0
				for _, s := range segs {
					top = max(top, s.Docs)
				}
				if top < 1024*8 {
					t.Errorf("the largest segment has %d documents: merges did not reach tier %d", top, size.Tier)
				}
				check(t, db, ix, m, r, size.Final)
			}
			if err := index.MergeAll(ctx, db); err != nil {
				t.Fatal(err)
			}
			var segs []index.SegmentInfo
			var tombs []index.Tombstone
			db.View(ctx, func(st index.Storage) (err error) {
				if segs, err = st.Segments(ctx); err == nil {
					tombs, err = st.Tombstones(ctx)
				}
				return
			})
			if len(segs) != 1 || len(tombs) != 0 {
				t.Errorf("after MergeAll: %d segments, %d tombstones", len(segs), len(tombs))
			}
			if n := check(t, db, ix, m, r, size.Final); n == 0 && size.Final >= 100 {
				t.Error("no Chinese substring query was checked")
			}
			check(t, db, index.New(0), m, r, size.Final/8) // nothing cached
		})
	}
}
