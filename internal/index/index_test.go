package index

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/search"
	_ "modernc.org/sqlite"
)

func openDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "ix.db")+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(Schema); err != nil {
		t.Fatal(err)
	}
	return db
}

// model is the oracle: the live documents and their tokens.
type model struct {
	text map[int64]string
	docs map[int64]Doc
	toks map[int64]map[int]string // position → term
}

func tokens(text string) map[int]string {
	out := map[int]string{}
	search.Tokens(text, func(t string, p int) { out[p] = t })
	return out
}

var vocab = []string{"peace", "security", "council", "rule", "of", "law", "terror", "terrorism",
	"terrorist", "Été", "États", "和平", "安全", "理事会", "恐怖主义", "维护", "国际", "和平解决", "平",
	"维护国际和平与安全", "安全理事会"}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	n := 1 + r.IntN(40)
	for range n {
		w := vocab[r.IntN(len(vocab))]
		b.WriteString(w)
		// CJK words often run together, as in Chinese text.
		if r.IntN(3) > 0 || !search.IsCJK([]rune(w)[0]) {
			b.WriteString([]string{" ", ", ", "。", " "}[r.IntN(4)])
		}
	}
	return b.String()
}

func randomDoc(r *rand.Rand, id int64) Doc {
	return Doc{
		Speech: id, Meeting: 1 + int64(r.IntN(5)), Person: 1 + int64(r.IntN(7)),
		Date:     int32(19900101 + 10000*r.IntN(30) + r.IntN(12)*100),
		Language: []string{"zh", "en"}[r.IntN(2)], Country: []string{"CHN", "USA", "RUS", ""}[r.IntN(4)],
		Role: []string{"member", "president"}[r.IntN(2)], Body: []string{"S", "A"}[r.IntN(2)],
		BodyName: []string{"Security Council", "General Assembly"}[r.IntN(2)],
	}
}

// matches evaluates a query on tokens, as the index should.
func (m *model) matches(n *search.Node, id int64) (bool, int) {
	toks := m.toks[id]
	switch n.Op {
	case search.Leaf:
		f := 0
		for s := range toks {
			ok := true
			for p, t := range n.Phrase {
				got, there := toks[s+n.Pos[p]]
				if n.Prefix && p == len(n.Phrase)-1 {
					ends := n.Char && utf8.RuneCountInString(got) == 2 && strings.HasSuffix(got, t) && search.IsCJK([]rune(got)[0])
					ok = ok && there && (strings.HasPrefix(got, t) || ends)
				} else {
					ok = ok && there && got == t
				}
			}
			if ok {
				f++
			}
		}
		return f > 0, f
	case search.Not:
		a, _ := m.matches(n.Kids[0], id)
		bb, _ := m.matches(n.Kids[1], id)
		return a && !bb, 0
	case search.And:
		for _, k := range n.Kids {
			if ok, _ := m.matches(k, id); !ok {
				return false, 0
			}
		}
		return true, 0
	case search.Or:
		for _, k := range n.Kids {
			if ok, _ := m.matches(k, id); ok {
				return true, 0
			}
		}
	}
	return false, 0
}

func passes(d Doc, f Filter) bool {
	switch {
	case f.Language != "" && d.Language != f.Language,
		f.Country != "" && d.Country != f.Country,
		f.Role != "" && d.Role != f.Role,
		f.Body != "" && d.Body != f.Body,
		f.From != 0 && d.Date < f.From,
		f.To != 0 && d.Date > f.To,
		f.Persons != nil && !slices.Contains(f.Persons, d.Person),
		f.Meetings != nil && !slices.Contains(f.Meetings, d.Meeting):
		return false
	}
	return true
}

func randomQuery(r *rand.Rand) string {
	word := func() string {
		w := vocab[r.IntN(len(vocab))]
		switch r.IntN(7) {
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
		}
		return w
	}
	q := word()
	for range r.IntN(3) {
		q += []string{" ", " OR ", " NOT ", " -"}[r.IntN(4)] + word()
	}
	return q
}

func randomFilter(r *rand.Rand) Filter {
	var f Filter
	if r.IntN(3) == 0 {
		f.Language = []string{"zh", "en"}[r.IntN(2)]
	}
	if r.IntN(3) == 0 {
		f.Country = []string{"CHN", "USA", "RUS", "FRA"}[r.IntN(4)]
	}
	if r.IntN(5) == 0 {
		f.Role = "president"
	}
	if r.IntN(5) == 0 {
		f.Body = "S"
	}
	if r.IntN(4) == 0 {
		f.From = 20000101
		f.To = 20101231
	}
	if r.IntN(5) == 0 {
		f.Persons = []int64{1, 3}
	}
	if r.IntN(6) == 0 {
		f.Meetings = []int64{2}
	}
	if r.IntN(20) == 0 {
		f.Persons = []int64{}
	}
	return f
}

// check runs random queries against the index and the oracle.
func check(t *testing.T, db *sql.DB, ix *Index, m *model, r *rand.Rand, queries int) (substrings int) {
	t.Helper()
	ctx := context.Background()
	for range queries {
		qs := randomQuery(r)
		q, err := search.Parse(qs)
		if err != nil {
			continue
		}
		f := randomFilter(r)
		k := 1 + r.IntN(15)
		tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.Search(ctx, tx, q.Root, f, k)
		if err != nil {
			t.Fatalf("%s: %v", qs, err)
		}
		// The best k are the first k of all of them, ranked: skipping
		// documents that cannot enter the best k loses none that can.
		all, err := ix.Search(ctx, tx, q.Root, f, got.Total+1)
		tx.Rollback()
		if err != nil {
			t.Fatalf("%s: %v", qs, err)
		}
		for i, h := range got.Hits {
			if all.Hits[i] != h {
				t.Fatalf("%s: hit %d is %+v, but %+v ranking all", qs, i, h, all.Hits[i])
			}
		}
		var want []int64
		for id, d := range m.docs {
			if ok, _ := m.matches(q.Root, id); ok && passes(d, f) {
				want = append(want, id)
			}
		}
		if got.Total != len(want) {
			t.Fatalf("%s %+v: total %d, want %d", qs, f, got.Total, len(want))
		}
		// A Chinese string, a lone character too, is found exactly where
		// the text contains it.
		if rs := []rune(qs); len(rs) >= 1 && !strings.ContainsFunc(qs, func(r rune) bool { return !search.IsCJK(r) }) {
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
		for i, h := range got.Hits {
			if !slices.Contains(want, h.Speech) {
				t.Fatalf("%s: hit %d (speech %d) does not match", qs, i, h.Speech)
			}
			if i > 0 && better(h, got.Hits[i-1]) {
				t.Fatalf("%s: hits out of order at %d", qs, i)
			}
			if math.IsNaN(h.Score) || h.Score <= 0 && q.Root.Op != search.Not {
				t.Fatalf("%s: score %v", qs, h.Score)
			}
		}
	}
	return substrings
}

func TestIndexAgainstOracle(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 7))
			db := openDB(t)
			ix := New(1 << 20)
			m := &model{text: map[int64]string{}, docs: map[int64]Doc{}, toks: map[int64]map[int]string{}}
			next := int64(1)
			for batch := range 30 {
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
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
				}
				bld := NewBuilder()
				// Documents come one by one or in parts, as records do.
				var pb PartBuilder
				var pdocs []Doc
				addPart := func() {
					if pb.Len() > 0 {
						if err := bld.AddPart(pb.Part(), pdocs); err != nil {
							t.Fatal(err)
						}
					}
					pb, pdocs = PartBuilder{}, nil
				}
				for range r.IntN(60) {
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
					text := randomText(r)
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
					m.toks[id] = tokens(text)
					m.text[id] = text
				}
				addPart()
				if _, err := bld.Write(ctx, tx, deleted); err != nil {
					t.Fatal(err)
				}
				if err := tx.Commit(); err != nil {
					t.Fatal(err)
				}
				if batch%7 == 6 {
					if _, err := Merge(ctx, db); err != nil {
						t.Fatal(err)
					}
				}
				check(t, db, ix, m, r, 20)
			}
			if err := MergeAll(ctx, db); err != nil {
				t.Fatal(err)
			}
			var segs, tombs int
			db.QueryRow(`SELECT count(*) FROM ix_segments`).Scan(&segs)
			db.QueryRow(`SELECT count(*) FROM ix_deleted`).Scan(&tombs)
			if segs != 1 || tombs != 0 {
				t.Errorf("after MergeAll: %d segments, %d tombstones", segs, tombs)
			}
			if n := check(t, db, ix, m, r, 400); n == 0 {
				t.Error("no Chinese substring query was checked")
			}
			check(t, db, New(0), m, r, 50) // nothing cached
		})
	}
}

func TestTiers(t *testing.T) {
	for _, tt := range []struct{ docs, tier int }{{0, 0}, {1023, 0}, {1024, 1}, {8191, 1}, {8192, 2}, {1 << 20, 4}} {
		if got := tier(tt.docs); got != tt.tier {
			t.Errorf("tier(%d) = %d, want %d", tt.docs, got, tt.tier)
		}
	}
}

func TestDictionary(t *testing.T) {
	var terms []string
	var es []entry
	for i := range 1000 {
		terms = append(terms, fmt.Sprintf("t%04d", i*3))
		es = append(es, entry{df: i, off: int64(i) * 10, n: i + 1})
	}
	d, err := decodeDict(encodeDict(terms, es))
	if err != nil {
		t.Fatal(err)
	}
	for i, term := range terms {
		e, ok := d.lookup(term)
		if !ok || e != es[i] {
			t.Fatalf("lookup(%s) = %v %v, want %v", term, e, ok, es[i])
		}
		if _, ok := d.lookup(term + "x"); ok {
			t.Fatalf("lookup(%sx) found", term)
		}
	}
	for _, missing := range []string{"", "a", "t0001", "u"} {
		if _, ok := d.lookup(missing); ok {
			t.Errorf("lookup(%q) found", missing)
		}
	}
	var got []string
	d.prefix("t01", func(term string, _ entry) { got = append(got, term) })
	if len(got) != 33 || got[0] != "t0102" || got[32] != "t0198" {
		t.Errorf("prefix t01: %d terms %v", len(got), got)
	}
	if _, err := decodeDict([]byte{0xff}); err == nil {
		t.Error("corrupt dictionary decoded")
	}
}

func TestCover(t *testing.T) {
	tests := []struct {
		q    string
		df   []int
		want []int
	}{
		{"恐怖主义", []int{5, 5, 5}, []int{0, 2}},
		{"安全理事会", []int{9, 1, 9, 5}, []int{0, 1, 3}}, // 安全 全理 事会: the rare middle one
		{"维护国际和平与安全", []int{1, 9, 1, 9, 1, 9, 1, 1}, []int{0, 2, 4, 6, 7}},
		{`"rule of law"`, []int{3, 9, 3}, []int{0, 1, 2}},
		{`"国际 和平"`, []int{3, 3}, []int{0, 1}},
		{`"和平解决 争端"`, []int{1, 1, 1, 1}, []int{0, 2, 3}},
	}
	for _, tt := range tests {
		q, err := search.Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := cover(q.Root, tt.df); !slices.Equal(got, tt.want) {
			t.Errorf("cover(%s %v) = %v, want %v", tt.q, q.Root.Pos, got, tt.want)
		}
	}
}

func TestPickMerge(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		docs []int
		want []int64 // ids, from 1
	}{
		{[]int{100, 100, 100, 100, 100, 100, 100}, nil},
		{[]int{100, 100, 100, 100, 100, 100, 100, 100}, []int64{1, 2, 3, 4, 5, 6, 7, 8}},
		{[]int{5000, 100, 100, 100, 100, 100, 100, 100, 100}, []int64{2, 3, 4, 5, 6, 7, 8, 9}},
		// Under the cap, the smallest of the tier; over it, none.
		{[]int{130000, 100000, 120000, 100000, 110000, 100000, 100000, 100000}, []int64{2, 4}},
		{[]int{140000, 140000, 140000, 140000, 140000, 140000, 140000, 140000}, nil},
	} {
		db := openDB(t)
		for _, d := range tt.docs {
			if _, err := db.Exec(`INSERT INTO ix_segments (docs, tokens, bytes, dict, meta) VALUES (?, 0, 0, x'', x'')`, d); err != nil {
				t.Fatal(err)
			}
		}
		got, err := pickMerge(ctx, db)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("pickMerge(%v) = %v, %v; want %v", tt.docs, got, err, tt.want)
		}
	}
}
