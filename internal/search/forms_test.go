package search

import (
	"strings"
	"testing"
)

func TestForms(t *testing.T) {
	for _, tc := range []struct {
		word  string
		query string // the parsed ~word
	}{
		{"резолюция", `"резолюц" *`},
		{"резолюциями", `"резолюц" *`},
		{"Совета", `"совет" *`},
		{"ёлками", `"елк" *`}, // ё is е for the stemmer as for the index
		{"résolution", `"resolu" *`},
		{"resoluciones", `"resolu" *`},
		{"resolutions", `"resolu" *`},
		{"women", `"wom" *`},                         // French and Spanish rules cut shorter than English
		{"is", `"is"`},                               // a stem too short to stand for a word's forms
		{"non-proliferation", `"non proliferation"`}, // not one word: the phrase as written
		{"الأمم", `"الامم"`},                         // no Arabic stemmer: as written
		{"安全", `"安全"`},
	} {
		q, err := Parse("~" + tc.word)
		if err != nil {
			t.Fatalf("~%s: %v", tc.word, err)
		}
		if got := q.Root.String(); got != tc.query {
			t.Errorf("~%s = %s, want %s", tc.word, got, tc.query)
		}
	}
}

func TestFormsInQueries(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"~résolutions Conseil", `"resolu" * AND "conseil"`},
		{"sanctions -~резолюция", `"sanctions" NOT "резолюц" *`},
		{`"~резолюция"`, `"резолюция"`}, // in quotes a ~ is text
		{"~", `"~"`},
	} {
		q, err := Parse(tc.q)
		if err != nil {
			if tc.want != `"~"` {
				t.Errorf("%s: %v", tc.q, err)
			}
			continue
		}
		if got := q.Root.String(); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.q, got, tc.want)
		}
	}
}

// TestFormsParallel: on the Russian parallel sentences, ~резолюция finds
// every sentence holding one of the word's case forms, where the word as
// written finds only its nominative; and it highlights them.
func TestFormsParallel(t *testing.T) {
	forms := []string{"резолюция", "резолюции", "резолюций", "резолюцию", "резолюцией", "резолюциям", "резолюциями", "резолюциях"}
	q, err := Parse("~резолюция")
	if err != nil {
		t.Fatal(err)
	}
	exact, _ := Parse("резолюция")
	seen := map[string]int{}
	for _, w := range words(t, "parallel/UNv1.0.devset.ru") {
		f := Fold(w)
		for _, form := range forms {
			if f == form {
				seen[form]++
				if !matches(q.Root, f) {
					t.Errorf("~резолюция misses %q", w)
				}
				if matches(exact.Root, f) != (form == "резолюция") {
					t.Errorf("резолюция as written: %q matched = %v", w, matches(exact.Root, f))
				}
			}
		}
	}
	if len(seen) < 4 {
		t.Fatalf("only %d case forms of резолюция in the sentences: %v", len(seen), seen)
	}
	t.Logf("forms found: %v", seen)
	spans := Snippet("принятие резолюции 2334", q.Terms, 160)
	if !strings.Contains(HTML(spans), "<mark>резолюц</mark>") {
		t.Errorf("snippet %q does not mark the form", HTML(spans))
	}
}

// matches tells whether a one-word leaf (or an OR of them) matches the
// folded word w.
func matches(n *Node, w string) bool {
	switch n.Op {
	case Or:
		for _, k := range n.Kids {
			if matches(k, w) {
				return true
			}
		}
		return false
	case Leaf:
		if len(n.Phrase) != 1 {
			return false
		}
		if n.Prefix {
			return strings.HasPrefix(w, n.Phrase[0])
		}
		return w == n.Phrase[0]
	}
	return false
}
