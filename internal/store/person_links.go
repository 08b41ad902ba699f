package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/verbatim-un/verbatim/internal/people"
)

// Persons whose names are in two scripts (奥尔洛夫, Orlov, Орлов) cannot be
// compared letter by letter; the records show them to be one when their
// speeches are the same speech in two language versions of a meeting
// (speech_links, package align). Two spellings, each a variant group
// (persons.variant), are joined when:
//
//   - a speech of one is paired with a speech of the other with at least
//     alignedConfidence;
//   - both speak for the same state or organization and both are named
//     (not an unnamed presiding officer);
//   - their names are in different scripts;
//   - and each is the other's only partner in that script, over every
//     stored meeting: a spelling paired with two different spellings of
//     one script (two people of one delegation, an alignment mistake) is
//     joined with neither, so that no two people are merged.
//
// The joins are person_links rows (how 'aligned'), made and undone as the
// evidence changes, and grouping (groupPersons) honours them.
const alignedConfidence = 0.8

// alignedHow marks the person_links rows that aligned speeches made.
const alignedHow = "aligned"

// spelling is a variant group: a name as one script writes it, for one
// affiliation.
type spelling struct {
	variant, script string
	first           int64 // its lowest person id, which person_links names
}

// linkAcrossScripts brings the aligned joins up to date for the spellings
// that speak in a meeting (meeting 0: in every meeting), and regroups the
// persons whose joins changed.
func linkAcrossScripts(ctx context.Context, tx tx, meeting int64) error {
	groups, err := weighAcrossScripts(ctx, tx, meeting)
	if err != nil {
		return err
	}
	return regroup(ctx, tx, groups)
}

// weighAcrossScripts makes and undoes the joins, and returns the
// canonical ids of the groups they touched.
func weighAcrossScripts(ctx context.Context, tx tx, meeting int64) ([]int64, error) {
	// Candidate pairs: the meeting's linked speeches by two spellings.
	q := `SELECT DISTINCT pa.variant, pb.variant FROM speeches sa
		JOIN speech_links sl ON sl.speech_id = sa.id JOIN speeches sb ON sb.id = sl.other_id
		JOIN persons pa ON pa.id = sa.person JOIN persons pb ON pb.id = sb.person
		WHERE sl.confidence >= ? AND pa.affiliation = pb.affiliation AND pa.affiliation != ''
			AND pa.office = '' AND pb.office = '' AND pa.variant != pb.variant AND pa.variant != '' AND pb.variant != ''`
	args := []any{alignedConfidence}
	if meeting != 0 {
		q += ` AND sa.meeting_id = ?`
		args = append(args, meeting)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var pairs [][2]string
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			rows.Close()
			return nil, err
		}
		p := [2]string{min(a, b), max(a, b)} // as alignedLinks names them
		if !slices.Contains(pairs, p) {
			pairs = append(pairs, p)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(pairs) == 0 {
		return nil, err
	}
	linked, err := alignedLinks(ctx, tx)
	if err != nil {
		return nil, err
	}
	// A pair already joined needs nothing: the meeting confirms it. A new
	// one is weighed on all the evidence of both spellings, with their
	// other joins, which new evidence may make doubtful.
	spellings := map[string]*spelling{}
	partners := map[string]map[string][]string{} // variant → script → partner variants
	look := func(v string) (*spelling, error) {
		if sp, ok := spellings[v]; ok {
			return sp, nil
		}
		sp, ps, err := partnersOf(ctx, tx, v)
		if err != nil {
			return nil, err
		}
		spellings[v], partners[v] = sp, ps
		return sp, nil
	}
	weigh := map[[2]string]bool{}
	for _, p := range pairs {
		if linked[p] {
			continue
		}
		weigh[p] = true
		for _, v := range p {
			for o := range linked {
				if o[0] == v || o[1] == v {
					weigh[o] = true
				}
			}
		}
	}
	var groups []int64
	touched := func(ids ...int64) error {
		for _, id := range ids {
			var c int64
			if err := tx.QueryRowContext(ctx, `SELECT canonical FROM persons WHERE id = ?`, id).Scan(&c); err != nil {
				return err
			}
			if !slices.Contains(groups, c) {
				groups = append(groups, c)
			}
		}
		return nil
	}
	for p := range weigh {
		a, err := look(p[0])
		if err != nil {
			return nil, err
		}
		b, err := look(p[1])
		if err != nil {
			return nil, err
		}
		want := a.script != "" && b.script != "" && a.script != b.script &&
			slices.Equal(partners[a.variant][b.script], []string{b.variant}) &&
			slices.Equal(partners[b.variant][a.script], []string{a.variant})
		switch {
		case want && !linked[p]:
			if _, err := tx.ExecContext(ctx, `INSERT INTO person_links (person, other, how) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				a.first, b.first, alignedHow); err != nil {
				return nil, err
			}
			if err := touched(a.first, b.first); err != nil {
				return nil, err
			}
		case !want && linked[p]:
			if _, err := tx.ExecContext(ctx, `DELETE FROM person_links WHERE how = ? AND (
				person IN (SELECT id FROM persons WHERE variant = ?) AND other IN (SELECT id FROM persons WHERE variant = ?) OR
				person IN (SELECT id FROM persons WHERE variant = ?) AND other IN (SELECT id FROM persons WHERE variant = ?))`,
				alignedHow, p[0], p[1], p[1], p[0]); err != nil {
				return nil, err
			}
			if err := touched(a.first, b.first); err != nil {
				return nil, err
			}
		}
	}
	return groups, nil
}

// alignedLinks returns the pairs of spellings aligned speeches joined,
// each as (lower variant, higher variant).
func alignedLinks(ctx context.Context, tx tx) (map[[2]string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT pa.variant, pb.variant FROM person_links pl
		JOIN persons pa ON pa.id = pl.person JOIN persons pb ON pb.id = pl.other WHERE pl.how = ?`, alignedHow)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]string]bool{}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		out[[2]string{min(a, b), max(a, b)}] = true
	}
	return out, rows.Err()
}

// partnersOf describes a spelling and lists, by script, the spellings its
// speeches are paired with (same affiliation, named, surely paired), over
// every stored meeting.
func partnersOf(ctx context.Context, tx tx, variant string) (*spelling, map[string][]string, error) {
	sp := &spelling{variant: variant}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT id, name FROM persons WHERE variant = ? ORDER BY id LIMIT 1`, variant).Scan(&sp.first, &name); err != nil {
		return nil, nil, fmt.Errorf("spelling %s: %w", variant, err)
	}
	sp.script = people.Script(name)
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT pb.variant, pb.name FROM persons pa
		JOIN speeches sa ON sa.person = pa.id JOIN speech_links sl ON sl.speech_id = sa.id
		JOIN speeches sb ON sb.id = sl.other_id JOIN persons pb ON pb.id = sb.person
		WHERE pa.variant = ? AND sl.confidence >= ? AND pb.affiliation = pa.affiliation AND pb.office = ''
			AND pb.variant != pa.variant AND pb.variant != ''`, variant, alignedConfidence)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var v, n string
		if err := rows.Scan(&v, &n); err != nil {
			return nil, nil, err
		}
		s := people.Script(n)
		if s == "" || s == sp.script || slices.Contains(out[s], v) {
			continue
		}
		out[s] = append(out[s], v)
	}
	for _, vs := range out {
		slices.Sort(vs)
	}
	return sp, out, rows.Err()
}
