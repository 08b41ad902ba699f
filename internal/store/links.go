package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/verbatim-un/verbatim/internal/align"
	"github.com/verbatim-un/verbatim/record"
)

// Version is the same speech in another language version of its meeting.
type Version struct {
	Lang       string  `json:"lang"` // the other record's language
	Seq        int     `json:"seq"`
	Confidence float64 `json:"confidence"` // of the pairing (package align)
}

// linkVersion aligns a record just stored (meeting row mid, its speeches'
// ids by seq) with every other stored version of the same symbol, and
// stores the speech-to-speech links both ways.
func linkVersion(ctx context.Context, tx tx, m *record.Meeting, mid int64, ids map[int]int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM meetings WHERE symbol = ? AND id <> ? ORDER BY language`, m.Symbol, mid)
	if err != nil {
		return err
	}
	var others []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		others = append(others, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(others) == 0 {
		return nil
	}
	var from, to []int64
	var conf []float64
	for _, oid := range others {
		om, oids, err := readStored(ctx, tx, oid)
		if err != nil {
			return err
		}
		if om.Language == m.Language {
			continue
		}
		for _, l := range align.AlignPair(m, om).Links {
			for _, a := range l.A {
				for _, b := range l.B {
					x, y := ids[a], oids[b]
					if x == 0 || y == 0 {
						continue
					}
					from, to, conf = append(from, x, y), append(to, y, x), append(conf, l.Confidence, l.Confidence)
				}
			}
		}
	}
	return putLinks(ctx, tx, from, to, conf)
}

// putLinks stores links, given both ways (a link and its reverse next to
// each other): in PostgreSQL in one statement (a round trip), in SQLite a
// statement a pair.
func putLinks(ctx context.Context, tx tx, from, to []int64, conf []float64) error {
	if len(from) == 0 {
		return nil
	}
	if tx.pg {
		_, err := tx.ExecContext(ctx, `INSERT INTO speech_links (speech_id, other_id, confidence)
			SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::float8[]) ON CONFLICT DO NOTHING`, from, to, conf)
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO speech_links (speech_id, other_id, confidence) VALUES (?, ?, ?), (?, ?, ?)
		ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for i := 0; i+1 < len(from); i += 2 {
		if _, err := ins.ExecContext(ctx, from[i], to[i], conf[i], from[i+1], to[i+1], conf[i+1]); err != nil {
			return fmt.Errorf("linking speech %d to %d: %w", from[i], to[i], err)
		}
	}
	return nil
}

// queryer is a connection or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// readStored reads a stored record whole inside a transaction, with its
// speeches' ids by seq.
func readStored(ctx context.Context, tx tx, id int64) (*record.Meeting, map[int]int64, error) {
	var js []byte
	if err := tx.QueryRowContext(ctx, `SELECT record FROM meetings WHERE id = ?`, id).Scan(&js); err != nil {
		return nil, nil, err
	}
	m := &record.Meeting{}
	if err := json.Unmarshal(js, m); err != nil {
		return nil, nil, fmt.Errorf("stored record %d unreadable: %w", id, err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, seq, meta, text FROM speeches WHERE meeting_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	ids := map[int]int64{}
	m.Speeches = []record.Speech{}
	for rows.Next() {
		var sid int64
		var seq int
		var meta []byte
		var text string
		if err := rows.Scan(&sid, &seq, &meta, &text); err != nil {
			return nil, nil, err
		}
		var sp record.Speech
		if err := json.Unmarshal(meta, &sp); err != nil {
			return nil, nil, fmt.Errorf("%s: speech %d unreadable: %w", m.Symbol, seq, err)
		}
		sp.Paragraphs = []string{}
		if text != "" {
			sp.Paragraphs = strings.Split(text, "\n")
		}
		m.Speeches = append(m.Speeches, sp)
		ids[seq] = sid
	}
	return m, ids, rows.Err()
}

// linkStored computes the links of every stored meeting with more than
// one language version (the migration that adds them).
func linkStored(ctx context.Context, tx tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM meetings mt WHERE EXISTS
		(SELECT 1 FROM meetings o WHERE o.symbol = mt.symbol AND o.id < mt.id) ORDER BY id`)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Each version is linked to the versions stored before it, as the
	// ingest would have done.
	for _, id := range ids {
		m, sids, err := readStored(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := linkVersion(ctx, tx, m, id, sids); err != nil {
			return err
		}
	}
	return nil
}

// SpeechVersions returns the same speech in the other stored language
// versions of its meeting (symbol in any case), by language.
func (s *Store) SpeechVersions(ctx context.Context, symbol, lang string, seq int) ([]Version, error) {
	symbol, err := s.canonicalSymbol(ctx, symbol)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT mo.language, so.seq, sl.confidence
		FROM meetings mt JOIN speeches sp ON sp.meeting_id = mt.id
		JOIN speech_links sl ON sl.speech_id = sp.id
		JOIN speeches so ON so.id = sl.other_id JOIN meetings mo ON mo.id = so.meeting_id
		WHERE mt.symbol = ? AND mt.language = ? AND sp.seq = ?
		ORDER BY mo.language, so.seq`, symbol, lang, seq)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Version{}
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.Lang, &v.Seq, &v.Confidence); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// MeetingLinks maps the speeches of a record with seq in [from, to] to
// the same speech in the meeting's other stored versions.
func (s *Store) MeetingLinks(ctx context.Context, symbol, lang string, from, to int) (map[int][]Version, error) {
	symbol, err := s.canonicalSymbol(ctx, symbol)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sp.seq, mo.language, so.seq, sl.confidence
		FROM meetings mt JOIN speeches sp ON sp.meeting_id = mt.id
		JOIN speech_links sl ON sl.speech_id = sp.id
		JOIN speeches so ON so.id = sl.other_id JOIN meetings mo ON mo.id = so.meeting_id
		WHERE mt.symbol = ? AND mt.language = ? AND sp.seq BETWEEN ? AND ?
		ORDER BY sp.seq, mo.language, so.seq`, symbol, lang, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int][]Version{}
	for rows.Next() {
		var seq int
		var v Version
		if err := rows.Scan(&seq, &v.Lang, &v.Seq, &v.Confidence); err != nil {
			return nil, err
		}
		out[seq] = append(out[seq], v)
	}
	return out, rows.Err()
}

// versionsOf reads the other versions of speeches by id, for a page of
// hits.
func versionsOf(ctx context.Context, q queryer, ids []any) (map[int64][]Version, error) {
	out := map[int64][]Version{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT sl.speech_id, mo.language, so.seq, sl.confidence
		FROM speech_links sl JOIN speeches so ON so.id = sl.other_id JOIN meetings mo ON mo.id = so.meeting_id
		WHERE sl.speech_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)
		ORDER BY sl.speech_id, mo.language, so.seq`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v Version
		if err := rows.Scan(&id, &v.Lang, &v.Seq, &v.Confidence); err != nil {
			return nil, err
		}
		out[id] = append(out[id], v)
	}
	return out, rows.Err()
}
