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
	sc := e.scorer(l)
	var docs, tfs [256]uint32
	if len(es) == 1 {
		t, err := e.termList(es[0])
		if err != nil {
			return nil, err
		}
		it := &t.docIter
		for n := it.fill(docs[:], tfs[:]); n > 0; n = it.fill(docs[:], tfs[:]) {
			sc.addBlock(docs[:n], tfs[:n])
		}
		if it.bad {
			return nil, fmt.Errorf("segment %d: %w: postings", e.s.id, ErrCorrupt)
		}
		return sc.done(), nil
	}
	sum := make([]uint32, e.s.docs)
	for _, en := range es {
		t, err := e.termList(en)
		if err != nil {
			return nil, err
		}
		it := &t.docIter
		for n := it.fill(docs[:], tfs[:]); n > 0; n = it.fill(docs[:], tfs[:]) {
			for i, d := range docs[:n] {
				sum[d] += tfs[i]
			}
		}
		if it.bad {
			return nil, fmt.Errorf("segment %d: %w: postings", e.s.id, ErrCorrupt)
		}
	}
	n := 0
	for d, f := range sum {
		if f == 0 {
			continue
		}
		docs[n], tfs[n] = uint32(d), f
		if n++; n == len(docs) {
			sc.addBlock(docs[:], tfs[:])
			n = 0
		}
	}
	sc.addBlock(docs[:n], tfs[:n])
	return sc.done(), nil
}

// scorer takes a leaf's matches: into a list, or, when the query is this
// leaf alone, straight into the best k. Once they are k, a document
// enters only if tf/(tf+norm) reaches the worst's share of idf·(k1+1):
// tested with two multiplications, without dividing (below). The margin
// keeps the documents whose score, rounded as stored, ties with the
// worst (a newer one wins the tie).
type scorer struct {
	e         *segEval
	l         *leaf
	mask      []uint64   // e.mask
	lens      []uint32   // the segment's document lengths
	full      bool       // the best k are k: below applies
	a, bn, cn float64    // a match is below the k-th when tf·a < bn + cn·length,
	limit     [32]uint32 // that is, for tf < 32, when length >= limit[tf]
	have      uint32     // the limits computed since the k-th changed
	skipped   int        // matches below the best k, counted only
	out       []scored
}

func (e *segEval) scorer(l *leaf) *scorer {
	sc := &scorer{e: e, l: l, mask: e.mask, lens: e.s.meta.length}
	sc.floor()
	return sc
}

// addBlock takes matches and their frequencies, in document order.
func (sc *scorer) addBlock(docs, tfs []uint32) {
	mask, lens := sc.mask, sc.lens
	tfs = tfs[:len(docs)]
	for i, d := range docs {
		if mask != nil && mask[d/64]&(1<<(d%64)) == 0 {
			continue
		}
		if sc.full && sc.below(tfs[i], lens[d]) {
			sc.skipped++
			continue
		}
		sc.take(d, tfs[i])
	}
}

// done returns the list of matches (when not going into the best k) and
// counts the ones skipped.
func (sc *scorer) done() []scored {
	sc.e.count += sc.skipped
	sc.skipped = 0
	return sc.out
}

func (sc *scorer) take(d, tf uint32) {
	e := sc.e
	if e.top == nil {
		sc.out = append(sc.out, scored{d, e.bm25(sc.l.idf, tf, d)})
		return
	}
	e.count++
	e.offer(d, e.bm25(sc.l.idf, tf, d))
	sc.floor()
}

// below reports that a match of frequency tf in a document of length
// scores under the worst of the best k, which are k: the one test of the
// bound, for terms, prefixes and phrases.
func (sc *scorer) below(tf, length uint32) bool {
	if sc.have&(1<<tf) != 0 { // a limit computed: tf < 32
		return length >= sc.limit[tf&31]
	}
	return sc.belowSlow(tf, length)
}

func (sc *scorer) belowSlow(tf, length uint32) bool {
	if tf < uint32(len(sc.limit)) {
		sc.computeLimit(tf)
		return length >= sc.limit[tf]
	}
	return float64(tf)*sc.a < sc.bn+sc.cn*float64(length)
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
	sc := e.scorer(l)
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
			f, err := phraseFreq(its, rel, driver, false)
			if err != nil {
				return nil, fmt.Errorf("segment %d: %w", e.s.id, err)
			}
			if f > 0 {
				out = append(out, scored{d, e.bm25(l.idf, f, d)})
			}
			continue
		}
		// Straight into the best k: the phrase's frequency is at most
		// its rarest term's, so a document that could not enter the best
		// k even so is only counted, once the phrase is found in it.
		if f, err := phraseFreq(its, rel, driver, true); err != nil || f == 0 {
			if err != nil {
				return nil, fmt.Errorf("segment %d: %w", e.s.id, err)
			}
			continue
		}
		bound := ^uint32(0)
		for _, g := range gs {
			bound = min(bound, g.tf(d))
		}
		if sc.full && sc.below(bound, sc.lens[d]) {
			sc.skipped++
			continue
		}
		for p, g := range gs {
			if err := g.iter(d, &its[p]); err != nil {
				return nil, err
			}
		}
		f, err := phraseFreq(its, rel, driver, false)
		if err != nil {
			return nil, fmt.Errorf("segment %d: %w", e.s.id, err)
		}
		sc.take(d, f)
	}
	sc.done()
	return out, e.err
}

// phraseFreq counts the starts s where every group p holds s+rel[p], or
// stops at the first with first. Positions that cannot be decoded are
// ErrCorrupt: a phrase must not silently miss.
func phraseFreq(its []posIter, rel []uint32, driver int, first bool) (uint32, error) {
	n := phraseCount(its, rel, driver, first)
	for p := range its {
		if its[p].bad {
			return 0, fmt.Errorf("%w: positions", ErrCorrupt)
		}
	}
	return n, nil
}

func phraseCount(its []posIter, rel []uint32, driver int, first bool) uint32 {
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
