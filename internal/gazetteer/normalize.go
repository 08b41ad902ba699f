package gazetteer

import (
	"unicode"
	"unicode/utf8"
)

// Normalize returns the form under which names are compared. Two names are
// the same name when their normalised forms are equal. Parsers that scan text
// for the names returned by Names should normalise both sides with it.
//
// The folding is typographic only, never fuzzy: it removes differences that
// come from fonts, PDF extraction and house style, not from spelling.
//   - case is folded (Latin, Cyrillic, Greek);
//   - combining marks are dropped and precomposed Latin letters lose their
//     accents (Côte = Cote), so NFC and NFD input compare alike; Cyrillic й is
//     kept apart from и, ё is folded to е as Russian print often omits it;
//   - Arabic: short vowels and tatweel are dropped, hamza-on-alef forms fold
//     to bare alef, alef maqsura and Farsi yeh to yeh, Arabic-Indic digits to
//     ASCII digits;
//   - full-width ASCII (（）, ＡＢ, ７７) becomes half-width;
//   - typographic apostrophes become ', dashes become -;
//   - invisible characters (soft hyphen, zero-width, bidi marks) are removed;
//   - runs of white space become one space; no space is kept next to a hyphen
//     or inside/before brackets, since PDF text puts them there at random
//     ("Guinea - Bissau", "Iran(Islamic Republic of)", "غينيا - بيساو");
//   - a leading "the " is removed.
func Normalize(s string) string {
	return string(appendNormal(make([]byte, 0, len(s)), s))
}

// appendNormal appends the normalised form of s to dst. Lookup uses it with a
// buffer on the stack, so that a lookup does not allocate.
func appendNormal(dst []byte, s string) []byte {
	start := len(dst)
	last := -1     // offset in dst of the last rune written, for composition
	space := false // a space is pending before the next visible rune
	for _, r := range s {
		var f rune
		switch {
		case r < rune(len(foldTable)):
			f = foldTable[r]
		case r >= 0x4E00 && r <= 0x9FFF: // CJK ideographs: nothing to fold
			f = r
		default:
			f = fold(r)
		}
		switch f {
		case drop:
			continue
		case blank:
			space = len(dst) > start
			continue
		case mark:
			// Compose where the composed letter is kept distinct, drop the
			// mark otherwise (accent folding).
			if last >= 0 && !space {
				prev, _ := utf8.DecodeRune(dst[last:])
				if c, ok := compose[[2]rune{prev, r}]; ok {
					dst = utf8.AppendRune(dst[:last], c)
				}
			}
			continue
		}
		if space {
			// '-' and '(' are ASCII, so the last byte is the last rune.
			if prev := dst[len(dst)-1]; prev != '-' && prev != '(' && f != '-' && f != '(' && f != ')' {
				dst = append(dst, ' ')
			}
			space = false
		}
		last = len(dst)
		dst = utf8.AppendRune(dst, f)
	}
	if n := dst[start:]; len(n) >= 4 && string(n[:4]) == "the " {
		dst = append(dst[:start], n[4:]...)
	}
	return dst
}

// Results of fold besides a rune.
const (
	drop  = -1 // removed
	blank = -2 // white space
	mark  = -3 // a combining mark
)

// fold says what r becomes: a rune to compare as, or drop, blank or mark.
func fold(r rune) rune {
	r = foldWidth(r)
	switch {
	case r == drop:
		return drop
	case unicode.IsSpace(r):
		return blank
	case unicode.Is(unicode.Mn, r):
		return mark
	}
	r = unicode.ToLower(r)
	if f, ok := letterFold[r]; ok {
		return f
	}
	return r
}

// foldTable caches fold for Latin, Greek, Cyrillic and Arabic, which is
// most of what Lookup sees besides CJK.
var foldTable = func() (t [0x700]rune) {
	for r := range t {
		t[r] = fold(rune(r))
	}
	return t
}()

// foldWidth maps width, apostrophe and dash variants to one rune each and
// marks invisible characters for removal.
func foldWidth(r rune) rune {
	switch {
	case r < 0x80:
		if r == '`' {
			return '\''
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFEE0
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		return '0' + r - 0x0660
	case r >= 0x06F0 && r <= 0x06F9: // extended Arabic-Indic digits
		return '0' + r - 0x06F0
	}
	switch r {
	case 0x2018, 0x2019, 0x201B, 0x02BC, 0x02B9, 0x00B4, 0x2032:
		return '\''
	case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63:
		return '-'
	case 0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF,
		0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
		0x0640: // tatweel
		return drop
	}
	return r
}

// compose holds the (base, combining mark) pairs whose composition is a
// letter that Normalize keeps distinct from its base.
var compose = map[[2]rune]rune{
	{'и', 0x0306}: 'й',
	{'و', 0x0654}: 'ؤ',
	{'ي', 0x0654}: 'ئ',
}

// letterFold maps lower-case letters to the letter they are compared as.
var letterFold = func() map[rune]rune {
	m := make(map[rune]rune)
	for _, p := range [][2]string{
		{"àáâãäåāăąǎạảấầẩẫậắằẳẵặ", "a"},
		{"çćĉċč", "c"},
		{"ďđ", "d"},
		{"èéêëēĕėęěẹẻẽếềểễệ", "e"},
		{"ĝğġģ", "g"},
		{"ĥħ", "h"},
		{"ìíîïĩīĭįıǐỉị", "i"},
		{"ĵ", "j"},
		{"ķ", "k"},
		{"ĺļľŀł", "l"},
		{"ñńņňŉ", "n"},
		{"òóôõöøōŏőǒơọỏốồổỗộớờởỡợ", "o"},
		{"ŕŗř", "r"},
		{"śŝşšș", "s"},
		{"ţťŧț", "t"},
		{"ùúûüũūŭůűųǔưụủứừửữự", "u"},
		{"ŵ", "w"},
		{"ýÿŷỳỵỷỹ", "y"},
		{"źżž", "z"},
		{"ё", "е"},
		{"أإآٱ", "ا"},
		{"ىی", "ي"},
		{"ک", "ك"},
	} {
		to := []rune(p[1])[0]
		for _, r := range p[0] {
			m[r] = to
		}
	}
	return m
}()
