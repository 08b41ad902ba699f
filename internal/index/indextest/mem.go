// Package indextest holds what tests of package index and of the stores
// that keep it share: a storage in memory, and the oracle test that any
// storage must pass.
package indextest

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/verbatim-un/verbatim/internal/index"
)

// Mem keeps an index in memory. Update copies the state, runs fn on the
// copy and keeps it if fn succeeds, so a failed write leaves nothing, as
// a rolled-back transaction does.
type Mem struct {
	mu    sync.Mutex // the writer lock
	state *memState
}

type memState struct {
	next   int64
	segs   map[int64]memSeg
	chunks map[[2]int64][]byte
	tombs  []index.Tombstone
}

type memSeg struct {
	info       index.SegmentInfo
	dict, cols []byte
}

// NewMem returns an empty index storage.
func NewMem() *Mem {
	return &Mem{state: &memState{next: 1, segs: map[int64]memSeg{}, chunks: map[[2]int64][]byte{}}}
}

func (s *memState) clone() *memState {
	return &memState{next: s.next, segs: maps.Clone(s.segs), chunks: maps.Clone(s.chunks), tombs: slices.Clone(s.tombs)}
}

// Update runs fn in a write transaction.
func (m *Mem) Update(ctx context.Context, fn func(index.Storage) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{s: m.state.clone()}
	if err := fn(tx); err != nil {
		return err
	}
	m.state = tx.s
	return nil
}

// View runs fn on the current state (which no write changes: writes
// replace it).
func (m *Mem) View(ctx context.Context, fn func(index.Storage) error) error {
	m.mu.Lock()
	st := m.state
	m.mu.Unlock()
	return fn(&memTx{s: st, ro: true})
}

// Blobs calls fn with every blob, which it may change in place: tests of
// corrupt data.
func (m *Mem) Blobs(fn func(b []byte)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range slices.Sorted(maps.Keys(m.state.segs)) {
		s := m.state.segs[id]
		fn(s.dict)
		fn(s.cols)
	}
	keys := slices.SortedFunc(maps.Keys(m.state.chunks), func(a, b [2]int64) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	for _, k := range keys {
		fn(m.state.chunks[k])
	}
}

type memTx struct {
	s  *memState
	ro bool
}

var errReadOnly = errors.New("indextest: write in a read-only transaction")

func (t *memTx) Segments(ctx context.Context) ([]index.SegmentInfo, error) {
	var out []index.SegmentInfo
	for _, id := range slices.Sorted(maps.Keys(t.s.segs)) {
		out = append(out, t.s.segs[id].info)
	}
	return out, nil
}

func (t *memTx) SegmentBlobs(ctx context.Context, id int64) ([]byte, []byte, error) {
	s, ok := t.s.segs[id]
	if !ok {
		return nil, nil, errors.New("indextest: no such segment")
	}
	return s.dict, s.cols, nil
}

func (t *memTx) Chunk(ctx context.Context, seg int64, n int) ([]byte, error) {
	c, ok := t.s.chunks[[2]int64{seg, int64(n)}]
	if !ok {
		return nil, errors.New("indextest: no such chunk")
	}
	return c, nil
}

func (t *memTx) Tombstones(ctx context.Context) ([]index.Tombstone, error) {
	return slices.Clone(t.s.tombs), nil
}

func (t *memTx) NewSegmentID(ctx context.Context) (int64, error) {
	if t.ro {
		return 0, errReadOnly
	}
	return t.s.next, nil
}

func (t *memTx) PutChunk(ctx context.Context, seg int64, n int, data []byte) error {
	if t.ro {
		return errReadOnly
	}
	t.s.chunks[[2]int64{seg, int64(n)}] = slices.Clone(data)
	return nil
}

func (t *memTx) PutSegment(ctx context.Context, si index.SegmentInfo, dict, cols []byte) error {
	if t.ro {
		return errReadOnly
	}
	if si.ID < t.s.next {
		return errors.New("indextest: segment id given before")
	}
	t.s.segs[si.ID] = memSeg{si, slices.Clone(dict), slices.Clone(cols)}
	t.s.next = si.ID + 1
	return nil
}

func (t *memTx) PutTombstones(ctx context.Context, ts []index.Tombstone) error {
	if t.ro {
		return errReadOnly
	}
	t.s.tombs = append(t.s.tombs, ts...)
	return nil
}

func (t *memTx) DeleteSegment(ctx context.Context, id int64) error {
	if t.ro {
		return errReadOnly
	}
	delete(t.s.segs, id)
	for k := range t.s.chunks {
		if k[0] == id {
			delete(t.s.chunks, k)
		}
	}
	return nil
}

func (t *memTx) DeleteTombstones(ctx context.Context, before int64) error {
	if t.ro {
		return errReadOnly
	}
	t.s.tombs = slices.DeleteFunc(t.s.tombs, func(x index.Tombstone) bool { return x.Before <= before })
	return nil
}
