package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/verbatim-un/verbatim/internal/index"
)

// Check examines the database and returns what is wrong with it, nothing
// when it is sound: SQLite's integrity check (quick_check unless full),
// then the full-text index's own (every blob's checksum, and with full
// every term's postings) and that every stored speech is indexed exactly
// once and nothing else is.
func (s *Store) Check(ctx context.Context, full bool) ([]string, error) {
	pragma := `PRAGMA quick_check`
	if full {
		pragma = `PRAGMA integrity_check`
	}
	if s.db.pg {
		pragma = `SELECT 'ok'` // PostgreSQL checks its pages itself (data checksums, amcheck for an administrator)
	}
	rows, err := s.db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	var problems []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return nil, err
		}
		if r != "ok" {
			problems = append(problems, "database: "+r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return problems, nil // the tables cannot be trusted for the rest
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	live, err := index.Check(ctx, ixTx{tx}, full)
	if err != nil {
		return append(problems, "full-text index: "+err.Error()), nil
	}
	return append(problems, compareIndexed(ctx, tx, live)...), nil
}

// compareIndexed lists the speeches indexed other than once.
func compareIndexed(ctx context.Context, tx tx, live []int64) []string {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM speeches ORDER BY id`)
	if err != nil {
		return []string{"speeches: " + err.Error()}
	}
	defer rows.Close()
	var stored []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return []string{"speeches: " + err.Error()}
		}
		stored = append(stored, id)
	}
	slices.Sort(live)
	var missing, twice, stray []int64
	i := 0
	for _, id := range stored {
		for i < len(live) && live[i] < id {
			stray = append(stray, live[i])
			i++
		}
		n := 0
		for i < len(live) && live[i] == id {
			n++
			i++
		}
		switch {
		case n == 0:
			missing = append(missing, id)
		case n > 1:
			twice = append(twice, id)
		}
	}
	stray = append(stray, live[i:]...)
	var out []string
	for _, c := range []struct {
		what string
		ids  []int64
	}{{"stored speeches not in the full-text index", missing}, {"speeches indexed more than once", twice},
		{"indexed speeches that are not stored", stray}} {
		if len(c.ids) > 0 {
			out = append(out, fmt.Sprintf("%s: %d (first %v)", c.what, len(c.ids), c.ids[:min(5, len(c.ids))]))
		}
	}
	return out
}
