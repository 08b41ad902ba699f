package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/record"
)

// Export yields, one at a time, the stored meetings that have speeches
// matching f, each record narrowed to those speeches (with their text),
// for the exports. With f.Query the speeches are exactly those Search
// counts in Total; without, those Speeches counts (by country, the
// chair's procedural turns only with f.IncludeChair). Meetings come in
// order of date, then in the order they were stored; speeches in their
// order.
// Limit and Offset are ignored: everything that matches is yielded.
//
// The whole export reads one snapshot of the store (one read
// transaction), a page of meetings at a time: memory does not grow with
// the store. A record's events, references and agenda are those of the
// whole meeting; a consumer that wants only what belongs to the yielded
// speeches drops the rest. Stop the loop to stop reading.
func (s *Store) Export(ctx context.Context, f Filter) iter.Seq2[*record.Meeting, error] {
	return func(yield func(*record.Meeting, error) bool) {
		err := s.export(ctx, f, yield)
		if err != nil && !errors.Is(err, errStopped) {
			yield(nil, err)
		}
	}
}

var errStopped = errors.New("export stopped")

// Pages of meetings: small enough to hold their ids and counts, large
// enough that a query is evaluated by the index once for many meetings.
// Variables so that tests can make pages small.
var (
	exportPage         = 1024
	exportPageSpeeches = 50000 // a page stops once its meetings hold this many speeches
)

type exportMeeting struct {
	id       int64
	date     string
	speeches int
}

func (s *Store) export(ctx context.Context, f Filter, yield func(*record.Meeting, error) bool) error {
	var q search.Query
	if strings.TrimSpace(f.Query) != "" {
		var err error
		if q, err = search.Parse(f.Query); err != nil {
			return err
		}
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()

	// The meeting's own filters narrow the pages in SQL; the speech's
	// filters (and the query) apply to each page's speeches.
	mf := f
	mf.Country, mf.Speaker, mf.Role = "", "", ""
	mf.Delivery, mf.Person = "", ""
	mwhere, margs := mf.where()
	where, args := f.where()
	if strings.TrimSpace(f.Query) == "" {
		where += f.chairWhere(false) // as Speeches counts
	}

	speechQuery := `SELECT sp.id, sp.seq, sp.meta, sp.text FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id
		WHERE sp.meeting_id = ?` + where + ` ORDER BY sp.seq`

	var xf index.Filter
	if q.Root != nil {
		if xf, err = s.indexFilter(ctx, tx, f); err != nil {
			return err
		}
	}
	lastDate, lastID := "", int64(-1)
	for {
		page, err := exportPageOf(ctx, tx, mwhere, margs, lastDate, lastID)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		last := page[len(page)-1]
		lastDate, lastID = last.date, last.id

		var hits map[int64]bool // with a query: the page's matching speeches
		if q.Root != nil {
			if hits, err = s.pageHits(ctx, tx, q, xf, page); err != nil {
				return err
			}
			if len(hits) == 0 {
				continue
			}
		}
		for _, pm := range page {
			m, err := exportOne(ctx, tx, speechQuery, pm.id, append([]any{pm.id}, args...), hits)
			if err != nil {
				return err
			}
			if m == nil {
				continue
			}
			if !yield(m, nil) {
				return errStopped
			}
		}
	}
}

// exportPageOf reads the next page of meetings after (date, id).
func exportPageOf(ctx context.Context, tx tx, where string, args []any, date string, id int64) ([]exportMeeting, error) {
	rows, err := tx.QueryContext(ctx, `SELECT mt.id, mt.date, mt.speeches FROM meetings mt
		WHERE (mt.date > ? OR (mt.date = ? AND mt.id > ?))`+where+` ORDER BY mt.date, mt.id LIMIT ?`,
		append([]any{date, date, id}, append(args, exportPage)...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []exportMeeting
	n := 0
	for rows.Next() {
		var m exportMeeting
		if err := rows.Scan(&m.id, &m.date, &m.speeches); err != nil {
			return nil, err
		}
		page = append(page, m)
		if n += m.speeches; n >= exportPageSpeeches {
			break
		}
	}
	return page, rows.Err()
}

// pageHits asks the index which speeches of the page's meetings match the
// query and the filters: the same evaluation as Search's, restricted to
// these meetings, so that the pages add up to Search's total.
func (s *Store) pageHits(ctx context.Context, tx tx, q search.Query, xf index.Filter, page []exportMeeting) (map[int64]bool, error) {
	ids := make([]int64, 0, len(page))
	k := 0
	for _, m := range page {
		ids = append(ids, m.id)
		k += m.speeches
	}
	if xf.Refs[refMeeting] != nil {
		// --symbol: the page's meetings that are that meeting's parts.
		keep := map[int64]bool{}
		for _, id := range xf.Refs[refMeeting] {
			keep[id] = true
		}
		ids = ids[:0:0]
		for _, m := range page {
			if keep[m.id] {
				ids = append(ids, m.id)
			}
		}
		if len(ids) == 0 {
			return nil, nil
		}
	}
	refs := append([][]int64(nil), xf.Refs...) // the caller's filter stays as it was
	refs[refMeeting] = ids
	xf.Refs = refs
	found, err := s.ix.Search(ctx, ixTx{tx}, q.Root, xf, max(k, 1))
	if err != nil {
		return nil, err
	}
	if len(found.Hits) != found.Total {
		return nil, fmt.Errorf("export: the index found %d speeches in a page of %d but returned %d", found.Total, k, len(found.Hits))
	}
	hits := make(map[int64]bool, len(found.Hits))
	for _, h := range found.Hits {
		hits[h.ID] = true
	}
	return hits, nil
}

// exportOne reads one meeting's record with the selected speeches (their
// JSON and text); nil when none of its speeches is selected.
func exportOne(ctx context.Context, tx tx, speechQuery string, id int64, args []any, hits map[int64]bool) (*record.Meeting, error) {
	rows, err := tx.QueryContext(ctx, speechQuery, args...)
	if err != nil {
		return nil, err
	}
	var speeches []record.Speech
	for rows.Next() {
		var sid int64
		var seq int
		var meta []byte
		var text string
		if err := rows.Scan(&sid, &seq, &meta, &text); err != nil {
			rows.Close()
			return nil, err
		}
		if hits != nil && !hits[sid] {
			continue
		}
		var sp record.Speech
		if err := json.Unmarshal(meta, &sp); err != nil {
			rows.Close()
			return nil, fmt.Errorf("meeting %d: speech %d unreadable: %w", id, seq, err)
		}
		sp.Paragraphs = []string{}
		if text != "" {
			sp.Paragraphs = strings.Split(text, "\n")
		}
		speeches = append(speeches, sp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(speeches) == 0 {
		return nil, nil
	}
	var js []byte
	if err := tx.QueryRowContext(ctx, `SELECT record FROM meetings WHERE id = ?`, id).Scan(&js); err != nil {
		return nil, err
	}
	var m record.Meeting
	if err := json.Unmarshal(js, &m); err != nil {
		return nil, fmt.Errorf("meeting %d: stored record unreadable: %w", id, err)
	}
	m.Speeches = speeches
	return &m, nil
}
