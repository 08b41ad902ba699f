// Package align pairs the speeches of a meeting's language versions, and
// the paragraphs inside each paired speech.
//
// Each version is aligned with a pivot, the version with the most speeches
// (the first given on a tie), by a monotone dynamic programme whose steps
// pair one speech with one, two consecutive speeches with one (a turn one
// version splits and the other prints whole), or skip a speech (a version
// lacks it). The pairs then form rows across all versions.
//
// Confidence. Two turns are compared on three kinds of evidence, each in
// [0,1]:
//
//   - who speaks (weight ½): affiliation code 0.4, role 0.2, language of
//     delivery 0.25, national capacity 0.075 and group spoken for 0.075;
//     an unknown affiliation or language counts ½; for joined turns, the
//     mean over every pair of their speeches;
//   - length (weight ¼): the smaller of the turns' shares of their
//     versions' text (letters and digits) over the larger;
//   - anchors (weight ¼): the Dice coefficient of the numbers (any digit
//     form, thousands groups joined) and the document symbols
//     (internal/symbol) the turns cite; when neither turn has any, the
//     other two are reweighted to sum to 1.
//
// A speech pair's confidence is that weighted sum, times 0.9 when one side
// has two speeches. A paragraph pair's confidence is the two-sided
// probability of its length difference under Gale and Church's model
// (B's lengths scaled by the ratio of the two versions' lengths),
// averaged 0.6/0.4 with the Dice coefficient of its anchors when it has
// any, times 0.9 for a two-to-one pair.
package align

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

// Alignment of several versions of one meeting.
type Alignment struct {
	Symbol    string     `json:"symbol"`
	Languages []string   `json:"languages"` // in the order given
	Pivot     string     `json:"pivot"`     // the version the others are aligned with
	Rows      []Row      `json:"rows"`
	Pairs     []Pairwise `json:"pairs"` // the pivot with each other version
	Units     []Unit     `json:"units"` // the rows' paragraphs paired, with their text
	Warnings  []Warning  `json:"warnings"`

	versions map[string]*record.Meeting
}

// Row is one turn across the versions: the speeches of each language that
// correspond. A language without a cell lacks the turn.
type Row struct {
	Cells map[string]Cell `json:"cells"`
}

// Cell is one version's speeches in a row, with the confidence of their
// pairing with the pivot's (the pivot's own cell, and a cell the pivot
// lacks, have none).
type Cell struct {
	Seqs       []int   `json:"seqs"`
	Confidence float64 `json:"confidence,omitempty"`
}

// Warning says where a version lacks a speech the pivot has, or has one
// the pivot lacks.
type Warning struct {
	Code     string `json:"code"`     // "missing-speech"
	Language string `json:"language"` // the version that lacks the speech
	Message  string `json:"message"`
}

// Align aligns two or more versions of one meeting, each in a different
// language.
func Align(versions ...*record.Meeting) (*Alignment, error) {
	if len(versions) < 2 {
		return nil, errors.New("align: at least two versions are needed")
	}
	seen := map[string]bool{}
	for _, v := range versions {
		if v == nil {
			return nil, errors.New("align: nil version")
		}
		if v.Symbol != versions[0].Symbol {
			return nil, fmt.Errorf("align: versions of different meetings: %s and %s", versions[0].Symbol, v.Symbol)
		}
		if v.Language == "" || seen[v.Language] {
			return nil, fmt.Errorf("align: two versions in language %q", v.Language)
		}
		seen[v.Language] = true
	}
	pivot := 0
	for i, v := range versions {
		if len(v.Speeches) > len(versions[pivot].Speeches) {
			pivot = i
		}
	}
	a := &Alignment{Symbol: versions[0].Symbol, Pivot: versions[pivot].Language, Rows: []Row{}, Warnings: []Warning{},
		versions: map[string]*record.Meeting{}}
	fp := prepare(versions[pivot])
	for _, v := range versions {
		a.Languages = append(a.Languages, v.Language)
		a.versions[v.Language] = v
		if v == versions[pivot] {
			continue
		}
		p := alignPrepared(fp, prepare(v))
		a.Pairs = append(a.Pairs, p)
		a.Warnings = append(a.Warnings, missing(versions[pivot], v, p)...)
	}
	a.Rows = rows(versions[pivot], a.Pairs)
	a.Units = a.units()
	return a, nil
}

func missing(pivot, other *record.Meeting, p Pairwise) []Warning {
	var out []Warning
	for _, l := range p.Links {
		switch {
		case len(l.B) == 0:
			out = append(out, Warning{"missing-speech", other.Language,
				fmt.Sprintf("the %s version has no speech matching %s speech %d (%s)", other.Language, pivot.Language, l.A[0], describe(pivot, l.A[0]))})
		case len(l.A) == 0:
			out = append(out, Warning{"missing-speech", pivot.Language,
				fmt.Sprintf("the %s version has no speech matching %s speech %d (%s)", pivot.Language, other.Language, l.B[0], describe(other, l.B[0]))})
		}
	}
	return out
}

func describe(m *record.Meeting, seq int) string {
	s := speechBySeq(m, seq)
	if s == nil {
		return "?"
	}
	if c := affCode(s); c != "" {
		return s.Speaker + ", " + c
	}
	return s.Speaker
}

// rows lays the pairs out as rows in the pivot's order. Pivot speeches
// that some version pairs with one speech share a row. A speech the pivot
// lacks gets a row of its own after the row of the last speech before it;
// another version's speech the pivot lacks at the same place joins that
// row, as it is most likely the same turn.
func rows(pivot *record.Meeting, pairs []Pairwise) []Row {
	// Pivot seqs joined into one row.
	group := map[int]int{}
	for _, s := range pivot.Speeches {
		group[s.Seq] = s.Seq
	}
	find := func(x int) int {
		for group[x] != x {
			x = group[x]
		}
		return x
	}
	for _, p := range pairs {
		for _, l := range p.Links {
			for _, s := range l.A[min(1, len(l.A)):] {
				ra, rb := find(l.A[0]), find(s)
				if ra != rb {
					group[max(ra, rb)] = min(ra, rb)
				}
			}
		}
	}
	var out []Row
	rowOf := map[int]int{} // group root → row index
	for _, s := range pivot.Speeches {
		r := find(s.Seq)
		i, ok := rowOf[r]
		if !ok {
			i = len(out)
			rowOf[r] = i
			out = append(out, Row{Cells: map[string]Cell{pivot.Language: {Seqs: []int{}}}})
		}
		c := out[i].Cells[pivot.Language]
		c.Seqs = append(c.Seqs, s.Seq)
		out[i].Cells[pivot.Language] = c
	}
	// extra[k] are rows for speeches the pivot lacks, placed after pivot
	// row k-1 (k = 0: before the first).
	extra := make([][]Row, len(out)+1)
	for _, p := range pairs {
		at := 0
		for _, l := range p.Links {
			if len(l.A) > 0 {
				i := rowOf[find(l.A[0])]
				at = i + 1
				if len(l.B) > 0 {
					c, had := out[i].Cells[p.B]
					if !had || l.Confidence < c.Confidence {
						c.Confidence = l.Confidence
					}
					c.Seqs = append(c.Seqs, l.B...)
					out[i].Cells[p.B] = c
				}
				continue
			}
			placed := false
			for k := range extra[at] {
				if _, taken := extra[at][k].Cells[p.B]; !taken {
					extra[at][k].Cells[p.B] = Cell{Seqs: l.B}
					placed = true
					break
				}
			}
			if !placed {
				extra[at] = append(extra[at], Row{Cells: map[string]Cell{p.B: {Seqs: l.B}}})
			}
		}
	}
	var all []Row
	for k := 0; k <= len(out); k++ {
		all = append(all, extra[k]...)
		if k < len(out) {
			all = append(all, out[k])
		}
	}
	for _, r := range all {
		for lang, c := range r.Cells {
			sort.Ints(c.Seqs)
			r.Cells[lang] = c
		}
	}
	return all
}

// Official are the six official languages of the United Nations, in the
// order the UN lists them.
var Official = []string{"ar", "zh", "en", "fr", "ru", "es"}

// ParseLangs reads a comma-separated list of language codes ("zh,en"),
// refusing one that is not an official language or appears twice.
func ParseLangs(s string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, l := range strings.Split(s, ",") {
		l = strings.ToLower(strings.TrimSpace(l))
		if l == "" {
			continue
		}
		if !slices.Contains(Official, l) {
			return nil, fmt.Errorf("unknown language %q (one of %s)", l, strings.Join(Official, ", "))
		}
		if seen[l] {
			return nil, fmt.Errorf("language %q given twice", l)
		}
		seen[l] = true
		out = append(out, l)
	}
	return out, nil
}
