package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/verbatim-un/verbatim/internal/search"
)

// Facets counts the speeches of a search by the values that narrow it.
type Facets struct {
	Body     []Stat `json:"body"`     // S, A …
	Year     []Stat `json:"year"`     // oldest first
	Country  []Stat `json:"country"`  // most first
	Language []Stat `json:"language"` // of delivery
	Role     []Stat `json:"role"`
	Counted  int    `json:"counted"` // speeches counted: every match
}

// Facets counts the speeches matching f by body, year, country, language
// of delivery and role: with a query, every match, as the index counts
// them (its columns hold these values); without, every speech the
// filters select.
func (s *Store) Facets(ctx context.Context, f Filter) (Facets, error) {
	var fc Facets
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fc, err
	}
	defer tx.Rollback()
	if strings.TrimSpace(f.Query) != "" {
		q, err := search.Parse(f.Query)
		if err != nil {
			return fc, err
		}
		xf, err := s.indexFilter(ctx, tx, f)
		if err != nil {
			return fc, err
		}
		t, err := s.ix.Count(ctx, ixTx{tx}, q.Root, xf, []int{kwBody, kwCountry, kwDelivery, kwRole})
		if err != nil {
			return fc, err
		}
		fc.Counted = t.Total
		stats := func(m map[string]int) []Stat {
			out := []Stat{}
			for k, n := range m {
				out = append(out, Stat{Key: k, Speeches: n})
			}
			return out
		}
		fc.Body, fc.Country, fc.Language, fc.Role = stats(t.Keywords[0]), stats(t.Keywords[1]), stats(t.Keywords[2]), stats(t.Keywords[3])
		fc.Year = []Stat{}
		for y, n := range t.Years {
			k := ""
			if y > 0 {
				k = fmt.Sprintf("%04d", y)
			}
			fc.Year = append(fc.Year, Stat{Key: k, Speeches: n})
		}
	} else if err := facetsSQL(ctx, tx, f, &fc); err != nil {
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

// facetsSQL counts the speeches the filters select, without a query.
func facetsSQL(ctx context.Context, tx tx, f Filter, fc *Facets) error {
	where, args := f.where()
	rows, err := tx.QueryContext(ctx, `WITH m AS (SELECT mt.body_code AS body, substr(mt.date, 1, 4) AS year, sp.country AS country,
			sp.language AS language, sp.role AS role FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id WHERE 1=1`+where+`)
		SELECT 'body', body, count(*) FROM m GROUP BY body
		UNION ALL SELECT 'year', year, count(*) FROM m GROUP BY year
		UNION ALL SELECT 'country', country, count(*) FROM m GROUP BY country
		UNION ALL SELECT 'language', language, count(*) FROM m GROUP BY language
		UNION ALL SELECT 'role', role, count(*) FROM m GROUP BY role`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var dim string
		var st Stat
		if err := rows.Scan(&dim, &st.Key, &st.Speeches); err != nil {
			return err
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
	return rows.Err()
}
