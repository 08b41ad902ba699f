package export

import (
	"strings"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/search"
)

// counts are the corpus's tokens, types and sentences, by Verbatim's
// rule (not quanteda's, which its authors used): a token is a run of
// letters and digits (apostrophes and hyphens inside a word, points
// and commas inside a number kept), a
// single CJK character, or a punctuation mark; types are distinct tokens
// after case folding; a sentence ends at . ! ? 。！？ (a run of them once)
// or at the end of a text that does not end with one.
type counts struct {
	tokens, types, sentences int
	words                    int // tokens but punctuation marks
}

func count(text string) counts {
	var c counts
	seen := map[string]bool{}
	add := func(tok string) {
		c.tokens++
		tok = strings.ToLower(tok)
		if !seen[tok] {
			seen[tok] = true
			c.types++
		}
	}
	rs := []rune(text)
	open := false // inside a sentence not yet ended
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case search.IsCJK(r):
			add(string(r))
			c.words++
			open = true
			i++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + 1
			for j < len(rs) {
				if unicode.IsLetter(rs[j]) && !search.IsCJK(rs[j]) || unicode.IsDigit(rs[j]) || unicode.Is(unicode.Mn, rs[j]) {
					j++
					continue
				}
				// A decimal point or thousands separator between digits
				// stays in the number.
				if (rs[j] == '.' || rs[j] == ',') && unicode.IsDigit(rs[j-1]) && j+1 < len(rs) && unicode.IsDigit(rs[j+1]) {
					j += 2
					continue
				}
				// An apostrophe or hyphen between two letters stays in the word.
				if (rs[j] == '\'' || rs[j] == '’' || rs[j] == '-') && j+1 < len(rs) && unicode.IsLetter(rs[j+1]) && !search.IsCJK(rs[j+1]) {
					j += 2
					continue
				}
				break
			}
			add(string(rs[i:j]))
			c.words++
			open = true
			i = j
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			add(string(r))
			if strings.ContainsRune(".!?。！？", r) {
				if open {
					c.sentences++
				}
				open = false
			}
			i++
		default:
			i++
		}
	}
	if open {
		c.sentences++
	}
	return c
}
