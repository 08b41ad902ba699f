package server

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

// TestComparePage: the versions side by side, in both interface
// languages, Arabic right to left, a missing speech said so; linked from
// the meeting page when there are versions to compare.
func TestComparePage(t *testing.T) {
	ts, st := testServer(t, "zh", "en", "ru")
	// An Arabic version: the English one's turns, in Arabic script.
	en, err := st.Meeting(context.Background(), "S/PV.9992", "en")
	if err != nil {
		t.Fatal(err)
	}
	ar := *en
	ar.Language = "ar"
	ar.Speeches = nil
	for _, sp := range en.Speeches {
		sp.Paragraphs = []string{"نص الكلمة " + strings.Join(sp.Paragraphs, " ")}
		ar.Speeches = append(ar.Speeches, sp)
	}
	if _, err := st.Put(context.Background(), &ar); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		path   string
		status int
		want   []string
		not    []string
	}{
		{"/meetings/S/PV.9992/compare?langs=zh,en,ar&ui=zh", 200,
			[]string{`<html lang="zh">`, "对照阅读", `class="compare-row cols-3"`, `<div class="cell" lang="ar" dir="rtl">`,
				`<div class="cell" lang="zh" dir="ltr">`, "韦伯", "Mr. Weber", "置信度", `value="ar" checked`, `value="ru">`},
			[]string{"align-warnings"}},
		{"/meetings/s/pv.9992/compare?langs=en&langs=ru&ui=en", 200,
			[]string{"Side by side", `class="compare-row cols-2"`, "No corresponding speech in this version.",
				`id="align-warnings"`, "the ru version has no speech matching en speech 6"},
			[]string{`lang="ar"`}},
		// Every stored version by default, in the UN's order.
		{"/meetings/S/PV.9992/compare", 200, []string{`class="compare-row cols-4"`}, nil},
		{"/meetings/S/PV.9992/compare?langs=zh,xx", 400, []string{"unknown language"}, nil},
		{"/meetings/S/PV.9992/compare?langs=zh", 400, []string{"at least two"}, nil},
		{"/meetings/S/PV.9992/compare?langs=zh,fr", 404, []string{"no fr version stored"}, nil},
		{"/meetings/S/PV.9050/compare", 404, []string{"fewer than two"}, nil},
		{"/meetings/S/PV.1/compare", 404, nil, nil},
		{"/meetings/S/PV.9992?lang=en", 200, []string{`href="/meetings/S/PV.9992/compare?ui=en" id="compare-link"`}, nil},
		{"/meetings/S/PV.9050", 200, nil, []string{"compare-link"}},
		// Each speech links to itself in the other versions: Germany's
		// (en 6) has no Russian one.
		{"/meetings/S/PV.9992?lang=en&ui=en", 200, []string{
			`<a href="/meetings/S/PV.9992?at=6&amp;lang=ar&amp;ui=en#s6" hreflang="ar">Arabic</a> <a href="/meetings/S/PV.9992?at=6&amp;lang=zh&amp;ui=en#s6" hreflang="zh">Chinese</a> </p>`,
			`<a href="/meetings/S/PV.9992?at=6&amp;lang=ru&amp;ui=en#s6" hreflang="ru">Russian</a>`}, nil},
	} {
		status, _, body := get(t, ts, tc.path)
		if status != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, status, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tc.path, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(body, w) {
				t.Errorf("%s has %q", tc.path, w)
			}
		}
	}
	// One row a turn: zh and ar have 13 speeches.
	_, _, body := get(t, ts, "/meetings/S/PV.9992/compare?langs=zh,ar")
	if n := strings.Count(body, `<section class="compare-row`); n != 13 {
		t.Errorf("%d rows, want 13", n)
	}
}

func TestAlignAPI(t *testing.T) {
	ts, _ := testServer(t, "zh", "en")
	status, _, body := get(t, ts, "/api/meetings/S/PV.9992/align?langs=en,zh")
	var a struct {
		Languages []string `json:"languages"`
		Pivot     string   `json:"pivot"`
		Rows      []struct {
			Cells map[string]struct {
				Seqs       []int   `json:"seqs"`
				Confidence float64 `json:"confidence"`
			} `json:"cells"`
		} `json:"rows"`
		Units []struct {
			Text map[string]string `json:"text"`
		} `json:"units"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &a) != nil {
		t.Fatalf("%d %s", status, body)
	}
	if strings.Join(a.Languages, ",") != "en,zh" || a.Pivot != "en" || len(a.Rows) != 13 || a.Rows[5].Cells["zh"].Seqs[0] != 6 ||
		a.Rows[5].Cells["zh"].Confidence <= 0 || len(a.Units) < 13 || a.Units[0].Text["zh"] == "" {
		t.Errorf("alignment: %.400s", body)
	}
	for _, tc := range []struct {
		path   string
		status int
		param  string
	}{
		{"/api/meetings/S/PV.9992/align?langs=en,xx", 400, "langs"},
		{"/api/meetings/S/PV.9992/align?langs=en,ru", 404, ""},
		{"/api/meetings/S/PV.9050/align", 404, ""},
		{"/api/meetings/S/PV.9992/align?lang=en", 400, "lang"},
	} {
		status, _, body := get(t, ts, tc.path)
		var e apiError
		if status != tc.status || json.Unmarshal([]byte(body), &e) != nil || e.Param != tc.param {
			t.Errorf("%s: %d %s", tc.path, status, body)
		}
	}
}

// TestSearchAcrossVersions: a search runs over every language unless one
// is chosen, and each hit links to the same speech in the other stored
// versions.
func TestSearchAcrossVersions(t *testing.T) {
	ts, _ := testServer(t, "zh", "en")
	status, _, body := get(t, ts, "/search?q=2013&ui=en")
	if status != 200 {
		t.Fatalf("search page: %d", status)
	}
	for _, want := range []string{
		`<select name="lang"><option value="">all languages</option>`,
		`href="/meetings/S/PV.9992?lang=zh&amp;ui=en&amp;at=4#s4" hreflang="zh"`, // from the English hit
		`href="/meetings/S/PV.9992?lang=en&amp;ui=en&amp;at=4#s4" hreflang="en"`, // from the Chinese one
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	_, _, body = get(t, ts, "/search?q=2013&lang=en&ui=zh")
	if !strings.Contains(body, `<option value="">所有语文</option>`) || !strings.Contains(body, `hreflang="zh"`) || strings.Contains(body, `hreflang="en"`) {
		t.Errorf("search in English only: %s", body)
	}

	_, _, body = get(t, ts, "/api/search?q=2013")
	var res struct {
		Hits []struct {
			Lang     string `json:"lang"`
			Seq      int    `json:"seq"`
			Versions []struct {
				Lang       string  `json:"lang"`
				Seq        int     `json:"seq"`
				Confidence float64 `json:"confidence"`
			} `json:"versions"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) != 2 {
		t.Fatalf("api search: %v %s", err, body)
	}
	for _, h := range res.Hits {
		if len(h.Versions) != 1 || h.Versions[0].Lang == h.Lang || h.Versions[0].Seq != 4 || h.Versions[0].Confidence <= 0.5 {
			t.Errorf("hit %s %d: versions %+v", h.Lang, h.Seq, h.Versions)
		}
	}
}

// TestComparePages: a long alignment is shown a page of rows at a time.
func TestComparePages(t *testing.T) {
	ts, st := testServer(t)
	ctx := context.Background()
	for _, lang := range []string{"en", "fr"} {
		m := &record.Meeting{Symbol: "S/PV.9993", Body: "Security Council", Language: lang, Date: "2099-03-12"}
		for i := 1; i <= SpeechesPerPage+30; i++ {
			m.Speeches = append(m.Speeches, record.Speech{Seq: i, Speaker: "X", Role: "member", Language: lang,
				Affiliation: &record.Affiliation{Code: []string{"FRA", "CHN", "RUS"}[i%3], Kind: "state"},
				Paragraphs:  []string{strings.Repeat("mot ", 10+i%7) + strconv.Itoa(i)}})
		}
		if _, err := st.Put(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		page       string
		status     int
		rows       int
		first, nav string
	}{
		{"", 200, SpeechesPerPage, `aria-label="Turn 1"`, `rel="next"`},
		{"2", 200, 30, `aria-label="Turn 101"`, `rel="prev"`},
		{"3", 400, 0, "", ""},
		{"0", 400, 0, "", ""},
	} {
		status, _, body := get(t, ts, "/meetings/S/PV.9993/compare?ui=en&page="+tc.page)
		if status != tc.status {
			t.Errorf("page %q: status %d", tc.page, status)
			continue
		}
		if n := strings.Count(body, `<section class="compare-row`); n != tc.rows {
			t.Errorf("page %q: %d rows, want %d", tc.page, n, tc.rows)
		}
		if !strings.Contains(body, tc.first) || !strings.Contains(body, tc.nav) {
			t.Errorf("page %q lacks %q or %q", tc.page, tc.first, tc.nav)
		}
	}
}
