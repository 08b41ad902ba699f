package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsCJK reports the characters written without spaces between words.
func IsCJK(r rune) bool {
	switch {
	case r < 0x1100:
		return false // Latin, Greek, Cyrillic, Arabic … : the common case, cheaply
	case r >= 0x4E00 && r <= 0x9FFF:
		return true // CJK Unified Ideographs: nearly all of a Chinese text
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// isWord reports the characters of a word outside CJK runs: letters,
// digits and combining marks (so that a decomposed accent stays with its
// letter). Everything else separates words.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// Tokens splits s into index terms and calls emit with each and its
// position; it returns the number of terms. A run of CJK characters gives
// its overlapping bigrams (a lone character gives itself); other words are
// folded to lower case without diacritics (Été → ete). A term is a
// substring of s when no folding was needed, else a new string.
//
// Positions count a word as one and a CJK character as one, and leave one
// free after each CJK run. So a bigram's position is its first
// character's, and two bigrams two apart are the four characters of one
// run: a phrase of CJK characters is found from bigrams that cover its
// characters, without the ones in between, and never across two runs.
func Tokens(s string, emit func(term string, pos int)) int {
	pos, n := 0, 0
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if isASCIIWord(c) {
				j, upper, ascii := i, false, true
				for j < len(s) {
					c := s[j]
					if c < utf8.RuneSelf {
						if !isASCIIWord(c) {
							break
						}
						upper = upper || 'A' <= c && c <= 'Z'
						j++
						continue
					}
					r, n := utf8.DecodeRuneInString(s[j:])
					if !isWord(r) || IsCJK(r) {
						break
					}
					ascii = false
					j += n
				}
				switch {
				case !ascii:
					emit(Fold(s[i:j]), pos)
				case upper:
					emit(strings.ToLower(s[i:j]), pos)
				default:
					emit(s[i:j], pos)
				}
				pos++
				n++
				i = j
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case IsCJK(r):
			start := i
			prev := i
			j := i + size
			chars := 1
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !IsCJK(r2) {
					break
				}
				emit(s[prev:j+n2], pos+chars-1)
				n++
				prev = j
				j += n2
				chars++
			}
			if chars == 1 {
				emit(s[start:j], pos)
				n++
			}
			pos += chars + 1
			i = j
		case isWord(r):
			j := i + size
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isWord(r2) || IsCJK(r2) {
					break
				}
				j += n2
			}
			emit(Fold(s[i:j]), pos)
			pos++
			n++
			i = j
		default:
			i += size
		}
	}
	return n
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// Fold lower-cases a word and folds it the way the index stores it, for
// search only (the text keeps every mark):
//   - the diacritics of Latin letters go (Été → ete);
//   - Russian ё is е (other Cyrillic letters keep theirs: й is not и);
//   - Arabic loses its vowel signs and tatweel, its alef forms are alef
//     (أ إ آ → ا), taa marbuta is haa (ة → ه) and alef maqsura is yaa
//     (ى → ي).
func Fold(w string) string {
	if !norm.NFD.IsNormalString(w) || strings.IndexFunc(w, isMark) >= 0 || strings.ContainsAny(w, "ةىـ") {
		d := norm.NFD.String(w)
		var b strings.Builder
		b.Grow(len(d))
		var base rune
		for _, r := range d {
			switch {
			case isMark(r) && (isArabicMark(r) || base < 0x250):
				continue
			case r == 0x308 && (base == 'е' || base == 'Е'):
				continue // ё → е
			case r == 'ـ':
				continue // tatweel: a stretch, not a letter
			case r == 'ة':
				r = 'ه'
			case r == 'ى':
				r = 'ي'
			}
			if !isMark(r) {
				base = r
			}
			b.WriteRune(r)
		}
		w = norm.NFC.String(b.String())
	}
	return strings.ToLower(w)
}

// isMark reports the nonspacing marks: accents, vowel signs.
func isMark(r rune) bool {
	return r >= 0x300 && unicode.Is(unicode.Mn, r)
}

func isArabicMark(r rune) bool {
	return r >= 0x610 && r <= 0x61A || r >= 0x64B && r <= 0x65F || r == 0x670 || r >= 0x6D6 && r <= 0x6ED
}
