package symbol

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// runeSet is the set of runes a pattern's match can begin with. The finder
// tries its patterns only where such a rune stands: an unanchored search
// with Go's regexp costs far more per byte than this check, and in
// Chinese prose almost no position passes it.
type runeSet struct {
	ascii [utf8.RuneSelf]bool
	other []rune // sorted, possibly overlapping [lo, hi] pairs beyond ASCII
}

func (s *runeSet) has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && s.ascii[r]
	}
	for i := 0; i+1 < len(s.other); i += 2 {
		if s.other[i] <= r && r <= s.other[i+1] {
			return true
		}
	}
	return false
}

func (s *runeSet) addRange(lo, hi rune) {
	for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
		s.ascii[r] = true
	}
	if hi >= utf8.RuneSelf {
		s.other = append(s.other, max(lo, utf8.RuneSelf), hi)
	}
}

// firstRunes returns the runes a match of pattern can begin with, or nil
// when that cannot be bounded (the pattern can match the empty string, or
// begin with any character).
func firstRunes(pattern string) *runeSet {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	s := &runeSet{}
	nullable, ok := addFirst(s, re.Simplify())
	if !ok || nullable {
		return nil
	}
	return s
}

// addFirst adds to s the runes re can begin with and reports whether re
// can match the empty string; ok is false when the first rune is
// unbounded.
func addFirst(s *runeSet, re *syntax.Regexp) (nullable, ok bool) {
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
		s.addRange(r, r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				s.addRange(f, f)
			}
		}
		return false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			s.addRange(re.Rune[i], re.Rune[i+1])
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
