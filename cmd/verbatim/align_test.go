package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ingestVersions ingests the synthetic language versions of S/PV.9992
// that package align is tested on.
func ingestVersions(t *testing.T, db string, langs ...string) {
	t.Helper()
	var files []string
	for _, l := range langs {
		files = append(files, filepath.Join("..", "..", "internal", "align", "testdata", l+".txt"))
	}
	if code, out, errOut := runCLI(t, "", append([]string{"ingest", "-q", "--db", db}, files...)...); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
}

func TestAlign(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	ingestVersions(t, db, "en")
	if code, _, errOut := runCLI(t, "", "align", "--db", db, "S/PV.9992"); code != 1 || !strings.Contains(errOut, "fewer than two language versions stored (stored: en)") {
		t.Errorf("one version: exit %d, %q", code, errOut)
	}
	ingestVersions(t, db, "zh", "fr", "ru")

	code, out, errOut := runCLI(t, "", "align", "--db", db, "s/pv.9992")
	if code != 0 {
		t.Fatalf("align: exit %d, %s", code, errOut)
	}
	var a struct {
		Languages []string `json:"languages"`
		Pivot     string   `json:"pivot"`
		Rows      []struct {
			Cells map[string]struct{ Seqs []int } `json:"cells"`
		} `json:"rows"`
		Warnings []struct{ Language string } `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// Every stored version, in the UN's order; Russian lacks a speech.
	if strings.Join(a.Languages, ",") != "zh,en,fr,ru" || a.Pivot != "zh" || len(a.Rows) != 12 ||
		len(a.Warnings) != 1 || a.Warnings[0].Language != "ru" {
		t.Errorf("languages %v, pivot %s, %d rows, warnings %v", a.Languages, a.Pivot, len(a.Rows), a.Warnings)
	}

	tmx := filepath.Join(dir, "out.tmx")
	if code, _, errOut := runCLI(t, "", "align", "--db", db, "--langs", "ru,en", "--format", "tmx", "-o", tmx, "S/PV.9992"); code != 0 {
		t.Fatalf("align --format tmx: exit %d, %s", code, errOut)
	}
	b, err := os.ReadFile(tmx)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.Contains(s, `srclang="en"`) || !strings.Contains(s, `<tuv xml:lang="ru">`) || strings.Contains(s, `xml:lang="zh"`) {
		t.Errorf("TMX of ru,en:\n%.600s", s)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"S/PV.1"}, 1, "no meeting S/PV.1 is stored"},
		{[]string{"--langs", "zh,ar", "S/PV.9992"}, 1, "S/PV.9992 has no ar version stored (stored: en, fr, ru, zh)"},
		{[]string{"--langs", "zh,xx", "S/PV.9992"}, 2, `unknown language "xx"`},
		{[]string{"--langs", "zh", "S/PV.9992"}, 2, "at least two languages"},
		{[]string{"--format", "csv", "S/PV.9992"}, 2, `unknown format "csv"`},
		{[]string{}, 2, "want one meeting symbol"},
	} {
		code, _, errOut := runCLI(t, "", append([]string{"align", "--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("align %v: exit %d, %q; want %d, %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// TestSearchVersions: search runs over every record language by default,
// and a hit names the same speech in the other stored versions.
func TestSearchVersions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.db")
	ingestVersions(t, db, "zh", "en", "ru")
	code, out, errOut := runCLI(t, "", "search", "--db", db, "--json", "S/2099/41")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Lang     string `json:"lang"`
			Seq      int    `json:"seq"`
			Versions []struct {
				Lang string `json:"lang"`
				Seq  int    `json:"seq"`
			} `json:"versions"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	// China's and Russia's speeches cite the report, in each of the three.
	if res.Total != 6 {
		t.Errorf("%d hits, want 6: %s", res.Total, out)
	}
	for _, h := range res.Hits {
		if len(h.Versions) != 2 {
			t.Errorf("%s %d: versions %+v", h.Lang, h.Seq, h.Versions)
		}
	}
	code, out, _ = runCLI(t, "", "search", "--db", db, "--lang", "ru", "Наша делегация")
	if code != 0 || !strings.Contains(out, "1 speeches") || !strings.Contains(out, "also in en #8, zh #8") {
		t.Errorf("search --lang ru: %d %s", code, out)
	}
}
