package index

import (
	"context"
	"fmt"
)

// Check reads the whole index and returns the ids of its live documents
// (in no order; an id twice means a document indexed twice), or the
// first problem found. It checks every blob's envelope and checksum,
// decodes every dictionary and document column; with postings, it also
// reads every chunk and decodes every term's postings (documents,
// frequencies, positions) against its dictionary entry.
func Check(ctx context.Context, st Storage, postings bool) ([]int64, error) {
	segs, err := st.Segments(ctx)
	if err != nil {
		return nil, err
	}
	tombs, err := st.Tombstones(ctx)
	if err != nil {
		return nil, err
	}
	var live []int64
	for _, info := range segs {
		s, err := loadSegment(ctx, st, info)
		if err != nil {
			return nil, err
		}
		var tokens int64
		for _, n := range s.meta.length {
			tokens += int64(n)
		}
		if tokens != info.Tokens {
			return nil, fmt.Errorf("segment %d: %w: %d tokens, columns say %d", info.ID, ErrCorrupt, info.Tokens, tokens)
		}
		if postings {
			if err := checkPostings(ctx, st, s, info); err != nil {
				return nil, err
			}
		}
		dead := make([]bool, s.docs)
		for _, t := range tombs {
			if s.id < t.Before {
				if d, ok := s.docOf(t.ID); ok {
					dead[d] = true
				}
			}
		}
		for d, id := range s.meta.id {
			if !dead[d] {
				live = append(live, id)
			}
		}
	}
	return live, nil
}

func checkPostings(ctx context.Context, st Storage, s *segment, info SegmentInfo) error {
	v := &view{ix: New(0), ctx: ctx, st: st}
	// Every chunk, whole but the last.
	n := int((info.Bytes + chunkSize - 1) / chunkSize)
	for c := range n {
		b, err := v.chunk(s, c)
		if err != nil {
			return err
		}
		want := chunkSize
		if c == n-1 {
			want = int(info.Bytes - int64(c)*chunkSize)
		}
		if len(b) != want {
			return fmt.Errorf("segment %d chunk %d: %w: %d bytes, want %d", s.id, c, ErrCorrupt, len(b), want)
		}
	}
	if _, err := st.Chunk(ctx, s.id, n); err == nil {
		return fmt.Errorf("segment %d: %w: a chunk past its postings", s.id, ErrCorrupt)
	}
	it := s.dict.iterFrom(0)
	terms := 0
	for it.next() {
		terms++
		e := it.e
		if e.off < 0 || e.off+int64(e.n) > info.Bytes {
			return fmt.Errorf("segment %d: %w: postings of %q past the end", s.id, ErrCorrupt, it.term)
		}
		raw, err := v.read(s, e.off, e.n)
		if err != nil {
			return err
		}
		p, err := splitPostings(raw)
		if err != nil {
			return fmt.Errorf("segment %d: %w: postings of %q", s.id, err, it.term)
		}
		docs := docIter{ds: p.docs, n: uint32(s.docs)}
		li, poff, df := 0, 0, 0
		for docs.next() {
			pl, next, ok := uvarint32(p.lens, li)
			if !ok || poff+int(pl) > len(p.pos) {
				return fmt.Errorf("segment %d: %w: positions of %q", s.id, ErrCorrupt, it.term)
			}
			pos := posIter{b: p.pos[poff : poff+int(pl)], left: int(docs.tf)}
			for pos.next() {
			}
			if pos.bad || pos.i != int(pl) {
				return fmt.Errorf("segment %d: %w: positions of %q", s.id, ErrCorrupt, it.term)
			}
			li, poff = next, poff+int(pl)
			df++
		}
		if docs.bad || df != e.df || df > 0 && docs.doc != e.last || li != len(p.lens) || poff != len(p.pos) {
			return fmt.Errorf("segment %d: %w: postings of %q", s.id, ErrCorrupt, it.term)
		}
	}
	if it.bad || terms != s.dict.terms {
		return fmt.Errorf("segment %d: %w: dictionary", s.id, ErrCorrupt)
	}
	return nil
}
