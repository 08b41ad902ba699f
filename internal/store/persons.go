package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/people"
	"github.com/verbatim-un/verbatim/record"
)

// turns resolves who speaks each turn of m (package people) and stores
// the persons, returning each speech's person id (0: nobody the record
// names) and chair flag.
func turns(ctx context.Context, tx tx, m *record.Meeting) ([]int64, []bool, error) {
	ts := people.Resolve(m)
	ids := make([]int64, len(ts))
	chair := make([]bool, len(ts))
	if len(ts) == 0 {
		return ids, chair, nil
	}
	// A later spelling with more letters (the accents a first record
	// lacked) replaces the shown name; the key stays. A new person joins
	// the group of its variant (another transliteration of the name, the
	// same affiliation), or starts one.
	st, err := tx.PrepareContext(ctx, `INSERT INTO persons (key, name, name_zh, title, affiliation, office, term, variant, canonical)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT min(canonical) FROM persons WHERE variant = ?))
		ON CONFLICT (key) DO UPDATE SET
			name = CASE WHEN length(CAST(excluded.name AS BLOB)) > length(CAST(persons.name AS BLOB)) THEN excluded.name ELSE persons.name END,
			title = CASE WHEN persons.title = '' THEN excluded.title ELSE persons.title END
		RETURNING id, canonical`)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	known := map[*people.Person]int64{}
	for i, t := range ts {
		chair[i] = t.Chair
		p := t.Person
		if p == nil {
			continue
		}
		if id, ok := known[p]; ok {
			ids[i] = id
			continue
		}
		variant := people.Variant(p.Key)
		var canonical sql.NullInt64
		if err := st.QueryRowContext(ctx, p.Key, p.Name, p.NameZh, p.Title, p.Affiliation, p.Office, p.Term, variant, variant).
			Scan(&ids[i], &canonical); err != nil {
			return nil, nil, fmt.Errorf("person %s: %w", p.Key, err)
		}
		if !canonical.Valid {
			if _, err := tx.ExecContext(ctx, `UPDATE persons SET canonical = id WHERE id = ?`, ids[i]); err != nil {
				return nil, nil, fmt.Errorf("person %s: %w", p.Key, err)
			}
		}
		known[p] = ids[i]
	}
	return ids, chair, nil
}

// Subject is what a meeting is about, for listings and search hits: its
// first agenda item with some words in it (the cover page of a scanned
// record can leave an item of punctuation and stray letters).
func Subject(m *record.Meeting) string {
	for _, it := range m.Agenda {
		t := strings.Join(strings.Fields(it.Title), " ")
		letters, other := 0, 0
		for _, r := range t {
			switch {
			case unicode.IsLetter(r):
				letters++
			case !unicode.IsSpace(r):
				other++
			}
		}
		if letters >= 3 && letters >= 4*other {
			return t
		}
	}
	return ""
}

// resolveStored fills persons, the speeches' person, chair and JSON, and
// the meetings' subject from the stored records, and takes the speeches
// out of the records' JSON (migration 003).
func resolveStored(ctx context.Context, tx tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, record FROM meetings`)
	if err != nil {
		return err
	}
	type stored struct {
		id int64
		m  record.Meeting
	}
	var all []stored
	for rows.Next() {
		var s stored
		var js []byte
		if err := rows.Scan(&s.id, &js); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal(js, &s.m); err != nil {
			rows.Close()
			return fmt.Errorf("meeting %d: stored record unreadable: %w", s.id, err)
		}
		all = append(all, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, s := range all {
		ids, chair, err := turns(ctx, tx, &s.m)
		if err != nil {
			return err
		}
		for i, sp := range s.m.Speeches {
			sp.Paragraphs = nil
			meta, err := json.Marshal(&sp)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE speeches SET person = ?, chair = ?, meta = ? WHERE meeting_id = ? AND seq = ?`,
				nullID(ids[i]), flag(chair[i]), meta, s.id, sp.Seq); err != nil {
				return err
			}
		}
		// The speeches now live in their rows only.
		lean := s.m
		lean.Speeches = []record.Speech{}
		js, err := json.Marshal(&lean)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET subject = ?, record = ? WHERE id = ?`, Subject(&s.m), js, s.id); err != nil {
			return err
		}
	}
	return nil
}

// flag stores a boolean as the 0 or 1 both databases' INTEGER columns
// hold (the queries sum them).
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// groupPersons computes every person's variant and group again (migration
// 004, and after the variant rules change): persons of one variant, and
// persons person_links joins, are one group, known by its lowest id.
func groupPersons(ctx context.Context, tx tx) error {
	return regroup(ctx, tx, nil)
}

// regroup groups again the persons of the groups named by their
// canonical ids (nil: every person), after joins between them were made
// or undone: their new groups are made of them alone.
func regroup(ctx context.Context, tx tx, groups []int64) error {
	q := `SELECT id, key, variant, coalesce(canonical, 0) FROM persons`
	var args []any
	if groups != nil {
		if len(groups) == 0 {
			return nil
		}
		q += ` WHERE canonical IN (?` + strings.Repeat(", ?", len(groups)-1) + `)`
		for _, g := range groups {
			args = append(args, g)
		}
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return err
	}
	type row struct {
		id, canonical int64
		key, variant  string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.key, &r.variant, &r.canonical); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Union-find over ids; the root is the lowest id of a group.
	parent := make(map[int64]int64, len(all))
	var find func(int64) int64
	find = func(x int64) int64 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int64) {
		ra, rb := find(a), find(b)
		if ra > rb {
			ra, rb = rb, ra
		}
		parent[rb] = ra
	}
	first := map[string]int64{}
	for _, r := range all {
		parent[r.id] = r.id
	}
	for _, r := range all {
		v := people.Variant(r.key)
		if f, ok := first[v]; ok {
			union(f, r.id)
		} else {
			first[v] = r.id
		}
	}
	links, err := tx.QueryContext(ctx, `SELECT person, other FROM person_links`)
	if err != nil {
		return err
	}
	for links.Next() {
		var a, b int64
		if err := links.Scan(&a, &b); err != nil {
			links.Close()
			return err
		}
		_, okA := parent[a]
		_, okB := parent[b]
		if okA && okB { // a join with persons outside the groups regrouped cannot be
			union(a, b)
		}
	}
	links.Close()
	if err := links.Err(); err != nil {
		return err
	}
	for _, r := range all {
		v, c := people.Variant(r.key), find(r.id)
		if v == r.variant && c == r.canonical {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE persons SET variant = ?, canonical = ? WHERE id = ?`, v, c, r.id); err != nil {
			return err
		}
	}
	if groups != nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM person_rules`); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO person_rules (digest) VALUES (?)`, groupingRules())
	return err
}

// groupingRules identifies how persons are grouped: the variant rules
// and the way aligned speeches join scripts (linkAcrossScripts), so that
// a change of either groups them again.
func groupingRules() string { return people.VariantRules() + "/aligned-1" }

// personRulesChanged reports whether the persons were grouped with other
// variant rules than this build's.
func personRulesChanged(ctx context.Context, tx tx) (bool, error) {
	var digest string
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(digest), '') FROM person_rules`).Scan(&digest)
	return digest != groupingRules(), err
}
