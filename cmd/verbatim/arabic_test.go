package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/bidi"
)

// TestArabicVisualIngestSearch stores the Arabic record as a PDF
// extractor gives its text (visual order): the store holds it in
// logical order with its vowel signs, and a word searched without them
// finds it.
func TestArabicVisualIngestSearch(t *testing.T) {
	b, err := os.ReadFile("../../internal/parse/testdata/ar/council.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rec := filepath.Join(dir, "S_PV.9991-AR.txt")
	if err := os.WriteFile(rec, []byte(bidi.VisualText(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "v.db")
	if code, out, errOut := runCLI(t, "", "ingest", "-q", "--db", db, rec); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	for _, q := range []string{"اعتمد", "اعتُمد", "مشروع القرار"} {
		code, out, _ := runCLI(t, "", "search", "--db", db, "--json", "--lang", "ar", q)
		var res struct {
			Total int `json:"total"`
			Hits  []struct{ Symbol, Snippet string }
		}
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
			t.Fatalf("search %q: exit %d, %q", q, code, out)
		}
		if res.Total < 1 || res.Hits[0].Symbol != "S/PV.9991" {
			t.Errorf("search %q: %+v", q, res)
		}
	}
	code, out, _ := runCLI(t, "", "show", "--db", db, "S/PV.9991")
	if code != 0 || !strings.Contains(out, "لقد اعتُمد مشروع القرار بوصفه القرار 9999 (2099).") {
		t.Errorf("show: exit %d, %.300q", code, out)
	}
}
