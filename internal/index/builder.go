package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/verbatim-un/verbatim/internal/search"
)

// PartBuilder indexes documents in memory, numbered from 0, without
// their metadata: the ingest's workers build a part for each record, and
// the writer joins parts into a segment by copying bytes.
//
// Adding a text only notes the number and position of each of its terms;
// Part groups them by term once, in one counting sort.
type PartBuilder struct {
	short  map[uint64]int32 // terms of up to 7 bytes (every CJK bigram), packed
	long   map[string]int32
	terms  []string
	seq    []int32 // the term of each token, the documents one after another
	pos    []int32 // the position of each token in its document
	starts []int32 // where each document starts in seq
}

// Len is the number of documents added.
func (pb *PartBuilder) Len() int { return len(pb.starts) }

// Add indexes the next document's text (package search's Tokens).
func (pb *PartBuilder) Add(text string) {
	if pb.short == nil {
		pb.short = make(map[uint64]int32, 1024)
		pb.long = map[string]int32{}
	}
	pb.starts = append(pb.starts, int32(len(pb.seq)))
	search.Tokens(text, pb.emit)
}

func (pb *PartBuilder) emit(t string, pos int) {
	pb.pos = append(pb.pos, int32(pos))
	var id int32
	var ok bool
	if len(t) <= 7 {
		k := uint64(len(t)) << 56
		for i := 0; i < len(t); i++ {
			k |= uint64(t[i]) << (8 * i)
		}
		if id, ok = pb.short[k]; !ok {
			id = int32(len(pb.terms))
			pb.short[k] = id
			pb.terms = append(pb.terms, t)
		}
	} else if id, ok = pb.long[t]; !ok {
		id = int32(len(pb.terms))
		pb.long[t] = id
		pb.terms = append(pb.terms, t)
	}
	pb.seq = append(pb.seq, id)
}

// Part encodes what was added: its terms sorted, each with its documents
// and positions as a segment stores them.
func (pb *PartBuilder) Part() *Part {
	nd := len(pb.starts)
	p := &Part{lens: make([]uint32, nd), tokens: int64(len(pb.seq))}
	docOf := make([]int32, len(pb.seq))
	for d := range nd {
		end := int32(len(pb.seq))
		if d+1 < nd {
			end = pb.starts[d+1]
		}
		p.lens[d] = uint32(end - pb.starts[d])
		for i := pb.starts[d]; i < end; i++ {
			docOf[i] = int32(d)
		}
	}
	// Group the positions by term: a counting sort keeps each term's in
	// document and position order.
	nt := len(pb.terms)
	first := make([]int32, nt+1)
	for _, id := range pb.seq {
		first[id+1]++
	}
	for i := 1; i <= nt; i++ {
		first[i] += first[i-1]
	}
	byTerm := make([]int32, len(pb.seq))
	fill := slices.Clone(first[:nt])
	for i, id := range pb.seq {
		byTerm[fill[id]] = int32(i)
		fill[id]++
	}
	order := make([]int32, nt)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(pb.terms[a], pb.terms[b]) })

	p.terms = make([]string, nt)
	p.offs = make([]int32, nt+1)
	p.dl = make([]int32, nt)
	p.ll = make([]int32, nt)
	p.df = make([]int32, nt)
	p.last = make([]uint32, nt)
	var ds, ls, ps []byte
	for k, id := range order {
		p.terms[k] = pb.terms[id]
		ds, ls, ps = ds[:0], ls[:0], ps[:0]
		occ := byTerm[first[id]:first[id+1]]
		df := 0
		prevDoc := int32(0)
		for j := 0; j < len(occ); {
			d := docOf[occ[j]]
			start := len(ps)
			last := int32(0)
			tf := 0
			for ; j < len(occ) && docOf[occ[j]] == d; j++ {
				pos := pb.pos[occ[j]]
				ps = binary.AppendUvarint(ps, uint64(pos-last))
				last = pos
				tf++
			}
			ds = appendDoc(ds, uint32(d-prevDoc), uint32(tf))
			ls = binary.AppendUvarint(ls, uint64(len(ps)-start))
			prevDoc = d
			df++
		}
		p.dl[k] = int32(len(ds))
		p.ll[k] = int32(len(ls))
		p.df[k] = int32(df)
		p.last[k] = uint32(prevDoc)
		p.data = append(p.data, ds...)
		p.data = append(p.data, ls...)
		p.data = append(p.data, ps...)
		p.offs[k+1] = int32(len(p.data))
	}
	return p
}

// Part is documents indexed in memory, ready to join a segment.
type Part struct {
	lens   []uint32
	tokens int64
	terms  []string
	offs   []int32 // term i: data[offs[i]:offs[i+1]]: docs, lens, positions (see postings)
	dl, ll []int32 // lengths of term i's docs and lens
	df     []int32
	last   []uint32 // term i's last document
	data   []byte
}

// Docs is the number of documents in the part.
func (p *Part) Docs() int { return len(p.lens) }

// Builder joins parts, with their documents' columns, into a segment.
type Builder struct {
	parts   []*Part
	m       meta
	in      interner
	tokens  int64
	pending PartBuilder // documents added one by one
	pdocs   []Doc
	err     error
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder { return &Builder{} }

// Len is the number of documents added.
func (b *Builder) Len() int { return b.m.len() + len(b.pdocs) }

// AddPart adds a part's documents, described by docs (one for each).
func (b *Builder) AddPart(p *Part, docs []Doc) error {
	if len(docs) != p.Docs() {
		return fmt.Errorf("index: %d documents described for a part of %d", len(docs), p.Docs())
	}
	b.flushPending()
	for _, d := range docs {
		if err := b.m.shape(len(d.Keywords), len(d.Refs)); err != nil {
			return err
		}
	}
	for i, d := range docs {
		b.m.add(d, int(p.lens[i]), &b.in)
	}
	b.parts = append(b.parts, p)
	b.tokens += p.tokens
	return nil
}

// Add indexes a document.
func (b *Builder) Add(d Doc, text string) {
	b.pending.Add(text)
	b.pdocs = append(b.pdocs, d)
}

func (b *Builder) flushPending() {
	if len(b.pdocs) == 0 {
		return
	}
	p, docs := b.pending.Part(), b.pdocs
	b.pending, b.pdocs = PartBuilder{}, nil
	if err := b.AddPart(p, docs); err != nil && b.err == nil {
		b.err = err
	}
}

// Write stores the builder's documents as a new segment, and hides the
// documents of ids deleted from every older segment, in the storage's
// transaction. It returns the segment's id (0 when there was nothing to
// write).
func (b *Builder) Write(ctx context.Context, st Storage, deleted []int64) (int64, error) {
	b.flushPending()
	if b.err != nil {
		return 0, b.err
	}
	if b.m.len() == 0 && len(deleted) == 0 {
		return 0, nil
	}
	b.m.strs = b.in.strs
	id, err := st.NewSegmentID(ctx)
	if err != nil {
		return 0, err
	}
	ins := make([]mergeInput, len(b.parts))
	base := uint32(0)
	for i, p := range b.parts {
		ins[i].src = &partSource{p: p, base: base}
		ins[i].term, ins[i].ok = ins[i].src.next()
		base += uint32(p.Docs())
	}
	w := &segmentWriter{cw: &chunkWriter{ctx: ctx, st: st, seg: id}}
	if err := mergeTerms(ins, w); err != nil {
		return 0, err
	}
	return id, w.finish(SegmentInfo{ID: id, Docs: b.m.len(), Tokens: b.tokens}, &b.m, deleted)
}

// partSource is a part of a batch as a merge input.
type partSource struct {
	p    *Part
	h    int // the next term
	base uint32
}

func (s *partSource) next() (string, bool) {
	if s.h >= len(s.p.terms) {
		return "", false
	}
	s.h++
	return s.p.terms[s.h-1], true
}

func (s *partSource) add(j *joined) error {
	p, h := s.p, s.h-1
	post := p.data[p.offs[h]:p.offs[h+1]]
	dl, ll := p.dl[h], p.dl[h]+p.ll[h]
	return j.addShifted(postings{docs: post[:dl], lens: post[dl:ll], pos: post[ll:]}, s.base, int(p.df[h]), p.last[h])
}

// A merge input walks its terms in order; add appends the postings of the
// term it is on. Builder.Write merges a batch's parts, mergeSegments the
// segments it replaces, with the same loop (mergeTerms).
type termSource interface {
	next() (string, bool)
	add(j *joined) error
}

type mergeInput struct {
	term string // the input's current term
	ok   bool
	src  termSource
}

// mergeTerms writes the inputs' terms in order, each with the postings
// of all the inputs that have it, joined in the inputs' order.
func mergeTerms(ins []mergeInput, w *segmentWriter) error {
	var j joined
	for {
		// The smallest term at the inputs' heads: inputs are few (a
		// batch's records, eight segments) and their terms sorted.
		term, found := "", false
		for i := range ins {
			if ins[i].ok && (!found || ins[i].term < term) {
				term, found = ins[i].term, true
			}
		}
		if !found {
			return nil
		}
		j.reset()
		for i := range ins {
			x := &ins[i]
			if !x.ok || x.term != term {
				continue
			}
			if err := x.src.add(&j); err != nil {
				return fmt.Errorf("postings of %q: %w", term, err)
			}
			x.term, x.ok = x.src.next()
		}
		if j.df == 0 {
			continue // only in deleted documents
		}
		if err := w.add(term, &j); err != nil {
			return err
		}
	}
}

// joined is one term's postings gathered from several sources (parts of a
// batch, segments being merged) in document order.
type joined struct {
	postings
	df   int
	prev uint32 // the last document so far
}

func (j *joined) reset() {
	j.docs, j.lens, j.pos = j.docs[:0], j.lens[:0], j.pos[:0]
	j.df, j.prev = 0, 0
}

// addShifted appends a source's postings whole, its documents numbered
// from base on: only the first document's delta changes.
func (j *joined) addShifted(p postings, base uint32, df int, last uint32) error {
	var err error
	if j.docs, err = appendShifted(j.docs, p.docs, base-j.prev); err != nil {
		return err
	}
	j.lens = append(j.lens, p.lens...)
	j.pos = append(j.pos, p.pos...)
	j.prev = base + last
	j.df += df
	return nil
}

// addDoc appends one document (new number d) and its positions.
func (j *joined) addDoc(d, tf uint32, pos []byte) {
	j.docs = appendDoc(j.docs, d-j.prev, tf)
	j.lens = binary.AppendUvarint(j.lens, uint64(len(pos)))
	j.pos = append(j.pos, pos...)
	j.prev = d
	j.df++
}

// segmentWriter writes a new segment's postings, term by term in order,
// and keeps its dictionary.
type segmentWriter struct {
	cw    *chunkWriter
	terms []string
	es    []entry
	enc   []byte
}

func (w *segmentWriter) add(term string, j *joined) error {
	w.enc = j.append(w.enc[:0])
	w.terms = append(w.terms, term)
	w.es = append(w.es, entry{df: j.df, off: w.cw.off, n: len(w.enc), last: j.prev})
	return w.cw.write(w.enc)
}

// finish writes the last chunk, the segment's row and the tombstones
// marked with its id.
func (w *segmentWriter) finish(si SegmentInfo, m *meta, deleted []int64) error {
	cw := w.cw
	if err := cw.close(); err != nil {
		return err
	}
	if m.strs == nil {
		m.strs = []string{}
	}
	si.Bytes = cw.off
	if err := cw.st.PutSegment(cw.ctx, si, seal(kindDict, encodeDict(w.terms, w.es)), seal(kindCols, m.encode())); err != nil {
		return err
	}
	if len(deleted) == 0 {
		return nil
	}
	ts := make([]Tombstone, len(deleted))
	for i, id := range deleted {
		ts[i] = Tombstone{ID: id, Before: si.ID}
	}
	return cw.st.PutTombstones(cw.ctx, ts)
}

// chunkWriter cuts a segment's postings stream into sealed chunks as it
// grows.
type chunkWriter struct {
	ctx    context.Context
	st     Storage
	seg    int64
	buf    []byte
	sealed []byte
	off    int64 // stream length so far
	n      int   // chunks written
}

func (cw *chunkWriter) write(p []byte) error {
	cw.buf = append(cw.buf, p...)
	cw.off += int64(len(p))
	for len(cw.buf) >= chunkSize {
		if err := cw.put(cw.buf[:chunkSize]); err != nil {
			return err
		}
		cw.buf = append(cw.buf[:0], cw.buf[chunkSize:]...)
	}
	return nil
}

func (cw *chunkWriter) put(b []byte) error {
	cw.sealed = sealClose(append(sealHeader(cw.sealed[:0], kindChunk), b...))
	if err := cw.st.PutChunk(cw.ctx, cw.seg, cw.n, cw.sealed); err != nil {
		return err
	}
	cw.n++
	return nil
}

func (cw *chunkWriter) close() error {
	if len(cw.buf) > 0 {
		if err := cw.put(cw.buf); err != nil {
			return err
		}
		cw.buf = cw.buf[:0]
	}
	return nil
}
