package align

import (
	"math"

	"github.com/verbatim-un/verbatim/record"
)

// Link is one step of the alignment of two versions: the speeches of A
// (by seq) that correspond to the speeches of B. One side is empty where a
// version lacks a speech; a side has two seqs where that version splits a
// turn the other prints as one.
type Link struct {
	A          []int      `json:"a"`
	B          []int      `json:"b"`
	Confidence float64    `json:"confidence"`
	Paragraphs []ParaPair `json:"paragraphs,omitempty"`
}

// Pairwise is the alignment of two versions of a meeting, in order.
type Pairwise struct {
	A     string `json:"a"` // language of the first version
	B     string `json:"b"`
	Links []Link `json:"links"`
}

// matchThreshold is the similarity below which two turns gain nothing
// by being paired: skipping both is then as good.
const matchThreshold = 0.35

// mergeCost keeps a two-to-one step from beating a one-to-one step and a
// skip that explain the turns as well.
const mergeCost = 0.1

// step is a move of the dynamic programme: how many turns of A and of B
// it takes.
type step struct{ na, nb int }

var steps = []step{{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}}

// AlignPair aligns the speeches of two versions of one meeting. The
// alignment is monotone: it never crosses, each speech is in exactly one
// link, and links follow both versions' order.
func AlignPair(a, b *record.Meeting) Pairwise {
	return alignPrepared(prepare(a), prepare(b))
}

func alignPrepared(fa, fb *features) Pairwise {
	n, m := len(fa.turns), len(fb.turns)
	b := newBand(n, m)
	score := make([]float64, b.cells)
	from := make([]int8, b.cells)
	for k := range score {
		score[k] = math.Inf(-1)
	}
	score[0] = 0
	for i := 0; i <= n; i++ {
		for j := b.lo[i]; j <= b.hi[i]; j++ {
			if i == 0 && j == 0 {
				continue
			}
			here, _ := b.at(i, j)
			for k, st := range steps {
				pi, pj := i-st.na, j-st.nb
				prev, ok := b.at(pi, pj)
				if !ok || math.IsInf(score[prev], -1) {
					continue
				}
				g := score[prev] + gain(fa, fb, pi, pj, st)
				if g > score[here] {
					score[here], from[here] = g, int8(k)
				}
			}
		}
	}

	var links []Link
	for i, j := n, m; i > 0 || j > 0; {
		here, _ := b.at(i, j)
		st := steps[from[here]]
		pi, pj := i-st.na, j-st.nb
		l := Link{A: seqsOf(fa, pi, i), B: seqsOf(fb, pj, j)}
		if st.na > 0 && st.nb > 0 {
			l.Confidence = round(similarity(span(fa, pi, i), span(fb, pj, j)))
			l.Paragraphs = alignParagraphs(fa.m, l.A, fb.m, l.B, lengthRatio(fa, fb))
		}
		links = append(links, l)
		i, j = pi, pj
	}
	for l, r := 0, len(links)-1; l < r; l, r = l+1, r-1 {
		links[l], links[r] = links[r], links[l]
	}
	return Pairwise{A: fa.m.Language, B: fb.m.Language, Links: links}
}

// gain of a step: a pair gains its similarity above the threshold for
// each speech it covers, a skip gains nothing.
func gain(fa, fb *features, i, j int, st step) float64 {
	if st.na == 0 || st.nb == 0 {
		return 0
	}
	s := similarity(span(fa, i, i+st.na), span(fb, j, j+st.nb))
	g := float64(st.na+st.nb) / 2 * (s - matchThreshold)
	if st.na+st.nb > 2 {
		g -= mergeCost
	}
	return g
}

// span is the turns [from, to): one, or two joined.
func span(f *features, from, to int) turn {
	if to-from == 2 {
		return f.joined[from]
	}
	return f.turns[from]
}

func seqsOf(f *features, from, to int) []int {
	out := []int{}
	for k := from; k < to; k++ {
		out = append(out, f.m.Speeches[k].Seq)
	}
	return out
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

// lengthRatio is how much longer B's text is than A's, taken over the
// whole versions so that a paragraph one side lacks does not skew it.
func lengthRatio(fa, fb *features) float64 {
	if fa.total == 0 || fb.total == 0 {
		return 1
	}
	return float64(fb.total) / float64(fa.total)
}
