package store

import (
	"bytes"
	"context"
	"testing"

	"github.com/verbatim-un/verbatim/internal/index"
)

// TestChunkBatch: chunks held back by a write transaction's storage are
// all in the database for the index's next statement and at commit, each
// as it was given, though the index reuses its buffer.
func TestChunkBatch(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	tx, err := s.begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	ix := writeIx(tx)
	buf := make([]byte, 40_000)
	const n = 60 // 2.4 MB: flushed twice on the way, the rest by flush
	for i := range n {
		for j := range buf {
			buf[j] = byte(i + j)
		}
		if err := ix.PutChunk(ctx, 7, i, buf); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ix.Chunk(ctx, 7, n-1)
	if err != nil {
		t.Fatalf("the last chunk, read in the transaction: %v", err)
	}
	if got[0] != byte(n-1) {
		t.Errorf("the last chunk starts with %d, want %d", got[0], n-1)
	}
	if err := ix.PutChunk(ctx, 8, 0, []byte("after a read")); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutSegment(ctx, index.SegmentInfo{ID: 8}, []byte("d"), []byte("c")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var count int
	if err := s.db.QueryRow(`SELECT count(*) FROM ix_chunks`).Scan(&count); err != nil {
		t.Fatal(err)
	}
	if count != n+1 {
		t.Fatalf("%d chunks stored, want %d", count, n+1)
	}
	for i := range n {
		var b []byte
		if err := s.db.QueryRow(`SELECT data FROM ix_chunks WHERE id = ?`, chunkID(7, i)).Scan(&b); err != nil {
			t.Fatal(err)
		}
		for j := range buf {
			buf[j] = byte(i + j)
		}
		if !bytes.Equal(b, buf) {
			t.Fatalf("chunk %d differs from what was put", i)
		}
	}
}
