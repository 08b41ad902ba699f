package search

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want string
		pos  string
	}{
		{"和平", "和平", "0"},
		{"和平解决", "和平 平解 解决", "0 1 2"},
		{"和", "和", "0"},
		{"安理会第1267（1999）号决议", "安理 理会 会第 1267 1999 号决 决议", "0 1 2 5 6 7 8"},
		{"恐怖，主义 peace and security", "恐怖 主义 peace and security", "0 3 6 7 8"},
		{"The Rule of LAW", "the rule of law", "0 1 2 3"},
		{"S/2016/867，其中", "s 2016 867 其中", "0 1 2 3"},
		{"Été, São Tomé-et-Príncipe", "ete sao tome et principe", ""},
		{"Российская Федерация", "российская федерация", ""},
		{"Bosnia and Herzegovina’s", "bosnia and herzegovina s", ""},
		{"ما هو الإرهاب", "ما هو الارهاب", ""},
		{"dé\u0301ja", "deja", ""},
		{"Ещё объём, Её", "еще объем ее", ""},
		{"йод", "йод", ""},
		{"الأُمَمُ المُتَّحِدَة", "الامم المتحده", ""},
		{"إلى الجمعيـــة", "الي الجمعيه", ""},
		{"آمن", "امن", ""},
		{"日本の立場", "日本 本の の立 立場", "0 1 2 3"},
		{"x 和 y", "x 和 y", "0 1 3"},
	}
	for _, tt := range tests {
		in := tt.in
		var got, pos []string
		last := -1
		n := Tokens(in, func(term string, p int) {
			if p <= last {
				t.Errorf("Tokens(%q): position %d after %d", tt.in, p, last)
			}
			last = p
			got = append(got, term)
			pos = append(pos, fmt.Sprint(p))
		})
		if strings.Join(got, " ") != tt.want || n != len(got) {
			t.Errorf("Tokens(%q) = %q (%d terms), want %q", tt.in, got, n, tt.want)
		}
		if tt.pos != "" && strings.Join(pos, " ") != tt.pos {
			t.Errorf("Tokens(%q) positions %s, want %s", tt.in, strings.Join(pos, " "), tt.pos)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in, tree string
		terms    []string
	}{
		{"和平", `"和平"`, []string{"和平"}},
		{"和", `"和" *`, []string{"和"}},
		{"a OR b c", `"a" OR ("b" AND "c")`, []string{"a", "b", "c"}},
		{"a b NOT c d", `"a" AND "b" NOT "c" AND "d"`, []string{"a", "b", "c", "d"}},
		{"a NOT b NOT c", `"a" NOT "b" NOT "c"`, []string{"a", "b", "c"}},
		{"和平解决", `"和平 平解 解决"`, []string{"和平解决"}},
		{"恐怖主义 合作", `"恐怖 怖主 主义" AND "合作"`, []string{"恐怖主义", "合作"}},
		{`"rule of law"`, `"rule of law"`, []string{"rule of law"}},
		{"terror*", `"terror" *`, []string{"terror"}},
		{"peace OR security", `"peace" OR "security"`, []string{"peace", "security"}},
		{"peace NOT war", `"peace" NOT "war"`, []string{"peace", "war"}},
		{"peace -war", `"peace" NOT "war"`, []string{"peace", "war"}},
		{"“集体安全”", `"集体 体安 安全"`, []string{"集体安全"}},
		// Traditional characters are searched as simplified.
		{"維護和平", `"维护 护和 和平"`, []string{"维护和平"}},
		{"S/2016/867", `"s 2016 867"`, []string{"S/2016/867"}},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := q.Root.String(); got != tt.tree {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.tree)
		}
		if len(q.Terms) != len(tt.terms) {
			t.Errorf("Parse(%q).Terms = %q, want %q", tt.in, q.Terms, tt.terms)
			continue
		}
		for i := range q.Terms {
			if q.Terms[i] != tt.terms[i] {
				t.Errorf("Parse(%q).Terms = %q, want %q", tt.in, q.Terms, tt.terms)
			}
		}
	}
	for _, bad := range []string{"", "   ", "OR peace", "peace OR", "-war", `"open`, "，。", string(make([]byte, MaxQuery+1))} {
		if _, err := Parse(bad); !errors.Is(err, ErrQuery) {
			t.Errorf("Parse(%q) error = %v, want ErrQuery", bad, err)
		}
	}
}

func TestSnippet(t *testing.T) {
	text := "各国应当维护和平。我们支持和平解决争端，并呼吁各方保持克制。"
	got := Marked(Snippet(text, []string{"和平"}, 100), "[", "]")
	if got != "各国应当维护[和平]。我们支持[和平]解决争端，并呼吁各方保持克制。" {
		t.Errorf("snippet = %q", got)
	}
	long := "The Council reaffirms its commitment. " + "Filler text that goes on. " + "The RULE of law matters to all."
	got = Marked(Snippet(long, []string{"rule of law"}, 40), "<", ">")
	if got != "…on. The <RULE of law> matters to all." {
		t.Errorf("snippet = %q", got)
	}
	// A match far into a long text, across the pieces it is lowered in.
	for _, pad := range []int{4090, 4094, 4096, 9000} {
		far := strings.Repeat("x", pad) + " Kazakhstan said."
		if got := Marked(Snippet(far, []string{"kazakhstan"}, 30), "[", "]"); !strings.Contains(got, "[Kazakhstan]") {
			t.Errorf("pad %d: snippet = %q", pad, got)
		}
	}
	if h := HTML([]Span{{Text: "<b>", Match: false}, {Text: "和平", Match: true}}); h != "&lt;b&gt;<mark>和平</mark>" {
		t.Errorf("HTML = %q", h)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"和平", `"rule of law" OR terror*`, "-a", "a NOT b", `"`, "維護"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		Parse(q) // must not panic
		Snippet(q, []string{q}, 20)
	})
}
