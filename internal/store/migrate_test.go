package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigration003: a database of schema 2 (speeches in the record's
// JSON, no persons) is upgraded when opened: persons resolved, chair
// turns marked, speeches moved to their rows, subjects filled, and the
// meeting reads back the same.
func TestMigration003(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"001_init.sql", "002_index.sql"} {
		b, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	m := roomMeetings()[1] // S/PV.9001 in English: the President chairs and speaks for Viet Nam
	lean := *m
	lean.Speeches = nil
	for _, sp := range m.Speeches {
		sp.Paragraphs = nil
		lean.Speeches = append(lean.Speeches, sp)
	}
	js, _ := json.Marshal(&lean)
	stmts := []struct {
		q    string
		args []any
	}{
		{`CREATE TABLE verbatim_schema (version INTEGER NOT NULL)`, nil},
		{`INSERT INTO verbatim_schema VALUES (2)`, nil},
		{`INSERT INTO meetings (id, symbol, base_symbol, language, body, body_code, date, speeches, record, ingested_at)
			VALUES (1, ?, ?, 'en', 'Security Council', 'S', ?, ?, ?, '2026-01-01T00:00:00Z')`, []any{m.Symbol, m.Symbol, m.Date, len(m.Speeches), js}},
	}
	for _, sp := range m.Speeches {
		stmts = append(stmts, struct {
			q    string
			args []any
		}{`INSERT INTO speeches (meeting_id, seq, speaker, role, country, national_capacity, language, chars, words, text)
			VALUES (1, ?, ?, ?, ?, ?, ?, 1, 1, ?)`, []any{sp.Seq, sp.Speaker, sp.Role, sp.Affiliation.Code, sp.NationalCapacity, sp.Language,
			strings.Join(sp.Paragraphs, "\n")}})
	}
	for _, st := range stmts {
		if _, err := db.Exec(st.q, st.args...); err != nil {
			t.Fatalf("%s: %v", st.q, err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	got, err := s.Meeting(ctx, m.Symbol, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Speeches) != len(m.Speeches) || got.Speeches[2].Speaker != "Lévitte" || got.Speeches[1].Paragraphs[0] != m.Speeches[1].Paragraphs[0] {
		t.Errorf("meeting after the upgrade: %+v", got.Speeches)
	}
	var inRecord int
	s.DB().QueryRow(`SELECT json_array_length(record, '$.speeches') FROM meetings`).Scan(&inRecord)
	if inRecord != 0 {
		t.Errorf("%d speeches left in the record's JSON", inRecord)
	}
	p, err := s.Person(ctx, "dang.vnm")
	if err != nil || p.Speeches != 2 || p.Chair != 1 {
		t.Errorf("president after the upgrade: %+v %v", p, err)
	}
	list, _, err := s.MeetingList(ctx, MeetingFilter{})
	if err != nil || list[0].Subject != "The situation in the Middle East" {
		t.Errorf("subject after the upgrade: %+v %v", list, err)
	}
}
