// Package prefilter finds cheap tests to run before a regular expression:
// the literal strings that every match must contain. Text without them
// cannot match, and a substring search is far cheaper than a regexp run.
package prefilter

import (
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Literals returns the literal parts of a pattern's top-level
// concatenation (looking inside capture groups), longest first. Every
// match of the pattern contains each of them. Case-folded literals are
// left out; an unparsable pattern gives none.
func Literals(pattern string) []string {
	t, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	var out []string
	var visit func(n *syntax.Regexp)
	visit = func(n *syntax.Regexp) {
		switch n.Op {
		case syntax.OpLiteral:
			if n.Flags&syntax.FoldCase == 0 {
				out = append(out, string(n.Rune))
			}
		case syntax.OpCapture:
			visit(n.Sub[0])
		case syntax.OpConcat:
			for _, c := range n.Sub {
				visit(c)
			}
		}
	}
	visit(t)
	// Longest first: the rarest test runs first.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len([]rune(out[j])) > len([]rune(out[j-1])); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// All reports whether s contains every literal.
func All(s string, literals []string) bool {
	for _, l := range literals {
		if !Contains(s, l) {
			return false
		}
	}
	return true
}

// Contains is strings.Contains tuned for CJK text: it looks for the
// literal's last byte, a UTF-8 continuation byte spread over 64 values,
// where strings.Index starts from the first byte, a lead byte that most
// Chinese characters share.
func Contains(s, lit string) bool {
	k := len(lit) - 1
	if k < 1 || lit[k] < 0x80 {
		return strings.Contains(s, lit)
	}
	b := lit[k]
	for i := k; i < len(s); i++ {
		j := strings.IndexByte(s[i:], b)
		if j < 0 {
			return false
		}
		i += j
		if s[i-k:i+1] == lit {
			return true
		}
	}
	return false
}

// RuneSet is the set of runes a pattern's match can begin with. A finder
// tries its patterns only where such a rune stands: an unanchored search
// with Go's regexp costs far more per byte than this check, and in
// Chinese prose almost no position passes it.
type RuneSet struct {
	ASCII [utf8.RuneSelf]bool // the ASCII members, for a fast test on bytes
	bmp   [1 << 10]uint64     // members in the Basic Multilingual Plane, one bit each
	other []rune              // possibly overlapping [lo, hi] pairs beyond the BMP
}

func (s *RuneSet) Has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && s.ASCII[r]
	}
	if r < 1<<16 {
		return s.bmp[r>>6]&(1<<(r&63)) != 0
	}
	for i := 0; i+1 < len(s.other); i += 2 {
		if s.other[i] <= r && r <= s.other[i+1] {
			return true
		}
	}
	return false
}

func (s *RuneSet) AddRange(lo, hi rune) {
	for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
		s.ASCII[r] = true
	}
	for r := max(lo, utf8.RuneSelf); r <= hi && r < 1<<16; r++ {
		s.bmp[r>>6] |= 1 << (r & 63)
	}
	if hi >= 1<<16 {
		s.other = append(s.other, max(lo, 1<<16), hi)
	}
}

// AddSet adds the members of o to s.
func (s *RuneSet) AddSet(o *RuneSet) {
	for i, ok := range o.ASCII {
		s.ASCII[i] = s.ASCII[i] || ok
	}
	for i, w := range o.bmp {
		s.bmp[i] |= w
	}
	s.other = append(s.other, o.other...)
}

// FirstRunes returns the runes a match of pattern can begin with, or nil
// when that cannot be bounded (the pattern can match the empty string, or
// begin with any character).
func FirstRunes(pattern string) *RuneSet {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	s := &RuneSet{}
	nullable, ok := addFirst(s, re.Simplify())
	if !ok || nullable {
		return nil
	}
	return s
}

// addFirst adds to s the runes re can begin with and reports whether re
// can match the empty string; ok is false when the first rune is
// unbounded.
func addFirst(s *RuneSet, re *syntax.Regexp) (nullable, ok bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return false, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		r := re.Rune[0]
		s.AddRange(r, r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				s.AddRange(f, f)
			}
		}
		return false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			s.AddRange(re.Rune[i], re.Rune[i+1])
		}
		return false, true
	case syntax.OpCapture:
		return addFirst(s, re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		_, ok := addFirst(s, re.Sub[0])
		return true, ok
	case syntax.OpPlus:
		return addFirst(s, re.Sub[0])
	case syntax.OpRepeat:
		n, ok := addFirst(s, re.Sub[0])
		return n || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			n, ok := addFirst(s, sub)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			n, ok := addFirst(s, sub)
			if !ok {
				return false, false
			}
			nullable = nullable || n
		}
		return nullable, true
	}
	// OpAnyChar, OpAnyCharNotNL and anything unforeseen.
	return false, false
}

// Needs reports whether every match of pattern holds a rune for which in
// is true. It answers from the pattern's shape and may say false when it
// cannot tell; an unparsable pattern gives false.
func Needs(pattern string, in func(rune) bool) bool {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return false
	}
	return needs(re.Simplify(), in)
}

func needs(re *syntax.Regexp, in func(rune) bool) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if in(r) && (re.Flags&syntax.FoldCase == 0 || allFolds(r, in)) {
				return true
			}
		}
		return false
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi-lo > 1<<10 {
				return false // too wide to check rune by rune
			}
			for r := lo; r <= hi; r++ {
				if !in(r) {
					return false
				}
			}
		}
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return needs(re.Sub[0], in)
	case syntax.OpRepeat:
		return re.Min > 0 && needs(re.Sub[0], in)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if needs(sub, in) {
				return true
			}
		}
		return false
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !needs(sub, in) {
				return false
			}
		}
		return true
	}
	return false
}

func allFolds(r rune, in func(rune) bool) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if !in(f) {
			return false
		}
	}
	return true
}
