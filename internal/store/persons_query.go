package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// personIDs selects the persons of the group (spellings of one person)
// of the person whose key is its argument: a person filter keeps their
// speeches.
const personIDs = `SELECT id FROM persons WHERE canonical = (SELECT canonical FROM persons WHERE key = ?)`

// PersonSummary is one person who speaks in the stored meetings.
type PersonSummary struct {
	ID          string `json:"id"`      // the person's key (package people): liujieyi.chn
	Name        string `json:"name"`    // "" for a presiding officer the records do not name
	NameZh      string `json:"name_zh"` // where known
	Title       string `json:"title"`
	Affiliation string `json:"affiliation"` // ISO3 or organization code
	Office      string `json:"office"`      // "president" for an unnamed presiding officer
	Term        string `json:"term"`        // that office's month or session
	Speeches    int    `json:"speeches"`    // turns, chairing included
	Chair       int    `json:"chair"`       // of which procedural turns in the chair
	Meetings    int    `json:"meetings"`
	First       string `json:"first"` // date of the first meeting
	Last        string `json:"last"`
}

// PeopleFilter narrows a listing of people.
type PeopleFilter struct {
	Name    string // part of the name (case-insensitive for Latin letters)
	Country string // affiliation code
	Limit   int
	Offset  int
}

// personCols sums a group's speeches (persons ps, speeches sp, meetings
// mt) under its canonical person (pc).
const personCols = `pc.key, pc.name, pc.name_zh, pc.title, pc.affiliation, pc.office, pc.term,
	count(*), sum(sp.chair), count(DISTINCT mt.base_symbol), min(mt.date), max(mt.date)`

const personFrom = ` FROM persons pc JOIN persons ps ON ps.canonical = pc.id JOIN speeches sp ON sp.person = ps.id
	JOIN meetings mt ON mt.id = sp.meeting_id`

func scanPerson(sc interface{ Scan(...any) error }) (PersonSummary, error) {
	var p PersonSummary
	err := sc.Scan(&p.ID, &p.Name, &p.NameZh, &p.Title, &p.Affiliation, &p.Office, &p.Term,
		&p.Speeches, &p.Chair, &p.Meetings, &p.First, &p.Last)
	return p, err
}

// People lists the people who speak in the stored meetings, one line a
// group of spellings, most speeches first, with the total.
func (s *Store) People(ctx context.Context, f PeopleFilter) ([]PersonSummary, int, error) {
	// A group is listed when one of its spellings matches.
	var conds []string
	var args []any
	if f.Name != "" {
		conds = append(conds, "(pn.name LIKE ? ESCAPE '\\' OR pn.name_zh LIKE ? ESCAPE '\\' OR pn.key LIKE ? ESCAPE '\\')")
		like := "%" + escapeLike(f.Name) + "%"
		args = append(args, like, like, like)
	}
	if f.Country != "" {
		conds = append(conds, "pn.affiliation = ?")
		args = append(args, strings.ToUpper(f.Country))
	}
	where := ""
	if len(conds) > 0 {
		where = " AND pc.id IN (SELECT pn.canonical FROM persons pn WHERE " + strings.Join(conds, " AND ") + ")"
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT pc.id) FROM persons pc JOIN persons ps ON ps.canonical = pc.id
		WHERE EXISTS (SELECT 1 FROM speeches sp WHERE sp.person = ps.id)`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+personCols+personFrom+`
		WHERE 1=1`+where+` GROUP BY pc.id ORDER BY count(*) DESC, pc.key LIMIT ? OFFSET ?`, append(args, limit, max(0, f.Offset))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []PersonSummary{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// Person is one person with their speeches over time and meetings.
type Person struct {
	PersonSummary
	// Spellings: the group's persons, each a spelling of the name the
	// records print (Nebenzia, Nebenzya), most speeches first; the
	// person's own among them.
	Spellings   []Spelling      `json:"spellings"`
	Years       []Stat          `json:"years"` // speeches by year, oldest first
	Roles       []Stat          `json:"roles"`
	Appearances []PersonMeeting `json:"appearances"` // the meetings, newest first
}

// Spelling is one of the names a person is printed with.
type Spelling struct {
	ID       string `json:"id"` // its key: a person id that leads to the same person
	Name     string `json:"name"`
	NameZh   string `json:"name_zh"`
	Title    string `json:"title"`
	Speeches int    `json:"speeches"`
}

// PersonMeeting is a meeting a person speaks in.
type PersonMeeting struct {
	Symbol   string `json:"symbol"`
	Lang     string `json:"lang"`
	Date     string `json:"date"`
	Subject  string `json:"subject"`
	Speeches int    `json:"speeches"`
	Chair    int    `json:"chair"`
	First    int    `json:"first"` // seq of the first turn
}

// MaxPersonMeetings bounds the meetings listed on a person.
const MaxPersonMeetings = 500

// Person returns one person by id (key): the group of spellings the key
// belongs to, known by its canonical person's key.
func (s *Store) Person(ctx context.Context, id string) (*Person, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+personCols+personFrom+`
		WHERE pc.id = (SELECT canonical FROM persons WHERE key = ?) GROUP BY pc.id`, id)
	sum, err := scanPerson(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("person %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	p := &Person{PersonSummary: sum, Appearances: []PersonMeeting{}}
	if p.Spellings, err = s.spellings(ctx, id); err != nil {
		return nil, err
	}
	f := Filter{Person: id}
	if p.Years, err = s.Stats(ctx, "year", f); err != nil {
		return nil, err
	}
	for i := 1; i < len(p.Years); i++ {
		for j := i; j > 0 && p.Years[j].Key < p.Years[j-1].Key; j-- {
			p.Years[j], p.Years[j-1] = p.Years[j-1], p.Years[j]
		}
	}
	if p.Roles, err = s.Stats(ctx, "role", f); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT mt.symbol, mt.language, mt.date, mt.subject, count(*), sum(sp.chair), min(sp.seq)
		FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id
		WHERE sp.person IN (`+personIDs+`)
		GROUP BY mt.id ORDER BY mt.date DESC, mt.symbol LIMIT ?`, id, MaxPersonMeetings)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m PersonMeeting
		if err := rows.Scan(&m.Symbol, &m.Lang, &m.Date, &m.Subject, &m.Speeches, &m.Chair, &m.First); err != nil {
			return nil, err
		}
		p.Appearances = append(p.Appearances, m)
	}
	return p, rows.Err()
}

// spellings lists the persons of the group of the person id names.
func (s *Store) spellings(ctx context.Context, id string) ([]Spelling, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ps.key, ps.name, ps.name_zh, ps.title, count(sp.id) FROM persons ps
		LEFT JOIN speeches sp ON sp.person = ps.id
		WHERE ps.id IN (`+personIDs+`) GROUP BY ps.id, ps.key, ps.name, ps.name_zh, ps.title ORDER BY count(sp.id) DESC, ps.key`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Spelling{}
	for rows.Next() {
		var sp Spelling
		if err := rows.Scan(&sp.ID, &sp.Name, &sp.NameZh, &sp.Title, &sp.Speeches); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// PersonRef names the person who speaks a turn.
type PersonRef struct {
	ID, Name, Title string
}

// MeetingPersons returns, for the speeches of a stored record with seq
// from..to, the person id of each the record says who speaks, and the
// seqs of the chair's procedural turns.
func (s *Store) MeetingPersons(ctx context.Context, symbol, lang string, from, to int) (map[int]PersonRef, map[int]bool, error) {
	symbol, err := s.canonicalSymbol(ctx, symbol)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sp.seq, coalesce(ps.key, ''), coalesce(ps.name, ''), coalesce(ps.title, ''), sp.chair
		FROM speeches sp LEFT JOIN persons ps ON ps.id = sp.person
		WHERE sp.meeting_id = (SELECT id FROM meetings WHERE symbol = ? AND (? = '' OR language = ?)
			ORDER BY CASE language WHEN 'zh' THEN 0 WHEN 'en' THEN 1 ELSE 2 END LIMIT 1)
			AND sp.seq BETWEEN ? AND ?`, symbol, lang, lang, from, to)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	ids, chair := map[int]PersonRef{}, map[int]bool{}
	for rows.Next() {
		var seq int
		var p PersonRef
		var c bool
		if err := rows.Scan(&seq, &p.ID, &p.Name, &p.Title, &c); err != nil {
			return nil, nil, err
		}
		if p.ID != "" {
			ids[seq] = p
		}
		if c {
			chair[seq] = true
		}
	}
	return ids, chair, rows.Err()
}
