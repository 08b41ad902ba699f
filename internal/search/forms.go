package search

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball"
)

// formsLanguages are the Snowball stemmers a Latin word is stemmed with:
// a query does not say which language its word is in, so ~word stands for
// the forms of the word in each.
var formsLanguages = []string{"english", "french", "spanish"}

// Forms returns the stems that stand for every inflected form of word:
// a Cyrillic word stemmed as Russian, a Latin one as English, French and
// Spanish, each stem folded like indexed text and given once (a stem
// that another begins is left out: its prefix query finds nothing more).
// Other scripts (Chinese, Arabic) have no stemmer here and give nil.
//
// Stemming is applied at query time only, as a prefix on the stem: the
// index keeps exact word forms, so phrases stay exact; the measurement
// behind this choice is in docs/BENCHMARKS.md ("Stemming").
func Forms(word string) (folded, written []string) {
	// Snowball's Russian rules write е for ё, as the search folds it.
	w := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(word)), "ё", "е")
	if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) >= 0 {
		return nil, nil
	}
	var langs []string
	switch {
	case isScript(w, unicode.Cyrillic):
		langs = []string{"russian"}
	case isScript(w, unicode.Latin):
		langs = formsLanguages
	default:
		return nil, nil
	}
	for _, l := range langs {
		s, err := snowball.Stem(w, l, false)
		if err != nil || s == "" {
			continue
		}
		f := Fold(s)
		if f == "" || contains(folded, f) {
			continue
		}
		folded = append(folded, f)
		written = append(written, s)
	}
	// Keep the shortest stems: a prefix query on "resolu" already finds
	// everything one on "resolut" does.
	var kf, kw []string
	for i, f := range folded {
		covered := false
		for j, g := range folded {
			if i != j && len(g) < len(f) && strings.HasPrefix(f, g) {
				covered = true
				break
			}
		}
		if !covered {
			kf, kw = append(kf, f), append(kw, written[i])
		}
	}
	return kf, kw
}

func isScript(w string, t *unicode.RangeTable) bool {
	for _, r := range w {
		if !unicode.Is(t, r) && !unicode.IsMark(r) {
			return false
		}
	}
	return true
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
