package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/internal/search"
)

// MaxMatches bounds the matches of a query that facets are counted over:
// ranking keeps them in memory. A variable so that tests can make it
// small.
var MaxMatches = 50000

// Facets counts the speeches of a search by the values that narrow it.
type Facets struct {
	Body     []Stat `json:"body"`     // S, A …
	Year     []Stat `json:"year"`     // oldest first
	Country  []Stat `json:"country"`  // most first
	Language []Stat `json:"language"` // of delivery
	Role     []Stat `json:"role"`
	// Partial: the query matched more than MaxMatches speeches and the
	// counts are of the best MaxMatches.
	Partial bool `json:"partial,omitempty"`
	Counted int  `json:"counted"` // speeches counted
}

// matchIDs returns the speeches that match the query of f and the filters
// the index applies, best first, at most MaxMatches, and whether there
// were more.
func (s *Store) matchIDs(ctx context.Context, tx tx, root *search.Node, xf index.Filter) ([]int64, bool, error) {
	found, err := s.ix.Search(ctx, ixTx{tx}, root, xf, MaxMatches)
	if err != nil {
		return nil, false, err
	}
	ids := make([]int64, len(found.Hits))
	for i, h := range found.Hits {
		ids[i] = h.ID
	}
	return ids, found.Total > len(found.Hits), nil
}

// Facets counts the speeches matching f by body, year, country, language
// of delivery and role. With a query, the matches are the index's (at
// most MaxMatches, best first); without one, every speech the filters
// select.
func (s *Store) Facets(ctx context.Context, f Filter) (Facets, error) {
	var fc Facets
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fc, err
	}
	defer tx.Rollback()
	var from string
	var args []any
	if strings.TrimSpace(f.Query) != "" {
		q, err := search.Parse(f.Query)
		if err != nil {
			return fc, err
		}
		xf, err := s.indexFilter(ctx, tx, f)
		if err != nil {
			return fc, err
		}
		ids, more, err := s.matchIDs(ctx, tx, q.Root, xf)
		if err != nil {
			return fc, err
		}
		fc.Partial = more
		// The index applied every filter.
		js, _ := json.Marshal(ids)
		from = `FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id WHERE sp.id IN (SELECT value FROM json_each(?))`
		args = []any{string(js)}
	} else {
		where, a := f.where()
		from = `FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id WHERE 1=1` + where
		args = a
	}
	rows, err := tx.QueryContext(ctx, `WITH m AS (SELECT mt.body_code AS body, substr(mt.date, 1, 4) AS year, sp.country AS country,
			sp.language AS language, sp.role AS role `+from+`)
		SELECT 'body', body, count(*) FROM m GROUP BY body
		UNION ALL SELECT 'year', year, count(*) FROM m GROUP BY year
		UNION ALL SELECT 'country', country, count(*) FROM m GROUP BY country
		UNION ALL SELECT 'language', language, count(*) FROM m GROUP BY language
		UNION ALL SELECT 'role', role, count(*) FROM m GROUP BY role`, args...)
	if err != nil {
		return fc, err
	}
	defer rows.Close()
	for rows.Next() {
		var dim string
		var st Stat
		if err := rows.Scan(&dim, &st.Key, &st.Speeches); err != nil {
			return fc, err
		}
		switch dim {
		case "body":
			fc.Body = append(fc.Body, st)
			fc.Counted += st.Speeches
		case "year":
			fc.Year = append(fc.Year, st)
		case "country":
			fc.Country = append(fc.Country, st)
		case "language":
			fc.Language = append(fc.Language, st)
		case "role":
			fc.Role = append(fc.Role, st)
		}
	}
	if err := rows.Err(); err != nil {
		return fc, err
	}
	for _, ss := range [][]Stat{fc.Body, fc.Country, fc.Language, fc.Role} {
		sort.Slice(ss, func(i, j int) bool {
			if ss[i].Speeches != ss[j].Speeches {
				return ss[i].Speeches > ss[j].Speeches
			}
			return ss[i].Key < ss[j].Key
		})
	}
	sort.Slice(fc.Year, func(i, j int) bool { return fc.Year[i].Key < fc.Year[j].Key })
	return fc, nil
}
