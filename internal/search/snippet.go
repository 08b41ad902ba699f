package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a snippet; Match marks text that matched the query.
type Span struct {
	Text  string
	Match bool
}

// Snippet cuts from text a window of about width runes around the first
// place a term occurs, and marks every occurrence of a term in it. Terms
// are compared case-insensitively; a text where no term occurs as written
// (a match through accents or prefixes) gives its opening. It reads the
// text once and builds only the window: hits of long speeches are cheap.
func Snippet(text string, terms []string, width int) []Span {
	if width <= 0 {
		width = 160
	}
	var needles []string
	for _, t := range terms {
		t = strings.TrimSpace(strings.ToLower(t))
		if t != "" {
			needles = append(needles, t)
		}
	}
	first := firstMatch(text, needles)
	// The window starts a quarter of its width before the first match,
	// not inside a word, and runs width runes.
	start := 0
	if first > 0 {
		start = first
		for k := 0; k < width/4 && start > 0; k++ {
			_, n := utf8.DecodeLastRuneInString(text[:start])
			start -= n
		}
		if start > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:start])
			if unicode.IsLetter(r) && !IsCJK(r) {
				if sp := strings.IndexFunc(text[start:first], unicode.IsSpace); sp >= 0 {
					start += sp + 1
				}
			}
		}
	}
	end := start
	for k := 0; k < width && end < len(text); k++ {
		_, n := utf8.DecodeRuneInString(text[end:])
		end += n
	}
	window := text[start:end]
	wLower := lowerSameLength(window)
	// Mark the occurrences, longest term first, without overlaps.
	marked := make([]bool, len(window))
	for _, n := range longestFirst(needles) {
		for from := 0; ; {
			i := strings.Index(wLower[from:], n)
			if i < 0 {
				break
			}
			for k := from + i; k < from+i+len(n); k++ {
				marked[k] = true
			}
			from += i + len(n)
		}
	}
	var out []Span
	for i := 0; i < len(window); {
		j := i
		for j < len(window) && marked[j] == marked[i] {
			j++
		}
		out = append(out, Span{Text: window[i:j], Match: marked[i]})
		i = j
	}
	// The ellipses stand outside any match.
	if start > 0 && len(out) > 0 {
		if out[0].Match {
			out = append([]Span{{Text: "…"}}, out...)
		} else {
			out[0].Text = "…" + strings.TrimLeftFunc(out[0].Text, unicode.IsSpace)
		}
	}
	if end < len(text) && len(out) > 0 {
		if out[len(out)-1].Match {
			out = append(out, Span{Text: "…"})
		} else {
			out[len(out)-1].Text += "…"
		}
	}
	return out
}

// firstMatch returns the offset of the first needle in text, compared in
// lower case, or -1. The text is lowered a piece at a time, since the
// first match is usually early and speeches are long.
func firstMatch(text string, needles []string) int {
	const piece = 4096
	longest := 0
	for _, n := range needles {
		longest = max(longest, len(n))
	}
	for off := 0; off < len(text); {
		hi := min(len(text), off+piece+longest)
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi++
		}
		l := lowerSameLength(text[off:hi])
		first := -1
		for _, n := range needles {
			if i := strings.Index(l, n); i >= 0 && (first < 0 || i < first) {
				first = i
			}
		}
		if first >= 0 {
			return off + first
		}
		if hi == len(text) {
			break
		}
		off += piece
		for off < len(text) && !utf8.RuneStart(text[off]) {
			off++
		}
	}
	return -1
}

// lowerSameLength lower-cases s keeping byte offsets: s itself when
// nothing changes (Chinese text costs one pass and no copy), else
// strings.ToLower, or rune for rune where that changed a length (İ).
func lowerSameLength(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return lower(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r < 0x3000 || r >= 0xFF00) && unicode.ToLower(r) != r {
			return lower(s)
		}
		i += n
	}
	return s
}

// lower lower-cases s rune for rune, keeping each rune's byte length
// where its lower case would change it (İ), so byte offsets stay the
// same; ASCII byte by byte.
func lower(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == n {
			utf8.EncodeRune(b[i:], l)
		} else {
			copy(b[i:i+n], s[i:i+n])
		}
		i += n
	}
	return string(b)
}

func longestFirst(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// HTML renders spans as HTML: text escaped, matches in <mark>.
func HTML(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Match {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}

// Marked renders spans as plain text with matches between open and close.
func Marked(spans []Span, open, close string) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Match {
			b.WriteString(open + s.Text + close)
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}
