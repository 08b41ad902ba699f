package align

import (
	"strings"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

// turn is what the aligner compares of one speech, or of two consecutive
// speeches taken together.
type turn struct {
	seqs     []int
	roles    []string
	codes    []string
	langs    []string
	capacity []bool
	behalf   []string
	share    float64        // the turn's share of its version's text
	anchors  map[string]int // numbers and document symbols, counted
}

// features is a version's speeches prepared once.
type features struct {
	m      *record.Meeting
	turns  []turn
	joined []turn // joined[i]: turns i and i+1 taken as one
	total  int    // letters and digits in all the speeches
}

func prepare(m *record.Meeting) *features {
	f := &features{m: m, turns: make([]turn, len(m.Speeches))}
	total := 0
	lens := make([]int, len(m.Speeches))
	for i := range m.Speeches {
		lens[i] = textLen(m.Speeches[i].Paragraphs)
		total += lens[i]
	}
	f.total = total
	for i := range m.Speeches {
		s := &m.Speeches[i]
		t := turn{
			seqs:     []int{s.Seq},
			roles:    []string{s.Role},
			codes:    []string{affCode(s)},
			langs:    []string{s.Language},
			capacity: []bool{s.NationalCapacity},
			behalf:   []string{behalf(s)},
			anchors:  map[string]int{},
		}
		if total > 0 {
			t.share = float64(lens[i]) / float64(total)
		}
		for _, p := range s.Paragraphs {
			addAnchors(t.anchors, m.Language, p)
		}
		f.turns[i] = t
	}
	for i := 0; i+1 < len(f.turns); i++ {
		f.joined = append(f.joined, join(f.turns[i], f.turns[i+1]))
	}
	return f
}

// join is two consecutive turns taken as one.
func join(a, b turn) turn {
	t := turn{
		seqs:     append(append([]int{}, a.seqs...), b.seqs...),
		roles:    append(append([]string{}, a.roles...), b.roles...),
		codes:    append(append([]string{}, a.codes...), b.codes...),
		langs:    append(append([]string{}, a.langs...), b.langs...),
		capacity: append(append([]bool{}, a.capacity...), b.capacity...),
		behalf:   append(append([]string{}, a.behalf...), b.behalf...),
		share:    a.share + b.share,
		anchors:  map[string]int{},
	}
	for k, n := range a.anchors {
		t.anchors[k] += n
	}
	for k, n := range b.anchors {
		t.anchors[k] += n
	}
	return t
}

func affCode(s *record.Speech) string {
	if s.Affiliation == nil {
		return ""
	}
	return s.Affiliation.Code
}

func behalf(s *record.Speech) string {
	if s.OnBehalfOf == nil {
		return ""
	}
	return *s.OnBehalfOf
}

// textLen counts the letters and digits of paragraphs: spaces and
// punctuation differ between scripts more than words do.
func textLen(paras []string) int {
	n := 0
	for _, p := range paras {
		for _, r := range p {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
	}
	return n
}

// addAnchors counts the numbers and the document symbols of a paragraph.
// Numbers are read in any digit form (ASCII, full-width, Arabic-Indic),
// without leading zeros, a thousands group ("2,300", "2 300") joined to
// its number.
func addAnchors(into map[string]int, lang, text string) {
	for _, r := range symbol.Find(lang, text) {
		into["§"+r.Symbol]++
	}
	for _, n := range numbers(text) {
		into[n]++
	}
}

func numbers(text string) []string {
	rs := []rune(text)
	var out []string
	for i := 0; i < len(rs); {
		if _, ok := digit(rs[i]); !ok {
			i++
			continue
		}
		var b strings.Builder
		for i < len(rs) {
			if d, ok := digit(rs[i]); ok {
				b.WriteByte(byte('0' + d))
				i++
				continue
			}
			// A separator followed by exactly three digits is a thousands group.
			if isGroupSep(rs[i]) && threeDigits(rs, i+1) {
				i++
				continue
			}
			break
		}
		n := strings.TrimLeft(b.String(), "0")
		if n == "" {
			n = "0"
		}
		out = append(out, n)
	}
	return out
}

func threeDigits(rs []rune, i int) bool {
	for k := 0; k < 3; k++ {
		if i+k >= len(rs) {
			return false
		}
		if _, ok := digit(rs[i+k]); !ok {
			return false
		}
	}
	if i+3 < len(rs) {
		if _, ok := digit(rs[i+3]); ok {
			return false
		}
	}
	return true
}

func isGroupSep(r rune) bool {
	switch r {
	case ',', ' ', '\u00a0', '\u202f', '\u2009', '\u066c':
		return true
	}
	return false
}

func digit(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '０' && r <= '９':
		return int(r - '０'), true
	case r >= '\u0660' && r <= '\u0669':
		return int(r - '\u0660'), true
	case r >= '\u06f0' && r <= '\u06f9':
		return int(r - '\u06f0'), true
	}
	return 0, false
}

// dice is the Dice coefficient of two counted sets, and whether either
// has anything to compare.
func dice(a, b map[string]int) (float64, bool) {
	na, nb, common := 0, 0, 0
	for k, n := range a {
		na += n
		common += min(n, b[k])
	}
	for _, n := range b {
		nb += n
	}
	if na+nb == 0 {
		return 0, false
	}
	return 2 * float64(common) / float64(na+nb), true
}
