package symbol

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// foldRune maps the printed variants met in meeting records onto the ASCII
// the grammar is written in: full-width forms (Chinese text prints
// （１２６７） and ／), the various spaces and hyphens, and slash look-alikes.
// It returns r itself when there is nothing to fold.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFEE0
	case r == 0x3000, r == 0x00A0, r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F:
		return ' '
	case r >= 0x2010 && r <= 0x2013, r == 0x2212, r == 0xFE63: // hyphens, en dash, minus
		return '-'
	case r == 0x2215, r == 0x2044: // division and fraction slash
		return '/'
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		return '0' + (r - 0x0660)
	case r >= 0x06F0 && r <= 0x06F9: // Extended Arabic-Indic digits
		return '0' + (r - 0x06F0)
	case r == 0xFE59:
		return '('
	case r == 0xFE5A:
		return ')'
	}
	return r
}

// isZeroWidth reports characters that Parse drops: they are invisible in
// print and sometimes survive PDF extraction inside a symbol.
func isZeroWidth(r rune) bool {
	return r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF
}

// foldString folds every rune of a valid UTF-8 string and drops zero-width
// characters.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isZeroWidth(r) {
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// mayFold marks the bytes that can begin a rune foldRune changes: the lead
// bytes of U+00A0 (C2), of the Arabic-Indic digits (D9, DB), of
// U+2000-U+2FFF (E2), of U+3000 (E3) and of U+FE59-U+FF5E (EF). No other
// byte, in valid UTF-8 or not, starts one.
var mayFold = func() (t [256]bool) {
	t[0xC2], t[0xD9], t[0xDB], t[0xE2], t[0xE3], t[0xEF] = true, true, true, true, true, true
	return t
}()

// shift records one folded rune: original offsets are folded offsets
// plus delta after the folded byte at offset at.
type shift struct{ at, delta int }

// offsets carries byte offsets in folded text back to the original text:
// one shift for every rune folding shortened, in order.
type offsets []shift

// orig returns the byte offset in the original text of byte i of the
// folded text (or of its end when i is its length).
func (o offsets) orig(i int) int {
	k := sort.Search(len(o), func(k int) bool { return o[k].at >= i })
	if k == 0 {
		return i
	}
	return i + o[k-1].delta
}

// foldText folds text for the finder and returns the map from byte
// offsets in the result back to text, so matches found in the folded form
// map back to the original. Each original character yields at least one
// byte, so a folded boundary always maps to an original character
// boundary. Invalid bytes are copied as they are. When nothing needs
// folding the text itself is returned with an empty map.
func foldText(text string) (string, offsets) {
	var b strings.Builder
	var o offsets
	done := 0 // text[:done] is written to b
	for i := 0; i < len(text); i++ {
		if !mayFold[text[i]] {
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		f := foldRune(r)
		if r == utf8.RuneError || f == r {
			continue
		}
		if o == nil {
			b.Grow(len(text))
			// Chinese prose folds a full-width comma every dozen
			// characters or so: room for that many saves regrowing.
			o = make(offsets, 0, 8+(len(text)-i)/32)
		}
		b.WriteString(text[done:i])
		// All folded runes are ASCII.
		b.WriteByte(byte(f))
		o = append(o, shift{at: b.Len() - 1, delta: i + n - b.Len()})
		done = i + n
		i += n - 1
	}
	if o == nil {
		return text, nil
	}
	b.WriteString(text[done:])
	return b.String(), o
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }

// isWord reports the bytes that make an ASCII word or number; a reference
// may not start or end inside one.
func isWord(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
