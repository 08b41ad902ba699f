package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestExportMatchesSearch: an export yields exactly the speeches Search
// (with a query) or Speeches (without) counts, whatever the page size,
// meetings in date order, each speech with its text.
func TestExportMatchesSearch(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for i := range 60 {
		if _, err := s.Put(ctx, synthetic(i, 1+i%7, "council")); err != nil {
			t.Fatal(err)
		}
	}
	// Replaced records: their old speeches must not come back.
	for i := 0; i < 60; i += 3 {
		if _, err := s.Put(ctx, synthetic(i, 1+i%5, "assembly")); err != nil {
			t.Fatal(err)
		}
	}
	filters := []Filter{
		{},
		{Country: "FRA"},
		{Country: "CHN", IncludeChair: true},
		{Query: "council", Country: "CHN"},
		{Delivery: "en"},
		{From: "2013-01-01", To: "2016-12-31"},
		{Speaker: "speaker 2", Body: "S"},
		{Symbol: "S/PV.9007"},
		{Language: "zh"},
		{Query: "council"},
		{Query: "assembly", Country: "USA"},
		{Query: `"rule of law"`, From: "2015", To: "2018-12-31"},
		{Query: "peace -assembly", Role: "member", Speaker: "speaker 1"},
		{Query: "speech", Symbol: "S/PV.9010"},
		{Query: "nowhere"},
	}
	defer func(p, n int) { exportPage, exportPageSpeeches = p, n }(exportPage, exportPageSpeeches)
	for _, page := range [][2]int{{1024, 50000}, {7, 50000}, {1000, 9}} {
		exportPage, exportPageSpeeches = page[0], page[1]
		for _, f := range filters {
			name := fmt.Sprintf("page %v, %+v", page, f)
			var want Result
			var err error
			f.Limit = 1000
			if f.Query != "" {
				want, err = s.Search(ctx, f)
			} else {
				want, err = s.Speeches(ctx, f)
			}
			if err != nil {
				t.Fatal(err)
			}
			wantSet := map[string]bool{}
			for _, h := range want.Hits {
				wantSet[fmt.Sprintf("%s #%d", h.Symbol, h.Seq)] = true
			}
			got := 0
			lastDate := ""
			for m, err := range s.Export(ctx, f) {
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if m.Date < lastDate {
					t.Errorf("%s: %s (%s) after a meeting of %s", name, m.Symbol, m.Date, lastDate)
				}
				lastDate = m.Date
				if len(m.Speeches) == 0 {
					t.Errorf("%s: %s yielded without speeches", name, m.Symbol)
				}
				for i, sp := range m.Speeches {
					key := fmt.Sprintf("%s #%d", m.Symbol, sp.Seq)
					if !wantSet[key] {
						t.Errorf("%s: %s exported, not found by the search", name, key)
					}
					if i > 0 && sp.Seq <= m.Speeches[i-1].Seq {
						t.Errorf("%s: %s out of order", name, key)
					}
					text := strings.Join(sp.Paragraphs, "\n")
					if !strings.Contains(text, fmt.Sprintf("speech %d,", sp.Seq-1)) {
						t.Errorf("%s: %s has text %q", name, key, text)
					}
					got++
				}
			}
			if got != want.Total {
				t.Errorf("%s: exported %d speeches, the search's total is %d", name, got, want.Total)
			}
		}
	}
}

// TestExportStops: breaking out of the loop ends the export; a bad query
// is the query error Search gives.
func TestExportStops(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for i := range 5 {
		if _, err := s.Put(ctx, synthetic(i, 3, "council")); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, err := range s.Export(ctx, Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		break
	}
	if n != 1 {
		t.Errorf("%d meetings after break", n)
	}
	for _, err := range s.Export(ctx, Filter{Query: "OR"}) {
		if _, want := s.Search(ctx, Filter{Query: "OR"}); err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("bad query: export says %v, search %v", err, want)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	for _, err := range s.Export(cctx, Filter{}) {
		if err == nil {
			t.Error("export of a cancelled context yielded a meeting")
		}
	}
}
