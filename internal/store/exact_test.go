package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

// deliveryMeetings: n meetings of 30 speeches each, every speech about
// peace, delivered in English, French or Russian by three speakers, one
// of whom is printed Nebenzia in some meetings and Nebenzya in others.
func deliveryMeetings(n int) []*record.Meeting {
	var out []*record.Meeting
	for i := range n {
		m := &record.Meeting{Symbol: fmt.Sprintf("S/PV.%d", 7000+i), Language: "en", Body: "Security Council",
			Date: fmt.Sprintf("2019-%02d-01", 1+i%12)}
		for k := range 30 {
			speaker, code := []string{"Nebenzia", "Pierce", "De Rivière"}[k%3], []string{"RUS", "GBR", "FRA"}[k%3]
			if speaker == "Nebenzia" && i%2 == 1 {
				speaker = "Nebenzya"
			}
			m.Speeches = append(m.Speeches, record.Speech{Seq: k + 1, Speaker: speaker, Title: "Mr.", Role: "member",
				Affiliation: &record.Affiliation{Name: code, Code: code, Kind: "state"},
				Language:    []string{"ru", "en", "fr", "en", "en"}[k%5],
				Paragraphs:  []string{fmt.Sprintf("Speech %d of meeting %d is about peace and security.", k, i)}})
		}
		out = append(out, m)
	}
	return out
}

// TestFilteredSearchExact: filtered by language of delivery or by person,
// a search counts every match (the index holds both: no best-k cap is
// left to filter), its total is the count SQL gives, paging reaches each
// match once, and facets count every match as SQL does.
func TestFilteredSearchExact(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutBatch(ctx, deliveryMeetings(6)); err != nil {
		t.Fatal(err)
	}
	count := func(where string, args ...any) int {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM speeches sp JOIN persons ps ON ps.id = sp.person WHERE `+where, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tests := []struct {
		f    Filter
		want int
	}{
		{Filter{Query: "peace", Delivery: "fr"}, count(`sp.language = 'fr'`)},
		{Filter{Query: "peace", Delivery: "EN"}, count(`sp.language = 'en'`)},
		{Filter{Query: "peace", Person: "nebenzia.rus"}, count(`ps.key IN ('nebenzia.rus', 'nebenzya.rus')`)},
		{Filter{Query: "peace", Person: "nebenzya.rus", Delivery: "ru"}, count(`ps.affiliation = 'RUS' AND sp.language = 'ru'`)},
		{Filter{Query: "peace", Person: "pierce.gbr", Country: "GBR", From: "2019-03"}, count(`ps.key = 'pierce.gbr' AND sp.meeting_id IN (SELECT id FROM meetings WHERE date >= '2019-03')`)},
		{Filter{Query: "peace", Person: "nobody.xyz"}, 0},
		{Filter{Query: "peace", Delivery: "zh"}, 0},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, tt.f)
		if err != nil {
			t.Fatalf("%+v: %v", tt.f, err)
		}
		if res.Total != tt.want {
			t.Errorf("%+v: total %d, SQL counts %d", tt.f, res.Total, tt.want)
		}
		// Page through every match: each once, each passing the filter.
		seen := map[string]bool{}
		for off := 0; off < res.Total+7; off += 7 {
			f := tt.f
			f.Offset, f.Limit = off, 7
			page, err := s.Search(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != tt.want {
				t.Fatalf("%+v at %d: total %d", tt.f, off, page.Total)
			}
			for _, h := range page.Hits {
				k := fmt.Sprintf("%s#%d", h.Symbol, h.Seq)
				if seen[k] {
					t.Errorf("%+v: %s twice", tt.f, k)
				}
				seen[k] = true
				if tt.f.Delivery != "" && h.Language != strings.ToLower(tt.f.Delivery) {
					t.Errorf("%+v: %s delivered in %s", tt.f, k, h.Language)
				}
			}
		}
		if len(seen) != tt.want {
			t.Errorf("%+v: paging reached %d of %d", tt.f, len(seen), tt.want)
		}
	}
	// Facets of a query count every match, as SQL does over the
	// speeches that contain the word.
	for _, f := range []Filter{{Query: "peace", Delivery: "fr"}, {Query: "peace"}, {Query: "peace", Person: "nebenzia.rus", From: "2019-02"}} {
		fc, err := s.Facets(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		sf := f
		sf.Query = ""
		want, err := s.Facets(ctx, sf) // every speech is about peace: the filters alone select the same
		if err != nil {
			t.Fatal(err)
		}
		res, _ := s.Search(ctx, f)
		if fc.Counted != res.Total || !reflect.DeepEqual(fc, want) {
			t.Errorf("facets of %+v: %+v, SQL counts %+v (total %d)", f, fc, want, res.Total)
		}
	}
}
