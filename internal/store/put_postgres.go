package store

import (
	"context"
	"fmt"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/internal/people"
	"github.com/verbatim-un/verbatim/record"
)

// putRowsPG is putRows for PostgreSQL, where every statement is a round
// trip to the server: each table's rows of a record go in one statement,
// as arrays unnested by the server, so that a record costs about ten
// round trips instead of two or three a speech. The rows are the same.
func putRowsPG(ctx context.Context, tx tx, p *Prepared, mid int64, bodyCode string) ([]index.Doc, map[int]int64, error) {
	m := p.m
	n := len(m.Speeches)
	codes, kinds := make([]string, n), make([]string, n)
	speakers, titles := make([]string, n), make([]string, n)
	for i, sp := range m.Speeches {
		if sp.Affiliation != nil {
			codes[i], kinds[i] = sp.Affiliation.Code, sp.Affiliation.Kind
		}
		speakers[i], titles[i] = sp.Speaker, sp.Title
	}
	pids, err := peoplePG(ctx, tx, speakers, titles, codes)
	if err != nil {
		return nil, nil, err
	}
	persons, chair, err := personsPG(ctx, tx, m)
	if err != nil {
		return nil, nil, err
	}

	seqs, items, chars, words := make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	roles, langs, behalf := make([]string, n), make([]string, n), make([]string, n)
	national := make([]bool, n)
	chairs := make([]int, n)
	for i, sp := range m.Speeches {
		seqs[i], items[i], chars[i], words[i] = sp.Seq, sp.Item, p.chars[i], p.words[i]
		roles[i], langs[i], national[i], chairs[i] = sp.Role, sp.Language, sp.NationalCapacity, flag(chair[i])
		if sp.OnBehalfOf != nil {
			behalf[i] = *sp.OnBehalfOf
		}
	}
	docs := make([]index.Doc, n)
	ids := make(map[int]int64, n)
	if n > 0 {
		// Ids are given in the record's order, as putRows gives them;
		// they come back with the seq they were given to, which is unique
		// in a meeting: RETURNING promises no order.
		rows, err := tx.QueryContext(ctx, `INSERT INTO speeches (meeting_id, seq, person_id, speaker, role, country,
			affiliation_kind, national_capacity, language, on_behalf_of, item, chars, words, text, person, chair, meta)
			SELECT ?::bigint, seq, person_id, speaker, role, country, kind, national, language, behalf, item, chars, words, text,
				NULLIF(person, 0), chair, meta
			FROM unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::text[], ?::text[],
				?::int[], ?::int[], ?::int[], ?::text[], ?::bigint[], ?::int[], ?::bytea[])
				WITH ORDINALITY AS v(seq, person_id, speaker, role, country, kind, national, language, behalf, item, chars, words, text, person, chair, meta, ord)
			ORDER BY ord
			RETURNING id, seq`,
			mid, seqs, pids, speakers, roles, codes, kinds, national, langs, behalf, items, chars, words, p.texts, persons, chairs, p.metas)
		if err != nil {
			return nil, nil, fmt.Errorf("speeches: %w", err)
		}
		for rows.Next() {
			var id int64
			var seq int
			if err := rows.Scan(&id, &seq); err != nil {
				rows.Close()
				return nil, nil, err
			}
			ids[seq] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("speeches: %w", err)
		}
		date := dateNum(m.Date, '0')
		for i, sp := range m.Speeches {
			docs[i] = indexed{speech: ids[sp.Seq], meeting: mid, speaker: pids[i], person: persons[i], date: date, language: m.Language,
				country: codes[i], role: sp.Role, body: bodyCode, bodyName: m.Body, delivery: sp.Language}.doc()
		}
	}

	if len(m.Agenda) > 0 {
		idx, numbers, titles := make([]int, len(m.Agenda)), make([]string, len(m.Agenda)), make([]string, len(m.Agenda))
		for i, it := range m.Agenda {
			idx[i], numbers[i], titles[i] = i+1, it.Number, it.Title
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (meeting_id, idx, number, title)
			SELECT ?::bigint, * FROM unnest(?::int[], ?::text[], ?::text[])`, mid, idx, numbers, titles); err != nil {
			return nil, nil, fmt.Errorf("agenda: %w", err)
		}
	}
	if err := eventsPG(ctx, tx, p, mid); err != nil {
		return nil, nil, err
	}
	if len(m.References) > 0 {
		k := len(m.References)
		speech, symbols, texts := make([]int, k), make([]string, k), make([]string, k)
		for i, ref := range m.References {
			speech[i], symbols[i], texts[i] = ref.Speech, ref.Symbol, ref.Text
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO refs (meeting_id, speech, symbol, text)
			SELECT ?::bigint, * FROM unnest(?::int[], ?::text[], ?::text[])`, mid, speech, symbols, texts); err != nil {
			return nil, nil, fmt.Errorf("references: %w", err)
		}
	}
	return docs, ids, nil
}

// peoplePG returns the people table's id of each (speaker, title,
// affiliation), adding the ones it lacks. The rows already there are
// read, not rewritten: an upsert would leave a dead row version behind
// for every speech.
func peoplePG(ctx context.Context, tx tx, names, titles, codes []string) ([]int64, error) {
	type key struct{ name, title, code string }
	at := map[key]int{}
	var un, ut, uc []string
	for i := range names {
		k := key{names[i], titles[i], codes[i]}
		if _, ok := at[k]; !ok {
			at[k] = len(un)
			un, ut, uc = append(un, k.name), append(ut, k.title), append(uc, k.code)
		}
	}
	ids := make([]int64, len(names))
	if len(un) == 0 {
		return ids, nil
	}
	// The outer SELECT sees the table as the statement found it: a row
	// comes either from the INSERT or from the table, never from both.
	rows, err := tx.QueryContext(ctx, `WITH v (name, title, affiliation) AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[])),
		ins AS (INSERT INTO people (name, title, affiliation) SELECT * FROM v ON CONFLICT DO NOTHING RETURNING id, name, title, affiliation)
		SELECT id, name, title, affiliation FROM ins
		UNION ALL SELECT p.id, p.name, p.title, p.affiliation FROM people p JOIN v USING (name, title, affiliation)`, un, ut, uc)
	if err != nil {
		return nil, fmt.Errorf("speakers: %w", err)
	}
	defer rows.Close()
	found := make([]int64, len(un))
	for rows.Next() {
		var id int64
		var k key
		if err := rows.Scan(&id, &k.name, &k.title, &k.code); err != nil {
			return nil, err
		}
		if j, ok := at[k]; ok {
			found[j] = id
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("speakers: %w", err)
	}
	for i := range names {
		j := at[key{names[i], titles[i], codes[i]}]
		if found[j] == 0 {
			return nil, fmt.Errorf("speaker %s: no id returned", names[i])
		}
		ids[i] = found[j]
	}
	return ids, nil
}

// personsPG is turns for PostgreSQL: the record's persons in one
// statement, in the order of their first turns. The rules of the upsert
// in turns (a longer spelling replaces the shown name, a title fills an
// empty one) are applied first among the record's own turns, then
// against the table. A new person joins the group of its variant; the
// new persons of a variant no group had yet start one, whose canonical
// id is the first one's, as turns would have made it.
func personsPG(ctx context.Context, tx tx, m *record.Meeting) ([]int64, []bool, error) {
	ts := people.Resolve(m)
	ids := make([]int64, len(ts))
	chair := make([]bool, len(ts))
	at := map[string]int{}
	var uniq []people.Person
	for i, t := range ts {
		chair[i] = t.Chair
		p := t.Person
		if p == nil {
			continue
		}
		j, ok := at[p.Key]
		if !ok {
			at[p.Key] = len(uniq)
			uniq = append(uniq, *p)
			continue
		}
		if len(p.Name) > len(uniq[j].Name) {
			uniq[j].Name = p.Name
		}
		if uniq[j].Title == "" {
			uniq[j].Title = p.Title
		}
	}
	if len(uniq) == 0 {
		return ids, chair, nil
	}
	cols := make([][]string, 8)
	for _, p := range uniq {
		for c, v := range []string{p.Key, p.Name, p.NameZh, p.Title, p.Affiliation, p.Office, p.Term, people.Variant(p.Key)} {
			cols[c] = append(cols[c], v)
		}
	}
	rows, err := tx.QueryContext(ctx, `WITH v (key, name, name_zh, title, affiliation, office, term, variant, ord) AS (
			SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY),
		ins AS (INSERT INTO persons (key, name, name_zh, title, affiliation, office, term, variant, canonical)
			SELECT key, name, name_zh, title, affiliation, office, term, variant,
				(SELECT min(canonical) FROM persons p WHERE p.variant = v.variant)
			FROM v ORDER BY ord
			ON CONFLICT (key) DO UPDATE SET
				name = CASE WHEN octet_length(excluded.name) > octet_length(persons.name) THEN excluded.name ELSE persons.name END,
				title = CASE WHEN persons.title = '' THEN excluded.title ELSE persons.title END
			WHERE octet_length(excluded.name) > octet_length(persons.name) OR (persons.title = '' AND excluded.title <> '')
			RETURNING id, key, canonical IS NULL)
		SELECT * FROM ins UNION ALL SELECT p.id, p.key, p.canonical IS NULL FROM persons p JOIN v USING (key)`,
		cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7])
	if err != nil {
		return nil, nil, fmt.Errorf("persons: %w", err)
	}
	defer rows.Close()
	found := make([]int64, len(uniq))
	grouped := true
	for rows.Next() {
		var id int64
		var k string
		var alone bool
		if err := rows.Scan(&id, &k, &alone); err != nil {
			return nil, nil, err
		}
		found[at[k]] = id
		grouped = grouped && !alone
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("persons: %w", err)
	}
	rows.Close()
	if !grouped {
		if _, err := tx.ExecContext(ctx, `UPDATE persons p SET canonical = g.first
			FROM (SELECT variant, min(id) AS first FROM persons WHERE key = ANY (?::text[]) AND canonical IS NULL GROUP BY variant) g
			WHERE p.key = ANY (?::text[]) AND p.canonical IS NULL AND p.variant = g.variant`, cols[0], cols[0]); err != nil {
			return nil, nil, fmt.Errorf("persons' groups: %w", err)
		}
	}
	for i, t := range ts {
		if t.Person != nil {
			if ids[i] = found[at[t.Person.Key]]; ids[i] == 0 {
				return nil, nil, fmt.Errorf("person %s: no id returned", t.Person.Key)
			}
		}
	}
	return ids, chair, nil
}

// eventsPG stores a record's events, their votes and the votes'
// positions: three statements.
func eventsPG(ctx context.Context, tx tx, p *Prepared, mid int64) error {
	m := p.m
	k := len(m.Events)
	if k == 0 {
		return nil
	}
	idx, speech, rule := make([]int, k), make([]int, k), make([]int, k)
	types, times := make([]string, k), make([]string, k)
	for i, e := range m.Events {
		idx[i], speech[i], rule[i], types[i], times[i] = i+1, e.Speech, e.Rule, e.Type, e.Time
	}
	rows, err := tx.QueryContext(ctx, `INSERT INTO events (meeting_id, idx, type, speech, time, rule)
		SELECT ?::bigint, idx, type, speech, time, rule FROM unnest(?::int[], ?::text[], ?::int[], ?::text[], ?::int[]) AS v(idx, type, speech, time, rule)
		ORDER BY idx RETURNING id, idx`, mid, idx, types, speech, times, rule)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	eids := make([]int64, k)
	for rows.Next() {
		var id int64
		var i int
		if err := rows.Scan(&id, &i); err != nil {
			rows.Close()
			return err
		}
		eids[i-1] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	var (
		vEvent                []int64
		vDraft, vRes, vMethod []string
		vYes, vNo, vAbstain   []int
		vAdopted              []*bool
		posEvent              []int64
		posCountry, posName   []string
	)
	for i, e := range m.Events {
		v := e.Vote
		if v == nil {
			continue
		}
		vEvent, vDraft, vRes, vMethod = append(vEvent, eids[i]), append(vDraft, v.Draft), append(vRes, v.Resolution), append(vMethod, v.Method)
		vYes, vNo, vAbstain, vAdopted = append(vYes, v.Yes), append(vNo, v.No), append(vAbstain, v.Abstain), append(vAdopted, v.Adopted)
		for _, pos := range []struct {
			name  string
			codes []string
		}{{"in_favour", v.InFavour}, {"against", v.Against}, {"abstaining", v.Abstaining}} {
			for _, c := range pos.codes {
				posEvent, posCountry, posName = append(posEvent, eids[i]), append(posCountry, c), append(posName, pos.name)
			}
		}
	}
	if len(vEvent) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO votes (event_id, draft, resolution, method, yes, no, abstain, adopted)
			SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::bool[])`,
			vEvent, vDraft, vRes, vMethod, vYes, vNo, vAbstain, vAdopted); err != nil {
			return fmt.Errorf("votes: %w", err)
		}
	}
	if len(posEvent) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO vote_positions (event_id, country, position)
			SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING`, posEvent, posCountry, posName); err != nil {
			return fmt.Errorf("vote positions: %w", err)
		}
	}
	return nil
}
