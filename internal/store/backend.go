package store

import (
	"context"
	"iter"

	"github.com/verbatim-un/verbatim/record"
)

// Reader is what the server and the read commands ask of a store. The
// SQLite store implements it; a PostgreSQL store for multi-user
// deployments would implement it too, and the server would not change.
type Reader interface {
	Search(ctx context.Context, f Filter) (Result, error)
	Speeches(ctx context.Context, f Filter) (Result, error)
	Meeting(ctx context.Context, symbol, lang string) (*record.Meeting, error)
	Meetings(ctx context.Context, f Filter) ([]MeetingSummary, int, error)
	Stats(ctx context.Context, by string, f Filter) ([]Stat, error)
	Stored(ctx context.Context, symbols []string) (map[string]bool, error)
	// Export yields the meetings with speeches matching f (f.Query too),
	// each record narrowed to those speeches with their text: the exports'
	// source. See Store.Export for the order and the guarantees.
	Export(ctx context.Context, f Filter) iter.Seq2[*record.Meeting, error]
	Close() error
}

// Writer is what the ingest asks of a store: prepared records stored
// whole, and the full-text index kept compact.
type Writer interface {
	PutPrepared(ctx context.Context, ps []*Prepared) ([]PutResult, error)
	Compact(ctx context.Context) error
	Close() error
}

var (
	_ Reader = (*Store)(nil)
	_ Writer = (*Store)(nil)
)
