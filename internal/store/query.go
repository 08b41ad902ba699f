package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/record"
)

// Filter narrows a search or a listing. Empty fields do not filter.
type Filter struct {
	Query    string // the user's query (package search syntax)
	Language string // language of the record (ISO 639-1)
	Country  string // affiliation code of the speaker (ISO3 or organization)
	Speaker  string // speaker's name as printed (case-insensitive substring)
	Role     string
	Body     string // S, A, E … (first segment of the symbol) or the organ's name
	From, To string // dates, YYYY-MM-DD, inclusive
	Symbol   string // the meeting (any part): S/PV.7796
	Delivery string // language the speech was delivered in (ISO 639-1)
	Person   string // the person speaking (persons.key, see package people)
	// IncludeChair counts the presiding officer's procedural turns in
	// counts and listings by country; they are left out by default.
	IncludeChair bool
	Limit        int
	Offset       int
}

// Hit is one matching speech.
type Hit struct {
	Symbol   string        `json:"symbol"`
	Seq      int           `json:"seq"`
	Date     string        `json:"date"`
	Speaker  string        `json:"speaker"`
	Country  string        `json:"country"`
	Role     string        `json:"role"`
	Language string        `json:"language"` // of delivery
	Lang     string        `json:"lang"`     // of the record
	Subject  string        `json:"subject"`  // the meeting's
	Person   string        `json:"person"`   // persons.key; "" when the record does not say who
	Chair    bool          `json:"chair"`    // the presiding officer's procedural turn
	Snippet  string        `json:"snippet"`  // HTML: text escaped, matches in <mark>
	Versions []Version     `json:"versions"` // the same speech in the meeting's other stored language versions
	Spans    []search.Span `json:"-"`
	Score    float64       `json:"score"`
}

// Result is a page of hits and the exact number of matching speeches.
type Result struct {
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
}

// MaxLimit bounds a page of results.
const MaxLimit = 1000

func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if f.Language != "" {
		add("mt.language = ?", strings.ToLower(f.Language))
	}
	if f.Country != "" {
		add("sp.country = ?", strings.ToUpper(f.Country))
	}
	if f.Speaker != "" {
		add("sp.speaker LIKE ? ESCAPE '\\'", "%"+escapeLike(f.Speaker)+"%")
	}
	if f.Role != "" {
		add("sp.role = ?", f.Role)
	}
	if f.Body != "" {
		if len(f.Body) <= 2 {
			add("mt.body_code = ?", strings.ToUpper(f.Body))
		} else {
			add("mt.body = ?", f.Body)
		}
	}
	if f.From != "" {
		add("mt.date >= ?", f.From)
	}
	if f.To != "" {
		// As in the index: a bound filled with 9s, and an unknown date
		// is not before it.
		add("mt.date != '' AND mt.date <= ?", upperDate(f.To))
	}
	if f.Symbol != "" {
		add("(upper(mt.symbol) = upper(?) OR upper(mt.base_symbol) = upper(?))", f.Symbol, f.Symbol)
	}
	if f.Delivery != "" {
		add("sp.language = ?", strings.ToLower(f.Delivery))
	}
	if f.Person != "" {
		add("sp.person IN ("+personIDs+")", f.Person)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

// chairWhere leaves out the chair's procedural turns from what is
// counted or listed for a country, unless asked: a President of the
// General Assembly chairing a meeting is not their state speaking.
func (f Filter) chairWhere(byCountry bool) string {
	if (byCountry || f.Country != "") && !f.IncludeChair {
		return " AND sp.chair = 0"
	}
	return ""
}

// upperDate fills a partial date as the last day it can mean: 2016 is
// 2016-99-99 for a comparison of strings.
func upperDate(s string) string {
	switch len(s) {
	case 4:
		return s + "-99-99"
	case 7:
		return s + "-99"
	}
	return s
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Search finds the speeches matching f.Query and the filters, best first
// (BM25), with the exact total.
func (s *Store) Search(ctx context.Context, f Filter) (Result, error) {
	if s.results == nil {
		return s.search(ctx, f)
	}
	// With a cache, the same search asked by several requests at once
	// (a link many follow, a server just started) runs once.
	v, err, _ := s.inflight.Do(fmt.Sprintf("%#v", f), func() (any, error) {
		// Shared: one caller going away does not fail the others.
		return s.search(context.WithoutCancel(ctx), f)
	})
	if err != nil {
		return Result{}, err
	}
	return v.(Result), nil
}

func (s *Store) search(ctx context.Context, f Filter) (Result, error) {
	q, err := search.Parse(f.Query)
	if err != nil {
		return Result{}, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	offset := max(0, f.Offset)
	if offset > MaxOffset {
		return Result{}, fmt.Errorf("%w: offset beyond %d", search.ErrQuery, MaxOffset)
	}
	// One read transaction: the index and the rows it points to agree.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Result{}, err
	}
	defer tx.Rollback()
	var gen generation
	if s.results != nil {
		if gen, err = indexGeneration(ctx, tx); err != nil {
			return Result{}, err
		}
		if r, ok := s.results.get(f, gen); ok {
			return r, nil
		}
	}
	xf, err := s.indexFilter(ctx, tx, f)
	if err != nil {
		return Result{}, err
	}
	found, err := s.ix.Search(ctx, ixTx{tx}, q.Root, xf, offset+limit)
	if err != nil {
		return Result{}, err
	}
	res := Result{Total: found.Total, Hits: []Hit{}}
	if offset >= len(found.Hits) {
		return res, nil
	}
	// The page's rows in one query.
	page := found.Hits[offset:]
	ids := make([]any, len(page))
	for i, fh := range page {
		ids[i] = fh.ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT sp.id, mt.symbol, sp.seq, mt.date, sp.speaker, sp.country, sp.role, sp.language, sp.text,
			mt.language, mt.subject, coalesce(ps.key, ''), sp.chair
		FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id LEFT JOIN persons ps ON ps.id = sp.person
		WHERE sp.id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return Result{}, err
	}
	type row struct {
		h    Hit
		text string
	}
	byID := make(map[int64]*row, len(page))
	for rows.Next() {
		var id int64
		r := &row{}
		if err := rows.Scan(&id, &r.h.Symbol, &r.h.Seq, &r.h.Date, &r.h.Speaker, &r.h.Country, &r.h.Role, &r.h.Language, &r.text,
			&r.h.Lang, &r.h.Subject, &r.h.Person, &r.h.Chair); err != nil {
			rows.Close()
			return Result{}, err
		}
		byID[id] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Result{}, err
	}
	versions, err := versionsOf(ctx, tx, ids)
	if err != nil {
		return Result{}, err
	}
	for _, fh := range page {
		r := byID[fh.ID]
		if r == nil {
			return Result{}, fmt.Errorf("speech %d of the index is not stored", fh.ID)
		}
		h := r.h
		h.Score = fh.Score
		h.Versions = versions[fh.ID]
		if h.Versions == nil {
			h.Versions = []Version{}
		}
		h.Spans = search.Snippet(strings.ReplaceAll(r.text, "\n", " "), q.Terms, 160)
		h.Snippet = search.HTML(h.Spans)
		res.Hits = append(res.Hits, h)
	}
	if s.results != nil {
		s.results.put(f, gen, res)
	}
	return res, nil
}

// MaxOffset bounds how deep a search pages: ranking keeps offset+limit
// hits in memory.
const MaxOffset = 100000

// indexFilter turns a filter into the index's terms: names and symbols
// become the ids of people and meetings.
func (s *Store) indexFilter(ctx context.Context, tx tx, f Filter) (index.Filter, error) {
	xf := index.Filter{
		Keywords: make([]string, keywordColumns),
		Refs:     make([][]int64, refColumns),
		From:     dateNum(f.From, '0'),
		To:       dateNum(f.To, '9'),
	}
	xf.Keywords[kwLanguage] = strings.ToLower(f.Language)
	xf.Keywords[kwCountry] = strings.ToUpper(f.Country)
	xf.Keywords[kwRole] = f.Role
	xf.Keywords[kwDelivery] = strings.ToLower(f.Delivery)
	if f.Body != "" {
		if len(f.Body) <= 2 {
			xf.Keywords[kwBody] = strings.ToUpper(f.Body)
		} else {
			xf.Keywords[kwBodyName] = f.Body
		}
	}
	ids := func(query string, args ...any) ([]int64, error) {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := []int64{}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			out = append(out, id)
		}
		return out, rows.Err()
	}
	var err error
	if f.Speaker != "" {
		if xf.Refs[refSpeaker], err = ids(`SELECT id FROM people WHERE name LIKE ? ESCAPE '\'`, "%"+escapeLike(f.Speaker)+"%"); err != nil {
			return xf, err
		}
	}
	if f.Person != "" {
		if xf.Refs[refPerson], err = ids(personIDs, f.Person); err != nil {
			return xf, err
		}
	}
	if f.Symbol != "" {
		if xf.Refs[refMeeting], err = ids(`SELECT id FROM meetings WHERE upper(symbol) = upper(?) OR upper(base_symbol) = upper(?)`, f.Symbol, f.Symbol); err != nil {
			return xf, err
		}
	}
	return xf, nil
}

// ErrNotFound is returned for a meeting that is not stored.
var ErrNotFound = errors.New("not found")

// Meeting returns a stored record by symbol; lang "" takes any language,
// Chinese first.
func (s *Store) Meeting(ctx context.Context, symbol, lang string) (*record.Meeting, error) {
	m, _, err := s.MeetingRange(ctx, symbol, lang, 0, -1)
	return m, err
}

// MeetingSummary is a line of a listing of meetings.
type MeetingSummary struct {
	Symbol   string `json:"symbol"`
	Language string `json:"language"`
	Body     string `json:"body"`
	Meeting  int    `json:"meeting"`
	Part     int    `json:"part"`
	Date     string `json:"date"`
	Speeches int    `json:"speeches"`
	Warnings int    `json:"warnings"`
}

// Meetings lists stored meetings, newest first.
func (s *Store) Meetings(ctx context.Context, f Filter) ([]MeetingSummary, int, error) {
	mf := f
	mf.Country, mf.Speaker, mf.Role = "", "", "" // only the meeting's own columns apply
	where, args := mf.where()
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM meetings mt WHERE 1=1`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT symbol, language, body, coalesce(meeting, 0), part, date, speeches, warnings
		FROM meetings mt WHERE 1=1`+where+` ORDER BY date DESC, symbol LIMIT ? OFFSET ?`, append(args, limit, max(0, f.Offset))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []MeetingSummary{}
	for rows.Next() {
		var m MeetingSummary
		if err := rows.Scan(&m.Symbol, &m.Language, &m.Body, &m.Meeting, &m.Part, &m.Date, &m.Speeches, &m.Warnings); err != nil {
			return nil, 0, err
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// Stat is one row of counts.
type Stat struct {
	Key      string `json:"key"`
	Speeches int    `json:"speeches"`
	Meetings int    `json:"meetings"`
	Chars    int    `json:"chars"`
	Words    int    `json:"words"`
	Name     string `json:"name,omitempty"` // by person: the name shown
}

// Stats counts speeches, meetings, characters and words by country, role,
// language (of delivery), year, or body; by "" gives the totals. By
// person, a person's spellings count as one (the group's key).
func (s *Store) Stats(ctx context.Context, by string, f Filter) ([]Stat, error) {
	key := map[string]string{
		"":         "''",
		"country":  "sp.country",
		"role":     "sp.role",
		"language": "sp.language",
		"year":     "substr(mt.date, 1, 4)",
		"body":     "mt.body",
		"speaker":  "sp.speaker",
		"person":   "coalesce(ps.key, '')",
	}[by]
	if key == "" {
		return nil, fmt.Errorf("cannot count by %q (country, role, language, year, body, speaker, person)", by)
	}
	where, args := f.where()
	where += f.chairWhere(by == "country")
	rows, err := s.db.QueryContext(ctx, `SELECT `+key+` AS k, count(*), count(DISTINCT sp.meeting_id), sum(sp.chars), sum(sp.words),
			coalesce(max(CASE WHEN ps.name != '' THEN ps.name END), '')
		FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id
			LEFT JOIN persons sps ON sps.id = sp.person LEFT JOIN persons ps ON ps.id = sps.canonical WHERE 1=1`+where+`
		GROUP BY k ORDER BY count(*) DESC, k`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Stat{}
	for rows.Next() {
		var st Stat
		var name string
		if err := rows.Scan(&st.Key, &st.Speeches, &st.Meetings, &st.Chars, &st.Words, &name); err != nil {
			return nil, err
		}
		if by == "person" {
			st.Name = name
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// Speeches lists speeches matching the filters without a text query,
// newest first, each with the opening of its text as snippet.
func (s *Store) Speeches(ctx context.Context, f Filter) (Result, error) {
	where, args := f.where()
	where += f.chairWhere(false)
	res := Result{Hits: []Hit{}}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id WHERE 1=1`+where,
		args...).Scan(&res.Total); err != nil {
		return res, err
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sp.id, mt.symbol, sp.seq, mt.date, sp.speaker, sp.country, sp.role, sp.language, substr(sp.text, 1, 400),
			mt.language, mt.subject, coalesce(ps.key, ''), sp.chair
		FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id LEFT JOIN persons ps ON ps.id = sp.person WHERE 1=1`+where+`
		ORDER BY mt.date DESC, mt.symbol, sp.seq LIMIT ? OFFSET ?`, append(args, limit, max(0, f.Offset))...)
	if err != nil {
		return res, err
	}
	defer rows.Close()
	var ids []any
	for rows.Next() {
		var h Hit
		var id int64
		var text string
		if err := rows.Scan(&id, &h.Symbol, &h.Seq, &h.Date, &h.Speaker, &h.Country, &h.Role, &h.Language, &text,
			&h.Lang, &h.Subject, &h.Person, &h.Chair); err != nil {
			return res, err
		}
		h.Spans = search.Snippet(strings.ReplaceAll(text, "\n", " "), nil, 160)
		h.Snippet = search.HTML(h.Spans)
		res.Hits = append(res.Hits, h)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return res, err
	}
	rows.Close()
	versions, err := versionsOf(ctx, s.db, ids)
	if err != nil {
		return res, err
	}
	for i := range res.Hits {
		res.Hits[i].Versions = versions[ids[i].(int64)]
		if res.Hits[i].Versions == nil {
			res.Hits[i].Versions = []Version{}
		}
	}
	return res, nil
}

// Stored reports which of the symbols name stored meetings (any part,
// any language).
func (s *Store) Stored(ctx context.Context, symbols []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, sym := range symbols {
		if out[sym] {
			continue
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM meetings WHERE symbol = ? OR base_symbol = ?`, sym, sym).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			out[sym] = true
		}
	}
	return out, nil
}
