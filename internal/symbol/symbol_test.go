package symbol

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string // canonical form
		sym  Symbol // derived fields to check; Body/Series/Qualifier are checked via want
	}{
		// Security Council meeting records.
		{"S/PV.7796", "S/PV.7796", Symbol{Kind: Meeting, Meeting: 7796}},
		{"S/PV.3756", "S/PV.3756", Symbol{Kind: Meeting, Meeting: 3756}},
		{"S/PV.8706 (Resumption 1)", "S/PV.8706 (Resumption 1)", Symbol{Kind: Meeting, Meeting: 8706, Part: 1}},
		{"S/PV.8706(Resumption1)", "S/PV.8706 (Resumption 1)", Symbol{Kind: Meeting, Meeting: 8706, Part: 1}},
		{"S/PV.8706  ( resumption 2 )", "S/PV.8706 (Resumption 2)", Symbol{Kind: Meeting, Meeting: 8706, Part: 2}},
		{"s/pv.7796", "S/PV.7796", Symbol{Kind: Meeting, Meeting: 7796}},
		{"S / PV. 7796", "S/PV.7796", Symbol{Kind: Meeting, Meeting: 7796}},
		{"Ｓ／ＰＶ．７７９６", "S/PV.7796", Symbol{Kind: Meeting, Meeting: 7796}},
		{"S/PV.8706（Resumption １）", "S/PV.8706 (Resumption 1)", Symbol{Kind: Meeting, Meeting: 8706, Part: 1}},
		{"S/PV.7796\u200b", "S/PV.7796", Symbol{Kind: Meeting, Meeting: 7796}},

		// Security Council documents and presidential statements.
		{"S/2016/867", "S/2016/867", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S/2016/867/Add.1", "S/2016/867/Add.1", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S/2016/867/Corr.1", "S/2016/867/Corr.1", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S/2016/867/Rev.1", "S/2016/867/Rev.1", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S/2016/867/Rev.1/Add.2", "S/2016/867/Rev.1/Add.2", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S/2016/867/Amend.1", "S/2016/867/Amend.1", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S/2016/867/ADD.1", "S/2016/867/Add.1", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S／2016／867", "S/2016/867", Symbol{Kind: Document, Year: 2016, Number: 867}},
		{"S/PRST/2016/12", "S/PRST/2016/12", Symbol{Kind: Statement, Year: 2016, Number: 12}},
		{"S/AC.26/2001/16", "S/AC.26/2001/16", Symbol{Kind: Document, Year: 2001, Number: 16}},

		// Resolutions.
		{"S/RES/1267 (1999)", "S/RES/1267 (1999)", Symbol{Kind: Resolution, Number: 1267, Year: 1999}},
		{"S/RES/1267(1999)", "S/RES/1267 (1999)", Symbol{Kind: Resolution, Number: 1267, Year: 1999}},
		{"S/RES/1267  (1999) ", "S/RES/1267 (1999)", Symbol{Kind: Resolution, Number: 1267, Year: 1999}},
		{"S/RES/１２６７（１９９９）", "S/RES/1267 (1999)", Symbol{Kind: Resolution, Number: 1267, Year: 1999}},
		{"S/RES/1267", "S/RES/1267", Symbol{Kind: Resolution, Number: 1267}},
		{"A/RES/69/10", "A/RES/69/10", Symbol{Kind: Resolution, Session: "69", Number: 10}},
		{"A/RES/48/237", "A/RES/48/237", Symbol{Kind: Resolution, Session: "48", Number: 237}},
		{"A/RES/377 (V)", "A/RES/377 (V)", Symbol{Kind: Resolution, Session: "V", Number: 377}},
		{"A/RES/377(v)", "A/RES/377 (V)", Symbol{Kind: Resolution, Session: "V", Number: 377}},
		{"A/RES/ES-10/19", "A/RES/ES-10/19", Symbol{Kind: Resolution, Session: "ES-10", Number: 19}},
		{"A/HRC/RES/32/1", "A/HRC/RES/32/1", Symbol{Kind: Resolution, Session: "32", Number: 1}},
		{"E/RES/2016/4", "E/RES/2016/4", Symbol{Kind: Resolution, Year: 2016, Number: 4}},

		// General Assembly and its committees.
		{"A/71/PV.40", "A/71/PV.40", Symbol{Kind: Meeting, Session: "71", Meeting: 40}},
		{"A/55/PV.110", "A/55/PV.110", Symbol{Kind: Meeting, Session: "55", Meeting: 110}},
		{"A/C.1/71/PV.3", "A/C.1/71/PV.3", Symbol{Kind: Meeting, Session: "71", Meeting: 3}},
		{"A/ES-10/PV.37", "A/ES-10/PV.37", Symbol{Kind: Meeting, Session: "ES-10", Meeting: 37}},
		{"A/ES‐10/PV.37", "A/ES-10/PV.37", Symbol{Kind: Meeting, Session: "ES-10", Meeting: 37}},
		{"A/71/L.5", "A/71/L.5", Symbol{Kind: Document, Session: "71"}},
		{"A/C.3/71/L.12/Rev.1", "A/C.3/71/L.12/Rev.1", Symbol{Kind: Document, Session: "71"}},
		{"A/HRC/32/L.1", "A/HRC/32/L.1", Symbol{Kind: Document, Session: "32"}},

		// Economic and Social Council, Secretariat.
		{"E/2016/SR.5", "E/2016/SR.5", Symbol{Kind: Meeting, Year: 2016, Meeting: 5}},
		{"E/CN.4/2005/L.1", "E/CN.4/2005/L.1", Symbol{Kind: Document, Year: 2005}},
		{"ST/SGB/2003/13", "ST/SGB/2003/13", Symbol{Kind: Document, Year: 2003, Number: 13}},
		{"A/CN.9/WG.ii/WP.1", "A/CN.9/WG.II/WP.1", Symbol{Kind: Document}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if s := got.String(); s != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, s, tt.want)
		}
		derived := got
		derived.Body, derived.Series, derived.Qualifier = "", nil, ""
		if !reflect.DeepEqual(derived, tt.sym) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, derived, tt.sym)
		}
		// The canonical form is a fixed point.
		again, err := Parse(tt.want)
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tt.want, again, err, got)
		}
	}
}

func TestParseParts(t *testing.T) {
	got, err := Parse("A/C.1/71/PV.3")
	if err != nil {
		t.Fatal(err)
	}
	want := Symbol{Body: "A", Series: []string{"C.1", "71", "PV.3"}, Kind: Meeting, Session: "71", Meeting: 3}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	got, err = Parse("S/PV.8706 (Resumption 1)")
	if err != nil {
		t.Fatal(err)
	}
	want = Symbol{Body: "S", Series: []string{"PV.8706"}, Qualifier: "Resumption 1", Kind: Meeting, Meeting: 8706, Part: 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in  string
		msg string // part of the message
	}{
		{"", "empty"},
		{"   ", "empty"},
		{"S/", "empty segment"},
		{"hello", `no "/"`},
		{"S/PV.", `ends with '.'`},
		{"S/PV", "without a meeting number"},
		{"S/PV.12a", "invalid segment"},
		{"S/RES/abc", `resolution number "abc" is not numeric`},
		{"S/RES", "resolution number missing"},
		{"S/RES/1267 (1999", "unexpected bracket"},
		{"S/RES/1267 1999)", "unbalanced bracket"},
		{"S/RES/1267 ()", "empty brackets"},
		{"S/RES/1267 (abc)", "want a year or a Roman session"},
		{"A/RES/377 (IIII)", "want a year or a Roman session"},
		{"S/2016/867 (2016)", "unexpected (2016)"},
		{"S/PV.7796 (Part 1)", "want (Resumption n)"},
		{"S/PV.7796 (Resumption 0)", "want (Resumption n)"},
		{"S/PRST/12", "needs a year and a number"},
		{"X/2016/1", `unknown body "X"`},
		{"/2016/1", "missing body"},
		{"S//1", "empty segment"},
		{"ST/SGB", "no number"},
		{"A/B", "no number"},
		{"S/2016/867 extra", "unexpected space"},
		{"S/1234567890", "too long"},
		{"S/2016/867/Add.", `ends with '.'`},
		{"S/RES/1267 (1999)/Corr.1", "unexpected bracket"},
		{"S/PV.7796/Foo", `unexpected segment "Foo"`},
		{"S/\xff", "UTF-8"},
		{strings.Repeat("S/1", 100), "longer than"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %q, want error", tt.in, got)
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) || pe.Input != tt.in {
			t.Errorf("Parse(%q): error %T %v is not an *Error for the input", tt.in, err, err)
		}
		if msg := err.Error(); !strings.Contains(msg, tt.msg) || strings.Contains(msg, "\n") {
			t.Errorf("Parse(%q): error %q, want one line containing %q", tt.in, msg, tt.msg)
		}
		if !reflect.DeepEqual(got, Symbol{}) {
			t.Errorf("Parse(%q) returned %+v with an error", tt.in, got)
		}
	}
}

func TestNormalize(t *testing.T) {
	got, err := Normalize("S/RES/1267(1999)")
	if err != nil || got != "S/RES/1267 (1999)" {
		t.Errorf("Normalize = %q, %v", got, err)
	}
	if _, err := Normalize("S/"); err == nil {
		t.Error("Normalize(S/): want error")
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Document: "document", Meeting: "meeting record", Resolution: "resolution", Statement: "presidential statement", Kind(9): "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
	if got := (Symbol{}).String(); got != "" {
		t.Errorf("zero Symbol String() = %q", got)
	}
}

func TestRoman(t *testing.T) {
	for s, want := range map[string]int{"I": 1, "IV": 4, "V": 5, "IX": 9, "XXV": 25, "XLIV": 44, "LXXIX": 79, "IIII": 0, "VX": 0, "": 0, "A": 0} {
		if got := romanValue(s); got != want {
			t.Errorf("romanValue(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"S/PV.7796", "S/PV.8706 (Resumption 1)", "S/RES/1267(1999)", "A/RES/377 (V)",
		"A/C.3/71/L.12/Rev.1", "A/ES-10/PV.37", "Ｓ／ＲＥＳ／１２６７（１９９９）", "S/", "S/PV.",
		"E/CN.4/2005/L.1", "S/2016/867 (2016)", "((", "S/ ( )",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sym, err := Parse(s)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
				t.Fatalf("Parse(%q): bad message %q", s, msg)
			}
			return
		}
		// Whatever Parse accepts, its canonical form must parse to the
		// same symbol.
		c := sym.String()
		again, err := Parse(c)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, c, err)
		}
		if !reflect.DeepEqual(again, sym) {
			t.Fatalf("Parse(%q) = %+v, but Parse(%q) = %+v", s, sym, c, again)
		}
	})
}
