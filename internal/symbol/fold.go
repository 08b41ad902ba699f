package symbol

import (
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

// foldText folds text for the finder and returns, for every byte of the
// result plus one past the end, its byte offset in text, so matches found
// in the folded form map back to the original. Each original character
// yields at least one byte, so a folded boundary always maps to an original
// character boundary. Invalid bytes are copied as they are. When nothing
// needs folding the text itself is returned with a nil map.
func foldText(text string) (string, []int) {
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != utf8.RuneError && foldRune(r) != r {
			break
		}
		i += n
	}
	if i == len(text) {
		return text, nil
	}
	buf := make([]byte, i, len(text))
	copy(buf, text[:i])
	pos := make([]int, i, len(text)+1)
	for k := range i {
		pos[k] = k
	}
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			buf = append(buf, c)
			pos = append(pos, i)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if f := foldRune(r); r != utf8.RuneError && f != r {
			// All folded runes are ASCII.
			buf = append(buf, byte(f))
			pos = append(pos, i)
		} else {
			buf = append(buf, text[i:i+n]...)
			for k := range n {
				pos = append(pos, i+k)
			}
		}
		i += n
	}
	pos = append(pos, len(text))
	return string(buf), pos
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
