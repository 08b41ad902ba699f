package align

import (
	"math"

	"github.com/verbatim-un/verbatim/record"
)

// ParaRef names a paragraph: the speech's seq and the paragraph's index
// (from 0) in its paragraphs.
type ParaRef struct {
	Seq  int `json:"seq"`
	Para int `json:"para"`
}

// ParaPair is one step of the alignment of the paragraphs of two paired
// speeches: one side is empty where the other version has a paragraph it
// lacks, and has two paragraphs where the other prints them as one.
type ParaPair struct {
	A          []ParaRef `json:"a"`
	B          []ParaRef `json:"b"`
	Confidence float64   `json:"confidence"`
}

type para struct {
	ref     ParaRef
	len     float64
	anchors map[string]int
}

// Gale and Church's (1993) priors of each kind of step, and the variance
// of one character's length in the other language.
var paraPriors = map[step]float64{{1, 1}: 0.89, {1, 0}: 0.0099, {0, 1}: 0.0099, {2, 1}: 0.089, {1, 2}: 0.089}

const paraVariance = 6.8

func paragraphsOf(m *record.Meeting, seqs []int) []para {
	var out []para
	for _, seq := range seqs {
		s := speechBySeq(m, seq)
		if s == nil {
			continue
		}
		for k, p := range s.Paragraphs {
			an := map[string]int{}
			addAnchors(an, m.Language, p)
			out = append(out, para{ref: ParaRef{seq, k}, len: float64(textLen([]string{p})), anchors: an})
		}
	}
	return out
}

func speechBySeq(m *record.Meeting, seq int) *record.Speech {
	if seq-1 >= 0 && seq-1 < len(m.Speeches) && m.Speeches[seq-1].Seq == seq {
		return &m.Speeches[seq-1]
	}
	for i := range m.Speeches {
		if m.Speeches[i].Seq == seq {
			return &m.Speeches[i]
		}
	}
	return nil
}

// alignParagraphs pairs the paragraphs of paired speeches the way Gale and
// Church pair sentences: by length, B's lengths divided by ratio, how much
// longer B's version is (so that a Chinese paragraph, shorter in
// characters, compares with its English one), plus a cost for numbers and
// symbols that do not agree.
func alignParagraphs(ma *record.Meeting, sa []int, mb *record.Meeting, sb []int, ratio float64) []ParaPair {
	pa, pb := paragraphsOf(ma, sa), paragraphsOf(mb, sb)
	n, m := len(pa), len(pb)
	b := newBand(n, m)
	cost := make([]float64, b.cells)
	from := make([]int8, b.cells)
	for k := range cost {
		cost[k] = math.Inf(1)
	}
	cost[0] = 0
	for i := 0; i <= n; i++ {
		for j := b.lo[i]; j <= b.hi[i]; j++ {
			here, _ := b.at(i, j)
			for k, st := range steps {
				pi, pj := i-st.na, j-st.nb
				prev, ok := b.at(pi, pj)
				if !ok || math.IsInf(cost[prev], 1) {
					continue
				}
				c := cost[prev] + paraCost(pa[pi:i], pb[pj:j], ratio, st)
				if c < cost[here] {
					cost[here], from[here] = c, int8(k)
				}
			}
		}
	}
	var out []ParaPair
	for i, j := n, m; i > 0 || j > 0; {
		here, _ := b.at(i, j)
		st := steps[from[here]]
		pi, pj := i-st.na, j-st.nb
		pp := ParaPair{A: refs(pa[pi:i]), B: refs(pb[pj:j])}
		if st.na > 0 && st.nb > 0 {
			pp.Confidence = round(paraConfidence(pa[pi:i], pb[pj:j], ratio))
		}
		out = append(out, pp)
		i, j = pi, pj
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

func refs(ps []para) []ParaRef {
	out := []ParaRef{}
	for _, p := range ps {
		out = append(out, p.ref)
	}
	return out
}

func paraCost(a, b []para, ratio float64, st step) float64 {
	c := -math.Log(paraPriors[st])
	if st.na == 0 || st.nb == 0 {
		return c
	}
	c -= math.Log(math.Max(lengthFit(a, b, ratio), 1e-12))
	if d, ok := dice(sumAnchors(a), sumAnchors(b)); ok {
		c += 3 * (1 - d)
	}
	return c
}

// lengthFit is the two-sided probability of a length difference at least
// this large between translations (Gale and Church's δ).
func lengthFit(a, b []para, ratio float64) float64 {
	la, lb := 0.0, 0.0
	for _, p := range a {
		la += p.len
	}
	for _, p := range b {
		lb += p.len / ratio
	}
	mean := (la + lb) / 2
	if mean == 0 {
		return 1
	}
	delta := (lb - la) / math.Sqrt(paraVariance*mean)
	return math.Erfc(math.Abs(delta) / math.Sqrt2)
}

// paraConfidence: the length fit, averaged with the agreement of numbers
// and symbols when the paragraphs have any.
func paraConfidence(a, b []para, ratio float64) float64 {
	c := lengthFit(a, b, ratio)
	if d, ok := dice(sumAnchors(a), sumAnchors(b)); ok {
		c = 0.6*c + 0.4*d
	}
	if len(a)+len(b) > 2 {
		c *= mergeFactor
	}
	return c
}

func sumAnchors(ps []para) map[string]int {
	out := map[string]int{}
	for _, p := range ps {
		for k, n := range p.anchors {
			out[k] += n
		}
	}
	return out
}
