package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// sharedStore ingests the shared corpus into a temporary database.
func sharedStore(t *testing.T) *store.Store {
	t.Helper()
	root := filepath.Dir(filepath.Dir(corpus.Path(t, "zh/S_PV.7796-ZH.txt")))
	st, err := store.Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	files, problems, err := ingest.Collect([]string{root})
	if err != nil || len(problems) > 0 {
		t.Fatalf("collect: %v %v", err, problems)
	}
	in := ingest.New(context.Background(), st, ingest.Options{})
	for _, f := range files {
		in.AddFile(f)
	}
	sum, err := in.Close()
	if err != nil || sum.Stored < 20 || sum.Failed > 0 {
		t.Fatalf("ingest of the shared corpus: %+v, %v", sum, err)
	}
	return st
}

// TestSharedCorpus exports the ingested shared corpus in every format:
// the whole store, one meeting (both its parts) and filtered searches.
// Every export holds exactly the speeches the search counts; the tables
// read back strictly; TEI and AKN validate.
func TestSharedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the shared corpus")
	}
	st := sharedStore(t)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		f    store.Filter
	}{
		{"all", store.Filter{}},
		{"one meeting", store.Filter{Symbol: "S/PV.8706"}},
		{"search", store.Filter{Query: "peace", Language: "en", Body: "S", From: "2020-01-01"}},
		{"chinese search", store.Filter{Query: "和平 OR 安全", Country: "CHN"}},
		{"assembly", store.Filter{Body: "A", Role: "president"}},
		{"a country, chair's turns left out", store.Filter{Country: "RUS"}},
		{"a country, chair's turns kept", store.Filter{Country: "RUS", IncludeChair: true}},
		{"language of delivery", store.Filter{Delivery: "fr", Query: "Council"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := c.f
			f.Limit = 1
			var want store.Result
			var err error
			if f.Query != "" {
				want, err = st.Search(ctx, f)
			} else {
				want, err = st.Speeches(ctx, f)
			}
			if err != nil {
				t.Fatal(err)
			}
			if want.Total == 0 {
				t.Fatalf("%+v selects nothing", c.f)
			}
			src := st.Export(ctx, c.f)
			var ms []*record.Meeting
			for m, err := range src {
				if err != nil {
					t.Fatal(err)
				}
				ms = append(ms, m)
			}
			if n := speeches(ms); n != want.Total {
				t.Fatalf("the export holds %d speeches, the search's total is %d", n, want.Total)
			}
			for _, format := range []string{"csv", "tsv", "jsonl"} {
				var buf bytes.Buffer
				stats, err := Write(&buf, src, Options{Format: format})
				if err != nil {
					t.Fatal(err)
				}
				if stats.Speeches != want.Total {
					t.Errorf("%s: %d speeches written, total %d", format, stats.Speeches, want.Total)
				}
				switch format {
				case "csv":
					checkRows(t, format, readCSV(t, buf.Bytes()), ms, true)
				case "tsv":
					checkRows(t, format, strictTSV(t, buf.Bytes(), len(Columns())), ms, true)
				case "jsonl":
					checkJSONL(t, buf.Bytes(), ms)
				}
			}
			for _, format := range []string{"md", "text"} {
				sink := memSink{}
				stats, err := WriteFiles(sink, src, Options{Format: format})
				if err != nil {
					t.Fatal(err)
				}
				if len(sink) != len(ms) || stats.Speeches != want.Total {
					t.Errorf("%s: %d files, %d speeches for %d meetings, %d speeches", format, len(sink), stats.Speeches, len(ms), want.Total)
				}
			}
			dir, files := writeXMLFiles(t, src, "tei")
			if len(files) != len(ms) {
				t.Errorf("%d TEI files for %d meetings", len(files), len(ms))
			}
			validate(t, "tei", files)
			checkTEIRoot(t, dir, files, want.Total)
			_, files = writeXMLFiles(t, src, "akn")
			if len(files) != len(ms) {
				t.Errorf("%d AKN files for %d meetings", len(files), len(ms))
			}
			n := 0
			for _, f := range files {
				b, _ := os.ReadFile(f)
				n += strings.Count(string(b), "<speech ")
			}
			if n != want.Total {
				t.Errorf("AKN files hold %d speeches, total %d", n, want.Total)
			}
			validate(t, "akn", files)
		})
	}

	// The corpus's layout of the English records: its columns and names.
	dir := t.TempDir()
	stats, err := WriteFiles(DirSink(dir), st.Export(ctx, store.Filter{Language: "en"}), Options{Format: "tsv", Layout: "scd"})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := st.Speeches(ctx, store.Filter{Language: "en", Limit: 1})
	b, err := os.ReadFile(filepath.Join(dir, "speaker.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := strictTSV(t, b, len(Columns())-1)
	if len(rows)-1 != want.Total || stats.Speeches != want.Total {
		t.Errorf("speaker.tsv has %d rows, %d English speeches are stored", len(rows)-1, want.Total)
	}
	txt, _ := filepath.Glob(filepath.Join(dir, "speeches", "UNSC_*_SPV.*_spch*.txt"))
	ga, _ := filepath.Glob(filepath.Join(dir, "speeches", "UNGA_*_A*PV.*_spch*.txt"))
	if len(txt)+len(ga) != want.Total || len(txt) == 0 || len(ga) == 0 {
		t.Errorf("%d Council and %d Assembly speech files for %d speeches", len(txt), len(ga), want.Total)
	}
	for _, r := range rows[1:] {
		if _, err := os.Stat(filepath.Join(dir, "speeches", r[1])); err != nil {
			t.Errorf("speaker.tsv names %s: %v", r[1], err)
			break
		}
	}
}
