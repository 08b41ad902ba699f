package index

import (
	"encoding/binary"
	"fmt"
)

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
