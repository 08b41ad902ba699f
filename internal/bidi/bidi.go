// Package bidi turns right-to-left text that a PDF extractor gave in
// visual order (the order of the glyphs on the line, left to right, with
// brackets mirrored) back into logical order, the order it is read and
// typed in, for a line whose paragraph direction is right to left (an
// Arabic record).
//
// The Unicode Bidirectional Algorithm (UAX #9) maps logical to visual;
// the way back is not unique in general, but on the text of a record it
// is: a line holds right-to-left words and left-to-right runs (Latin
// words, numbers, symbols such as S/2016/867) at level 2, nothing deeper
// without explicit embedding marks. Logical reverses the order of the
// runs, reverses and un-mirrors the right-to-left characters, and keeps
// each left-to-right run as it is. Classes come from
// golang.org/x/text/unicode/bidi; its Paragraph resolves levels but does
// not reorder (Order returns the runs in logical order), so the reversal
// is done here.
package bidi

import (
	"strings"
	"unicode/utf8"

	xbidi "golang.org/x/text/unicode/bidi"
)

func class(r rune) xbidi.Class {
	p, _ := xbidi.LookupRune(r)
	return p.Class()
}

// Mirror returns r's mirrored bracket, or r.
func Mirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	case '（':
		return '）'
	case '）':
		return '（'
	}
	return r
}

func isRTL(c xbidi.Class) bool { return c == xbidi.R || c == xbidi.AL }

func isNumber(c xbidi.Class) bool { return c == xbidi.EN || c == xbidi.AN }

func isOpen(r rune) bool  { return r == '(' || r == '[' || r == '{' || r == '（' }
func isClose(r rune) bool { return r == ')' || r == ']' || r == '}' || r == '）' }

// Order returns, for a line of runes in visual order, the visual index of
// each rune of the logical line: logical[i] = visual[order[i]] (mirrored
// when mirrored[i]).
func Order(v []rune) (order []int, mirrored []bool) {
	type unit struct {
		start, end int
		ltr        bool
	}
	var units []unit
	for i := 0; i < len(v); {
		c := class(v[i])
		switch {
		case c == xbidi.L:
			// A left-to-right run: Latin letters, the numbers after
			// them (rule W7 makes them L) and the neutrals between,
			// up to the last letter or digit before right-to-left
			// text; a closing bracket joins it when it closes one
			// opened inside (rule N0).
			last, open := i, 0
			j := i
			for ; j < len(v) && !isRTL(class(v[j])); j++ {
				cj := class(v[j])
				switch {
				case isOpen(v[j]):
					open++
				case isClose(v[j]) && open > 0:
					open--
					if open == 0 {
						last = j
					}
				}
				if cj == xbidi.L || isNumber(cj) || cj == xbidi.NSM && last == j-1 {
					last = j
				}
			}
			units = append(units, unit{i, last + 1, true})
			i = last + 1
		case isNumber(c):
			// A number: digits and the separators between them
			// (10/05, 1,500), a percent or other terminator after.
			// After Arabic letters digits are Arabic numbers (rule
			// W2), which only a common separator joins (W4: 2016-2017
			// is two numbers); the letter before them in logical
			// order is the nearest strong character to their right.
			arabic := afterArabic(v, i)
			last := i
			for j := i + 1; j < len(v); j++ {
				cj := class(v[j])
				if isNumber(cj) || cj == xbidi.ET && last == j-1 && !arabic {
					last = j
					continue
				}
				if (cj == xbidi.CS || cj == xbidi.ES && !arabic) && last == j-1 && j+1 < len(v) && isNumber(class(v[j+1])) {
					continue
				}
				break
			}
			units = append(units, unit{i, last + 1, true})
			i = last + 1
		default:
			units = append(units, unit{i, i + 1, false})
			i++
		}
	}
	// Two left-to-right units side by side are one run: runs of level 2
	// are kept apart by right-to-left characters ("2013-041A" is one).
	merged := units[:0]
	for _, u := range units {
		if n := len(merged); n > 0 && u.ltr && merged[n-1].ltr && merged[n-1].end == u.start {
			merged[n-1].end = u.end
			continue
		}
		merged = append(merged, u)
	}
	units = merged
	order = make([]int, 0, len(v))
	mirrored = make([]bool, 0, len(v))
	for k := len(units) - 1; k >= 0; k-- {
		u := units[k]
		for j := u.start; j < u.end; j++ {
			order = append(order, j)
			mirrored = append(mirrored, !u.ltr && Mirror(v[j]) != v[j])
		}
	}
	return order, mirrored
}

// afterArabic reports whether the nearest strong character to the right
// of v[i] (before it in logical order) is an Arabic letter.
func afterArabic(v []rune, i int) bool {
	for j := i + 1; j < len(v); j++ {
		switch class(v[j]) {
		case xbidi.AL:
			return true
		case xbidi.L, xbidi.R:
			return false
		}
	}
	return false
}

// Logical returns a line given in visual order in logical order.
func Logical(line string) string {
	v := []rune(line)
	order, mirrored := Order(v)
	var b strings.Builder
	b.Grow(len(line))
	for i, j := range order {
		r := v[j]
		if mirrored[i] {
			r = Mirror(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// LogicalText converts every line of text; line ends and form feeds stay
// where they are.
func LogicalText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for text != "" {
		i := strings.IndexAny(text, "\n\f")
		line, sep := text, ""
		if i >= 0 {
			line, sep, text = text[:i], text[i:i+1], text[i+1:]
		} else {
			text = ""
		}
		cr := strings.HasSuffix(line, "\r")
		line = strings.TrimSuffix(line, "\r")
		b.WriteString(Logical(line))
		if cr {
			b.WriteByte('\r')
		}
		b.WriteString(sep)
	}
	return b.String()
}

// Counts says how many words of a text are frequent words read as
// printed (Forward) and read backwards (Backward).
type Counts struct{ Forward, Backward int }

// IsVisual reports text in visual order: frequent words read backwards
// clearly outnumber those read forwards. The bounds are measured in
// bidi_test.go on the Arabic parallel sentences.
func (c Counts) IsVisual() bool {
	return c.Backward >= minWords && c.Backward > 2*c.Forward
}

// minWords: fewer frequent words than this tell nothing either way.
const minWords = 3

// Count counts the words of text that are in common, as printed and
// reversed, and the words that begin with the Arabic article (ال) and
// those that end with it reversed (لا). A word of common whose reversal
// is also in common counts for neither. Only the first maxScan bytes are read: the order shows in the
// first page.
func Count(text string, common map[string]bool) Counts {
	const maxScan = 20000
	if len(text) > maxScan {
		n := maxScan
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	var c Counts
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		cl := class(r)
		return !(isRTL(cl) || cl == xbidi.NSM || cl == xbidi.L)
	}) {
		rev := reverse(w)
		fw, bw := common[w], common[rev]
		if !fw && !bw && utf8.RuneCountInString(w) > 3 {
			// The article: a word that begins with ال reads forwards,
			// one that ends with لا (its reversal) backwards.
			fw = strings.HasPrefix(w, "ال") && !strings.HasSuffix(w, "لا")
			bw = strings.HasSuffix(w, "لا") && !strings.HasPrefix(w, "ال")
		}
		switch {
		case fw && bw:
		case fw:
			c.Forward++
		case bw:
			c.Backward++
		}
	}
	return c
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
