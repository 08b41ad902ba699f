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

	"github.com/verbatim-un/verbatim/internal/index"
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
// spares the full-text index a segment per record.
func (s *Store) PutBatch(ctx context.Context, ms []*record.Meeting) ([]PutResult, error) {
	ps := make([]*Prepared, len(ms))
	for i, m := range ms {
		ps[i] = Prepare(m)
	}
	return s.PutPrepared(ctx, ps)
}

// Prepared is a record made ready to store: its speeches' text joined and
// cut into index terms. That is the costly part of storing a record and
// needs no database, so the ingest prepares records on all cores.
type Prepared struct {
	m      *record.Meeting
	texts  []string
	chars  []int
	words  []int
	part   *index.Part
	record []byte   // the record's JSON without the speeches
	metas  [][]byte // each speech's JSON without its text
	err    error
}

// Prepare readies a record for PutPrepared.
func Prepare(m *record.Meeting) *Prepared {
	p := &Prepared{m: m}
	var pb index.PartBuilder
	for _, sp := range m.Speeches {
		text := strings.Join(sp.Paragraphs, "\n")
		p.texts = append(p.texts, text)
		p.chars = append(p.chars, utf8.RuneCountInString(text))
		p.words = append(p.words, countWords(text))
		pb.Add(text)
	}
	p.part = pb.Part()
	// The record is kept as JSON, its speeches in the speeches table:
	// each one's JSON without the text, and the text (one paragraph a
	// line) once, for the index and for reading. A page of a long meeting
	// reads only its own speeches.
	lean := *m
	lean.Speeches = []record.Speech{}
	p.record, p.err = json.Marshal(&lean)
	p.metas = make([][]byte, len(m.Speeches))
	for i, sp := range m.Speeches {
		sp.Paragraphs = nil
		b, err := json.Marshal(&sp)
		if err != nil && p.err == nil {
			p.err = err
		}
		p.metas[i] = b
	}
	return p
}

// Meeting is the prepared record.
func (p *Prepared) Meeting() *record.Meeting { return p.m }

// PutPrepared stores prepared records in one transaction, with their
// full-text index segment: all of them or, on any error, none.
func (s *Store) PutPrepared(ctx context.Context, ps []*Prepared) ([]PutResult, error) {
	for _, p := range ps {
		if p.m.Symbol == "" {
			return nil, ErrNoSymbol
		}
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := make([]PutResult, 0, len(ps))
	w := &indexWriter{b: index.NewBuilder()}
	for _, p := range ps {
		r, err := putTx(ctx, tx, p, w)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.m.Symbol, err)
		}
		out = append(out, r)
	}
	ix := writeIx(tx)
	if _, err := w.b.Write(ctx, ix, w.deleted); err != nil {
		return nil, fmt.Errorf("full-text index: %w", err)
	}
	if err := ix.flush(ctx); err != nil {
		return nil, fmt.Errorf("full-text index: %w", err)
	}
	return out, tx.Commit()
}

// indexWriter collects a batch's speeches for the index, and the speeches
// its replaced records had.
type indexWriter struct {
	b       *index.Builder
	deleted []int64
}

// Compact merges the full-text index's segments where they have piled
// up (see package index); the ingest calls it between batches.
func (s *Store) Compact(ctx context.Context) error {
	_, err := index.Merge(ctx, s)
	return err
}

// CompactAll merges the whole full-text index into one segment.
func (s *Store) CompactAll(ctx context.Context) error {
	return index.MergeAll(ctx, s)
}

// dateNum turns YYYY-MM-DD (or a prefix of it) into YYYYMMDD, the missing
// digits filled with fill ('0' for a lower bound, '9' for an upper one);
// 0 when there is no date.
func dateNum(s string, fill byte) int32 {
	var d [8]byte
	n := 0
	for i := 0; i < len(s) && n < 8; i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			d[n] = c
			n++
		}
	}
	if n == 0 {
		return 0
	}
	for i := n; i < 8; i++ {
		d[i] = fill
	}
	v := int32(0)
	for _, c := range d {
		v = v*10 + int32(c-'0')
	}
	return v
}

func putTx(ctx context.Context, tx tx, p *Prepared, w *indexWriter) (PutResult, error) {
	m := p.m
	if p.err != nil {
		return PutResult{}, p.err
	}
	js := p.record
	var res PutResult
	var old int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM meetings WHERE symbol = ? AND language = ?`, m.Symbol, m.Language).Scan(&old)
	switch {
	case err == nil:
		res.Replaced = true
		rows, err := tx.QueryContext(ctx, `SELECT id FROM speeches WHERE meeting_id = ?`, old)
		if err != nil {
			return res, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return res, err
			}
			w.deleted = append(w.deleted, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
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
	var mid int64
	err = tx.QueryRowContext(ctx, `INSERT INTO meetings (symbol, base_symbol, part, language, body, body_code, meeting,
		session, date, opened, closed, president_code, speeches, warnings, source_file, source_sha256, extractor, record, ingested_at, subject)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.Symbol, partRe.ReplaceAllString(m.Symbol, ""), m.Part, m.Language, m.Body, bodyCode, m.Meeting,
		m.Session, m.Date, m.Opened, m.Closed, presCode, len(m.Speeches), len(m.Warnings),
		src.File, src.SHA256, src.Extractor, js, time.Now().UTC().Format(time.RFC3339), Subject(m)).Scan(&mid)
	if err != nil {
		return res, err
	}

	rows := putRows
	if tx.pg {
		rows = putRowsPG
	}
	docs, ids, err := rows(ctx, tx, p, mid, bodyCode)
	if err != nil {
		return res, err
	}
	res.Speeches = len(docs)
	if err := w.b.AddPart(p.part, docs); err != nil {
		return res, err
	}
	if err := linkVersion(ctx, tx, m, mid, ids); err != nil {
		return res, fmt.Errorf("linking the other language versions: %w", err)
	}
	// The same speech by a name in another script: the same person.
	if err := linkAcrossScripts(ctx, tx, mid); err != nil {
		return res, fmt.Errorf("linking persons across scripts: %w", err)
	}
	return res, nil
}

// putRows stores a record's speeches, speakers, agenda, events and
// references, a statement a row (SQLite: each is a call into the library,
// no round trip), and returns the speeches as the index's documents.
func putRows(ctx context.Context, tx tx, p *Prepared, mid int64, bodyCode string) ([]index.Doc, map[int]int64, error) {
	m := p.m
	person, err := tx.PrepareContext(ctx, `INSERT INTO people (name, title, affiliation) VALUES (?, ?, ?)
		ON CONFLICT (name, title, affiliation) DO UPDATE SET name = excluded.name RETURNING id`)
	if err != nil {
		return nil, nil, err
	}
	defer person.Close()
	persons, chair, err := turns(ctx, tx, m)
	if err != nil {
		return nil, nil, err
	}
	speech, err := tx.PrepareContext(ctx, `INSERT INTO speeches (meeting_id, seq, person_id, speaker, role, country,
		affiliation_kind, national_capacity, language, on_behalf_of, item, chars, words, text, person, chair, meta)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return nil, nil, err
	}
	defer speech.Close()
	date := dateNum(m.Date, '0')
	docs := make([]index.Doc, 0, len(m.Speeches))
	ids := make(map[int]int64, len(m.Speeches))
	for i, sp := range m.Speeches {
		code, kind := "", ""
		if sp.Affiliation != nil {
			code, kind = sp.Affiliation.Code, sp.Affiliation.Kind
		}
		var pid int64
		if err := person.QueryRowContext(ctx, sp.Speaker, sp.Title, code).Scan(&pid); err != nil {
			return nil, nil, fmt.Errorf("speaker %s: %w", sp.Speaker, err)
		}
		behalf := ""
		if sp.OnBehalfOf != nil {
			behalf = *sp.OnBehalfOf
		}
		text := p.texts[i]
		var sid int64
		if err := speech.QueryRowContext(ctx, mid, sp.Seq, pid, sp.Speaker, sp.Role, code, kind, sp.NationalCapacity,
			sp.Language, behalf, sp.Item, p.chars[i], p.words[i], text, nullID(persons[i]), flag(chair[i]), p.metas[i]).Scan(&sid); err != nil {
			return nil, nil, fmt.Errorf("speech %d: %w", sp.Seq, err)
		}
		ids[sp.Seq] = sid
		docs = append(docs, indexed{speech: sid, meeting: mid, speaker: pid, person: persons[i], date: date, language: m.Language,
			country: code, role: sp.Role, body: bodyCode, bodyName: m.Body, delivery: sp.Language}.doc())
	}

	for i, it := range m.Agenda {
		if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (meeting_id, idx, number, title) VALUES (?, ?, ?, ?)`,
			mid, i+1, it.Number, it.Title); err != nil {
			return nil, nil, err
		}
	}
	for i, e := range m.Events {
		var eid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO events (meeting_id, idx, type, speech, time, rule) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			mid, i+1, e.Type, e.Speech, e.Time, e.Rule).Scan(&eid); err != nil {
			return nil, nil, err
		}
		if e.Vote == nil {
			continue
		}
		v := e.Vote
		if _, err := tx.ExecContext(ctx, `INSERT INTO votes (event_id, draft, resolution, method, yes, no, abstain, adopted)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, eid, v.Draft, v.Resolution, v.Method, v.Yes, v.No, v.Abstain, v.Adopted); err != nil {
			return nil, nil, err
		}
		for _, pos := range []struct {
			name  string
			codes []string
		}{{"in_favour", v.InFavour}, {"against", v.Against}, {"abstaining", v.Abstaining}} {
			for _, c := range pos.codes {
				if _, err := tx.ExecContext(ctx, `INSERT INTO vote_positions (event_id, country, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
					eid, c, pos.name); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	for _, ref := range m.References {
		if _, err := tx.ExecContext(ctx, `INSERT INTO refs (meeting_id, speech, symbol, text) VALUES (?, ?, ?, ?)`,
			mid, ref.Speech, ref.Symbol, ref.Text); err != nil {
			return nil, nil, err
		}
	}
	return docs, ids, nil
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

// Reindex rebuilds the full-text index from the stored speeches, in one
// transaction, and merges it into one segment.
func (s *Store) Reindex(ctx context.Context) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := reindexTx(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// reindexTx rebuilds the index in tx: segments of a few thousand
// speeches, then merged into one.
func reindexTx(ctx context.Context, tx tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM ix_segments; DELETE FROM ix_chunks; DELETE FROM ix_deleted`); err != nil {
		return err
	}
	const batch = 5000
	last := int64(0)
	ix := writeIx(tx)
	for {
		rows, err := tx.QueryContext(ctx, `SELECT sp.id, sp.meeting_id, coalesce(sp.person_id, 0), coalesce(sp.person, 0), mt.date, mt.language,
			sp.country, sp.role, mt.body_code, mt.body, sp.language, sp.text
			FROM speeches sp JOIN meetings mt ON mt.id = sp.meeting_id WHERE sp.id > ? ORDER BY sp.id LIMIT ?`, last, batch)
		if err != nil {
			return err
		}
		b := index.NewBuilder()
		for rows.Next() {
			var x indexed
			var date, text string
			if err := rows.Scan(&x.speech, &x.meeting, &x.speaker, &x.person, &date, &x.language, &x.country, &x.role,
				&x.body, &x.bodyName, &x.delivery, &text); err != nil {
				rows.Close()
				return err
			}
			x.date = dateNum(date, '0')
			b.Add(x.doc(), text)
			last = x.speech
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if b.Len() == 0 {
			break
		}
		if _, err := b.Write(ctx, ix, nil); err != nil {
			return err
		}
	}
	if err := index.MergeAllIn(ctx, ix); err != nil {
		return err
	}
	return ix.flush(ctx)
}
