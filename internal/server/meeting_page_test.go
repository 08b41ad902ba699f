package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// longMeeting is a synthetic meeting of n speeches.
func longMeeting(n int) *record.Meeting {
	m := &record.Meeting{Symbol: "A/99/PV.1", Body: "General Assembly", Language: "en", Date: "2030-01-01",
		President: &record.Party{Name: "Mr. Chair", Affiliation: &record.Affiliation{Name: "Fiji", Code: "FJI", Kind: "state"}},
		Agenda:    []record.Item{{Title: "A very long debate"}}}
	for i := 1; i <= n; i++ {
		m.Speeches = append(m.Speeches, record.Speech{Seq: i, Speaker: fmt.Sprintf("Speaker%d", i), Role: "member", Language: "en",
			Affiliation: &record.Affiliation{Name: "France", Code: "FRA", Kind: "state"},
			Paragraphs:  []string{fmt.Sprintf("Statement number %d.", i), "Second paragraph."}})
	}
	return m
}

// TestLongMeetingPaged: a meeting is shown a page of speeches at a time;
// a permanent link to a speech opens its page.
func TestLongMeetingPaged(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Put(context.Background(), longMeeting(1050)); err != nil {
		t.Fatal(err)
	}
	h, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	tests := []struct {
		path    string
		status  int
		want    []string
		article int
	}{
		{"/meetings/A/99/PV.1", 200, []string{`id="s1p2"`, `(1050 · Page 1/11)`, `rel="next"`}, 100},
		{"/meetings/A/99/PV.1?at=950", 200, []string{`id="s950"`, `id="s950p1"`, "Statement number 950."}, 100},
		{"/meetings/A/99/PV.1?page=11", 200, []string{`id="s1050"`, `rel="prev"`}, 50},
		{"/meetings/A/99/PV.1?page=12", 400, []string{`id="error"`}, 0},
		{"/meetings/A/99/PV.1?at=0", 400, nil, 0},
	}
	for _, tt := range tests {
		status, _, body := get(t, ts, tt.path)
		if status != tt.status {
			t.Errorf("%s: status %d", tt.path, status)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tt.path, w)
			}
		}
		if n := strings.Count(body, `<article class="speech`); n != tt.article {
			t.Errorf("%s: %d speeches shown, want %d", tt.path, n, tt.article)
		}
	}
}

// BenchmarkLongMeetingPage renders the first page of a meeting of
// 200,000 speeches: the page and the memory it takes stay those of 100
// speeches (go test -bench LongMeetingPage -benchmem ./internal/server).
func BenchmarkLongMeetingPage(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "v.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Put(context.Background(), longMeeting(200000)); err != nil {
		b.Fatal(err)
	}
	h, err := New(st, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	size := 0
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/meetings/A/99/PV.1?page=1000", nil))
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
		size = w.Body.Len()
	}
	b.ReportMetric(float64(size), "page-bytes")
}

// TestVotes: a vote reads as a table of country names in the interface
// language, with its outcome; a decision without a vote is one line.
func TestVotes(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	no, yes := false, true
	m := longMeeting(3)
	m.Symbol = "S/PV.9100"
	m.Events = []record.Event{
		{Type: record.EventVote, Speech: 1, After: 1, Vote: &record.Vote{Draft: "S/2030/1", Method: "show-of-hands",
			InFavour: []string{"CHN", "FRA"}, Against: []string{"RUS"}, Abstaining: []string{}, Yes: 2, No: 1, Adopted: &no}},
		{Type: record.EventVote, Speech: 2, After: 2, Vote: &record.Vote{Draft: "S/2030/2", Resolution: "S/RES/3000 (2030)",
			Method: "without-vote", InFavour: []string{}, Against: []string{}, Abstaining: []string{}, Adopted: &yes}},
	}
	if _, err := st.Put(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	h, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	for path, want := range map[string][]string{
		"/meetings/S/PV.9100?ui=en": {"In favour (2)</th><td>China, France</td>", "Against (1)</th><td>Russian Federation</td>",
			"· not adopted", `class="event vote-line"`, "adopted without a vote — as resolution"},
		"/meetings/S/PV.9100?ui=zh": {"赞成 (2)</th><td>中国, 法国</td>", "· 未通过", "未经表决获得通过"},
	} {
		_, _, body := get(t, ts, path)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		if strings.Count(body, `<table class="vote"`) != 1 {
			t.Errorf("%s: %d vote tables, want 1", path, strings.Count(body, `<table class="vote"`))
		}
	}
}
