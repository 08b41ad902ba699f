// Package index is the full-text index of the speeches: an inverted index
// of immutable segments, kept by a Storage (the store's database: SQLite
// or PostgreSQL) and written in the same transaction as the records it
// indexes. It knows documents by an id, a date, keyword columns and id
// columns; what they mean is the store's business.
//
// Why not SQLite's FTS5: its BM25 ranking visits every match through the
// SQL engine (about 3 µs each), so a frequent term over a million speeches
// took a second, and its index writer was most of the cost of an ingest.
// Here a query decodes compact postings in Go, ranks them with BM25 in a
// few nanoseconds a match and counts the exact total on the way.
//
// Layout (docs/index-format.md). A segment is its counts, its term
// dictionary and its document columns, and its postings cut into 64 KiB
// chunks; every blob carries a format version and a checksum. A term's
// postings (see type postings) hold its documents, the lengths of their
// positions, then the positions, so that counting and ranking a term read
// only its documents, and a phrase reads the positions of the documents
// that have all its terms. Replacing a document leaves the old one in its
// segment, hidden by a tombstone (id, before): the document is deleted
// from the segments whose id is lower than before. Merging segments drops
// them.
package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

const (
	chunkShift = 16
	chunkSize  = 1 << chunkShift
	blockTerms = 32 // dictionary entries between two entry points
)

// ErrCorrupt marks index data that cannot be decoded.
var ErrCorrupt = errors.New("index: corrupt segment")

// chunkKey names a chunk in the index's cache.
func chunkKey(seg int64, n int) int64 { return seg<<24 | int64(n) }

// entry is a term's line in a dictionary.
type entry struct {
	df   int    // documents with the term
	off  int64  // offset of its postings in the segment's stream
	n    int    // length of its postings
	last uint32 // its last document, so that merges copy postings whole
}

// dict is an encoded, sorted term dictionary:
//
//	uvarint(terms) uvarint(blocks) blocks × uint32 offset, then the blocks;
//	entry: uvarint(shared prefix) uvarint(len(suffix)) suffix uvarint(df) uvarint(off) uvarint(n) uvarint(last)
//
// The first entry of a block shares nothing, so a lookup binary-searches
// the blocks' first terms and scans one block.
type dict struct {
	data   []byte
	terms  int
	blocks []uint32 // offsets in data
}

func encodeDict(terms []string, es []entry) []byte {
	nb := (len(terms) + blockTerms - 1) / blockTerms
	var body []byte
	offs := make([]uint32, 0, nb)
	prev := ""
	for i, t := range terms {
		shared := 0
		if i%blockTerms == 0 {
			offs = append(offs, uint32(len(body)))
		} else {
			for shared < len(prev) && shared < len(t) && prev[shared] == t[shared] {
				shared++
			}
		}
		body = binary.AppendUvarint(body, uint64(shared))
		body = binary.AppendUvarint(body, uint64(len(t)-shared))
		body = append(body, t[shared:]...)
		body = binary.AppendUvarint(body, uint64(es[i].df))
		body = binary.AppendUvarint(body, uint64(es[i].off))
		body = binary.AppendUvarint(body, uint64(es[i].n))
		body = binary.AppendUvarint(body, uint64(es[i].last))
		prev = t
	}
	out := binary.AppendUvarint(nil, uint64(len(terms)))
	out = binary.AppendUvarint(out, uint64(nb))
	head := len(out) + 4*nb
	for _, o := range offs {
		out = binary.LittleEndian.AppendUint32(out, uint32(head)+o)
	}
	return append(out, body...)
}

func decodeDict(b []byte) (*dict, error) {
	r := reader{b: b}
	d := &dict{data: b, terms: int(r.uvarint())}
	nb := int(r.uvarint())
	if r.err != nil || nb < 0 || nb > len(b)/4+1 {
		return nil, ErrCorrupt
	}
	d.blocks = make([]uint32, nb)
	for i := range d.blocks {
		if r.i+4 > len(b) {
			return nil, ErrCorrupt
		}
		d.blocks[i] = binary.LittleEndian.Uint32(b[r.i:])
		if int(d.blocks[i]) > len(b) {
			return nil, ErrCorrupt
		}
		r.i += 4
	}
	return d, nil
}

// iter walks a dictionary's entries in order from a block.
type dictIter struct {
	d    *dict
	r    reader
	left int // entries left in the dictionary from here
	bad  bool
	term []byte
	e    entry
}

func (d *dict) iterFrom(block int) *dictIter {
	it := &dictIter{d: d, r: reader{b: d.data}, left: d.terms - block*blockTerms}
	if block < len(d.blocks) {
		it.r.i = int(d.blocks[block])
	} else {
		it.left = 0
	}
	return it
}

// next reads the next entry; false at the end or on corrupt data.
func (it *dictIter) next() bool {
	if it.left <= 0 {
		return false
	}
	it.left--
	shared := int(it.r.uvarint())
	n := int(it.r.uvarint())
	if it.r.err != nil || shared > len(it.term) || n < 0 || it.r.i+n > len(it.r.b) {
		it.left, it.bad = 0, true
		return false
	}
	it.term = append(it.term[:shared], it.r.b[it.r.i:it.r.i+n]...)
	it.r.i += n
	it.e.df = int(it.r.uvarint())
	it.e.off = int64(it.r.uvarint())
	it.e.n = int(it.r.uvarint())
	it.e.last = uint32(it.r.uvarint())
	if it.r.err != nil {
		it.left, it.bad = 0, true
		return false
	}
	return true
}

// firstTerm is the first term of block i (stored whole).
func (d *dict) firstTerm(i int) []byte {
	r := reader{b: d.data, i: int(d.blocks[i])}
	r.uvarint()
	n := int(r.uvarint())
	if r.err != nil || r.i+n > len(d.data) {
		return nil
	}
	return d.data[r.i : r.i+n]
}

// blockFor returns the block where term would be.
func (d *dict) blockFor(term string) int {
	// The last block whose first term is <= term.
	lo, hi := 0, len(d.blocks)
	for lo < hi {
		m := (lo + hi) / 2
		if string(d.firstTerm(m)) <= term { // compared in place, not copied
			lo = m + 1
		} else {
			hi = m
		}
	}
	return max(0, lo-1)
}

func (d *dict) lookup(term string) (entry, bool) {
	if len(d.blocks) == 0 {
		return entry{}, false
	}
	it := d.iterFrom(d.blockFor(term))
	for it.next() {
		if string(it.term) == term {
			return it.e, true
		}
		if string(it.term) > term {
			return entry{}, false
		}
	}
	return entry{}, false
}

// prefix calls fn for every term beginning with p, in order.
func (d *dict) prefix(p string, fn func(term string, e entry)) {
	if len(d.blocks) == 0 {
		return
	}
	it := d.iterFrom(d.blockFor(p))
	for it.next() {
		t := string(it.term)
		if strings.HasPrefix(t, p) {
			fn(t, it.e)
		} else if t > p {
			return
		}
	}
}

// reader decodes varints, remembering the first error.
type reader struct {
	b   []byte
	i   int
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	// One-byte values are most of them.
	if r.i < len(r.b) && r.b[r.i] < 0x80 {
		v := r.b[r.i]
		r.i++
		return uint64(v)
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 {
		r.err = ErrCorrupt
		return 0
	}
	r.i += n
	return v
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *reader) string() string {
	n := int(r.uvarint())
	if r.err != nil || n < 0 || r.i+n > len(r.b) {
		r.err = ErrCorrupt
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func appendVarint(b []byte, v int64) []byte {
	return binary.AppendUvarint(b, uint64(v<<1)^uint64(v>>63))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// A term's postings, as a segment stores them:
//
//	uvarint(len(docs)) uvarint(len(lens)) docs lens positions
//	docs:      per document uvarint((doc − previous doc)<<1 | tf==1), then uvarint(tf) when tf > 1
//	lens:      per document uvarint(len(its positions))
//	positions: per document tf × uvarint(position − previous position)
//
// Counting and ranking a term read docs alone (one varint for most
// documents); a phrase reads lens too, to find the positions it checks.
type postings struct {
	docs, lens, pos []byte
}

func splitPostings(b []byte) (postings, error) {
	r := reader{b: b}
	nd := int(r.uvarint())
	nl := int(r.uvarint())
	if r.err != nil || nd < 0 || nl < 0 || r.i+nd+nl > len(b) {
		return postings{}, ErrCorrupt
	}
	d := r.i
	return postings{docs: b[d : d+nd], lens: b[d+nd : d+nd+nl], pos: b[d+nd+nl:]}, nil
}

// postingsHead reads the header: where docs starts and the two lengths.
func postingsHead(b []byte) (start, nd, nl int, err error) {
	r := reader{b: b}
	nd = int(r.uvarint())
	nl = int(r.uvarint())
	if r.err != nil || nd < 0 || nl < 0 {
		return 0, 0, 0, ErrCorrupt
	}
	return r.i, nd, nl, nil
}

func (p postings) append(out []byte) []byte {
	out = binary.AppendUvarint(out, uint64(len(p.docs)))
	out = binary.AppendUvarint(out, uint64(len(p.lens)))
	out = append(out, p.docs...)
	out = append(out, p.lens...)
	return append(out, p.pos...)
}

func appendDoc(b []byte, delta, tf uint32) []byte {
	if tf == 1 {
		return binary.AppendUvarint(b, uint64(delta)<<1|1)
	}
	b = binary.AppendUvarint(b, uint64(delta)<<1)
	return binary.AppendUvarint(b, uint64(tf))
}

// readDoc reads a document's entry of docs at i.
func readDoc(b []byte, i int) (delta, tf uint32, next int, ok bool) {
	var v uint32
	if v, i, ok = uvarint32(b, i); !ok {
		return 0, 0, i, false
	}
	if v&1 != 0 {
		return v >> 1, 1, i, true
	}
	if tf, i, ok = uvarint32(b, i); !ok {
		return 0, 0, i, false
	}
	return v >> 1, tf, i, true
}

// appendShifted appends docs with its first document moved by add (the
// others are deltas and stay): joining lists of consecutive parts copies
// bytes.
func appendShifted(out, docs []byte, add uint32) ([]byte, error) {
	v, n := binary.Uvarint(docs)
	if n <= 0 {
		return nil, ErrCorrupt
	}
	out = binary.AppendUvarint(out, ((v>>1)+uint64(add))<<1|v&1)
	return append(out, docs[n:]...), nil
}

// uvarint32 reads a varint of b at i.
func uvarint32(b []byte, i int) (uint32, int, bool) {
	if i < len(b) && b[i] < 0x80 {
		return uint32(b[i]), i + 1, true
	}
	return uvarintSlow(b, i)
}

func uvarintSlow(b []byte, i int) (uint32, int, bool) {
	if i >= len(b) {
		return 0, i, false
	}
	v, n := binary.Uvarint(b[i:])
	if n <= 0 || v > 1<<32-1 {
		return 0, i, false
	}
	return uint32(v), i + n, true
}

// docIter reads a term's documents (the docs of its postings): the one
// loop that decodes them, for searches, phrases and merges. A document is
// its delta from the one before (from 0 for the first) and its frequency.
type docIter struct {
	ds  []byte
	i   int
	doc uint32 // the document read last
	tf  uint32 // its frequency
	n   uint32 // documents in the segment: a number past it is corrupt
	bad bool   // stopped on corrupt data
}

// fill reads up to len(docs) documents into docs and their frequencies
// into tfs, and returns how many it read: 0 at the end or on corrupt data
// (bad). Most documents take a byte or two, read here without a call.
func (it *docIter) fill(docs, tfs []uint32) int {
	ds, i, doc, max := it.ds, it.i, it.doc, it.n
	tfs = tfs[:len(docs)]
	n := 0
	for n < len(docs) && i < len(ds) {
		if c := ds[i]; c < 0x80 {
			d := doc + uint32(c>>1)
			if c&1 != 0 && d < max { // tf 1
				doc, docs[n], tfs[n] = d, d, 1
				i++
				n++
				continue
			}
			if c&1 == 0 && i+1 < len(ds) && ds[i+1] < 0x80 && ds[i+1] > 1 && d < max {
				doc, docs[n], tfs[n] = d, d, uint32(ds[i+1])
				i += 2
				n++
				continue
			}
		}
		it.i, it.doc = i, doc
		if !it.nextSlow() {
			return n
		}
		i, doc = it.i, it.doc
		docs[n], tfs[n] = doc, it.tf
		n++
	}
	it.i, it.doc = i, doc
	if n > 0 {
		it.tf = tfs[n-1]
	}
	return n
}

// next reads the next document into doc and tf; false at the end or on
// corrupt data (bad).
func (it *docIter) next() bool {
	var d, tf [1]uint32
	return it.fill(d[:], tf[:]) == 1
}

func (it *docIter) nextSlow() bool {
	if it.i >= len(it.ds) {
		return false
	}
	delta, tf, next, ok := readDoc(it.ds, it.i)
	d := it.doc + delta
	if !ok || d >= it.n || d < it.doc || it.i > 0 && delta == 0 || tf == 0 {
		it.bad, it.i = true, len(it.ds)
		return false
	}
	it.doc, it.tf, it.i = d, tf, next
	return true
}

// CheckFormat reports ErrFormat when the index's segments were written
// in a format this build does not read, so that the store rebuilds it.
func CheckFormat(ctx context.Context, st Storage) error {
	segs, err := st.Segments(ctx)
	if err != nil || len(segs) == 0 {
		return err
	}
	d, _, err := st.SegmentBlobs(ctx, segs[0].ID)
	if err != nil {
		return err
	}
	if _, err := unseal(kindDict, d); errors.Is(err, ErrFormat) {
		return err
	}
	return nil
}

// Columns returns the number of keyword and id columns of the index's
// documents, as its first segment has them (every segment of an index
// has the same): -1, -1 when the index is empty. Their meaning is the
// store's, which rebuilds an index whose documents have other columns.
func Columns(ctx context.Context, st Storage) (kw, refs int, err error) {
	segs, err := st.Segments(ctx)
	if err != nil || len(segs) == 0 {
		return -1, -1, err
	}
	_, cols, err := st.SegmentBlobs(ctx, segs[0].ID)
	if err != nil {
		return -1, -1, err
	}
	b, err := unseal(kindCols, cols)
	if err != nil {
		return -1, -1, err
	}
	r := reader{b: b}
	r.uvarint() // documents
	kw, refs = int(r.uvarint()), int(r.uvarint())
	if r.err != nil {
		return -1, -1, fmt.Errorf("%w: document columns", ErrCorrupt)
	}
	return kw, refs, nil
}
