package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/verbatim-un/verbatim/internal/search"
)

// BM25's parameters, the usual ones.
const (
	k1 = 1.2
	b  = 0.75
)

// Filter narrows a search to documents by their columns. An empty string
// and a zero date do not filter; a nil list of ids does not filter, an
// empty one matches nothing. Keywords and Refs follow the documents'
// columns, and may be shorter.
type Filter struct {
	Keywords []string  // by keyword column: the value a document must have
	From, To int32     // YYYYMMDD, inclusive
	Refs     [][]int64 // by id column: the values a document may have
}

// Hit is a matching document and its score.
type Hit struct {
	ID    int64
	Score float64
	Date  int32
}

// Result is the exact number of matches and the best k.
type Result struct {
	Total int
	Hits  []Hit // best first: score, then newest, then speech id
}

// Search evaluates q in the storage's transaction and returns the exact
// number of matching documents and the k best.
func (ix *Index) Search(ctx context.Context, st Storage, q *search.Node, f Filter, k int) (Result, error) {
	res, _, err := ix.run(ctx, st, q, f, k, nil)
	return res, err
}

// run evaluates q: the k best, or with cols (not nil) no hits but every
// match counted by those keyword columns and by year.
func (ix *Index) run(ctx context.Context, st Storage, q *search.Node, f Filter, k int, cols []int) (Result, *Tally, error) {
	v, err := ix.open(ctx, st)
	if err != nil {
		return Result{}, nil, err
	}
	refs := make([][]int64, len(f.Refs))
	for i, r := range f.Refs {
		refs[i] = sortedCopy(r)
	}
	f.Refs = refs
	leaves := collect(q, nil)
	// Resolve each leaf's terms in every segment, and its idf over all
	// live documents.
	for _, l := range leaves {
		l.res = make([][][]entry, len(v.segs))
		df := make([]int, len(l.node.Phrase))
		for si, s := range v.segs {
			l.res[si] = ix.resolve(s, l.node)
			for p, es := range l.res[si] {
				for _, e := range es {
					n, err := v.liveDF(si, e)
					if err != nil {
						return Result{}, nil, err
					}
					df[p] += n
				}
			}
		}
		// A phrase weighs the sum of its terms' idf, as Lucene does.
		for _, d := range df {
			d = min(d, v.n)
			l.idf += math.Log(1 + (float64(v.n)-float64(d)+0.5)/(float64(d)+0.5))
		}
		l.check = cover(l.node, df)
	}
	// Segments are evaluated on all cores, each worker keeping its own
	// best k; the workers' bests are then merged.
	workers := min(runtime.GOMAXPROCS(0), len(v.segs))
	type partial struct {
		total int
		top   hitHeap
		tally *Tally
		err   error
	}
	parts := make([]partial, workers)
	if cols != nil {
		for i := range parts {
			parts[i].tally = newTally(len(cols))
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func(p *partial) {
			defer wg.Done()
			for si := range next {
				if p.err != nil {
					continue
				}
				if err := ctx.Err(); err != nil {
					p.err = err
					continue
				}
				s := v.segs[si]
				e := v.segEval(si, s, &f)
				if e == nil {
					continue
				}
				if q.Op == search.Leaf && p.tally == nil {
					e.top, e.k = &p.top, k
				}
				list, err := e.eval(q, leaves)
				if err != nil {
					p.err = err
					continue
				}
				p.total += len(list) + e.count
				if p.tally != nil {
					p.tally.add(s, cols, list)
					continue
				}
				for _, m := range list {
					p.top.offer(Hit{ID: s.meta.id[m.doc], Score: float64(m.score), Date: s.meta.date[m.doc]}, k)
				}
			}
		}(&parts[w])
	}
	// Largest segments first, so that no worker is left with a big one
	// at the end.
	order := make([]int, len(v.segs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return v.segs[b].docs - v.segs[a].docs })
	for _, si := range order {
		next <- si
	}
	close(next)
	wg.Wait()
	top := &hitHeap{}
	res := Result{}
	var tally *Tally
	if cols != nil {
		tally = newTally(len(cols))
	}
	for _, p := range parts {
		if p.err != nil {
			return Result{}, nil, p.err
		}
		res.Total += p.total
		if tally != nil {
			tally.merge(p.tally)
		}
		for _, h := range p.top {
			top.offer(h, k)
		}
	}
	res.Hits = make([]Hit, top.Len())
	for i := len(res.Hits) - 1; i >= 0; i-- {
		res.Hits[i] = heap.Pop(top).(Hit)
	}
	if tally != nil {
		tally.Total = res.Total
	}
	return res, tally, nil
}

func sortedCopy(xs []int64) []int64 {
	if xs == nil {
		return nil
	}
	out := slices.Clone(xs)
	slices.Sort(out)
	if out == nil {
		out = []int64{}
	}
	return out
}

// Better orders hits: higher score, then newer, then lower id.
func Better(a, b Hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.Date != b.Date {
		return a.Date > b.Date
	}
	return a.ID < b.ID
}

// hitHeap keeps the worst of the best k on top.
type hitHeap []Hit

// offer keeps h if it is among the best k.
func (h *hitHeap) offer(x Hit, k int) {
	if h.Len() < k {
		heap.Push(h, x)
	} else if k > 0 && Better(x, (*h)[0]) {
		(*h)[0] = x
		heap.Fix(h, 0)
	}
}

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return Better(h[j], h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(Hit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// leaf is a phrase of the query with what scoring it needs.
type leaf struct {
	node  *search.Node
	idf   float64
	res   [][][]entry // per segment, per phrase term: the terms' entries
	check []int       // the phrase terms whose positions are checked
}

// cover chooses the phrase terms to check: every word, and of the bigrams
// of a CJK run the cheapest set (by documents) that covers all its
// characters. Checking 恐怖 and 主义 two apart finds 恐怖主义 as surely
// as checking 怖主 as well, since positions never join two runs (see
// search.Tokens).
func cover(n *search.Node, df []int) []int {
	k := len(n.Phrase)
	if k <= 2 {
		out := make([]int, k)
		for i := range out {
			out[i] = i
		}
		return out
	}
	start := func(i int) int { return n.Pos[i] }
	end := func(i int) int {
		if isBigram(n.Phrase[i]) && !(n.Prefix && i == k-1) {
			return n.Pos[i] + 2
		}
		return n.Pos[i] + 1
	}
	width := end(k-1) + 2
	need := make([]bool, width)
	for i := range k {
		for u := start(i); u < end(i); u++ {
			need[u] = true
		}
	}
	// gapFree reports that no needed unit lies in [a, b).
	gapFree := func(a, b int) bool {
		for u := max(a, 0); u < b && u < width; u++ {
			if need[u] {
				return false
			}
		}
		return true
	}
	const inf = math.MaxInt
	cost := make([]int, k)
	from := make([]int, k)
	for i := range k {
		cost[i], from[i] = inf, -1
		if gapFree(0, start(i)) {
			cost[i] = df[i] + 1
		}
		for j := range i {
			if cost[j] != inf && end(j) <= end(i) && gapFree(end(j), start(i)) && cost[j]+df[i]+1 < cost[i] {
				cost[i], from[i] = cost[j]+df[i]+1, j
			}
		}
	}
	best := -1
	for i := range k {
		if cost[i] != inf && gapFree(end(i), width) && (best < 0 || cost[i] < cost[best]) {
			best = i
		}
	}
	if best < 0 { // cannot happen: all terms cover all units
		out := make([]int, k)
		for i := range out {
			out[i] = i
		}
		return out
	}
	var out []int
	for i := best; i >= 0; i = from[i] {
		out = append(out, i)
	}
	slices.Reverse(out)
	return out
}

// isBigram reports a term of two CJK characters.
func isBigram(t string) bool {
	n := 0
	for _, r := range t {
		if !search.IsCJK(r) {
			return false
		}
		n++
	}
	return n == 2
}

func collect(n *search.Node, out []*leaf) []*leaf {
	if n.Op == search.Leaf {
		return append(out, &leaf{node: n})
	}
	for _, k := range n.Kids {
		out = collect(k, out)
	}
	return out
}

// resolve finds a leaf's terms in a dictionary: one entry per position, or
// every term a prefix begins for the last position of a prefix leaf.
func (ix *Index) resolve(s *segment, n *search.Node) [][]entry {
	d := s.dict
	out := make([][]entry, len(n.Phrase))
	for p, t := range n.Phrase {
		if n.Prefix && p == len(n.Phrase)-1 {
			d.prefix(t, func(_ string, e entry) { out[p] = append(out[p], e) })
			if n.Char {
				// And the bigrams it ends, but for one it also begins.
				for _, e := range ix.endings.get(s, t) {
					if !slices.ContainsFunc(out[p], func(x entry) bool { return x.off == e.off }) {
						out[p] = append(out[p], e)
					}
				}
			}
			continue
		}
		if e, ok := d.lookup(t); ok {
			out[p] = []entry{e}
		}
	}
	return out
}

// scored is a matching document of a segment and its score so far.
type scored struct {
	doc   uint32
	score float32
}

// segEval evaluates a query in one segment.
type segEval struct {
	v  *view
	si int
	s  *segment
	f  *Filter

	kw     []int    // by keyword column, the value's string id; -1: no filter
	mask   []uint64 // allowed documents; nil: all
	c1, c2 float64  // BM25's length normalisation

	// When the query is one phrase, matches go straight into the worker's
	// best k (top) and are counted (count) rather than listed.
	top   *hitHeap
	k     int
	count int

	err error // bad data met by a cursor
}

func (e *segEval) hit(d uint32, score float32) Hit {
	return Hit{ID: e.s.meta.id[d], Score: float64(score), Date: e.s.meta.date[d]}
}

// offer puts a match in the best k.
func (e *segEval) offer(d uint32, score float32) { e.top.offer(e.hit(d, score), e.k) }

// segEval prepares a segment, or returns nil when no document of it can
// pass the filter.
func (v *view) segEval(si int, s *segment, f *Filter) *segEval {
	e := &segEval{v: v, si: si, s: s, f: f, c1: k1 * (1 - b), c2: k1 * b / v.avgdl}
	filtered := f.From != 0 || f.To != 0
	e.kw = make([]int, len(s.meta.kw))
	for c := range e.kw {
		e.kw[c] = -1
		if c < len(f.Keywords) && f.Keywords[c] != "" {
			filtered = true
			if e.kw[c] = slices.Index(s.meta.strs, f.Keywords[c]); e.kw[c] < 0 {
				return nil
			}
		}
	}
	for c := len(e.kw); c < len(f.Keywords); c++ {
		if f.Keywords[c] != "" {
			return nil // a column the documents do not have
		}
	}
	for c, r := range f.Refs {
		if r == nil {
			continue
		}
		if c >= len(s.meta.refs) {
			return nil
		}
		filtered = true
	}
	// The documents allowed, as a bitmap: the filter's (kept with the
	// index, since a filter comes back: a country page, the next page of
	// results) without the deleted ones.
	if filtered {
		key := fmt.Sprintf("%d %q %d %d %v", s.id, f.Keywords, f.From, f.To, refsKey(f.Refs))
		e.mask = v.ix.masks.get(key, func() []uint64 {
			m := make([]uint64, (s.docs+63)/64)
			for d := range uint32(s.docs) {
				if e.passes(d) {
					m[d/64] |= 1 << (d % 64)
				}
			}
			return m
		})
	}
	if del := v.del[si]; del != nil {
		m := make([]uint64, len(del))
		for i := range m {
			if e.mask != nil {
				m[i] = e.mask[i] &^ del[i]
			} else {
				m[i] = ^del[i]
			}
		}
		e.mask = m
	}
	return e
}

// refsKey tells nil lists (no filter) from empty ones (nothing passes).
func refsKey(refs [][]int64) string {
	var b strings.Builder
	for _, r := range refs {
		if r == nil {
			b.WriteString("* ")
		} else {
			fmt.Fprint(&b, r, " ")
		}
	}
	return b.String()
}

// allowed reports whether a document passes the filter and is not deleted.
func (e *segEval) allowed(d uint32) bool {
	return e.mask == nil || e.mask[d/64]&(1<<(d%64)) != 0
}

// passes applies the filter to a document's columns.
func (e *segEval) passes(d uint32) bool {
	m := e.s.meta
	f := e.f
	for c, want := range e.kw {
		if want >= 0 && int(m.kw[c][d]) != want {
			return false
		}
	}
	if f.From != 0 && m.date[d] < f.From || f.To != 0 && (m.date[d] == 0 || m.date[d] > f.To) {
		return false
	}
	for c, r := range f.Refs {
		if r == nil {
			continue
		}
		if _, ok := slices.BinarySearch(r, m.refs[c][d]); !ok {
			return false
		}
	}
	return true
}

func (e *segEval) bm25(idf float64, tf uint32, d uint32) float32 {
	t := float64(tf)
	return float32(idf * (k1 + 1) * t / (t + e.c1 + e.c2*float64(e.s.meta.length[d])))
}

// eval returns the node's matching documents, in document order.
func (e *segEval) eval(n *search.Node, leaves []*leaf) ([]scored, error) {
	switch n.Op {
	case search.Leaf:
		for _, l := range leaves {
			if l.node == n {
				return e.leaf(l)
			}
		}
		return nil, fmt.Errorf("index: leaf not collected")
	case search.Not:
		a, err := e.eval(n.Kids[0], leaves)
		if err != nil || len(a) == 0 {
			return a, err
		}
		bl, err := e.eval(n.Kids[1], leaves)
		if err != nil {
			return nil, err
		}
		out := a[:0]
		j := 0
		for _, x := range a {
			for j < len(bl) && bl[j].doc < x.doc {
				j++
			}
			if j < len(bl) && bl[j].doc == x.doc {
				continue
			}
			out = append(out, x)
		}
		return out, nil
	case search.And:
		return e.fold(n.Kids, leaves, intersect, true)
	case search.Or:
		return e.fold(n.Kids, leaves, union, false)
	}
	return nil, fmt.Errorf("index: unknown query node")
}

// fold combines the children's lists with op, stopping early when empty
// means done.
func (e *segEval) fold(kids []*search.Node, leaves []*leaf, op func(a, b []scored) []scored, emptyEnds bool) ([]scored, error) {
	var acc []scored
	for i, k := range kids {
		l, err := e.eval(k, leaves)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			acc = l
		} else {
			acc = op(acc, l)
		}
		if emptyEnds && len(acc) == 0 {
			return nil, nil
		}
	}
	return acc, nil
}

func intersect(a, bl []scored) []scored {
	out := a[:0]
	j := 0
	for _, x := range a {
		for j < len(bl) && bl[j].doc < x.doc {
			j++
		}
		if j == len(bl) {
			break
		}
		if bl[j].doc == x.doc {
			x.score += bl[j].score
			out = append(out, x)
		}
	}
	return out
}

func union(a, bl []scored) []scored {
	out := make([]scored, 0, len(a)+len(bl))
	i, j := 0, 0
	for i < len(a) || j < len(bl) {
		switch {
		case j == len(bl) || i < len(a) && a[i].doc < bl[j].doc:
			out = append(out, a[i])
			i++
		case i == len(a) || bl[j].doc < a[i].doc:
			out = append(out, bl[j])
			j++
		default:
			x := a[i]
			x.score += bl[j].score
			out = append(out, x)
			i++
			j++
		}
	}
	return out
}
