package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// Span is a piece of a snippet; Match marks text that matched the query.
type Span struct {
	Text  string
	Match bool
}

var folder = cases.Fold()

// Snippet cuts from text a window of about width runes around the first
// place a term occurs, and marks every occurrence of a term in it. Terms
// are compared case-insensitively; a text where no term occurs as written
// (a match through accents or prefixes) gives its opening.
func Snippet(text string, terms []string, width int) []Span {
	if width <= 0 {
		width = 160
	}
	lower, idx := foldWithIndex(text)
	var needles []string
	for _, t := range terms {
		t = strings.TrimSpace(folder.String(t))
		if t != "" {
			needles = append(needles, t)
		}
	}
	// The window starts a little before the first match.
	first := -1
	for _, n := range needles {
		if i := strings.Index(lower, n); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	runes := []rune(text)
	start := 0
	if first >= 0 {
		start = max(0, idx[first]-width/4)
	}
	// Do not cut a word in two at the start.
	if start > 0 && unicode.IsLetter(runes[start-1]) && !IsCJK(runes[start-1]) {
		for k := start; k < len(runes) && k < start+width/4; k++ {
			if unicode.IsSpace(runes[k]) {
				start = k + 1
				break
			}
		}
	}
	end := min(len(runes), start+width)
	window := string(runes[start:end])
	wLower, wIdx := foldWithIndex(window)
	wRunes := []rune(window)
	// Mark the occurrences, longest term first, without overlaps.
	marked := make([]bool, len(wRunes))
	for _, n := range longestFirst(needles) {
		for from := 0; ; {
			i := strings.Index(wLower[from:], n)
			if i < 0 {
				break
			}
			a := wIdx[from+i]
			b := len(wRunes)
			if from+i+len(n) < len(wIdx) {
				b = wIdx[from+i+len(n)]
			}
			for k := a; k < b; k++ {
				marked[k] = true
			}
			from += i + len(n)
		}
	}
	var out []Span
	for i := 0; i < len(wRunes); {
		j := i
		for j < len(wRunes) && marked[j] == marked[i] {
			j++
		}
		out = append(out, Span{Text: string(wRunes[i:j]), Match: marked[i]})
		i = j
	}
	if start > 0 && len(out) > 0 {
		out[0].Text = "…" + strings.TrimLeftFunc(out[0].Text, unicode.IsSpace)
	}
	if end < len(runes) && len(out) > 0 {
		out[len(out)-1].Text += "…"
	}
	return out
}

// foldWithIndex case-folds s and returns, for each byte of the result, the
// rune index in s it came from (folding can change byte lengths).
func foldWithIndex(s string) (string, []int) {
	var b strings.Builder
	idx := make([]int, 0, len(s)+1)
	ri := 0
	for _, r := range s {
		f := folder.String(string(r))
		if utf8.RuneCountInString(f) != 1 {
			f = string(r) // keep one rune for one rune
		}
		b.WriteString(f)
		for range len(f) {
			idx = append(idx, ri)
		}
		ri++
	}
	idx = append(idx, ri)
	return b.String(), idx
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
