package index

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// Merge policy: segments are grouped in tiers by size (under 1,024
// documents, then each tier eight times the one before); when a tier
// holds eight segments they become one. A document is thus rewritten
// about log8(N/1024) times, and a search visits a few dozen segments at
// most.
const (
	mergeFactor = 8
	tierBase    = 1024
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
	defer rows.Close()
	tiers := map[int][]int64{}
	for rows.Next() {
		var id int64
		var docs int
		if err := rows.Scan(&id, &docs); err != nil {
			return nil, err
		}
		t := tier(docs)
		tiers[t] = append(tiers[t], id)
		if len(tiers[t]) == mergeFactor {
			return tiers[t], nil
		}
	}
	return nil, rows.Err()
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

	cw := &chunkWriter{ctx: ctx, tx: tx}
	var terms []string
	var es []entry
	var ds, ps, enc []byte
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
		ds, ps = ds[:0], ps[:0]
		df := 0
		prev := uint32(0)
		for _, x := range ins {
			if !x.ok || string(x.it.term) != term {
				continue
			}
			post, err := v.read(x.s.id, x.it.e.off, x.it.e.n)
			if err != nil {
				return err
			}
			dl, k := binary.Uvarint(post)
			if k <= 0 || int(dl) > len(post)-k {
				return fmt.Errorf("segment %d: %w: postings header", x.s.id, ErrCorrupt)
			}
			if x.whole {
				// The documents keep their order: only the first delta
				// changes, and the positions are copied.
				docs := post[k : k+int(dl)]
				first, n := binary.Uvarint(docs)
				if n <= 0 || int(x.base+uint32(first)) < int(prev) || int(x.it.e.last) >= x.s.docs {
					return fmt.Errorf("segment %d: %w: postings of %q", x.s.id, ErrCorrupt, term)
				}
				ds = binary.AppendUvarint(ds, uint64(x.base+uint32(first)-prev))
				ds = append(ds, docs[n:]...)
				ps = append(ps, post[k+int(dl):]...)
				prev = x.base + x.it.e.last
				df += x.it.e.df
				x.ok = x.it.next()
				continue
			}
			r := reader{b: post[k : k+int(dl)]}
			pos := post[k+int(dl):]
			doc, poff := uint32(0), 0
			for r.i < len(r.b) {
				doc += uint32(r.uvarint())
				tf := r.uvarint()
				pl := int(r.uvarint())
				if r.err != nil || int(doc) >= len(x.remap) || poff+pl > len(pos) {
					return fmt.Errorf("segment %d: %w: postings of %q", x.s.id, ErrCorrupt, term)
				}
				if nd := x.remap[doc]; nd >= 0 {
					ds = binary.AppendUvarint(ds, uint64(uint32(nd)-prev))
					ds = binary.AppendUvarint(ds, tf)
					ds = binary.AppendUvarint(ds, uint64(pl))
					ps = append(ps, pos[poff:poff+pl]...)
					prev = uint32(nd)
					df++
				}
				poff += pl
			}
			x.ok = x.it.next()
		}
		if df == 0 {
			continue // only in deleted documents
		}
		enc = binary.AppendUvarint(enc[:0], uint64(len(ds)))
		enc = append(enc, ds...)
		enc = append(enc, ps...)
		terms = append(terms, strings.Clone(term))
		es = append(es, entry{df: df, off: cw.off, n: len(enc), last: prev})
		if err := cw.write(enc); err != nil {
			return err
		}
	}
	for _, x := range ins {
		if x.it.left > 0 {
			return fmt.Errorf("segment %d: %w: dictionary", x.s.id, ErrCorrupt)
		}
	}
	if _, err := writeSegment(ctx, tx, cw, out.len(), tokens, encodeDict(terms, es), out.encode(), nil); err != nil {
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
