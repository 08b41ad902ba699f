package index

import (
	"encoding/binary"
	"fmt"
)

// Doc is a document as the index knows it: the store's id for it, a date
// (YYYYMMDD, 0 when unknown: ranges and ties between equal scores), and
// its values in the keyword and id columns a filter asks about. What the
// columns mean is the store's business; every document of a segment has
// as many of each.
type Doc struct {
	ID       int64
	Date     int32
	Keywords []string
	Refs     []int64
}

// meta holds a segment's documents, column by column.
type meta struct {
	id     []int64
	length []uint32 // in positions, for BM25
	date   []int32
	kw     [][]uint16 // by keyword column: indexes into strs
	refs   [][]int64  // by id column
	strs   []string
}

func (m *meta) len() int { return len(m.id) }

// shape fixes the number of columns from the first document.
func (m *meta) shape(kw, refs int) error {
	if m.len() == 0 && m.kw == nil && m.refs == nil {
		m.kw, m.refs = make([][]uint16, kw), make([][]int64, refs)
		return nil
	}
	if kw != len(m.kw) || refs != len(m.refs) {
		return fmt.Errorf("index: a document of %d keyword and %d id columns among documents of %d and %d", kw, refs, len(m.kw), len(m.refs))
	}
	return nil
}

func (m *meta) add(d Doc, length int, in *interner) error {
	if err := m.shape(len(d.Keywords), len(d.Refs)); err != nil {
		return err
	}
	m.id = append(m.id, d.ID)
	m.length = append(m.length, uint32(length))
	m.date = append(m.date, d.Date)
	for c, v := range d.Keywords {
		m.kw[c] = append(m.kw[c], in.id(v))
	}
	for c, v := range d.Refs {
		m.refs[c] = append(m.refs[c], v)
	}
	return nil
}

// copyDoc appends document d of src (a segment being merged).
func (m *meta) copyDoc(src *meta, d int, in *interner) error {
	if err := m.shape(len(src.kw), len(src.refs)); err != nil {
		return err
	}
	m.id = append(m.id, src.id[d])
	m.length = append(m.length, src.length[d])
	m.date = append(m.date, src.date[d])
	for c := range src.kw {
		m.kw[c] = append(m.kw[c], in.id(src.strs[src.kw[c][d]]))
	}
	for c := range src.refs {
		m.refs[c] = append(m.refs[c], src.refs[c][d])
	}
	return nil
}

// interner gives each distinct string a small number.
type interner struct {
	ids  map[string]uint16
	strs []string
}

func (in *interner) id(s string) uint16 {
	if id, ok := in.ids[s]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]uint16{}
	}
	if len(in.strs) == 1<<16-1 {
		return 0 // more distinct values than filters could need: lumped
	}
	id := uint16(len(in.strs))
	in.ids[s] = id
	in.strs = append(in.strs, s)
	return id
}

// encode writes the columns (see docs/index-format.md):
//
//	uvarint(docs) uvarint(keyword columns) uvarint(id columns)
//	uvarint(strings) strings (uvarint length, bytes)
//	ids (zigzag deltas) lengths dates, keyword columns (string numbers),
//	id columns (zigzag deltas)
func (m *meta) encode() []byte {
	b := binary.AppendUvarint(nil, uint64(m.len()))
	b = binary.AppendUvarint(b, uint64(len(m.kw)))
	b = binary.AppendUvarint(b, uint64(len(m.refs)))
	b = binary.AppendUvarint(b, uint64(len(m.strs)))
	for _, s := range m.strs {
		b = appendString(b, s)
	}
	deltas := func(col []int64) {
		prev := int64(0)
		for _, v := range col {
			b = appendVarint(b, v-prev)
			prev = v
		}
	}
	deltas(m.id)
	for _, v := range m.length {
		b = binary.AppendUvarint(b, uint64(v))
	}
	for _, v := range m.date {
		b = binary.AppendUvarint(b, uint64(v))
	}
	for _, col := range m.kw {
		for _, v := range col {
			b = binary.AppendUvarint(b, uint64(v))
		}
	}
	for _, col := range m.refs {
		deltas(col)
	}
	return b
}

func decodeMeta(b []byte) (*meta, error) {
	r := reader{b: b}
	n := int(r.uvarint())
	nkw := int(r.uvarint())
	nrefs := int(r.uvarint())
	ns := int(r.uvarint())
	// Every document takes at least a byte a column: bounds that keep a
	// corrupt count from allocating much.
	if r.err != nil || n < 0 || n > len(b) || ns < 0 || ns > len(b) || nkw < 0 || nrefs < 0 || (nkw+nrefs+3)*n > len(b) || nkw+nrefs > len(b) {
		return nil, ErrCorrupt
	}
	m := &meta{strs: make([]string, ns), kw: make([][]uint16, nkw), refs: make([][]int64, nrefs)}
	for i := range m.strs {
		m.strs[i] = r.string()
	}
	ints := func() []int64 {
		out := make([]int64, n)
		prev := int64(0)
		for i := range out {
			prev += r.varint()
			out[i] = prev
		}
		return out
	}
	m.id = ints()
	m.length = make([]uint32, n)
	for i := range m.length {
		m.length[i] = uint32(r.uvarint())
	}
	m.date = make([]int32, n)
	for i := range m.date {
		m.date[i] = int32(r.uvarint())
	}
	for c := range m.kw {
		col := make([]uint16, n)
		for i := range col {
			v := r.uvarint()
			if v >= uint64(ns) && r.err == nil {
				r.err = ErrCorrupt
			}
			col[i] = uint16(v)
		}
		m.kw[c] = col
	}
	for c := range m.refs {
		m.refs[c] = ints()
	}
	if r.err != nil || r.i != len(b) {
		return nil, fmt.Errorf("%w: document columns", ErrCorrupt)
	}
	return m, nil
}
