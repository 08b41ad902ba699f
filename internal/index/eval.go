package index

import (
	"container/heap"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/verbatim-un/verbatim/internal/search"
)

// BM25's parameters, the usual ones.
const (
	k1 = 1.2
	b  = 0.75
)

// Filter narrows a search to documents by their metadata. Empty strings
// and zero dates do not filter; a nil list does not filter, an empty one
// matches nothing.
type Filter struct {
	Language, Country, Role string
	Body, BodyName          string
	From, To                int32 // YYYYMMDD, inclusive
	Persons, Meetings       []int64
}

// Hit is a matching speech and its score.
type Hit struct {
	Speech int64
	Score  float64
	Date   int32
}

// Result is the exact number of matches and the best k.
type Result struct {
	Total int
	Hits  []Hit // best first: score, then newest, then speech id
}

// Search evaluates q in the transaction tx and returns the exact number
// of matching speeches and the k best.
func (ix *Index) Search(ctx context.Context, tx *sql.Tx, q *search.Node, f Filter, k int) (Result, error) {
	v, err := ix.open(ctx, tx)
	if err != nil {
		return Result{}, err
	}
	f.Persons = sortedCopy(f.Persons)
	f.Meetings = sortedCopy(f.Meetings)
	leaves := collect(q, nil)
	// Resolve each leaf's terms in every segment, and its idf over all.
	for _, l := range leaves {
		l.res = make([][][]entry, len(v.segs))
		df := make([]int, len(l.node.Phrase))
		for si, s := range v.segs {
			l.res[si] = resolve(s.dict, l.node)
			for p, es := range l.res[si] {
				for _, e := range es {
					df[p] += e.df
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
		err   error
	}
	parts := make([]partial, workers)
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
				if q.Op == search.Leaf {
					e.top, e.k = &p.top, k
				}
				list, err := e.eval(q, leaves)
				if err != nil {
					p.err = err
					continue
				}
				p.total += len(list) + e.count
				for _, m := range list {
					p.top.offer(Hit{Speech: s.meta.speech[m.doc], Score: float64(m.score), Date: s.meta.date[m.doc]}, k)
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
	for _, p := range parts {
		if p.err != nil {
			return Result{}, p.err
		}
		res.Total += p.total
		for _, h := range p.top {
			top.offer(h, k)
		}
	}
	res.Hits = make([]Hit, top.Len())
	for i := len(res.Hits) - 1; i >= 0; i-- {
		res.Hits[i] = heap.Pop(top).(Hit)
	}
	return res, nil
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

// better orders hits: higher score, then newer, then lower speech id.
func better(a, b Hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.Date != b.Date {
		return a.Date > b.Date
	}
	return a.Speech < b.Speech
}

// hitHeap keeps the worst of the best k on top.
type hitHeap []Hit

// offer keeps h if it is among the best k.
func (h *hitHeap) offer(x Hit, k int) {
	if h.Len() < k {
		heap.Push(h, x)
	} else if k > 0 && better(x, (*h)[0]) {
		(*h)[0] = x
		heap.Fix(h, 0)
	}
}

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return better(h[j], h[i]) }
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
func resolve(d *dict, n *search.Node) [][]entry {
	out := make([][]entry, len(n.Phrase))
	for p, t := range n.Phrase {
		if n.Prefix && p == len(n.Phrase)-1 {
			d.prefix(t, func(_ string, e entry) { out[p] = append(out[p], e) })
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

	filtered                            bool
	lang, country, role, body, bodyName int      // string ids; -1: no filter
	del                                 []uint64 // deleted documents
	mask                                []uint64 // allowed documents; nil: all
	c1, c2                              float64  // BM25's length normalisation

	// When the query is one phrase, matches go straight into the worker's
	// best k (top) and are counted (count) rather than listed.
	top   *hitHeap
	k     int
	count int

	err error // bad data met by a cursor
}

func (e *segEval) hit(d uint32, score float32) Hit {
	return Hit{Speech: e.s.meta.speech[d], Score: float64(score), Date: e.s.meta.date[d]}
}

// offer puts a match in the best k.
func (e *segEval) offer(d uint32, score float32) { e.top.offer(e.hit(d, score), e.k) }

// segEval prepares a segment, or returns nil when no document of it can
// pass the filter.
func (v *view) segEval(si int, s *segment, f *Filter) *segEval {
	e := &segEval{v: v, si: si, s: s, f: f, c1: k1 * (1 - b), c2: k1 * b / v.avgdl}
	id := func(want string) (int, bool) {
		if want == "" {
			return -1, true
		}
		e.filtered = true
		i := slices.Index(s.meta.strs, want)
		return i, i >= 0
	}
	var ok bool
	if e.lang, ok = id(f.Language); !ok {
		return nil
	}
	if e.country, ok = id(f.Country); !ok {
		return nil
	}
	if e.role, ok = id(f.Role); !ok {
		return nil
	}
	if e.body, ok = id(f.Body); !ok {
		return nil
	}
	if e.bodyName, ok = id(f.BodyName); !ok {
		return nil
	}
	if f.From != 0 || f.To != 0 || f.Persons != nil || f.Meetings != nil {
		e.filtered = true
	}
	for _, t := range v.deleted {
		if s.id >= t.before {
			continue
		}
		if d, ok := s.docOf(t.speech); ok {
			if e.del == nil {
				e.del = make([]uint64, (s.docs+63)/64)
			}
			e.del[d/64] |= 1 << (d % 64)
		}
	}
	// The documents allowed, as a bitmap: the filter's (kept with the
	// index, since a filter comes back: a country page, the next page of
	// results) without the deleted ones.
	if e.filtered {
		key := fmt.Sprintf("%d %q %q %q %q %q %d %d %v %v %v %v", s.id, f.Language, f.Country, f.Role, f.Body, f.BodyName,
			f.From, f.To, f.Persons == nil, f.Persons, f.Meetings == nil, f.Meetings)
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
	if e.del != nil {
		m := make([]uint64, len(e.del))
		for i := range m {
			if e.mask != nil {
				m[i] = e.mask[i] &^ e.del[i]
			} else {
				m[i] = ^e.del[i]
			}
		}
		e.mask = m
	}
	return e
}

// allowed reports whether a document passes the filter and is not deleted.
func (e *segEval) allowed(d uint32) bool {
	return e.mask == nil || e.mask[d/64]&(1<<(d%64)) != 0
}

// passes applies the filter to a document's metadata.
func (e *segEval) passes(d uint32) bool {
	m := e.s.meta
	f := e.f
	switch {
	case e.lang >= 0 && int(m.lang[d]) != e.lang,
		e.country >= 0 && int(m.country[d]) != e.country,
		e.role >= 0 && int(m.role[d]) != e.role,
		e.body >= 0 && int(m.body[d]) != e.body,
		e.bodyName >= 0 && int(m.bodyName[d]) != e.bodyName,
		f.From != 0 && m.date[d] < f.From,
		f.To != 0 && (m.date[d] == 0 || m.date[d] > f.To):
		return false
	}
	if f.Persons != nil {
		if _, ok := slices.BinarySearch(f.Persons, m.person[d]); !ok {
			return false
		}
	}
	if f.Meetings != nil {
		if _, ok := slices.BinarySearch(f.Meetings, m.meeting[d]); !ok {
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

// termList walks one term's documents in a segment, decoding as it goes,
// and knows where each document's positions are.
type termList struct {
	e    *segEval
	ds   []byte // the documents' part of the postings
	ls   []byte // the lengths of their positions
	i, j int    // read offsets in ds and ls
	base int64  // offset of the positions in the segment's stream

	doc, tf    uint32 // the document at the cursor and its frequency
	poff, plen uint32 // its positions, from base
	on, done   bool   // doc is valid; the list is exhausted

	chunkN int // the chunk in hand, -1 for none
	chunk  []byte
}

func (e *segEval) termList(en entry) (*termList, error) {
	s := e.s
	head, err := e.v.read(s.id, en.off, min(en.n, 2*binary.MaxVarintLen64))
	if err != nil {
		return nil, err
	}
	start, nd, nl, err := postingsHead(head)
	if err != nil || start+nd+nl > en.n {
		return nil, fmt.Errorf("segment %d: %w: postings header", s.id, ErrCorrupt)
	}
	b, err := e.v.read(s.id, en.off+int64(start), nd+nl)
	if err != nil {
		return nil, err
	}
	return &termList{e: e, ds: b[:nd], ls: b[nd:], base: en.off + int64(start+nd+nl), chunkN: -1}, nil
}

// next moves to the next document.
func (t *termList) next() bool {
	if t.done {
		return false
	}
	if t.i >= len(t.ds) {
		t.done, t.on = true, false
		return false
	}
	var delta, tf, plen uint32
	if i, ok := docFast(t.ds, t.i, &delta, &tf); ok && t.j < len(t.ls) && t.ls[t.j] < 0x80 {
		plen = uint32(t.ls[t.j]) // one byte each: most documents
		t.i = i
		t.j++
	} else {
		var i, j int
		var ok1, ok2 bool
		delta, tf, i, ok1 = readDoc(t.ds, t.i)
		plen, j, ok2 = uvarint32(t.ls, t.j)
		if !ok1 || !ok2 {
			t.e.err = fmt.Errorf("segment %d: %w: postings", t.e.s.id, ErrCorrupt)
			t.done, t.on = true, false
			return false
		}
		t.i, t.j = i, j
	}
	if t.on {
		t.doc += delta
		t.poff += t.plen
	} else {
		t.doc = delta
	}
	if int(t.doc) >= t.e.s.docs {
		t.e.err = fmt.Errorf("segment %d: %w: postings", t.e.s.id, ErrCorrupt)
		t.done, t.on = true, false
		return false
	}
	t.tf, t.plen, t.on = tf, plen, true
	return true
}

// seek moves the cursor to the first document >= d and reports whether
// it is d.
func (t *termList) seek(d uint32) bool {
	for !t.on || t.doc < d {
		if !t.next() {
			return false
		}
	}
	return t.doc == d
}

// at reports whether the cursor is on d.
func (t *termList) at(d uint32) bool { return t.on && t.doc == d }

// all lists the remaining documents.
func (t *termList) all() []uint32 {
	var out []uint32
	for t.next() {
		out = append(out, t.doc)
	}
	return out
}

// positions appends the positions of the document at the cursor.
func (t *termList) positions(out []uint32) ([]uint32, error) {
	b, err := t.posBytes()
	if err != nil {
		return nil, err
	}
	r := reader{b: b}
	p := uint32(0)
	for range t.tf {
		p += uint32(r.uvarint())
		out = append(out, p)
	}
	if r.err != nil {
		return nil, fmt.Errorf("segment %d: %w: positions", t.e.s.id, ErrCorrupt)
	}
	return out, nil
}

// posBytes returns the encoded positions of the document at the cursor.
func (t *termList) posBytes() ([]byte, error) {
	off := t.base + int64(t.poff)
	n := int(t.plen)
	var b []byte
	c := int(off >> chunkShift)
	at := int(off & (chunkSize - 1))
	if at+n <= chunkSize {
		if c != t.chunkN {
			ch, err := t.e.v.chunk(t.e.s.id, c)
			if err != nil {
				return nil, err
			}
			t.chunk, t.chunkN = ch, c
		}
		if at+n > len(t.chunk) {
			return nil, fmt.Errorf("segment %d: %w: positions", t.e.s.id, ErrCorrupt)
		}
		b = t.chunk[at : at+n]
	} else {
		var err error
		if b, err = t.e.v.read(t.e.s.id, off, n); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// leaf evaluates a phrase in the segment.
func (e *segEval) leaf(l *leaf) ([]scored, error) {
	res := l.res[e.si]
	for _, es := range res {
		if len(es) == 0 {
			return nil, nil // a term the segment does not have
		}
	}
	if len(res) == 1 {
		return e.single(l, res[0])
	}
	return e.phrase(l, res)
}

// single scores one term, or the union of a prefix's terms.
func (e *segEval) single(l *leaf, es []entry) ([]scored, error) {
	sc := &scorer{e: e, l: l}
	sc.floor()
	if len(es) == 1 {
		t, err := e.termList(es[0])
		if err != nil {
			return nil, err
		}
		// The cursor's work, unrolled: this loop is most of a frequent
		// term's time.
		ds, i, doc := t.ds, 0, uint32(0)
		lens, ndocs := e.s.meta.length, uint32(e.s.docs)
		mask := e.mask
		for first := true; i < len(ds); first = false {
			var delta, tf uint32
			if next, ok := docFast(ds, i, &delta, &tf); ok {
				i = next // most documents: a byte or two
			} else {
				var next int
				var ok bool
				if delta, tf, next, ok = readDoc(ds, i); !ok {
					break
				}
				i = next
			}
			if first {
				doc = delta
			} else {
				doc += delta
			}
			if doc >= ndocs {
				break
			}
			if mask != nil && mask[doc/64]&(1<<(doc%64)) == 0 {
				continue
			}
			if e.top == nil {
				sc.add(doc, tf)
				continue
			}
			// sc.below, with its terms at hand.
			e.count++
			if sc.full {
				if tf < uint32(len(sc.limit)) {
					if lens[doc] >= sc.lim(tf) {
						continue
					}
				} else if float64(tf)*sc.a < sc.bn+sc.cn*float64(lens[doc]) {
					continue
				}
			}
			e.offer(doc, e.bm25(l.idf, tf, doc))
			sc.floor()
		}
		if i != len(ds) {
			return nil, fmt.Errorf("segment %d: %w: postings", e.s.id, ErrCorrupt)
		}
		return sc.out, nil
	}
	tf := make([]uint32, e.s.docs)
	for _, en := range es {
		t, err := e.termList(en)
		if err != nil {
			return nil, err
		}
		if !eachDoc(t.ds, uint32(e.s.docs), func(d, n uint32) { tf[d] += n }) {
			return nil, fmt.Errorf("segment %d: %w: postings", e.s.id, ErrCorrupt)
		}
	}
	if e.top == nil {
		for d, n := range tf {
			if n > 0 {
				sc.add(uint32(d), n)
			}
		}
		return sc.out, e.err
	}
	// sc.add, unrolled as for a lone term.
	lens, mask := e.s.meta.length, e.mask
	for i, n := range tf {
		d := uint32(i)
		if n == 0 || mask != nil && mask[d/64]&(1<<(d%64)) == 0 {
			continue
		}
		e.count++
		if sc.full {
			if n < uint32(len(sc.limit)) {
				if lens[d] >= sc.lim(n) {
					continue
				}
			} else if float64(n)*sc.a < sc.bn+sc.cn*float64(lens[d]) {
				continue
			}
		}
		e.offer(d, e.bm25(l.idf, n, d))
		sc.floor()
	}
	return nil, e.err
}

// docFast reads a document's entry made of one-byte varints (most are);
// false sends the caller to readDoc.
func docFast(ds []byte, i int, delta, tf *uint32) (int, bool) {
	c := ds[i]
	if c >= 0x80 {
		return i, false
	}
	if c&1 != 0 {
		*delta, *tf = uint32(c>>1), 1
		return i + 1, true
	}
	if i+1 < len(ds) && ds[i+1] < 0x80 {
		*delta, *tf = uint32(c>>1), uint32(ds[i+1])
		return i + 2, true
	}
	return i, false
}

// eachDoc calls fn with each document of a documents' part and its
// frequency; false on bad data.
func eachDoc(ds []byte, ndocs uint32, fn func(doc, tf uint32)) bool {
	i, doc := 0, uint32(0)
	for first := true; i < len(ds); first = false {
		var delta, tf uint32
		if next, ok := docFast(ds, i, &delta, &tf); ok {
			i = next
		} else {
			var next int
			var ok bool
			if delta, tf, next, ok = readDoc(ds, i); !ok {
				return false
			}
			i = next
		}
		if first {
			doc = delta
		} else {
			doc += delta
		}
		if doc >= ndocs {
			return false
		}
		fn(doc, tf)
	}
	return true
}

// scorer takes a term's matches: into a list, or, when the query is this
// term alone, straight into the best k. Once they are k, a document enters
// only if tf/(tf+norm) reaches the worst's share of idf·(k1+1): tested
// with two multiplications, without dividing. The margin keeps the
// documents whose score, rounded as stored, ties with the worst (a newer
// one wins the tie).
type scorer struct {
	e         *segEval
	l         *leaf
	full      bool
	a, bn, cn float64    // a match is below the k-th when tf·a < bn + cn·length,
	limit     [32]uint32 // that is, for tf < 32, when length >= limit[tf]
	have      uint32     // the limits computed since the k-th changed
	out       []scored
}

// lim returns the length limit for a frequency under 32, computing it
// when first asked since the k-th best changed.
func (sc *scorer) lim(tf uint32) uint32 {
	if sc.have&(1<<tf) == 0 {
		sc.computeLimit(tf)
	}
	return sc.limit[tf]
}

func (sc *scorer) computeLimit(tf uint32) {
	// length > x = (tf·a − bn)/cn, for a whole length: >= ⌊x⌋+1.
	switch x := (float64(tf)*sc.a - sc.bn) / sc.cn; {
	case tf == 0 || x < 0:
		sc.limit[tf] = 0
	case x >= math.MaxUint32-1:
		sc.limit[tf] = math.MaxUint32
	default:
		sc.limit[tf] = uint32(math.Floor(x)) + 1
	}
	sc.have |= 1 << tf
}

func (sc *scorer) floor() {
	e := sc.e
	if sc.full = e.top != nil && e.top.Len() >= e.k; sc.full {
		tau := (*e.top)[0].Score / (sc.l.idf * (k1 + 1)) * (1 - 1e-6)
		sc.a, sc.bn, sc.cn = 1-tau, tau*e.c1, tau*e.c2
		sc.have = 0
	}
}

// below reports a match whose score, with frequency tf, is under the
// worst of the best k (that are k).
func (sc *scorer) below(tf, d uint32) bool {
	if !sc.full {
		return false
	}
	if tf < uint32(len(sc.limit)) {
		return sc.e.s.meta.length[d] >= sc.lim(tf)
	}
	return float64(tf)*sc.a < sc.bn+sc.cn*float64(sc.e.s.meta.length[d])
}

func (sc *scorer) add(d, tf uint32) {
	e := sc.e
	if !e.allowed(d) {
		return
	}
	if e.top == nil {
		sc.out = append(sc.out, scored{d, e.bm25(sc.l.idf, tf, d)})
		return
	}
	e.count++
	if sc.below(tf, d) {
		return // scores below the worst of the best k
	}
	e.offer(d, e.bm25(sc.l.idf, tf, d))
	sc.floor()
}

// group is one position of a phrase: a term, or a prefix's terms.
type group struct {
	terms []*termList
	df    int
}

// has moves the group's cursors to d and reports whether a term has it.
func (g *group) has(d uint32) bool {
	ok := false
	for _, t := range g.terms {
		if t.seek(d) {
			ok = true
		}
	}
	return ok
}

// iter readies it to walk the group's positions in the document at d.
func (g *group) iter(d uint32, it *posIter) error {
	if len(g.terms) == 1 {
		t := g.terms[0]
		b, err := t.posBytes()
		if err != nil {
			return err
		}
		*it = posIter{b: b, left: int(t.tf)}
		return nil
	}
	list, err := g.positions(d, it.list[:0])
	if err != nil {
		return err
	}
	if list == nil {
		list = []uint32{}
	}
	*it = posIter{list: list}
	return nil
}

// tf is the group's number of positions in the document at d, where its
// cursors are.
func (g *group) tf(d uint32) uint32 {
	n := uint32(0)
	for _, t := range g.terms {
		if t.at(d) {
			n += t.tf
		}
	}
	return n
}

// positions appends the group's positions in the document at d, sorted.
func (g *group) positions(d uint32, out []uint32) ([]uint32, error) {
	start := len(out)
	var err error
	for _, t := range g.terms {
		if t.at(d) {
			if out, err = t.positions(out); err != nil {
				return nil, err
			}
		}
	}
	if len(g.terms) > 1 {
		slices.Sort(out[start:])
	}
	return out, nil
}

// phrase finds the documents where the phrase's terms stand at their
// positions, and scores them by the phrase's frequency.
func (e *segEval) phrase(l *leaf, res [][]entry) ([]scored, error) {
	gs := make([]*group, len(l.check))
	rel := make([]uint32, len(l.check))
	driver := 0
	for gi, ti := range l.check {
		g := &group{}
		for _, en := range res[ti] {
			t, err := e.termList(en)
			if err != nil {
				return nil, err
			}
			g.terms = append(g.terms, t)
			g.df += en.df
		}
		gs[gi] = g
		rel[gi] = uint32(l.node.Pos[ti])
		if g.df < gs[driver].df {
			driver = gi
		}
	}
	// The driver's documents, in order: its term's, or the union of its
	// terms' (read ahead into a list, since reading them moves the
	// cursors the checks use).
	var cands []uint32
	var lone *termList
	if dg := gs[driver]; len(dg.terms) == 1 {
		lone = dg.terms[0]
	} else {
		for _, t := range dg.terms {
			c := *t
			cands = append(cands, c.all()...)
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
	}
	var out []scored
	its := make([]posIter, len(gs))
	sc := &scorer{e: e, l: l}
	sc.floor()
	ci := 0
next:
	for {
		var d uint32
		if lone != nil {
			if !lone.next() {
				break
			}
			d = lone.doc
		} else {
			if ci == len(cands) {
				break
			}
			d = cands[ci]
			ci++
		}
		for _, g := range gs {
			if !g.has(d) {
				continue next
			}
		}
		if !e.allowed(d) {
			continue
		}
		for p, g := range gs {
			if err := g.iter(d, &its[p]); err != nil {
				return nil, err
			}
		}
		if e.top == nil {
			if f := phraseFreq(its, rel, driver, false); f > 0 {
				out = append(out, scored{d, e.bm25(l.idf, f, d)})
			}
			continue
		}
		// Straight into the best k: the phrase's frequency is at most
		// its rarest term's, so a document that could not enter the best
		// k even so is only counted, once the phrase is found in it.
		if phraseFreq(its, rel, driver, true) == 0 {
			continue
		}
		e.count++
		bound := ^uint32(0)
		for _, g := range gs {
			bound = min(bound, g.tf(d))
		}
		if sc.below(bound, d) {
			continue
		}
		for p, g := range gs {
			if err := g.iter(d, &its[p]); err != nil {
				return nil, err
			}
		}
		e.offer(d, e.bm25(l.idf, phraseFreq(its, rel, driver, false), d))
		sc.floor()
	}
	return out, e.err
}

// phraseFreq counts the starts s where every group p holds s+rel[p], or
// stops at the first with first.
func phraseFreq(its []posIter, rel []uint32, driver int, first bool) uint32 {
	n := uint32(0)
	dr := &its[driver]
outer:
	for dr.next() {
		dp := dr.cur
		if dp < rel[driver] {
			continue
		}
		s := dp - rel[driver]
		for p := range its {
			if p == driver {
				continue
			}
			want := s + rel[p]
			if !its[p].seek(want) {
				break outer
			}
			if its[p].cur != want {
				continue outer
			}
		}
		n++
		if first {
			break
		}
	}
	return n
}

// posIter walks a document's positions of one group, decoding as it goes.
type posIter struct {
	b    []byte   // encoded (one term), or
	list []uint32 // decoded and merged (several terms)
	i    int
	left int
	cur  uint32
	on   bool // cur holds a position
	err  bool
}

// next moves to the next position.
func (it *posIter) next() bool {
	if it.list != nil {
		if it.i >= len(it.list) {
			return false
		}
		it.cur, it.on = it.list[it.i], true
		it.i++
		return true
	}
	if it.left == 0 {
		return false
	}
	it.left--
	it.on = true
	// One-byte deltas are most of them.
	if it.i < len(it.b) && it.b[it.i] < 0x80 {
		it.cur += uint32(it.b[it.i])
		it.i++
		return true
	}
	v, n := binary.Uvarint(it.b[it.i:])
	if n <= 0 {
		it.err, it.left = true, 0
		return false
	}
	it.cur += uint32(v)
	it.i += n
	return true
}

// seek moves to the first position >= want (staying if already there).
func (it *posIter) seek(want uint32) bool {
	if it.on && it.cur >= want {
		return true
	}
	for it.next() {
		if it.cur >= want {
			return true
		}
	}
	return false
}
