package fetch

import (
	"reflect"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	tests := []struct {
		in   []string
		want []string
		err  string // substring of the error, "" for none
	}{
		{[]string{"S/PV.7796"}, []string{"S/PV.7796"}, ""},
		{[]string{"s/pv.7796"}, []string{"S/PV.7796"}, ""},
		{[]string{"A/75/PV.12"}, []string{"A/75/PV.12"}, ""},
		{[]string{"S/PV.8706(Resumption1)"}, []string{"S/PV.8706 (Resumption 1)"}, ""},
		{[]string{"S/PV.8698-8700"}, []string{"S/PV.8698", "S/PV.8699", "S/PV.8700"}, ""},
		{[]string{"s/pv.8698 - 8699"}, []string{"S/PV.8698", "S/PV.8699"}, ""},
		{[]string{"A/75/PV.1-3"}, []string{"A/75/PV.1", "A/75/PV.2", "A/75/PV.3"}, ""},
		{[]string{"S/PV.9-9"}, []string{"S/PV.9"}, ""},
		{[]string{"S/PV.1-2", "S/PV.2", "S/PV.1"}, []string{"S/PV.1", "S/PV.2"}, ""},
		{[]string{"S/2016/867"}, []string{"S/2016/867"}, ""},
		{[]string{"S/PV.10-5"}, nil, "before"},
		{[]string{"S/RES/1-5"}, nil, "ranges are of meeting records"},
		{[]string{"S/PV.1-99999"}, nil, "more than"},
		{[]string{"X/PV.1"}, nil, "unknown body"},
		{[]string{"S/PV.1^2"}, nil, `"^"`},
		{[]string{"S/PV.7796 (Resumption 1)-3"}, nil, "unexpected bracket"},
		{[]string{""}, nil, "empty"},
	}
	for _, tt := range tests {
		got, err := Expand(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Expand(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Expand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestFileStem(t *testing.T) {
	tests := []struct{ sym, lang, want string }{
		{"S/PV.8699", "en", "S_PV.8699-EN"},
		{"S/PV.8699 (Resumption 1)", "en", "S_PV.8699(Resumption1)-EN"},
		{"A/75/PV.12", "zh", "A_75_PV.12-ZH"},
	}
	for _, tt := range tests {
		if got := FileStem(tt.sym, tt.lang); got != tt.want {
			t.Errorf("FileStem(%q, %q) = %q, want %q", tt.sym, tt.lang, got, tt.want)
		}
	}
}

func TestSourceURL(t *testing.T) {
	ods, err := ParseSource("ods=https://documents.un.org/")
	if err != nil {
		t.Fatal(err)
	}
	und, err := ParseSource("UNDOCS=https://undocs.org")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src       Source
		sym, lang string
		want      string
	}{
		{ods, "A/78/PV.1", "en", "https://documents.un.org/api/symbol/access?s=A%2F78%2FPV.1&l=en&t=pdf"},
		{ods, "S/PV.8699 (Resumption 1)", "zh", "https://documents.un.org/api/symbol/access?s=S%2FPV.8699%20%28Resumption%201%29&l=zh&t=pdf"},
		{und, "A/79/PV.1", "fr", "https://undocs.org/fr/A/79/PV.1"},
		{und, "S/PV.8699 (Resumption 1)", "en", "https://undocs.org/en/S/PV.8699%20%28Resumption%201%29"},
	}
	for _, tt := range tests {
		if got := tt.src.URL(tt.sym, tt.lang); got != tt.want {
			t.Errorf("%s URL(%q, %q) = %q, want %q", tt.src.Kind, tt.sym, tt.lang, got, tt.want)
		}
	}
	for _, bad := range []string{"https://documents.un.org", "ftp=https://x", "ods=ftp://x", "ods=", "ods=http://"} {
		if _, err := ParseSource(bad); err == nil {
			t.Errorf("ParseSource(%q) accepted", bad)
		}
	}
	srcs, err := ParseSources(nil)
	if err != nil || len(srcs) != 2 || srcs[0].Kind != ODS || srcs[1].Kind != Undocs {
		t.Errorf("default sources = %v, %v", srcs, err)
	}
}

func TestParseLangs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		ok   bool
	}{
		{"en", []string{"en"}, true},
		{"EN, zh,en", []string{"en", "zh"}, true},
		{"all", Languages, true},
		{"de", nil, false},
		{",", nil, false},
	}
	for _, tt := range tests {
		got, err := ParseLangs(tt.in)
		if (err == nil) != tt.ok || tt.ok && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseLangs(%q) = %q, %v", tt.in, got, err)
		}
	}
}
