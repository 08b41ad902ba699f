package store

import (
	"bytes"
	"context"

	"github.com/verbatim-un/verbatim/internal/index"
)

// batchIx is ixTx for a transaction that writes segments in PostgreSQL,
// where each statement is a round trip: chunks are sent a megabyte at a
// time, and before any other statement of the index, so that the
// statements that follow see them all. The transaction's owner flushes
// it before committing.
type batchIx struct {
	ixTx
	ids   []int64
	data  [][]byte
	bytes int
}

const chunkBatchBytes = 1 << 20

// writeStorage is the index's storage in a write transaction.
type writeStorage interface {
	index.Storage
	flush(ctx context.Context) error
}

// writeIx is the index's storage for the write transaction t.
func writeIx(t tx) writeStorage {
	if !t.pg {
		return ixTx{t}
	}
	return &batchIx{ixTx: ixTx{t}}
}

// flush for SQLite, where chunks are written as they come.
func (t ixTx) flush(context.Context) error { return nil }

func (b *batchIx) flush(ctx context.Context) error {
	if len(b.ids) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, `INSERT INTO ix_chunks (id, data) SELECT * FROM unnest(?::bigint[], ?::bytea[])`, b.ids, b.data)
	b.ids, b.data, b.bytes = b.ids[:0], b.data[:0], 0
	return err
}

func (b *batchIx) PutChunk(ctx context.Context, seg int64, n int, data []byte) error {
	// The index reuses data's array for the next chunk.
	b.ids, b.data = append(b.ids, chunkID(seg, n)), append(b.data, bytes.Clone(data))
	if b.bytes += len(data); b.bytes >= chunkBatchBytes {
		return b.flush(ctx)
	}
	return nil
}

func (b *batchIx) Segments(ctx context.Context) ([]index.SegmentInfo, error) {
	if err := b.flush(ctx); err != nil {
		return nil, err
	}
	return b.ixTx.Segments(ctx)
}

func (b *batchIx) SegmentBlobs(ctx context.Context, id int64) (dict, cols []byte, err error) {
	if err := b.flush(ctx); err != nil {
		return nil, nil, err
	}
	return b.ixTx.SegmentBlobs(ctx, id)
}

func (b *batchIx) Chunk(ctx context.Context, seg int64, n int) ([]byte, error) {
	if err := b.flush(ctx); err != nil {
		return nil, err
	}
	return b.ixTx.Chunk(ctx, seg, n)
}

func (b *batchIx) Tombstones(ctx context.Context) ([]index.Tombstone, error) {
	if err := b.flush(ctx); err != nil {
		return nil, err
	}
	return b.ixTx.Tombstones(ctx)
}

func (b *batchIx) NewSegmentID(ctx context.Context) (int64, error) {
	if err := b.flush(ctx); err != nil {
		return 0, err
	}
	return b.ixTx.NewSegmentID(ctx)
}

func (b *batchIx) PutSegment(ctx context.Context, s index.SegmentInfo, dict, cols []byte) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	return b.ixTx.PutSegment(ctx, s, dict, cols)
}

func (b *batchIx) PutTombstones(ctx context.Context, ts []index.Tombstone) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	return b.ixTx.PutTombstones(ctx, ts)
}

func (b *batchIx) DeleteSegment(ctx context.Context, id int64) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	return b.ixTx.DeleteSegment(ctx, id)
}

func (b *batchIx) DeleteTombstones(ctx context.Context, before int64) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	return b.ixTx.DeleteTombstones(ctx, before)
}

// storageTx is the transaction an index storage of the store writes in.
func storageTx(st index.Storage) (tx, bool) {
	switch s := st.(type) {
	case ixTx:
		return s.tx, true
	case *batchIx:
		return s.tx, true
	}
	return tx{}, false
}
