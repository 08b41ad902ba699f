package index

import (
	"encoding/binary"
	"fmt"
)

// lists reads a term's documents and the lengths of their positions in
// a segment, and where its positions start in the segment's stream.
func (v *view) lists(s *segment, en entry) (ds, ls []byte, base int64, err error) {
	head, err := v.read(s, en.off, min(en.n, 2*binary.MaxVarintLen64))
	if err != nil {
		return nil, nil, 0, err
	}
	start, nd, nl, err := postingsHead(head)
	if err != nil || start+nd+nl > en.n {
		return nil, nil, 0, fmt.Errorf("segment %d: %w: postings header", s.id, ErrCorrupt)
	}
	b, err := v.read(s, en.off+int64(start), nd+nl)
	if err != nil {
		return nil, nil, 0, err
	}
	return b[:nd], b[nd:], en.off + int64(start+nd+nl), nil
}

// docs reads a term's documents in a segment.
func (v *view) docs(s *segment, en entry) ([]byte, error) {
	ds, _, _, err := v.lists(s, en)
	return ds, err
}

// termList walks one term's documents in a segment, decoding as it goes,
// and knows where each document's positions are.
type termList struct {
	e *segEval
	docIter
	ls   []byte // the lengths of their positions
	j    int    // read offset in ls
	base int64  // offset of the positions in the segment's stream

	poff, plen uint32 // the current document's positions, from base
	on, done   bool   // doc is valid; the list is exhausted

	chunkN int // the chunk in hand, -1 for none
	chunk  []byte
}

func (e *segEval) termList(en entry) (*termList, error) {
	ds, ls, base, err := e.v.lists(e.s, en)
	if err != nil {
		return nil, err
	}
	return &termList{e: e, docIter: docIter{ds: ds, n: uint32(e.s.docs)}, ls: ls, base: base, chunkN: -1}, nil
}

// next moves to the next document.
func (t *termList) next() bool {
	if t.done {
		return false
	}
	if !t.docIter.next() {
		if t.bad {
			t.e.err = fmt.Errorf("segment %d: %w: postings", t.e.s.id, ErrCorrupt)
		}
		t.done, t.on = true, false
		return false
	}
	var plen uint32
	if t.j < len(t.ls) && t.ls[t.j] < 0x80 {
		plen = uint32(t.ls[t.j]) // one byte each: most documents
		t.j++
	} else {
		var ok bool
		if plen, t.j, ok = uvarint32(t.ls, t.j); !ok {
			t.e.err = fmt.Errorf("segment %d: %w: postings", t.e.s.id, ErrCorrupt)
			t.done, t.on = true, false
			return false
		}
	}
	t.poff += t.plen
	t.plen, t.on = plen, true
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
	if r.err != nil || r.i != len(b) {
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
			ch, err := t.e.v.chunk(t.e.s, c)
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
		if b, err = t.e.v.read(t.e.s, off, n); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// posIter walks a document's positions of one group, decoding as it goes.
type posIter struct {
	b    []byte   // encoded (one term), or
	list []uint32 // decoded and merged (several terms)
	i    int
	left int
	cur  uint32
	on   bool // cur holds a position
	bad  bool // the encoded positions are corrupt
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
	if n <= 0 || v > 1<<32-1 {
		it.bad, it.left = true, 0
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
