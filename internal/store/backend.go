package store

import (
	"context"
	"iter"

	"github.com/verbatim-un/verbatim/internal/align"
	"github.com/verbatim-un/verbatim/record"
)

// Reader is what the server and the read commands ask of a store. The
// SQLite store implements it; a PostgreSQL store for multi-user
// deployments would implement it too, and the server would not change.
//
// Symbols are matched in any case (s/pv.7796). Every filter of a search
// is applied by the full-text index, so its total is exact; counts and
// listings by country leave out the chair's procedural turns unless
// Filter.IncludeChair.
type Reader interface {
	Search(ctx context.Context, f Filter) (Result, error)
	Speeches(ctx context.Context, f Filter) (Result, error)
	Meeting(ctx context.Context, symbol, lang string) (*record.Meeting, error)
	Meetings(ctx context.Context, f Filter) ([]MeetingSummary, int, error)
	Stats(ctx context.Context, by string, f Filter) ([]Stat, error)
	Stored(ctx context.Context, symbols []string) (map[string]bool, error)

	// MeetingList lists meetings one row a meeting (parts and language
	// versions together) with subject, languages, parts and speeches,
	// filtered by language, body, year and text in the subject, sorted
	// (MeetingSorts) and paged; with the total.
	MeetingList(ctx context.Context, f MeetingFilter) ([]MeetingListing, int, error)
	// MeetingVersions lists the stored records (part × language) of the
	// meeting a symbol names, in any case.
	MeetingVersions(ctx context.Context, symbol string) ([]MeetingVersion, error)
	// MeetingRange is a record with only the speeches at positions
	// [offset, offset+limit), and the number it has: a page of a meeting
	// of any size in bounded memory.
	MeetingRange(ctx context.Context, symbol, lang string, offset, limit int) (*record.Meeting, int, error)
	// MeetingPersons maps a record's speeches with seq in [from, to] to
	// their person (id, name) and tells the chair's procedural turns.
	MeetingPersons(ctx context.Context, symbol, lang string, from, to int) (map[int]PersonRef, map[int]bool, error)
	// People lists the people who speak (package people), most speeches
	// first, with the total.
	People(ctx context.Context, f PeopleFilter) ([]PersonSummary, int, error)
	// Person is one person: counts, speeches by year, roles, meetings;
	// ErrNotFound when no speech is theirs.
	Person(ctx context.Context, id string) (*Person, error)
	// Facets counts the speeches a search matches by body, year, country,
	// language of delivery and role.
	Facets(ctx context.Context, f Filter) (Facets, error)
	// Export yields the meetings with speeches matching f (f.Query too),
	// each record narrowed to those speeches with their text: the exports'
	// source. See Store.Export for the order and the guarantees.
	Export(ctx context.Context, f Filter) iter.Seq2[*record.Meeting, error]
	// Align aligns the stored language versions of a meeting (package
	// align); ErrNotFound when none is stored, ErrFewVersions when fewer
	// than two of those asked for are.
	Align(ctx context.Context, symbol string, langs []string) (*align.Alignment, error)
	// MeetingLinks maps a record's speeches with seq in [from, to] to the
	// same speech in the meeting's other stored language versions.
	MeetingLinks(ctx context.Context, symbol, lang string, from, to int) (map[int][]Version, error)
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
