package index

import (
	"container/list"
	"context"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/search"
)

// Index reads the segments of one database. It keeps what it has decoded
// (dictionaries, document metadata, recently read chunks of postings):
// segments never change once written, so nothing it holds goes stale.
type Index struct {
	dfs     dfCache
	mu      sync.Mutex
	segs    map[int64]*segment
	loading map[int64]*sync.Mutex // one load of a segment at a time
	chunks  *lru
	masks   masks
	endings endings
}

// endings keeps, by segment and CJK character, the dictionary entries of
// the bigrams the character ends: finding them reads the whole
// dictionary, which a search for a lone character should do once.
type endings struct {
	mu sync.Mutex
	m  map[endingKey][]entry
}

type endingKey struct {
	seg int64
	c   string
}

// maxEndings bounds the lists kept.
const maxEndings = 4096

func (en *endings) get(s *segment, c string) []entry {
	key := endingKey{s.id, c}
	en.mu.Lock()
	es, ok := en.m[key]
	en.mu.Unlock()
	if ok {
		return es
	}
	it := s.dict.iterFrom(0)
	for it.next() {
		t := it.term
		if len(t) > len(c) && string(t[len(t)-len(c):]) == c && utf8.RuneCount(t) == 2 {
			if r, _ := utf8.DecodeRune(t); search.IsCJK(r) {
				es = append(es, it.e)
			}
		}
	}
	en.mu.Lock()
	if en.m == nil || len(en.m) >= maxEndings {
		en.m = map[endingKey][]entry{}
	}
	en.m[key] = es
	en.mu.Unlock()
	return es
}

// dfCache keeps terms' live document counts in segments with deleted
// documents.
type dfCache struct {
	mu sync.Mutex
	m  map[dfKey]int
}

type dfKey struct {
	seg, off int64
	ndel     int
}

// maxDFs bounds the counts kept.
const maxDFs = 1 << 16

func (c *dfCache) get(k dfKey) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.m[k]
	return n, ok
}

func (c *dfCache) put(k dfKey, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxDFs {
		c.m = map[dfKey]int{}
	}
	c.m[k] = n
}

// masks keeps the bitmaps of the documents a filter allows, by segment
// and filter.
type masks struct {
	mu sync.Mutex
	m  map[string][]uint64
}

// maxMasks bounds the bitmaps kept (16 KiB for 128k documents).
const maxMasks = 512

func (ms *masks) get(key string, build func() []uint64) []uint64 {
	ms.mu.Lock()
	m, ok := ms.m[key]
	ms.mu.Unlock()
	if ok {
		return m
	}
	m = build()
	ms.mu.Lock()
	if ms.m == nil || len(ms.m) >= maxMasks {
		ms.m = map[string][]uint64{} // rare: start again rather than track use
	}
	ms.m[key] = m
	ms.mu.Unlock()
	return m
}

// New returns an index reader keeping up to cacheBytes of postings.
func New(cacheBytes int64) *Index {
	return &Index{segs: map[int64]*segment{}, loading: map[int64]*sync.Mutex{}, chunks: newLRU(cacheBytes)}
}

type segment struct {
	id     int64
	docs   int
	tokens int64
	bytes  int64 // length of the postings stream
	dict   *dict
	meta   *meta

	once    sync.Once
	byID    []int64 // document ids, sorted, for tombstones
	byIDDoc []uint32
}

// docOf finds the document of an id in the segment.
func (s *segment) docOf(id int64) (uint32, bool) {
	s.once.Do(func() {
		idx := make([]uint32, len(s.meta.id))
		for i := range idx {
			idx[i] = uint32(i)
		}
		slices.SortFunc(idx, func(a, b uint32) int {
			return cmpInt64(s.meta.id[a], s.meta.id[b])
		})
		s.byID = make([]int64, len(idx))
		for i, d := range idx {
			s.byID[i] = s.meta.id[d]
		}
		s.byIDDoc = idx
	})
	i, ok := slices.BinarySearch(s.byID, id)
	if !ok {
		return 0, false
	}
	return s.byIDDoc[i], true
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// view is the index as one transaction of its storage sees it.
type view struct {
	mu   sync.Mutex // the transaction is used by one goroutine at a time
	ix   *Index
	ctx  context.Context
	st   Storage
	segs []*segment
	// Per segment: its deleted documents (nil: none) and how many.
	del   [][]uint64
	ndel  []int
	n     int     // live documents in all segments
	avgdl float64 // their mean length, in positions
}

// open lists the segments the transaction sees, loading new ones, and
// which of their documents are deleted.
func (ix *Index) open(ctx context.Context, st Storage) (*view, error) {
	v := &view{ix: ix, ctx: ctx, st: st}
	list, err := st.Segments(ctx)
	if err != nil {
		return nil, err
	}
	live := map[int64]bool{}
	for _, r := range list {
		live[r.ID] = true
		s, err := ix.segment(ctx, st, r)
		if err != nil {
			return nil, err
		}
		v.segs = append(v.segs, s)
	}
	// Forget merged-away segments (their chunks age out of the cache).
	ix.mu.Lock()
	for id := range ix.segs {
		if !live[id] && len(list) > 0 && id < list[len(list)-1].ID {
			delete(ix.segs, id)
		}
	}
	ix.mu.Unlock()
	tombs, err := st.Tombstones(ctx)
	if err != nil {
		return nil, err
	}
	// BM25's statistics count live documents only: a replaced record
	// must not change the scores of other searches.
	v.del = make([][]uint64, len(v.segs))
	v.ndel = make([]int, len(v.segs))
	var tokens int64
	for si, s := range v.segs {
		tokens += s.tokens
		for _, t := range tombs {
			if s.id >= t.Before {
				continue
			}
			d, ok := s.docOf(t.ID)
			if !ok {
				continue
			}
			if v.del[si] == nil {
				v.del[si] = make([]uint64, (s.docs+63)/64)
			}
			if v.del[si][d/64]&(1<<(d%64)) == 0 {
				v.del[si][d/64] |= 1 << (d % 64)
				v.ndel[si]++
				tokens -= int64(s.meta.length[d])
			}
		}
		v.n += s.docs - v.ndel[si]
	}
	if v.n > 0 {
		v.avgdl = float64(tokens) / float64(v.n)
	}
	if v.avgdl <= 0 {
		v.avgdl = 1
	}
	return v, nil
}

// liveDF is a term's number of live documents in segment si.
func (v *view) liveDF(si int, e entry) (int, error) {
	del := v.del[si]
	if del == nil {
		return e.df, nil
	}
	s := v.segs[si]
	// A segment's tombstones only grow until it is merged away: the
	// count is kept for as many as it had.
	key := dfKey{s.id, e.off, v.ndel[si]}
	if n, ok := v.ix.dfs.get(key); ok {
		return n, nil
	}
	ds, err := v.docs(s, e)
	if err != nil {
		return 0, err
	}
	it := docIter{ds: ds, n: uint32(s.docs)}
	n := 0
	for it.next() {
		if del[it.doc/64]&(1<<(it.doc%64)) == 0 {
			n++
		}
	}
	if it.bad {
		return 0, fmt.Errorf("segment %d: %w: postings", s.id, ErrCorrupt)
	}
	v.ix.dfs.put(key, n)
	return n, nil
}

// segment returns a segment, loading it once however many searches ask
// for it at the same time.
func (ix *Index) segment(ctx context.Context, st Storage, info SegmentInfo) (*segment, error) {
	id := info.ID
	ix.mu.Lock()
	s := ix.segs[id]
	l := ix.loading[id]
	if s == nil && l == nil {
		l = &sync.Mutex{}
		ix.loading[id] = l
	}
	ix.mu.Unlock()
	if s != nil {
		return s, nil
	}
	l.Lock()
	defer l.Unlock()
	ix.mu.Lock()
	s = ix.segs[id]
	ix.mu.Unlock()
	if s != nil {
		return s, nil
	}
	s, err := loadSegment(ctx, st, info)
	if err != nil {
		return nil, err
	}
	ix.mu.Lock()
	ix.segs[id] = s
	delete(ix.loading, id)
	ix.mu.Unlock()
	return s, nil
}

func loadSegment(ctx context.Context, st Storage, info SegmentInfo) (*segment, error) {
	id := info.ID
	d, m, err := st.SegmentBlobs(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("segment %d: %w", id, err)
	}
	if d, err = unseal(kindDict, d); err != nil {
		return nil, fmt.Errorf("segment %d: dictionary: %w", id, err)
	}
	if m, err = unseal(kindCols, m); err != nil {
		return nil, fmt.Errorf("segment %d: documents: %w", id, err)
	}
	dc, err := decodeDict(d)
	if err != nil {
		return nil, fmt.Errorf("segment %d: %w", id, err)
	}
	mt, err := decodeMeta(m)
	if err != nil {
		return nil, fmt.Errorf("segment %d: %w", id, err)
	}
	if mt.len() != info.Docs {
		return nil, fmt.Errorf("segment %d: %w: %d documents, %d described", id, ErrCorrupt, info.Docs, mt.len())
	}
	return &segment{id: id, docs: info.Docs, tokens: info.Tokens, bytes: info.Bytes, dict: dc, meta: mt}, nil
}

// chunk returns one chunk of a segment's postings.
func (v *view) chunk(s *segment, n int) ([]byte, error) {
	seg := s.id
	if n < 0 || int64(n)*chunkSize >= s.bytes {
		return nil, fmt.Errorf("segment %d: %w: chunk %d past its postings", seg, ErrCorrupt, n)
	}
	id := chunkKey(seg, n)
	if b, ok := v.ix.chunks.get(id); ok {
		return b, nil
	}
	v.mu.Lock()
	b, err := v.st.Chunk(v.ctx, seg, n)
	v.mu.Unlock()
	if err == nil {
		b, err = unseal(kindChunk, b)
	}
	if err != nil {
		return nil, fmt.Errorf("segment %d chunk %d: %w", seg, n, err)
	}
	v.ix.chunks.put(id, b)
	return b, nil
}

// read returns n bytes of a segment's postings from off: a view of a
// cached chunk when they lie in one, else a copy.
func (v *view) read(s *segment, off int64, n int) ([]byte, error) {
	seg := s.id
	if n == 0 {
		return nil, nil
	}
	if off < 0 || n < 0 || off+int64(n) > s.bytes {
		return nil, fmt.Errorf("segment %d: %w: postings past the end", seg, ErrCorrupt)
	}
	first := int(off >> chunkShift)
	last := int((off + int64(n) - 1) >> chunkShift)
	start := int(off & (chunkSize - 1))
	if first == last {
		c, err := v.chunk(s, first)
		if err != nil {
			return nil, err
		}
		if start+n > len(c) {
			return nil, fmt.Errorf("segment %d: %w: postings past the end", seg, ErrCorrupt)
		}
		return c[start : start+n], nil
	}
	out := make([]byte, 0, n)
	for i := first; i <= last; i++ {
		c, err := v.chunk(s, i)
		if err != nil {
			return nil, err
		}
		lo := 0
		if i == first {
			lo = start
		}
		hi := min(len(c), lo+n-len(out))
		if lo > hi {
			return nil, fmt.Errorf("segment %d: %w: postings past the end", seg, ErrCorrupt)
		}
		out = append(out, c[lo:hi]...)
	}
	if len(out) != n {
		return nil, fmt.Errorf("segment %d: %w: postings past the end", seg, ErrCorrupt)
	}
	return out, nil
}

// lru keeps recently read chunks up to a number of bytes.
type lru struct {
	mu    sync.Mutex
	max   int64
	size  int64
	ll    *list.List
	items map[int64]*list.Element
}

type lruItem struct {
	id int64
	b  []byte
}

func newLRU(max int64) *lru {
	return &lru{max: max, ll: list.New(), items: map[int64]*list.Element{}}
}

func (c *lru) get(id int64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[id]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*lruItem).b, true
	}
	return nil, false
}

func (c *lru) put(id int64, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[id]; ok || int64(len(b)) > c.max {
		return
	}
	c.items[id] = c.ll.PushFront(&lruItem{id, b})
	c.size += int64(len(b))
	for c.size > c.max {
		e := c.ll.Back()
		it := e.Value.(*lruItem)
		c.ll.Remove(e)
		delete(c.items, it.id)
		c.size -= int64(len(it.b))
	}
}
