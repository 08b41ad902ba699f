package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store"
)

// TestExportAPI: a meeting in each format, a search's result streamed
// (as many rows as its total), per-meeting formats as a zip, bad
// parameters refused before anything is sent.
func TestExportAPI(t *testing.T) {
	ts, st := testServer(t)
	ctx := context.Background()

	for _, f := range []string{"csv", "tsv", "jsonl", "tei", "akn", "md", "text"} {
		status, h, body := get(t, ts, "/api/meetings/S/PV.9999?format="+f)
		if status != 200 || !strings.Contains(h.Get("Content-Disposition"), `filename="S_PV.9999-EN.`) || !strings.Contains(body, "Peace matters.") {
			t.Errorf("meeting as %s: %d %q %.80q", f, status, h.Get("Content-Disposition"), body)
		}
		if want := exportTypes[f]; h.Get("Content-Type") != want {
			t.Errorf("meeting as %s: Content-Type %q, want %q", f, h.Get("Content-Type"), want)
		}
	}

	res, err := st.Search(ctx, store.Filter{Query: "和平", Limit: 1})
	if err != nil || res.Total == 0 {
		t.Fatalf("search: %v %+v", err, res)
	}
	status, _, body := get(t, ts, "/api/export?format=csv&q="+url.QueryEscape("和平"))
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if status != 200 || err != nil || len(rows)-1 != res.Total {
		t.Errorf("export of a search: %d, %d rows for a total of %d (%v)", status, len(rows)-1, res.Total, err)
	}
	all, _ := st.Speeches(ctx, store.Filter{Limit: 1})
	status, _, body = get(t, ts, "/api/export?format=jsonl")
	if n := strings.Count(body, "\n"); status != 200 || n != all.Total {
		t.Errorf("export of everything: %d, %d lines for %d speeches", status, n, all.Total)
	}

	status, h, body := get(t, ts, "/api/export?format=tei&lang=zh")
	if status != 200 || h.Get("Content-Type") != "application/zip" {
		t.Fatalf("tei export: %d %q", status, h.Get("Content-Type"))
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if len(names) != 3 || names[2] != "Verbatim-UN.xml" {
		t.Errorf("tei zip holds %q", names)
	}

	// The corpus's folders, zipped.
	status, _, body = get(t, ts, "/api/export?format=tsv&layout=scd&lang=zh")
	z, err = zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if status != 200 || err != nil {
		t.Fatalf("scd export: %d %v", status, err)
	}
	files := map[string]bool{}
	for _, f := range z.File {
		files[f.Name] = true
	}
	if !files["speaker.tsv"] || !files["meta.tsv"] || len(files) < 3 {
		t.Errorf("scd zip holds %v", files)
	}

	for _, bad := range []string{"/api/export", "/api/export?format=xlsx", "/api/export?format=csv&q=OR",
		"/api/export?format=csv&layout=scd", "/api/export?format=csv&from=2020-13-01", "/api/meetings/S/PV.9999?format=pdf"} {
		if status, h, _ := get(t, ts, bad); status != 400 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %q", bad, status, h.Get("Content-Type"))
		}
	}
	if status, _, _ := get(t, ts, "/api/meetings/S/PV.1?format=csv"); status != 404 {
		t.Errorf("export of a missing meeting: %d", status)
	}

	// The pages link the downloads.
	_, _, page := get(t, ts, "/meetings/S/PV.9999")
	if !strings.Contains(page, `id="downloads"`) || !strings.Contains(page, `href="/api/meetings/S/PV.9999?format=tei&amp;lang=en"`) {
		t.Errorf("meeting page without downloads")
	}
	_, _, page = get(t, ts, "/search?q=peace&lang=en")
	if !strings.Contains(page, `href="/api/export?format=csv&amp;lang=en&amp;q=peace"`) {
		t.Errorf("search page without downloads: %s", page[strings.Index(page, `id="total"`):][:300])
	}
}
