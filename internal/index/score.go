package index

import (
	"fmt"
	"math"
	"slices"
)

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
		// eachDoc and sc.add, unrolled by hand: this loop is most of a
		// frequent term's time, and with the calls it took half as long
		// again (measured on 和平 over a million speeches).
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
