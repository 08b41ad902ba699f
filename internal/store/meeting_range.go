package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

// MeetingRange returns a stored record with only the speeches at
// positions [offset, offset+limit) in order (limit -1: all), their text
// included, and the number of speeches the record has. The speeches are
// rows of their own, so a page of a meeting of any size is read in
// memory bounded by the page (and the meeting's procedural events).
func (s *Store) MeetingRange(ctx context.Context, symbol, lang string, offset, limit int) (*record.Meeting, int, error) {
	symbol, err := s.canonicalSymbol(ctx, symbol)
	if err != nil {
		return nil, 0, err
	}
	var js []byte
	var id int64
	var total int
	err = s.db.QueryRowContext(ctx, `SELECT id, record, speeches FROM meetings WHERE symbol = ? AND (? = '' OR language = ?)
		ORDER BY CASE language WHEN 'zh' THEN 0 WHEN 'en' THEN 1 ELSE 2 END LIMIT 1`, symbol, lang, lang).Scan(&id, &js, &total)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, fmt.Errorf("meeting %s: %w", symbol, ErrNotFound)
	}
	if err != nil {
		return nil, 0, err
	}
	m := &record.Meeting{}
	if err := json.Unmarshal(js, m); err != nil {
		return nil, 0, fmt.Errorf("meeting %s: stored record unreadable: %w", symbol, err)
	}
	if limit < 0 {
		limit = math.MaxInt32 // all: SQLite's LIMIT -1, which PostgreSQL refuses
	}
	// The first seq of the page is found on the (meeting_id, seq) index
	// alone; the rows are read from there.
	rows, err := s.db.QueryContext(ctx, `SELECT seq, meta, text FROM speeches
		WHERE meeting_id = ? AND seq >= (SELECT seq FROM speeches WHERE meeting_id = ? ORDER BY seq LIMIT 1 OFFSET ?)
		ORDER BY seq LIMIT ?`, id, id, max(0, offset), limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	m.Speeches = []record.Speech{}
	for rows.Next() {
		var seq int
		var meta []byte
		var text string
		if err := rows.Scan(&seq, &meta, &text); err != nil {
			return nil, 0, err
		}
		var sp record.Speech
		if err := json.Unmarshal(meta, &sp); err != nil {
			return nil, 0, fmt.Errorf("meeting %s: speech %d unreadable: %w", symbol, seq, err)
		}
		sp.Paragraphs = []string{}
		if text != "" {
			sp.Paragraphs = strings.Split(text, "\n")
		}
		m.Speeches = append(m.Speeches, sp)
	}
	return m, total, rows.Err()
}
