package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// MeetingFilter narrows a listing of meetings (MeetingList). Empty fields
// do not filter.
type MeetingFilter struct {
	Lang    string // a language the meeting is stored in (ISO 639-1)
	Body    string // S, A, E … (first segment of the symbol)
	Year    string // YYYY
	Subject string // text in the subject (case-insensitive for Latin letters)
	Sort    string // one of MeetingSorts; "" is newest
	Prefer  string // the language whose subject to show when there are several
	Limit   int
	Offset  int
}

// MeetingSorts are the orders of a listing of meetings.
var MeetingSorts = []string{"newest", "oldest", "symbol", "speeches"}

// MeetingListing is one meeting, all its parts and languages.
type MeetingListing struct {
	Symbol   string   `json:"symbol"` // the meeting, without a part: S/PV.8706
	Body     string   `json:"body"`
	BodyCode string   `json:"body_code"`
	Meeting  int      `json:"meeting"`
	Date     string   `json:"date"`
	Subject  string   `json:"subject"`
	Langs    []string `json:"langs"`    // languages of the stored records
	Parts    int      `json:"parts"`    // the meeting and its resumptions
	Speeches int      `json:"speeches"` // in all parts, in the language with most
}

// MeetingList lists stored meetings, one row a meeting (its parts and
// language versions together), with the total.
func (s *Store) MeetingList(ctx context.Context, f MeetingFilter) ([]MeetingListing, int, error) {
	var having []string
	var args []any
	if f.Lang != "" {
		having = append(having, "sum(CASE WHEN language = ? THEN 1 ELSE 0 END) > 0")
		args = append(args, strings.ToLower(f.Lang))
	}
	if f.Body != "" {
		having = append(having, "max(body_code) = ?")
		args = append(args, strings.ToUpper(f.Body))
	}
	if f.Year != "" {
		having = append(having, "substr(min(date), 1, 4) = ?")
		args = append(args, f.Year)
	}
	if f.Subject != "" {
		having = append(having, "max(CASE WHEN subject LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END) = 1")
		args = append(args, "%"+escapeLike(f.Subject)+"%")
	}
	cond := ""
	if len(having) > 0 {
		cond = " HAVING " + strings.Join(having, " AND ")
	}
	order := map[string]string{
		"":         "date DESC, symbol",
		"newest":   "date DESC, symbol",
		"oldest":   "date = '', date, symbol",
		"symbol":   "body_code, meeting, symbol",
		"speeches": "speeches DESC, date DESC, symbol",
	}[f.Sort]
	if order == "" {
		return nil, 0, fmt.Errorf("cannot sort meetings by %q (%s)", f.Sort, strings.Join(MeetingSorts, ", "))
	}
	grouped := `SELECT base_symbol AS symbol, max(body) AS body, max(body_code) AS body_code, max(coalesce(meeting, 0)) AS meeting,
			min(date) AS date, group_concat(DISTINCT language) AS langs, count(DISTINCT part) AS parts,
			(SELECT max(n) FROM (SELECT sum(m3.speeches) AS n FROM meetings m3 WHERE m3.base_symbol = mt.base_symbol GROUP BY m3.language) per_language) AS speeches
		FROM meetings mt GROUP BY base_symbol` + cond
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+grouped+`) g`, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = 50
	}
	q := `SELECT g.symbol, g.body, g.body_code, g.meeting, g.date, g.langs, g.parts, g.speeches,
			coalesce((SELECT subject FROM meetings m2 WHERE m2.base_symbol = g.symbol AND subject != ''
				ORDER BY part, CASE language WHEN ? THEN 0 WHEN 'en' THEN 1 ELSE 2 END LIMIT 1), '')
		FROM (` + grouped + `) g ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	rows, err := s.db.QueryContext(ctx, q, append(append([]any{strings.ToLower(f.Prefer)}, args...), limit, max(0, f.Offset))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []MeetingListing{}
	for rows.Next() {
		var m MeetingListing
		var langs string
		if err := rows.Scan(&m.Symbol, &m.Body, &m.BodyCode, &m.Meeting, &m.Date, &langs, &m.Parts, &m.Speeches, &m.Subject); err != nil {
			return nil, 0, err
		}
		m.Langs = sortLangs(strings.Split(langs, ","))
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// sortLangs orders languages as the interface lists them: Chinese and
// English (the records read today), the other official languages, then
// any other.
func sortLangs(ls []string) []string {
	rank := map[string]int{"zh": 0, "en": 1, "fr": 2, "es": 3, "ru": 4, "ar": 5}
	for i := 1; i < len(ls); i++ {
		for j := i; j > 0; j-- {
			a, okA := rank[ls[j]]
			b, okB := rank[ls[j-1]]
			if !okA {
				a = 99
			}
			if !okB {
				b = 99
			}
			if a > b || (a == b && ls[j] >= ls[j-1]) {
				break
			}
			ls[j], ls[j-1] = ls[j-1], ls[j]
		}
	}
	return ls
}

// MeetingVersion is one stored record of a meeting: a part in a language.
type MeetingVersion struct {
	Symbol   string `json:"symbol"` // S/PV.8706 (Resumption 1)
	Part     int    `json:"part"`
	Lang     string `json:"lang"`
	Date     string `json:"date"`
	Speeches int    `json:"speeches"`
}

// MeetingVersions lists the stored records of the meeting symbol belongs
// to (any part, any language), in order of part, then language.
func (s *Store) MeetingVersions(ctx context.Context, symbol string) ([]MeetingVersion, error) {
	base := partRe.ReplaceAllString(strings.TrimSpace(symbol), "")
	rows, err := s.db.QueryContext(ctx, `SELECT symbol, part, language, date, speeches FROM meetings
		WHERE upper(base_symbol) = upper(?) ORDER BY part, language`, base)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []MeetingVersion{}
	for rows.Next() {
		var v MeetingVersion
		if err := rows.Scan(&v.Symbol, &v.Part, &v.Lang, &v.Date, &v.Speeches); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// canonicalSymbol finds how a symbol typed in any case (s/pv.7796) is
// stored; the symbol unchanged when no meeting has it.
func (s *Store) canonicalSymbol(ctx context.Context, symbol string) (string, error) {
	symbol = strings.TrimSpace(symbol)
	var stored string
	err := s.db.QueryRowContext(ctx, `SELECT symbol FROM meetings WHERE symbol = ?
		UNION ALL SELECT symbol FROM meetings WHERE upper(symbol) = upper(?)
		UNION ALL SELECT base_symbol FROM meetings WHERE upper(base_symbol) = upper(?) LIMIT 1`, symbol, symbol, symbol).Scan(&stored)
	if errors.Is(err, sql.ErrNoRows) {
		return symbol, nil
	}
	return stored, err
}
