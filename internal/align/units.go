package align

import (
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

// Unit is a piece of text with its translations: the paragraphs of a row
// paired across the versions, or the row's whole speeches where some
// version's paragraphs do not pair.
type Unit struct {
	Row     int                  `json:"row"`     // index in Rows
	Segtype string               `json:"segtype"` // "paragraph", or "block" for whole speeches
	Paras   map[string][]ParaRef `json:"paras"`   // per language, the paragraphs it joins
	Text    map[string]string    `json:"text"`    // per language, paragraphs joined by a line feed
}

// units cuts the rows into units. Within a row holding a pivot turn, the
// pivot's paragraphs that some version pairs together are one unit, and
// each version's paragraphs join the unit of the pivot paragraph they are
// paired with. A row where some version has a paragraph left unpaired,
// or that the pivot lacks, is one block unit.
func (a *Alignment) units() []Unit {
	pivot := a.versions[a.Pivot]
	var out []Unit
	for ri, r := range a.Rows {
		pc, ok := r.Cells[a.Pivot]
		if !ok {
			out = appendBlock(out, a, ri)
			continue
		}
		in := map[int]bool{}
		for _, s := range pc.Seqs {
			in[s] = true
		}
		// The paragraph pairs of this row, per language.
		pairs := map[string][]ParaPair{}
		whole := true
		for _, p := range a.Pairs {
			for _, l := range p.Links {
				if len(l.A) == 0 || !in[l.A[0]] || len(l.B) == 0 {
					continue
				}
				for _, pp := range l.Paragraphs {
					if len(pp.A) == 0 || len(pp.B) == 0 {
						whole = false
					}
				}
				pairs[p.B] = append(pairs[p.B], l.Paragraphs...)
			}
		}
		if !whole || len(pairs) == 0 {
			out = appendBlock(out, a, ri)
			continue
		}
		// Pivot paragraphs in order, grouped where a pair joins them.
		var order []ParaRef
		for _, s := range pc.Seqs {
			if sp := speechBySeq(pivot, s); sp != nil {
				for k := range sp.Paragraphs {
					order = append(order, ParaRef{s, k})
				}
			}
		}
		unitOf := map[ParaRef]int{}
		for i, ref := range order {
			unitOf[ref] = i
		}
		for _, pps := range pairs {
			for _, pp := range pps {
				first := unitOf[pp.A[0]]
				for _, ref := range pp.A[1:] {
					old := unitOf[ref]
					for k, u := range unitOf {
						if u == old {
							unitOf[k] = first
						}
					}
				}
			}
		}
		var us []Unit
		index := map[int]int{}
		for _, ref := range order {
			u := unitOf[ref]
			i, ok := index[u]
			if !ok {
				i = len(us)
				index[u] = i
				us = append(us, Unit{Row: ri, Segtype: "paragraph", Paras: map[string][]ParaRef{}})
			}
			us[i].Paras[a.Pivot] = append(us[i].Paras[a.Pivot], ref)
		}
		for lang, pps := range pairs {
			for _, pp := range pps {
				i := index[unitOf[pp.A[0]]]
				us[i].Paras[lang] = append(us[i].Paras[lang], pp.B...)
			}
		}
		for i := range us {
			us[i].Text = a.texts(us[i].Paras)
		}
		out = append(out, us...)
	}
	return out
}

func appendBlock(out []Unit, a *Alignment, ri int) []Unit {
	u := Unit{Row: ri, Segtype: "block", Paras: map[string][]ParaRef{}}
	for lang, c := range a.Rows[ri].Cells {
		m := a.versions[lang]
		for _, s := range c.Seqs {
			if sp := speechBySeq(m, s); sp != nil {
				for k := range sp.Paragraphs {
					u.Paras[lang] = append(u.Paras[lang], ParaRef{s, k})
				}
			}
		}
	}
	u.Text = a.texts(u.Paras)
	return append(out, u)
}

func (a *Alignment) texts(paras map[string][]ParaRef) map[string]string {
	out := map[string]string{}
	for lang, refs := range paras {
		var parts []string
		for _, r := range refs {
			if sp := speechBySeq(a.versions[lang], r.Seq); sp != nil && r.Para < len(sp.Paragraphs) {
				parts = append(parts, sp.Paragraphs[r.Para])
			}
		}
		if len(parts) > 0 {
			out[lang] = strings.Join(parts, "\n")
		}
	}
	return out
}

// Speech returns a version's speech by its seq, or nil.
func (a *Alignment) Speech(lang string, seq int) *record.Speech {
	m := a.versions[lang]
	if m == nil {
		return nil
	}
	return speechBySeq(m, seq)
}
