package prefilter

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestLiterals(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
	}{
		{`^议程(?:获得)?通过。?$`, []string{"议程", "通过"}},
		{`代表(?P<who>\p{Han}{2,40}?)(?:成员国)?[^。]{0,80}?发言`, []string{"代表", "发言"}},
		{`(?:a|b)c`, []string{"c"}},
		{`(?i)resolution`, nil},
		{`x*`, nil},
		{`(`, nil},
	}
	for _, tt := range tests {
		got := Literals(tt.pattern)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Literals(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

// TestLiteralsAreNecessary: for every string a pattern matches, All holds.
func TestLiteralsAreNecessary(t *testing.T) {
	pats := []string{`^议程(?:获得)?通过。?$`, `第37条，我(?:谨)?邀请(?P<list>[^。]+?)代表参加`, `(?P<yes>\d+)票赞成[、，,]\s*(?P<no>\d+)票反对`}
	texts := []string{"议程通过。", "议程获得通过", "根据第37条，我邀请巴西代表参加本次会议", "13票赞成、1票反对", "无关的文字"}
	for _, p := range pats {
		re := regexp.MustCompile(p)
		lits := Literals(p)
		for _, s := range texts {
			if re.MatchString(s) && !All(s, lits) {
				t.Errorf("%q matches %q but lacks one of %q", p, s, lits)
			}
		}
	}
}

// TestFirstRunes: the runes a pattern can begin with.
func TestFirstRunes(t *testing.T) {
	tests := []struct {
		pattern   string
		in, notIn string
	}{
		{`第|\d`, "第0", "a "},
		{`(?:第\s*)?\d`, "第9", " 号"},
		{`(?i:r)esolution`, "rR", "e"},
		{`(?:Security Council\s+)?resolution`, "Sr", "C "},
		{`x?y*z`, "xyz", "w"},
		{`a{0,2}b`, "ab", "c"},
	}
	for _, tt := range tests {
		s := FirstRunes(tt.pattern)
		if s == nil {
			t.Errorf("FirstRunes(%q) = nil", tt.pattern)
			continue
		}
		for _, r := range tt.in {
			if !s.Has(r) {
				t.Errorf("FirstRunes(%q) lacks %q", tt.pattern, r)
			}
		}
		for _, r := range tt.notIn {
			if s.Has(r) {
				t.Errorf("FirstRunes(%q) has %q", tt.pattern, r)
			}
		}
	}
	for _, p := range []string{`x*`, `.a`, `\s*`, `(`, `^`, `a|b?`} {
		if s := FirstRunes(p); s != nil {
			t.Errorf("FirstRunes(%q) is bounded, want nil", p)
		}
	}
}

func TestContains(t *testing.T) {
	for _, c := range []struct {
		s, lit string
	}{
		{"我现在以俄罗斯联邦代表的身份发言", "代表的身份"}, {"决议草案", "决议草案"}, {"决议", "决议草案"},
		{"草案决议", "决议草案"}, {"", "决议"}, {"abc", "bc"}, {"abc", ""}, {"x决", "决"}, {"议", "决议"},
	} {
		if got, want := Contains(c.s, c.lit), strings.Contains(c.s, c.lit); got != want {
			t.Errorf("Contains(%q, %q) = %v, want %v", c.s, c.lit, got, want)
		}
	}
}

func FuzzContains(f *testing.F) {
	f.Add("我现在以俄罗斯联邦代表的身份发言", "身份")
	f.Fuzz(func(t *testing.T, s, lit string) {
		if got, want := Contains(s, lit), strings.Contains(s, lit); got != want {
			t.Errorf("Contains(%q, %q) = %v, want %v", s, lit, got, want)
		}
	})
}

func TestAddSet(t *testing.T) {
	var s RuneSet
	a, b := FirstRunes(`^议程`), FirstRunes(`^(?:[0-9]|\x{20000})`)
	s.AddSet(a)
	s.AddSet(b)
	for _, r := range []rune{'议', '5', 0x20000} {
		if !s.Has(r) {
			t.Errorf("union lacks %q", r)
		}
	}
	for _, r := range []rune{'程', 'a', 0x20001} {
		if s.Has(r) {
			t.Errorf("union has %q", r)
		}
	}
}

func TestNeeds(t *testing.T) {
	digit := func(r rune) bool { return r >= '0' && r <= '9' }
	tests := []struct {
		pattern string
		want    bool
	}{
		{`第\d{1,4}号`, true},
		{`(?:安理会\s*)?(?P<x>(?:第\s*)?\d+|(?:ES|S)-\d{1,2})`, true},
		{`\d*号`, false},
		{`(?:\d|号)`, false},
		{`[0-9a]`, false},
		{`\A(?:7)`, true},
		{`(`, false},
	}
	for _, tt := range tests {
		if got := Needs(tt.pattern, digit); got != tt.want {
			t.Errorf("Needs(%q) = %v, want %v", tt.pattern, got, tt.want)
		}
	}
}
