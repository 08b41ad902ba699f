package index

import (
	"fmt"
	"slices"
	"testing"

	"github.com/verbatim-un/verbatim/internal/search"
)

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
		var segs []SegmentInfo
		for i, d := range tt.docs {
			segs = append(segs, SegmentInfo{ID: int64(i + 1), Docs: d})
		}
		if got := pickMerge(segs); !slices.Equal(got, tt.want) {
			t.Errorf("pickMerge(%v) = %v; want %v", tt.docs, got, tt.want)
		}
	}
}
