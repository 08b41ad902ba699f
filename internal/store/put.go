package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/record"
)

// ErrNoSymbol: the store identifies a meeting by its symbol and language.
var ErrNoSymbol = errors.New("the record has no symbol, and the store identifies meetings by symbol")

// PutResult says what storing a record did.
type PutResult struct {
	Replaced bool // a record with the same symbol and language was there
	Speeches int
}

var partRe = regexp.MustCompile(`\s*\(Resumption \d+\)$`)

// Put stores a meeting in one transaction, replacing any stored record of
// the same symbol and language.
func (s *Store) Put(ctx context.Context, m *record.Meeting) (PutResult, error) {
	rs, err := s.PutBatch(ctx, []*record.Meeting{m})
	if err != nil {
		return PutResult{}, err
	}
	return rs[0], nil
}

// PutBatch stores several meetings in one transaction: all of them or,
// on any error, none. Each record is whole either way; the batch only
// spares the full-text index a flush and a merge per record, which is
// most of the cost of storing one.
func (s *Store) PutBatch(ctx context.Context, ms []*record.Meeting) ([]PutResult, error) {
	for _, m := range ms {
		if m.Symbol == "" {
			return nil, ErrNoSymbol
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := make([]PutResult, 0, len(ms))
	for _, m := range ms {
		r, err := putTx(ctx, tx, m)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.Symbol, err)
		}
		out = append(out, r)
	}
	return out, tx.Commit()
}

func putTx(ctx context.Context, tx *sql.Tx, m *record.Meeting) (PutResult, error) {
	// The record is kept whole as JSON but for the speeches' text, which
	// the speeches table holds (one paragraph a line): storing it twice
	// would double the database.
	lean := *m
	lean.Speeches = make([]record.Speech, len(m.Speeches))
	for i, sp := range m.Speeches {
		sp.Paragraphs = nil
		lean.Speeches[i] = sp
	}
	js, err := json.Marshal(&lean)
	if err != nil {
		return PutResult{}, err
	}
	var res PutResult
	var old int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM meetings WHERE symbol = ? AND language = ?`, m.Symbol, m.Language).Scan(&old)
	switch {
	case err == nil:
		res.Replaced = true
		if _, err := tx.ExecContext(ctx, `DELETE FROM speech_fts WHERE rowid IN (SELECT id FROM speeches WHERE meeting_id = ?)`, old); err != nil {
			return res, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE id = ?`, old); err != nil {
			return res, err
		}
	case !errors.Is(err, sql.ErrNoRows):
		return res, err
	}

	src := m.Source
	if src == nil {
		src = &record.Source{}
	}
	presCode := ""
	if m.President != nil && m.President.Affiliation != nil {
		presCode = m.President.Affiliation.Code
	}
	bodyCode, _, _ := strings.Cut(m.Symbol, "/")
	r, err := tx.ExecContext(ctx, `INSERT INTO meetings (symbol, base_symbol, part, language, body, body_code, meeting,
		session, date, opened, closed, president_code, speeches, warnings, source_file, source_sha256, extractor, record, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.Symbol, partRe.ReplaceAllString(m.Symbol, ""), m.Part, m.Language, m.Body, bodyCode, m.Meeting,
		m.Session, m.Date, m.Opened, m.Closed, presCode, len(m.Speeches), len(m.Warnings),
		src.File, src.SHA256, src.Extractor, js, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return res, err
	}
	mid, err := r.LastInsertId()
	if err != nil {
		return res, err
	}

	person, err := tx.PrepareContext(ctx, `INSERT INTO people (name, title, affiliation) VALUES (?, ?, ?)
		ON CONFLICT (name, title, affiliation) DO UPDATE SET name = excluded.name RETURNING id`)
	if err != nil {
		return res, err
	}
	defer person.Close()
	speech, err := tx.PrepareContext(ctx, `INSERT INTO speeches (meeting_id, seq, person_id, speaker, role, country,
		affiliation_kind, national_capacity, language, on_behalf_of, item, chars, words, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return res, err
	}
	defer speech.Close()
	fts, err := tx.PrepareContext(ctx, `INSERT INTO speech_fts (rowid, body) VALUES (?, ?)`)
	if err != nil {
		return res, err
	}
	defer fts.Close()

	for _, sp := range m.Speeches {
		code, kind := "", ""
		if sp.Affiliation != nil {
			code, kind = sp.Affiliation.Code, sp.Affiliation.Kind
		}
		var pid int64
		if err := person.QueryRowContext(ctx, sp.Speaker, sp.Title, code).Scan(&pid); err != nil {
			return res, fmt.Errorf("speaker %s: %w", sp.Speaker, err)
		}
		behalf := ""
		if sp.OnBehalfOf != nil {
			behalf = *sp.OnBehalfOf
		}
		text := strings.Join(sp.Paragraphs, "\n")
		r, err := speech.ExecContext(ctx, mid, sp.Seq, pid, sp.Speaker, sp.Role, code, kind, sp.NationalCapacity,
			sp.Language, behalf, sp.Item, utf8.RuneCountInString(text), countWords(text), text)
		if err != nil {
			return res, fmt.Errorf("speech %d: %w", sp.Seq, err)
		}
		sid, err := r.LastInsertId()
		if err != nil {
			return res, err
		}
		if _, err := fts.ExecContext(ctx, sid, search.Analyze(text)); err != nil {
			return res, err
		}
		res.Speeches++
	}

	for i, it := range m.Agenda {
		if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (meeting_id, idx, number, title) VALUES (?, ?, ?, ?)`,
			mid, i+1, it.Number, it.Title); err != nil {
			return res, err
		}
	}
	for i, e := range m.Events {
		r, err := tx.ExecContext(ctx, `INSERT INTO events (meeting_id, idx, type, speech, time, rule) VALUES (?, ?, ?, ?, ?, ?)`,
			mid, i+1, e.Type, e.Speech, e.Time, e.Rule)
		if err != nil {
			return res, err
		}
		if e.Vote == nil {
			continue
		}
		eid, _ := r.LastInsertId()
		v := e.Vote
		if _, err := tx.ExecContext(ctx, `INSERT INTO votes (event_id, draft, resolution, method, yes, no, abstain, adopted)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, eid, v.Draft, v.Resolution, v.Method, v.Yes, v.No, v.Abstain, v.Adopted); err != nil {
			return res, err
		}
		for _, pos := range []struct {
			name  string
			codes []string
		}{{"in_favour", v.InFavour}, {"against", v.Against}, {"abstaining", v.Abstaining}} {
			for _, c := range pos.codes {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO vote_positions (event_id, country, position) VALUES (?, ?, ?)`,
					eid, c, pos.name); err != nil {
					return res, err
				}
			}
		}
	}
	for _, ref := range m.References {
		if _, err := tx.ExecContext(ctx, `INSERT INTO refs (meeting_id, speech, symbol, text) VALUES (?, ?, ?, ?)`,
			mid, ref.Speech, ref.Symbol, ref.Text); err != nil {
			return res, err
		}
	}
	return res, nil
}

// countWords counts words for statistics: a CJK character counts as one
// word, as word counts of Chinese text usually do; other text by spaces.
func countWords(s string) int {
	n := 0
	inWord := false
	for _, r := range s {
		switch {
		case search.IsCJK(r):
			n++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if !inWord {
				n++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	return n
}
