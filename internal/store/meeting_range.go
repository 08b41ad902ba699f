package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

// MeetingRange returns a stored record with only the speeches at
// positions [offset, offset+limit) (in order), their text included, and
// the number of speeches the record has. The record's JSON is read as a
// stream and the other speeches are skipped, so a meeting of any size is
// read in bounded memory beyond its procedural events.
func (s *Store) MeetingRange(ctx context.Context, symbol, lang string, offset, limit int) (*record.Meeting, int, error) {
	symbol, err := s.canonicalSymbol(ctx, symbol)
	if err != nil {
		return nil, 0, err
	}
	var js []byte
	var id int64
	err = s.db.QueryRowContext(ctx, `SELECT id, record FROM meetings WHERE symbol = ? AND (? = '' OR language = ?)
		ORDER BY CASE language WHEN 'zh' THEN 0 WHEN 'en' THEN 1 ELSE 2 END LIMIT 1`, symbol, lang, lang).Scan(&id, &js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, fmt.Errorf("meeting %s: %w", symbol, ErrNotFound)
	}
	if err != nil {
		return nil, 0, err
	}
	m, total, err := decodeRange(js, offset, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("meeting %s: stored record unreadable: %w", symbol, err)
	}
	if len(m.Speeches) == 0 {
		return m, total, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, text FROM speeches WHERE meeting_id = ? AND seq BETWEEN ? AND ?`,
		id, m.Speeches[0].Seq, m.Speeches[len(m.Speeches)-1].Seq)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	text := make(map[int]string, len(m.Speeches))
	for rows.Next() {
		var seq int
		var t string
		if err := rows.Scan(&seq, &t); err != nil {
			return nil, 0, err
		}
		text[seq] = t
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	for i := range m.Speeches {
		m.Speeches[i].Paragraphs = []string{}
		if t := text[m.Speeches[i].Seq]; t != "" {
			m.Speeches[i].Paragraphs = strings.Split(t, "\n")
		}
	}
	return m, total, nil
}

// decodeRange decodes a record's JSON keeping the speeches at positions
// [offset, offset+limit) and counting all of them. The speeches outside
// the range are skipped by a scan of their bytes, not decoded: a record
// of 200,000 speeches is tens of megabytes of them.
func decodeRange(js []byte, offset, limit int) (*record.Meeting, int, error) {
	i := skipSpace(js, 0)
	if i >= len(js) || js[i] != '{' {
		return nil, 0, fmt.Errorf("not a JSON object")
	}
	i++
	var rest bytes.Buffer
	rest.WriteByte('{')
	m := &record.Meeting{Speeches: []record.Speech{}}
	total := 0
	for {
		i = skipSpace(js, i)
		if i < len(js) && js[i] == '}' {
			break
		}
		if i < len(js) && js[i] == ',' {
			i = skipSpace(js, i+1)
		}
		kb := i
		keyEnd, err := skipValue(js, i)
		if err != nil {
			return nil, 0, err
		}
		var key string
		if err := json.Unmarshal(js[i:keyEnd], &key); err != nil {
			return nil, 0, err
		}
		i = skipSpace(js, keyEnd)
		if i >= len(js) || js[i] != ':' {
			return nil, 0, fmt.Errorf("no colon after %q", key)
		}
		i = skipSpace(js, i+1)
		end, err := skipValue(js, i)
		if err != nil {
			return nil, 0, err
		}
		if key != "speeches" || js[i] != '[' {
			if rest.Len() > 1 {
				rest.WriteByte(',')
			}
			rest.Write(js[kb:keyEnd])
			rest.WriteByte(':')
			rest.Write(js[i:end])
			i = end
			continue
		}
		// The speeches: element by element.
		j := skipSpace(js, i+1)
		for j < end-1 {
			if js[j] == ',' {
				j = skipSpace(js, j+1)
			}
			e, err := skipValue(js, j)
			if err != nil {
				return nil, 0, err
			}
			if total >= offset && total < offset+limit {
				var sp record.Speech
				if err := json.Unmarshal(js[j:e], &sp); err != nil {
					return nil, 0, err
				}
				m.Speeches = append(m.Speeches, sp)
			}
			total++
			j = skipSpace(js, e)
		}
		i = end
	}
	rest.WriteByte('}')
	speeches := m.Speeches
	if err := json.Unmarshal(rest.Bytes(), m); err != nil {
		return nil, 0, err
	}
	m.Speeches = speeches
	return m, total, nil
}

func skipSpace(js []byte, i int) int {
	for i < len(js) && (js[i] == ' ' || js[i] == '\n' || js[i] == '\t' || js[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at i. The record
// was written by encoding/json, so the scan only needs to be right on
// valid JSON; what it passes over is never decoded.
func skipValue(js []byte, i int) (int, error) {
	if i >= len(js) {
		return 0, fmt.Errorf("unexpected end of JSON")
	}
	switch js[i] {
	case '"':
		for j := i + 1; j < len(js); j++ {
			switch js[j] {
			case '\\':
				j++
			case '"':
				return j + 1, nil
			}
		}
		return 0, fmt.Errorf("unterminated string")
	case '{', '[':
		depth := 0
		for j := i; j < len(js); j++ {
			switch js[j] {
			case '"':
				e, err := skipValue(js, j)
				if err != nil {
					return 0, err
				}
				j = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, fmt.Errorf("unterminated object or array")
	}
	j := i
	for j < len(js) && !strings.ContainsRune(",}] \n\t\r", rune(js[j])) {
		j++
	}
	if j == i {
		return 0, fmt.Errorf("unexpected %q", js[i])
	}
	return j, nil
}
