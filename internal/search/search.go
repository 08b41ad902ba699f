// Package search holds the full-text side of the store: how speech text is
// indexed, how a user's query becomes an FTS5 query, and how a matching
// speech is shown as a highlighted snippet.
//
// Chinese is written without spaces between words, so no word tokenizer
// can promise that a query finds every speech containing it (a segmenter
// cuts 和平解决 into one word and 和平 no longer matches). The index
// therefore holds overlapping bigrams of every run of CJK characters, as
// Lucene's CJK analyzer does, and a query's CJK run becomes the phrase of
// its bigrams: a speech matches exactly when it contains the string.
// Latin, Cyrillic and other scripts are left to SQLite's unicode61
// tokenizer (case- and accent-insensitive words, prefix queries).
package search

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsCJK reports the characters written without spaces between words.
func IsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// Analyze returns the text to index for s: every run of CJK characters
// replaced by its overlapping bigrams (a lone character by itself),
// separated by spaces; other text unchanged.
func Analyze(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	var run []rune
	flush := func() {
		switch len(run) {
		case 0:
			return
		case 1:
			b.WriteByte(' ')
			b.WriteRune(run[0])
			b.WriteByte(' ')
		default:
			b.WriteByte(' ')
			for i := 0; i+1 < len(run); i++ {
				b.WriteRune(run[i])
				b.WriteRune(run[i+1])
				b.WriteByte(' ')
			}
		}
		run = run[:0]
	}
	for _, r := range s {
		if IsCJK(r) {
			run = append(run, r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}

// Query is a parsed user query.
type Query struct {
	FTS   string   // the FTS5 MATCH expression
	Terms []string // the strings to highlight, as the user wrote them
}

// ErrQuery marks a query the parser cannot read.
var ErrQuery = errors.New("bad query")

// MaxQuery bounds a query's length: longer input is not a search.
const MaxQuery = 1000

// Parse reads a query: words and "quoted phrases", AND by default, OR and
// NOT (or a leading -) between terms, a trailing * for a prefix. Each term
// is analysed like indexed text, so a Chinese term is the phrase of its
// bigrams.
func Parse(q string) (Query, error) {
	if len(q) > MaxQuery {
		return Query{}, fmt.Errorf("%w: longer than %d bytes", ErrQuery, MaxQuery)
	}
	toks, err := lex(Simplify(q))
	if err != nil {
		return Query{}, err
	}
	var out Query
	var parts []string
	expectTerm := true
	pendingOp := ""
	for _, t := range toks {
		switch {
		case !t.quoted && (t.text == "OR" || t.text == "AND" || t.text == "NOT"):
			if expectTerm {
				return Query{}, fmt.Errorf("%w: %s needs a term before it", ErrQuery, t.text)
			}
			pendingOp = t.text
			expectTerm = true
			continue
		}
		phrase, ok := term(t)
		if !ok {
			continue // punctuation only: nothing to look for
		}
		if t.neg {
			if len(parts) == 0 {
				return Query{}, fmt.Errorf("%w: -%s needs a term before it", ErrQuery, t.text)
			}
			pendingOp = "NOT"
		}
		if len(parts) > 0 {
			op := pendingOp
			if op == "" {
				op = "AND"
			}
			parts = append(parts, op)
		}
		parts = append(parts, phrase)
		out.Terms = append(out.Terms, strings.TrimSuffix(t.text, "*"))
		pendingOp = ""
		expectTerm = false
	}
	if expectTerm && len(parts) > 0 {
		return Query{}, fmt.Errorf("%w: %s at the end", ErrQuery, pendingOp)
	}
	if len(parts) == 0 {
		return Query{}, fmt.Errorf("%w: nothing to search for", ErrQuery)
	}
	out.FTS = strings.Join(parts, " ")
	return out, nil
}

type token struct {
	text   string
	quoted bool
	neg    bool
}

func lex(q string) ([]token, error) {
	var out []token
	i := 0
	for i < len(q) {
		r, n := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		neg := false
		if r == '-' && i+1 < len(q) && !unicode.IsSpace(rune(q[i+1])) {
			neg = true
			i++
			r, n = utf8.DecodeRuneInString(q[i:])
		}
		if r == '"' || r == '“' || r == '「' {
			closing := map[rune]rune{'"': '"', '“': '”', '「': '」'}[r]
			j := strings.IndexRune(q[i+n:], closing)
			if j < 0 {
				return nil, fmt.Errorf("%w: unclosed quote", ErrQuery)
			}
			out = append(out, token{text: q[i+n : i+n+j], quoted: true, neg: neg})
			i += n + j + utf8.RuneLen(closing)
			continue
		}
		j := strings.IndexFunc(q[i:], unicode.IsSpace)
		if j < 0 {
			j = len(q) - i
		}
		out = append(out, token{text: q[i : i+j], neg: neg})
		i += j
	}
	return out, nil
}

// term turns one query term into an FTS5 phrase of index tokens.
func term(t token) (string, bool) {
	text := t.text
	prefix := false
	if !t.quoted && strings.HasSuffix(text, "*") {
		prefix = true
		text = strings.TrimRight(text, "*")
	}
	var words []string
	for _, w := range strings.FieldsFunc(Analyze(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
	}) {
		words = append(words, w)
	}
	if len(words) == 0 {
		return "", false
	}
	phrase := `"` + strings.Join(words, " ") + `"`
	if prefix {
		phrase += " *"
	}
	return phrase, true
}
