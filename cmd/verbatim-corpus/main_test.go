package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/parse"
)

var (
	loadOnce sync.Once
	loaded   *generator
	loadErr  error
)

// testGenerator reads the material once for all tests: the PDFs take
// seconds to parse.
func testGenerator(t *testing.T, seed uint64) *generator {
	t.Helper()
	corpus.Path(t, "zh/S_PV.7796-ZH.txt")
	loadOnce.Do(func() {
		dir, err := corpus.Dir()
		if err != nil {
			loadErr = err
			return
		}
		loaded, loadErr = newGenerator(dir, 0, []string{"zh", "en"}, true, io.Discard)
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	g := *loaded
	g.seed = seed
	return &g
}

// TestReadBack: the text of a generated meeting parses back to the same
// meeting: symbol, date, and every turn with its speaker, role, country and
// language of delivery. The database format stores the generated meeting
// itself, so the two formats give the same speeches.
func TestReadBack(t *testing.T) {
	g := testGenerator(t, 7)
	for k := range 24 {
		m := g.meeting(k, 1000)
		got, err := parse.Text(g.print(k, m), parse.Options{})
		if err != nil {
			t.Fatalf("%s: %v", m.Symbol, err)
		}
		if got.Symbol != m.Symbol || got.Date != m.Date || got.Language != m.Language {
			t.Errorf("%s: read back as %s %s %s, want %s %s", m.Symbol, got.Symbol, got.Date, got.Language, m.Date, m.Language)
		}
		if len(got.Speeches) != len(m.Speeches) {
			t.Errorf("%s: %d speeches read back, %d made", m.Symbol, len(got.Speeches), len(m.Speeches))
			continue
		}
		for i, want := range m.Speeches {
			sp := got.Speeches[i]
			code, wantCode := "", ""
			if sp.Affiliation != nil {
				code = sp.Affiliation.Code
			}
			if want.Affiliation != nil {
				wantCode = want.Affiliation.Code
			}
			if sp.Speaker != want.Speaker || sp.Role != want.Role || code != wantCode || sp.Language != want.Language {
				t.Errorf("%s speech %d: read back %s/%s/%s/%s, made %s/%s/%s/%s (%s)", m.Symbol, want.Seq,
					sp.Speaker, sp.Role, code, sp.Language, want.Speaker, want.Role, wantCode, want.Language, want.Label)
			}
			if strings.Join(sp.Paragraphs, "") != strings.Join(want.Paragraphs, "") && m.Language == "zh" {
				t.Errorf("%s speech %d: text differs", m.Symbol, want.Seq)
			}
		}
	}
}

// TestDeterministic: a seed gives the same meetings, and other seeds other
// meetings.
func TestDeterministic(t *testing.T) {
	a, b, c := testGenerator(t, 3), testGenerator(t, 3), testGenerator(t, 4)
	for k := range 10 {
		ta, tb, tc := a.print(k, a.meeting(k, 1000)), b.print(k, b.meeting(k, 1000)), c.print(k, c.meeting(k, 1000))
		if ta != tb {
			t.Errorf("meeting %d differs between two generators of the same seed", k)
		}
		if ta == tc {
			t.Errorf("meeting %d is the same for seeds 3 and 4", k)
		}
	}
}

// TestRun: the command writes the files, the same for a seed, with the
// requested number of speeches.
func TestRun(t *testing.T) {
	corpus.Path(t, "zh/S_PV.7796-ZH.txt")
	var runs [2]map[string][]byte
	for i := range runs {
		dir := t.TempDir()
		var out bytes.Buffer
		if code := run([]string{"--out", dir, "--speeches", "120", "--seed", "3", "--lang", "zh", "-q"}, &out, io.Discard); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if !strings.Contains(out.String(), " 120 speeches") {
			t.Errorf("summary %q, want 120 speeches", out.String())
		}
		runs[i] = map[string][]byte{}
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				b, _ := os.ReadFile(p)
				runs[i][strings.TrimPrefix(p, dir)] = b
			}
			return nil
		})
	}
	if len(runs[0]) == 0 || len(runs[0]) != len(runs[1]) {
		t.Fatalf("%d and %d files", len(runs[0]), len(runs[1]))
	}
	for name, b := range runs[0] {
		if !bytes.Equal(b, runs[1][name]) {
			t.Errorf("%s differs between runs", name)
		}
	}
}
