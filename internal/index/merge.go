package index

import (
	"context"
	"database/sql"
	"encoding/binary"
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

// Merge merges segments while a tier is full, each merge in a
// transaction of its own. It returns the number of merges done.
func Merge(ctx context.Context, db *sql.DB) (int, error) {
	done := 0
	for {
		ids, err := pickMerge(ctx, db)
		if err != nil || ids == nil {
			return done, err
		}
		if err := mergeSegments(ctx, db, ids); err != nil {
			return done, err
		}
		done++
	}
}

// MergeAll merges every segment into one: the smallest index and the
// fastest searches, for a store that is done ingesting.
func MergeAll(ctx context.Context, db *sql.DB) error {
	var ids []int64
	rows, err := db.QueryContext(ctx, `SELECT id FROM ix_segments ORDER BY id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) < 2 {
		return err
	}
	return mergeSegments(ctx, db, ids)
}

func pickMerge(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, docs FROM ix_segments ORDER BY id`)
	if err != nil {
		return nil, err
	}
	type seg struct {
		id   int64
		docs int
	}
	tiers := map[int][]seg{}
	top := 0
	for rows.Next() {
		var sg seg
		if err := rows.Scan(&sg.id, &sg.docs); err != nil {
			rows.Close()
			return nil, err
		}
		t := tier(sg.docs)
		tiers[t] = append(tiers[t], sg)
		top = max(top, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for t := 0; t <= top; t++ {
		segs := tiers[t]
		if len(segs) < mergeFactor {
			continue
		}
		// The smallest of the tier, as many as stay under the size cap.
		slices.SortStableFunc(segs, func(a, b seg) int { return a.docs - b.docs })
		var ids []int64
		sum := 0
		for _, sg := range segs {
			if len(ids) == mergeFactor || sum+sg.docs > maxMergeDocs {
				break
			}
			ids = append(ids, sg.id)
			sum += sg.docs
		}
		if len(ids) >= 2 {
			slices.Sort(ids)
			return ids, nil
		}
	}
	return nil, nil
}

// mergeSegments replaces the segments ids (in id order) by one, dropping
// deleted documents, in one transaction.
func mergeSegments(ctx context.Context, db *sql.DB, ids []int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Take the write lock now, so that the segments read are the ones
	// replaced.
	if _, err := tx.ExecContext(ctx, `DELETE FROM ix_deleted WHERE 0`); err != nil {
		return err
	}
	v := &view{ix: New(8 << 20), ctx: ctx, tx: tx}
	var tombs []tomb
	rows, err := tx.QueryContext(ctx, `SELECT speech, before FROM ix_deleted`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t tomb
		if err := rows.Scan(&t.speech, &t.before); err != nil {
			rows.Close()
			return err
		}
		tombs = append(tombs, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	type input struct {
		s     *segment
		remap []int32 // new document number, -1 when dropped
		whole bool    // nothing dropped: postings are copied
		base  uint32  // first new document number, when whole
		it    *dictIter
		ok    bool
	}
	ins := make([]*input, len(ids))
	var out meta
	var in interner
	var tokens int64
	for i, id := range ids {
		var docs int
		var tok int64
		if err := tx.QueryRowContext(ctx, `SELECT docs, tokens FROM ix_segments WHERE id = ?`, id).Scan(&docs, &tok); err != nil {
			return fmt.Errorf("segment %d: %w", id, err)
		}
		s, err := loadSegment(ctx, tx, id, docs, tok)
		if err != nil {
			return err
		}
		dropped := make([]bool, s.docs)
		for _, t := range tombs {
			if id < t.before {
				if d, ok := s.docOf(t.speech); ok {
					dropped[d] = true
				}
			}
		}
		x := &input{s: s, remap: make([]int32, s.docs), it: s.dict.iterFrom(0), whole: true, base: uint32(out.len())}
		for d := range s.docs {
			if dropped[d] {
				x.remap[d] = -1
				x.whole = false
				continue
			}
			x.remap[d] = int32(out.len())
			out.add(s.meta.doc(d), int(s.meta.length[d]), in.id)
			tokens += int64(s.meta.length[d])
		}
		x.ok = x.it.next()
		ins[i] = x
	}
	out.strs = in.strs
	if out.strs == nil {
		out.strs = []string{}
	}

	w := &segmentWriter{cw: &chunkWriter{ctx: ctx, tx: tx}}
	var j joined
	for {
		// The smallest term at the inputs' heads.
		term := ""
		found := false
		for _, x := range ins {
			if x.ok && (!found || string(x.it.term) < term) {
				term = string(x.it.term)
				found = true
			}
		}
		if !found {
			break
		}
		j.reset()
		for _, x := range ins {
			if !x.ok || string(x.it.term) != term {
				continue
			}
			raw, err := v.read(x.s.id, x.it.e.off, x.it.e.n)
			if err != nil {
				return err
			}
			post, err := splitPostings(raw)
			if err != nil {
				return fmt.Errorf("segment %d: %w: postings of %q", x.s.id, err, term)
			}
			if x.whole {
				// The documents keep their order: copied whole.
				if int(x.it.e.last) >= x.s.docs {
					return fmt.Errorf("segment %d: %w: postings of %q", x.s.id, ErrCorrupt, term)
				}
				if err := j.addShifted(post, x.base, x.it.e.df, x.it.e.last); err != nil {
					return fmt.Errorf("segment %d: %w: postings of %q", x.s.id, err, term)
				}
				x.ok = x.it.next()
				continue
			}
			doc, di, li, poff := uint32(0), 0, 0, 0
			for n := 0; di < len(post.docs); n++ {
				delta, tf, next, ok := readDoc(post.docs, di)
				pl, lnext, lok := uvarint32(post.lens, li)
				if n == 0 {
					doc = delta
				} else {
					doc += delta
				}
				if !ok || !lok || int(doc) >= len(x.remap) || poff+int(pl) > len(post.pos) {
					return fmt.Errorf("segment %d: %w: postings of %q", x.s.id, ErrCorrupt, term)
				}
				di, li = next, lnext
				if nd := x.remap[doc]; nd >= 0 {
					j.docs = appendDoc(j.docs, uint32(nd)-j.prev, tf)
					j.lens = binary.AppendUvarint(j.lens, uint64(pl))
					j.pos = append(j.pos, post.pos[poff:poff+int(pl)]...)
					j.prev = uint32(nd)
					j.df++
				}
				poff += int(pl)
			}
			x.ok = x.it.next()
		}
		if j.df == 0 {
			continue // only in deleted documents
		}
		if err := w.add(term, &j); err != nil {
			return err
		}
	}
	for _, x := range ins {
		if x.it.left > 0 {
			return fmt.Errorf("segment %d: %w: dictionary", x.s.id, ErrCorrupt)
		}
	}
	if _, err := writeSegment(ctx, tx, w.cw, out.len(), tokens, encodeDict(w.terms, w.es), out.encode(), nil); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `DELETE FROM ix_segments WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM ix_chunks WHERE id >= ? AND id < ?`, chunkID(id, 0), chunkID(id+1, 0)); err != nil {
			return err
		}
	}
	// A tombstone hides a speech in segments older than its mark: once
	// none is left, it has done its work.
	if _, err := tx.ExecContext(ctx, `DELETE FROM ix_deleted
		WHERE before <= coalesce((SELECT min(id) FROM ix_segments), 9223372036854775807)`); err != nil {
		return err
	}
	return tx.Commit()
}
