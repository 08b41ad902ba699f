package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// hostile is text a record could carry that must never run in a browser.
const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(2)>`

// testServer stores the synthetic fixtures, plus one record whose speech
// and speaker carry markup, and the versions of S/PV.9992 named (package
// align's testdata), and serves them.
func testServer(t *testing.T, versions ...string) (*httptest.Server, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	for _, name := range []string{"labels", "pagebreak"} {
		b, err := os.ReadFile("../parse/testdata/zh/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Put(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	evil := &record.Meeting{Symbol: "S/PV.9999", Body: "Security Council", Language: "en", Date: "2026-01-02",
		Agenda: []record.Item{{Title: "Item " + hostile, Documents: []string{}}},
		Speeches: []record.Speech{{Seq: 1, Speaker: "X" + hostile, Role: "member", Language: "en",
			Affiliation: &record.Affiliation{Name: "France", Code: "FRA", Kind: "state"},
			Paragraphs:  []string{"Peace matters. " + hostile}}},
		References: []record.Reference{{Symbol: "S/PV.7850", Text: "S/PV.7850", Speech: 1}, {Symbol: "S/2016/867", Text: "S/2016/867", Speech: 1}},
		Warnings:   []record.Warning{{Code: "x", Message: hostile}},
	}
	if _, err := st.Put(ctx, evil); err != nil {
		t.Fatal(err)
	}
	// Language versions of one meeting, to align, when asked for.
	for _, lang := range versions {
		b, err := os.ReadFile("../align/testdata/" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Put(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	h, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts, st
}

func get(t *testing.T, ts *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, buf.String()
}

func TestAPI(t *testing.T) {
	ts, _ := testServer(t)
	tests := []struct {
		path   string
		status int
		check  func(t *testing.T, body map[string]any)
	}{
		{"/api/meetings?sort=oldest&body=S", 200, func(t *testing.T, b map[string]any) {
			m := b["meetings"].([]any)[0].(map[string]any)
			if b["total"].(float64) != 3 || m["subject"] == nil || len(m["langs"].([]any)) != 1 {
				t.Errorf("meetings: %v", b)
			}
		}},
		{"/api/meetings?year=2026&lang=en", 200, func(t *testing.T, b map[string]any) {
			if b["total"].(float64) != 1 {
				t.Errorf("meetings of 2026: %v", b)
			}
		}},
		{"/api/meetings/s/pv.9050", 200, nil},
		{"/api/search?q=peace&country=France", 200, func(t *testing.T, b map[string]any) {
			if b["total"].(float64) != 1 {
				t.Errorf("country by name: %v", b)
			}
		}},
		{"/api/search?q=peace&country=" + url.QueryEscape("法国"), 200, nil},
		{"/api/search?q=" + url.QueryEscape(strings.Repeat("和", 1000)), 200, nil},
		{"/api/search?q=" + url.QueryEscape(strings.Repeat("和", 1001)), 400, nil},
		{"/api/search?q=x&country=Atlantis", 400, nil},
		{"/api/search?q=x&limit=-1", 400, nil},
		{"/api/facets?q=peace", 200, func(t *testing.T, b map[string]any) {
			if b["counted"].(float64) != 1 || len(b["country"].([]any)) != 1 {
				t.Errorf("facets: %v", b)
			}
		}},
		{"/api/people", 200, func(t *testing.T, b map[string]any) {
			if b["total"].(float64) == 0 {
				t.Errorf("people: %v", b)
			}
		}},
		{"/api/people/nobody.xyz", 404, nil},
		{"/api/meetings?sort=colour", 400, nil},
		{"/api/meetings", 200, func(t *testing.T, b map[string]any) {
			if b["total"].(float64) != 3 || len(b["meetings"].([]any)) != 3 {
				t.Errorf("meetings: %v", b)
			}
		}},
		{"/api/meetings?lang=en", 200, func(t *testing.T, b map[string]any) {
			if b["total"].(float64) != 1 {
				t.Errorf("meetings in en: %v", b["total"])
			}
		}},
		{"/api/meetings/S/PV.9050", 200, func(t *testing.T, b map[string]any) {
			if b["symbol"] != "S/PV.9050" || len(b["speeches"].([]any)) != 11 {
				t.Errorf("meeting: %v %v", b["symbol"], len(b["speeches"].([]any)))
			}
		}},
		{"/api/search?q=" + url.QueryEscape("对话"), 200, func(t *testing.T, b map[string]any) {
			hits := b["hits"].([]any)
			h := hits[0].(map[string]any)
			if b["total"].(float64) != 1 || h["symbol"] != "S/PV.9050" || h["country"] != "CHN" ||
				!strings.Contains(h["snippet"].(string), "<mark>对话</mark>") {
				t.Errorf("search: %v", b)
			}
		}},
		{"/api/search?q=" + url.QueryEscape("对话") + "&lang=en", 200, func(t *testing.T, b map[string]any) {
			if b["total"].(float64) != 0 {
				t.Errorf("filtered search: %v", b)
			}
		}},
		{"/api/countries/CHN", 200, func(t *testing.T, b map[string]any) {
			if b["code"] != "CHN" || b["speeches"].(float64) != 1 || b["name_zh"] != "中国" {
				t.Errorf("country: %v", b)
			}
		}},
		{"/api/countries/chn", 200, nil},
		{"/api/stats?by=country", 200, func(t *testing.T, b map[string]any) {
			if len(b["rows"].([]any)) == 0 {
				t.Errorf("stats: %v", b)
			}
		}},
		{"/api/stats", 200, nil},
		// Bad requests: JSON errors with a status that means something.
		{"/api/search", 400, nil},
		{"/api/search?q=OR", 400, nil},
		{"/api/search?q=x&limit=0", 400, nil},
		{"/api/search?q=x&limit=abc", 400, nil},
		{"/api/search?q=x&from=2020-13-40", 400, nil},
		{"/api/search?q=x&role=king", 400, nil},
		{"/api/search?q=" + strings.Repeat("a", 1100), 400, nil},
		{"/api/stats?by=colour", 400, nil},
		{"/api/meetings/S/PV.1", 404, nil},
		{"/api/countries/XYZ", 404, nil},
		{"/api/nothing", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, h, body := get(t, ts, tt.path)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %.200s", status, tt.status, body)
			}
			// Every API error is a JSON object {error, status}, except a
			// path no route knows.
			if status >= 400 && !strings.HasSuffix(tt.path, "nothing") {
				var e apiError
				if json.Unmarshal([]byte(body), &e) != nil || e.Status != status || e.Error == "" {
					t.Errorf("error body %q is not {error, status}", body)
				}
			}
			if tt.check != nil {
				if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("content type %q", ct)
				}
				var b map[string]any
				if err := json.Unmarshal([]byte(body), &b); err != nil {
					t.Fatalf("not JSON: %v", err)
				}
				tt.check(t, b)
			}
		})
	}
}

func TestPages(t *testing.T) {
	ts, _ := testServer(t)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`id="n-meetings">3<`, `<svg class="chart" id="chart-years"`, "S/PV.9050"}},
		{"/?ui=zh", 200, []string{"联合国会议记录", `lang="zh"`}},
		{"/search?q=" + url.QueryEscape("对话"), 200, []string{`id="total"><strong>1<`, "<mark>对话</mark>", `href="/meetings/S/PV.9050?lang=zh&amp;ui=en&amp;at=6#s6"`}},
		{"/search", 200, []string{`name="q"`}},
		{"/search?q=OR", 400, []string{`id="error"`}},
		{"/meetings/S/PV.9050", 200, []string{`id="symbol">S/PV.9050<`, `id="s6"`, `href="#s6"`, "/countries/CHN", `class="event"`}},
		{"/meetings/S/PV.7850?ui=zh", 200, []string{"以本国代表身份", "塞内加尔"}},
		{"/meetings/S/PV.9999", 200, []string{`href="/meetings/S/PV.7850"`, `href="https://undocs.org/S%2F2016%2F867"`}},
		{"/countries/CHN", 200, []string{`id="country">China`, `<svg class="chart" id="chart-years"`}},
		{"/countries/XYZ", 404, nil},
		{"/meetings/S/PV.1", 404, nil},
		{"/meetings", 200, []string{`id="meetings"`, `href="/meetings/S/PV.9050?ui=en"`, `<strong>3</strong>`}},
		{"/meetings?ui=zh&body=S", 200, []string{"安全理事会"}},
		{"/people", 200, []string{`id="people"`}},
		{"/meetings/s/pv.9999", 200, []string{`id="s1p1"`, `class="cite"`, "https://undocs.org/en/S%2FPV.9999", "S/PV.9999, 2 January 2026, speech 1, para. 1."}},
		{"/search?q=peace", 200, []string{`<svg class="chart" id="chart-hist" role="img" aria-label=`, `class="facet"`}},
		{"/search?q=nothingmatchesthis", 200, []string{`id="suggestions"`}},
		{"/search", 200, []string{`id="examples"`}},
		{"/search?country=FRA", 200, []string{`id="total"><strong>1<`}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, h, body := get(t, ts, tt.path)
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("content type %q", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

// TestEscaping: record text with markup is shown as text on every page
// and in the API, never as markup.
func TestEscaping(t *testing.T) {
	ts, _ := testServer(t)
	for _, path := range []string{"/meetings/S/PV.9999", "/search?q=peace", "/countries/FRA", "/", "/api/search?q=peace", "/api/meetings/S/PV.9999"} {
		_, _, body := get(t, ts, path)
		for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(2)>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: unescaped %q", path, bad)
			}
		}
	}
	// The text is there, escaped: shown, not dropped.
	if _, _, body := get(t, ts, "/meetings/S/PV.9999"); !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile text is not shown as text")
	}
	// The search page echoes the query back escaped too.
	_, _, body := get(t, ts, "/search?q="+url.QueryEscape(`"><script>alert(3)</script>`))
	if strings.Contains(body, "<script>alert(3)") {
		t.Error("search page echoes the query unescaped")
	}
}

func TestHeadersAndMethods(t *testing.T) {
	ts, _ := testServer(t)
	_, h, _ := get(t, ts, "/")
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if h.Get(k) != want {
			t.Errorf("%s = %q", k, h.Get(k))
		}
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP = %q", csp)
	}
	resp, err := http.Post(ts.URL+"/api/search?q=x", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
	// Path traversal: the static handler serves embedded files only.
	for _, p := range []string{"/static/../server.go", "/static/%2e%2e/openapi.yaml", "/static/..%2fserver.go"} {
		if status, _, body := get(t, ts, p); status == 200 && (strings.Contains(body, "package server") || strings.Contains(body, "openapi:")) {
			t.Errorf("%s served %q", p, body[:min(40, len(body))])
		}
	}
	if status, _, _ := get(t, ts, "/static/site.css"); status != 200 {
		t.Errorf("site.css: %d", status)
	}
	if status, _, body := get(t, ts, "/static/"); status != 404 || strings.Contains(body, "site.css") {
		t.Errorf("/static/ lists the folder: %d %s", status, body)
	}
	// Answers carry an ETag, and a client that has it gets 304.
	_, h, _ = get(t, ts, "/api/meetings")
	tag := h.Get("ETag")
	if tag == "" || h.Get("Cache-Control") == "" {
		t.Fatalf("no ETag or Cache-Control: %v", h)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/meetings", nil)
	req.Header.Set("If-None-Match", tag)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", resp.StatusCode)
	}
	if status, _, _ := get(t, ts, "/search?q="+strings.Repeat("x", MaxURL)); status != http.StatusRequestURITooLong {
		t.Errorf("long URL: %d", status)
	}
}

// TestOpenAPIMatchesRoutes: every route the server has is documented, and
// every documented path answers.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	ts, _ := testServer(t, "zh", "en")
	documented := map[string]bool{}
	inPaths := false
	pathRe := regexp.MustCompile(`^  (/[^:]*):\s*$`)
	sc := bufio.NewScanner(bytes.NewReader(openapi))
	for sc.Scan() {
		line := sc.Text()
		if line == "paths:" {
			inPaths = true
			continue
		}
		if inPaths && len(line) > 0 && line[0] != ' ' {
			inPaths = false
		}
		if m := pathRe.FindStringSubmatch(line); inPaths && m != nil {
			documented[m[1]] = true
		}
	}
	routes := map[string]bool{}
	for _, r := range Routes {
		if r.API {
			routes[strings.ReplaceAll(r.Pattern, "{symbol...}", "{symbol}")] = true
		}
	}
	for p := range routes {
		if !documented[p] {
			t.Errorf("route %s is not in openapi.yaml", p)
		}
	}
	for p := range documented {
		if !routes[p] {
			t.Errorf("openapi.yaml documents %s, which the server does not have", p)
		}
		example := strings.NewReplacer("{symbol}", exampleSymbol(p), "{code}", "CHN", "{id}", firstPerson(t, ts)).Replace(p)
		if p == "/api/search" {
			example += "?q=peace"
		}
		if p == "/api/export" {
			example += "?format=csv"
		}
		if status, _, _ := get(t, ts, example); status != 200 {
			t.Errorf("documented %s answers %d", example, status)
		}
	}
	if len(documented) < 6 {
		t.Errorf("only %d paths read from openapi.yaml", len(documented))
	}
}

// TestOpenAPIParameters: each API route's documented parameters are the
// ones it reads (APIParams), and it refuses any other.
func TestOpenAPIParameters(t *testing.T) {
	ts, _ := testServer(t, "zh", "en")
	documented := map[string]map[string]bool{}
	pathRe := regexp.MustCompile(`^  (/[^:]*):\s*$`)
	paramRe := regexp.MustCompile(`^\s+- \{name: ([a-z_]+), in: (query|path)`)
	cur := ""
	sc := bufio.NewScanner(bytes.NewReader(openapi))
	for sc.Scan() {
		if m := pathRe.FindStringSubmatch(sc.Text()); m != nil {
			cur = m[1]
			documented[cur] = map[string]bool{}
		} else if m := paramRe.FindStringSubmatch(sc.Text()); m != nil && cur != "" && m[2] == "query" {
			documented[cur][m[1]] = true
		}
	}
	for _, r := range Routes {
		if !r.API {
			continue
		}
		p := strings.ReplaceAll(r.Pattern, "{symbol...}", "{symbol}")
		reads := map[string]bool{}
		for _, n := range APIParams[r.Name] {
			reads[n] = true
			if !documented[p][n] {
				t.Errorf("%s reads %s, which openapi.yaml does not document", p, n)
			}
		}
		for n := range documented[p] {
			if !reads[n] {
				t.Errorf("openapi.yaml documents %s for %s, which it does not read", n, p)
			}
		}
		example := strings.NewReplacer("{symbol}", exampleSymbol(p), "{code}", "CHN", "{id}", "x").Replace(p)
		status, _, body := get(t, ts, example+"?colour=red")
		var e apiError
		if status != 400 || json.Unmarshal([]byte(body), &e) != nil || e.Param != "colour" || strings.HasSuffix(body, "\n") {
			t.Errorf("%s?colour=red: %d %s", example, status, body)
		}
	}
}

// exampleSymbol is a stored meeting a documented path answers for: one
// with two language versions for an alignment.
func exampleSymbol(path string) string {
	if strings.HasSuffix(path, "/align") {
		return "S/PV.9992"
	}
	return "S/PV.9050"
}

// firstPerson is the id of the person with most speeches.
func firstPerson(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	_, _, body := get(t, ts, "/api/people?limit=1")
	var b struct {
		People []struct{ ID string } `json:"people"`
	}
	if err := json.Unmarshal([]byte(body), &b); err != nil || len(b.People) == 0 {
		t.Fatalf("people: %s", body)
	}
	return url.PathEscape(b.People[0].ID)
}
