package index

import (
	"context"

	"github.com/verbatim-un/verbatim/internal/search"
)

// Tally is every match of a query counted by the values of some keyword
// columns and by year: facets over all the matches, not the best k.
type Tally struct {
	Total    int
	Keywords []map[string]int // by the columns asked, in their order
	Years    map[int32]int    // by the year of the date; 0 when unknown
}

func newTally(cols int) *Tally {
	t := &Tally{Keywords: make([]map[string]int, cols), Years: map[int32]int{}}
	for i := range t.Keywords {
		t.Keywords[i] = map[string]int{}
	}
	return t
}

// Count evaluates q with the filter and counts every match by the values
// of the keyword columns cols and by year, in one pass over the matches
// without ranking them. A column the documents do not have counts under
// "".
func (ix *Index) Count(ctx context.Context, st Storage, q *search.Node, f Filter, cols []int) (*Tally, error) {
	if cols == nil {
		cols = []int{}
	}
	_, t, err := ix.run(ctx, st, q, f, 0, cols)
	return t, err
}

// add counts a segment's matches: by string number first, then by string.
func (t *Tally) add(s *segment, cols []int, list []scored) {
	if len(list) == 0 {
		return
	}
	m := s.meta
	for i, c := range cols {
		if c < 0 || c >= len(m.kw) {
			t.Keywords[i][""] += len(list)
			continue
		}
		n := make([]int, len(m.strs))
		col := m.kw[c]
		for _, x := range list {
			n[col[x.doc]]++
		}
		for id, k := range n {
			if k > 0 {
				t.Keywords[i][m.strs[id]] += k
			}
		}
	}
	for _, x := range list {
		t.Years[m.date[x.doc]/10000]++
	}
}

func (t *Tally) merge(o *Tally) {
	for i, kw := range o.Keywords {
		for k, n := range kw {
			t.Keywords[i][k] += n
		}
	}
	for y, n := range o.Years {
		t.Years[y] += n
	}
}
