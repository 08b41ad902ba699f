// Package search holds the language side of full-text search: how speech
// text is cut into index terms, how a user's query becomes a tree of
// phrases of those terms (package index evaluates it), and how a matching
// speech is shown as a highlighted snippet.
//
// Chinese is written without spaces between words, so no word tokenizer
// can promise that a query finds every speech containing it (a segmenter
// cuts 和平解决 into one word and 和平 no longer matches). The index
// therefore holds overlapping bigrams of every run of CJK characters, as
// Lucene's CJK analyzer does, and a query's CJK run becomes the phrase of
// its bigrams: a speech matches exactly when it contains the string.
// Words of Latin, Cyrillic, Arabic and other scripts are folded to lower
// case without Latin diacritics or Arabic vowel signs (case- and
// accent-insensitive words, prefix queries).
package search

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is a parsed user query.
type Query struct {
	Root  *Node    // what to match
	Terms []string // the strings to highlight, as the user wrote them
}

// Op is what a query node does.
type Op int

// The nodes of a query: NOT binds tighter than AND, AND than OR.
const (
	Leaf Op = iota // a phrase of index terms
	And            // all children
	Or             // any child
	Not            // the first child without the second
)

// Node is a node of a parsed query.
type Node struct {
	Op     Op
	Kids   []*Node  // And, Or: two or more; Not: two
	Phrase []string // Leaf: index terms
	Pos    []int    // Leaf: their positions, from 0 (see Tokens)
	Prefix bool     // Leaf: the last term stands for every term it begins
	Char   bool     // Leaf: a lone CJK character, also in every bigram it ends
}

// String writes the node in the FTS5 notation, for tests and messages.
func (n *Node) String() string {
	switch n.Op {
	case Leaf:
		s := `"` + strings.Join(n.Phrase, " ") + `"`
		if n.Prefix {
			s += " *"
		}
		return s
	case Not:
		return n.Kids[0].String() + " NOT " + n.Kids[1].String()
	}
	op := " AND "
	if n.Op == Or {
		op = " OR "
	}
	parts := make([]string, len(n.Kids))
	for i, k := range n.Kids {
		parts[i] = k.String()
		if k.Op == Or || (n.Op == Or && k.Op == And) {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, op)
}

// ErrQuery marks a query the parser cannot read.
var ErrQuery = errors.New("bad query")

// MaxQuery bounds a query's length in characters (a Chinese query is
// three bytes a character): longer input is not a search.
const MaxQuery = 1000

// Parse reads a query: words and "quoted phrases", AND by default, OR and
// NOT (or a leading -) between terms, a trailing * for a prefix, a leading
// ~ for every form of a word (see Forms). Each term
// is analysed like indexed text, so a Chinese term is the phrase of its
// bigrams.
func Parse(q string) (Query, error) {
	if len(q) > MaxQuery && utf8.RuneCountInString(q) > MaxQuery {
		return Query{}, fmt.Errorf("%w: longer than %d characters", ErrQuery, MaxQuery)
	}
	toks, err := lex(Simplify(q))
	if err != nil {
		return Query{}, err
	}
	var out Query
	var items []*Node
	var ops []Op // ops[i] joins items[i] and items[i+1]
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
		leaf, marks, ok := term(t)
		if !ok {
			continue // punctuation only: nothing to look for
		}
		if t.neg {
			if len(items) == 0 {
				return Query{}, fmt.Errorf("%w: -%s needs a term before it", ErrQuery, t.text)
			}
			pendingOp = "NOT"
		}
		if len(items) > 0 {
			ops = append(ops, map[string]Op{"": And, "AND": And, "OR": Or, "NOT": Not}[pendingOp])
		}
		items = append(items, leaf)
		out.Terms = append(out.Terms, marks...)
		pendingOp = ""
		expectTerm = false
	}
	if expectTerm && len(items) > 0 {
		return Query{}, fmt.Errorf("%w: %s at the end", ErrQuery, pendingOp)
	}
	if len(items) == 0 {
		return Query{}, fmt.Errorf("%w: nothing to search for", ErrQuery)
	}
	out.Root = build(items, ops)
	return out, nil
}

// build applies the operators by precedence, left to right within one:
// NOT, then AND, then OR.
func build(items []*Node, ops []Op) *Node {
	for _, op := range []Op{Not, And, Or} {
		var ni []*Node
		var no []Op
		ni = append(ni, items[0])
		for i, o := range ops {
			if o != op {
				ni = append(ni, items[i+1])
				no = append(no, o)
				continue
			}
			last := ni[len(ni)-1]
			switch {
			case op == Not:
				ni[len(ni)-1] = &Node{Op: Not, Kids: []*Node{last, items[i+1]}}
			case last.Op == op && last != items[i]:
				last.Kids = append(last.Kids, items[i+1])
			default:
				ni[len(ni)-1] = &Node{Op: op, Kids: []*Node{last, items[i+1]}}
			}
		}
		items, ops = ni, no
	}
	return items[0]
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

// term turns one query term into a phrase of index terms, and gives the
// strings a snippet highlights for it.
func term(t token) (*Node, []string, bool) {
	text := t.text
	if !t.quoted && len(text) > 1 && text[0] == '~' {
		if n, marks, ok := forms(text[1:]); ok {
			return n, marks, true
		}
		text = text[1:]
	}
	n, ok := phrase(token{text: text, quoted: t.quoted})
	return n, []string{strings.TrimSuffix(text, "*")}, ok
}

// forms is ~word: any of the word's stems, each as a prefix. A word
// without a stemmer, or whose stems are too short to be told apart from
// other words, is searched as written.
func forms(word string) (*Node, []string, bool) {
	folded, written := Forms(word)
	var kids []*Node
	for _, f := range folded {
		if utf8.RuneCountInString(f) < minStem {
			return nil, nil, false
		}
		kids = append(kids, &Node{Op: Leaf, Phrase: []string{f}, Pos: []int{0}, Prefix: true})
	}
	switch len(kids) {
	case 0:
		return nil, nil, false
	case 1:
		return kids[0], written, true
	}
	return &Node{Op: Or, Kids: kids}, written, true
}

// minStem is the shortest stem ~word searches as a prefix: "pa*" would be
// most of the dictionary.
const minStem = 3

// phrase turns one query term into a phrase of index terms.
func phrase(t token) (*Node, bool) {
	text := t.text
	prefix := false
	if !t.quoted && strings.HasSuffix(text, "*") {
		prefix = true
		text = strings.TrimRight(text, "*")
	}
	var words []string
	var pos []int
	Tokens(text, func(t string, p int) {
		words = append(words, t)
		pos = append(pos, p)
	})
	if len(words) == 0 {
		return nil, false
	}
	for i := range pos {
		pos[i] -= pos[0]
	}
	// A lone CJK character is indexed only where it stands alone; inside
	// a run it begins a bigram, or ends the run's last: look for all three.
	char := false
	if len(words) == 1 {
		if r, n := utf8.DecodeRuneInString(words[0]); n == len(words[0]) && IsCJK(r) {
			prefix, char = true, true
		}
	}
	return &Node{Op: Leaf, Phrase: words, Pos: pos, Prefix: prefix, Char: char}, true
}
