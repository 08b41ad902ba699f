package index

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// Merge policy: segments are grouped in tiers by size (under 1,024
// documents, then each tier eight times the one before); when a tier
// holds eight segments they become one. A document is thus rewritten
// about log8(N/1024) times. No merge makes a segment of more than
// maxMergeDocs: merging holds a term's whole postings in memory, and the
// ingest's memory must not grow with the corpus (a million speeches in
// one segment took 640 MB); a search visits one segment for about every
// 150,000 speeches beyond that.
const (
	mergeFactor  = 8
	tierBase     = 1024
	maxMergeDocs = 1 << 18
)

func tier(docs int) int {
	if docs < tierBase {
		return 0
	}
	return 1 + int(math.Log(float64(docs)/tierBase)/math.Log(mergeFactor))
}

// Merge merges segments while a tier is full, each merge in a write
// transaction of its own. It returns the number of merges done.
func Merge(ctx context.Context, db DB) (int, error) {
	done := 0
	for {
		merged := false
		err := db.Update(ctx, func(st Storage) error {
			// The segments are listed in the merge's transaction, under
			// the writer lock: the ones read are the ones replaced.
			segs, err := st.Segments(ctx)
			if err != nil {
				return err
			}
			ids := pickMerge(segs)
			if ids == nil {
				return nil
			}
			merged = true
			return mergeSegments(ctx, st, segs, ids)
		})
		if err != nil || !merged {
			return done, err
		}
		done++
	}
}

// MergeAll merges every segment into one, in one transaction: the
// smallest index and the fastest searches, for a store that is done
// ingesting.
func MergeAll(ctx context.Context, db DB) error {
	return db.Update(ctx, func(st Storage) error { return MergeAllIn(ctx, st) })
}

// MergeAllIn is MergeAll in the caller's transaction.
func MergeAllIn(ctx context.Context, st Storage) error {
	segs, err := st.Segments(ctx)
	if err != nil || len(segs) < 2 {
		return err
	}
	ids := make([]int64, len(segs))
	for i, s := range segs {
		ids[i] = s.ID
	}
	return mergeSegments(ctx, st, segs, ids)
}

func pickMerge(segs []SegmentInfo) []int64 {
	tiers := map[int][]SegmentInfo{}
	top := 0
	for _, sg := range segs {
		t := tier(sg.Docs)
		tiers[t] = append(tiers[t], sg)
		top = max(top, t)
	}
	for t := 0; t <= top; t++ {
		segs := tiers[t]
		if len(segs) < mergeFactor {
			continue
		}
		// The smallest of the tier, as many as stay under the size cap.
		slices.SortStableFunc(segs, func(a, b SegmentInfo) int { return a.Docs - b.Docs })
		var ids []int64
		sum := 0
		for _, sg := range segs {
			if len(ids) == mergeFactor || sum+sg.Docs > maxMergeDocs {
				break
			}
			ids = append(ids, sg.ID)
			sum += sg.Docs
		}
		if len(ids) >= 2 {
			slices.Sort(ids)
			return ids
		}
	}
	return nil
}

// segmentSource is a segment being merged, as a merge input.
type segmentSource struct {
	v     *view
	s     *segment
	it    *dictIter
	remap []int32 // new document number, -1 when dropped
	whole bool    // nothing dropped: postings are copied
	base  uint32  // first new document number, when whole
}

func (x *segmentSource) next() (string, bool) {
	if !x.it.next() {
		return "", false
	}
	return string(x.it.term), true
}

func (x *segmentSource) add(j *joined) error {
	e := x.it.e
	raw, err := x.v.read(x.s, e.off, e.n)
	if err != nil {
		return err
	}
	post, err := splitPostings(raw)
	if err != nil {
		return fmt.Errorf("segment %d: %w", x.s.id, err)
	}
	if x.whole {
		// The documents keep their order: copied whole.
		if int(e.last) >= x.s.docs {
			return fmt.Errorf("segment %d: %w", x.s.id, ErrCorrupt)
		}
		return j.addShifted(post, x.base, e.df, e.last)
	}
	it := docIter{ds: post.docs, n: uint32(x.s.docs)}
	li, poff := 0, 0
	for it.next() {
		pl, next, ok := uvarint32(post.lens, li)
		if !ok || poff+int(pl) > len(post.pos) {
			return fmt.Errorf("segment %d: %w", x.s.id, ErrCorrupt)
		}
		li = next
		if nd := x.remap[it.doc]; nd >= 0 {
			j.addDoc(uint32(nd), it.tf, post.pos[poff:poff+int(pl)])
		}
		poff += int(pl)
	}
	if it.bad {
		return fmt.Errorf("segment %d: %w", x.s.id, ErrCorrupt)
	}
	return nil
}

// mergeSegments replaces the segments ids (in id order, among segs) by
// one, dropping deleted documents, in the storage's transaction.
func mergeSegments(ctx context.Context, st Storage, segs []SegmentInfo, ids []int64) error {
	v := &view{ix: New(8 << 20), ctx: ctx, st: st}
	tombs, err := st.Tombstones(ctx)
	if err != nil {
		return err
	}
	byID := map[int64]SegmentInfo{}
	for _, s := range segs {
		byID[s.ID] = s
	}
	ins := make([]mergeInput, len(ids))
	var out meta
	var in interner
	var tokens int64
	for i, id := range ids {
		info, ok := byID[id]
		if !ok {
			return fmt.Errorf("index: merging segment %d, which is not there", id)
		}
		s, err := loadSegment(ctx, st, info)
		if err != nil {
			return err
		}
		dropped := make([]bool, s.docs)
		for _, t := range tombs {
			if id < t.Before {
				if d, ok := s.docOf(t.ID); ok {
					dropped[d] = true
				}
			}
		}
		x := &segmentSource{v: v, s: s, remap: make([]int32, s.docs), it: s.dict.iterFrom(0), whole: true, base: uint32(out.len())}
		for d := range s.docs {
			if dropped[d] {
				x.remap[d] = -1
				x.whole = false
				continue
			}
			x.remap[d] = int32(out.len())
			if err := out.copyDoc(s.meta, d, &in); err != nil {
				return fmt.Errorf("segment %d: %w", id, err)
			}
			tokens += int64(s.meta.length[d])
		}
		ins[i].src = x
		ins[i].term, ins[i].ok = x.next()
	}
	out.strs = in.strs
	nid, err := st.NewSegmentID(ctx)
	if err != nil {
		return err
	}
	w := &segmentWriter{cw: &chunkWriter{ctx: ctx, st: st, seg: nid}}
	if err := mergeTerms(ins, w); err != nil {
		return err
	}
	for _, x := range ins {
		if it := x.src.(*segmentSource).it; it.bad || it.left > 0 {
			return fmt.Errorf("segment %d: %w: dictionary", x.src.(*segmentSource).s.id, ErrCorrupt)
		}
	}
	if err := w.finish(SegmentInfo{ID: nid, Docs: out.len(), Tokens: tokens}, &out, nil); err != nil {
		return err
	}
	low := nid
	for _, s := range segs {
		if slices.Contains(ids, s.ID) {
			if err := st.DeleteSegment(ctx, s.ID); err != nil {
				return err
			}
		} else {
			low = min(low, s.ID)
		}
	}
	// A tombstone hides a document in segments older than its mark: once
	// none is left, it has done its work.
	return st.DeleteTombstones(ctx, low)
}
