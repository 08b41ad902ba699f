package people

import (
	"strings"
	"testing"
)

func TestVariants(t *testing.T) {
	tests := []struct {
		a, b string // name.affiliation
		same bool
	}{
		// Transliterations of one name, for the same state: one person.
		{"Nebenzia.rus", "Nebenzya.rus", true},
		{"Vassily Nebenzia.rus", "Vasily Nebenzya.rus", true},
		{"Vasiliy Nebenzia.rus", "Vasily Nebenzia.rus", true},
		{"Tchourkine.rus", "Churkin.rus", false}, // the French -e is not a rule
		{"Tchourkine.rus", "Churkine.rus", true},
		{"Polyanskiy.rus", "Polyansky.rus", true},
		{"Kyslytsya.ukr", "Kyslytsia.ukr", true},
		{"Yelchenko.ukr", "Elchenko.ukr", true},
		{"Al-Mouallimi.sau", "Almouallimi.sau", true},
		{"Al Mouallimi.sau", "Al-Muallimi.sau", true},
		{"El-Sisi.egy", "Al-Sisi.egy", true},
		{"Mahmoud.egy", "Mahmood.egy", true},
		// Similar names for different states: two persons.
		{"Nebenzia.rus", "Nebenzya.ukr", false},
		{"Al-Mouallimi.sau", "Al-Muallimi.are", false},
		// The same surname, two people.
		{"Zhang Jun.chn", "Zhang Ming.chn", false},
		{"Smith.gbr", "Smith.aus", false},
		// Names the source script tells apart, and names with no rules.
		{"Hassan.egy", "Hasan.egy", false},
		{"Chen.chn", "Shen.chn", false},
		{"Guterres.un", "Gutteres.un", false},
		{"Guterres.prt", "Gutteres.prt", false},
		{"Vassily.fra", "Vasily.fra", false},
		{"Elena.rus", "Alena.rus", false}, // the article rule is Arabic only
	}
	for _, tt := range tests {
		a, b := keyOf(tt.a), keyOf(tt.b)
		if got := Variant(a) == Variant(b); got != tt.same {
			t.Errorf("%s (%s) and %s (%s): same %v, want %v", tt.a, Variant(a), tt.b, Variant(b), got, tt.same)
		}
	}
	if Variant("president.s.rus.2016-10") != "president.s.rus.2016-10" || Variant("刘结一.chn") != "刘结一.chn" {
		t.Error("a key without rules changed")
	}
}

// keyOf makes a person's key from "name.affiliation".
func keyOf(s string) string {
	name, code, _ := strings.Cut(s, ".")
	return Key(name, code)
}

func TestVariantData(t *testing.T) {
	if _, err := loadVariants(); err != nil {
		t.Fatal(err)
	}
	if VariantRules() == "" {
		t.Error("no digest")
	}
	bad := map[string]string{
		"unknown state":          "script x RUS XXX\n",
		"rule before its script": "rule x a b A=B\n",
		"bad pattern":            "script x RUS\nrule x ( b A=B\n",
		"empty match":            "script x RUS\nrule x a* b Aa=Ab\n",
		"replacement":            "script x RUS\nrule x a B Xa=XB\n",
		"missing group":          "script x RUS\nrule x (a) ${2} Xa=Xb\n",
		"example stays apart":    "script x RUS\nrule x ou u Mouse=Mice\n",
		"example needs no rule":  "script x RUS\nrule x ou u Same=Same\n",
		"state in two scripts":   "script x RUS\nscript y RUS\n",
		"malformed":              "rule\n",
	}
	for name, text := range bad {
		if _, err := parseVariants([]byte(text)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestScript(t *testing.T) {
	for name, want := range map[string]string{
		"Nebenzia": "latin", "Lévitte": "latin", "Al-Mouallimi": "latin", "奥尔洛夫": "han", "刘结一": "han",
		"Орлов": "cyrillic", "المعلمي": "arabic", "": "", "Li 李": "", "·": "",
	} {
		if got := Script(name); got != want {
			t.Errorf("Script(%q) = %q, want %q", name, got, want)
		}
	}
}
