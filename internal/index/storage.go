package index

import "context"

// Storage is what the index asks of the database that holds it, inside
// one of its transactions: package index writes no SQL, so the store can
// keep segments in SQLite or PostgreSQL with the records they index, and
// the tests in memory. Blobs are handed over as the index sealed them
// (see docs/index-format.md); a storage only keeps bytes.
type Storage interface {
	// Segments lists the segments, by increasing id.
	Segments(ctx context.Context) ([]SegmentInfo, error)
	// SegmentBlobs returns a segment's dictionary and document columns.
	SegmentBlobs(ctx context.Context, id int64) (dict, cols []byte, err error)
	// Chunk returns the n-th chunk of a segment's postings.
	Chunk(ctx context.Context, seg int64, n int) ([]byte, error)
	// Tombstones lists the documents hidden from older segments.
	Tombstones(ctx context.Context) ([]Tombstone, error)

	// NewSegmentID returns an id above every segment's, never given
	// before, for the segment about to be written.
	NewSegmentID(ctx context.Context) (int64, error)
	PutChunk(ctx context.Context, seg int64, n int, data []byte) error
	PutSegment(ctx context.Context, s SegmentInfo, dict, cols []byte) error
	PutTombstones(ctx context.Context, ts []Tombstone) error
	// DeleteSegment removes a segment and its chunks.
	DeleteSegment(ctx context.Context, id int64) error
	// DeleteTombstones removes the tombstones whose Before is at most
	// before: they hide nothing any more.
	DeleteTombstones(ctx context.Context, before int64) error
}

// DB runs the index's writes that are not part of a record's
// transaction (merges), each in a write transaction of its own, with the
// writer lock held, committed when fn returns nil.
type DB interface {
	Update(ctx context.Context, fn func(Storage) error) error
}

// SegmentInfo is a segment's row: its id, document and token counts and
// the length of its postings stream.
type SegmentInfo struct {
	ID     int64
	Docs   int
	Tokens int64
	Bytes  int64
}

// Tombstone hides document ID in the segments whose id is below Before.
type Tombstone struct {
	ID, Before int64
}
