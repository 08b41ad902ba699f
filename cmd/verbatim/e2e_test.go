package main

import (
	"bufio"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/verbatim-un/verbatim/internal/corpus"
)

// chromium returns the browser, skipping without one (failing under CI,
// which installs Debian's chromium).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium on the PATH")
	}
	t.Skip("no chromium on the PATH (apt-get install chromium)")
	return ""
}

// TestBrowser drives a real browser through the site served by verbatim
// serve on loopback, with the shared corpus ingested: home, a search, a
// meeting from the list of meetings, a speaker from the speaker list, the
// person, their speeches, their country, a search filtered by country
// name, and a meeting's language versions side by side, at 1400 and 390
// px. Screenshots go to test-output/e2e. Each page
// is audited (see audit).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	browser := chromium(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	zh := corpus.Path(t, "zh/S_PV.7796-ZH.txt")
	pdfs, _ := filepath.Glob(filepath.Join(filepath.Dir(corpus.Path(t, "en/pdf/S_PV.8700-EN.pdf")), "S_PV.87*.pdf"))
	if code, out, errOut := runCLI(t, "", append([]string{"ingest", "-q", "--db", db, zh}, pdfs...)...); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
	// Five language versions of one synthetic meeting, for the page that
	// shows them side by side.
	ingestVersions(t, db, "zh", "en", "fr", "es", "ru", "ar")

	srv := exec.Command(os.Args[0], "serve", "-q", "--db", db, "--addr", "127.0.0.1:0")
	srv.Env = append(os.Environ(), "VERBATIM_TEST_MAIN=1")
	stdout, _ := srv.StdoutPipe()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		srv.Process.Signal(os.Interrupt)
		srv.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	base := regexp.MustCompile(`http://[0-9.:]+`).FindString(line)
	if base == "" {
		t.Fatalf("serve said %q", line)
	}

	shots := filepath.Join("..", "..", "test-output", "e2e")
	os.MkdirAll(shots, 0o755)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "chrome")), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	// Each step gets its own deadline: a deadline on the first call would
	// bound the whole browser.
	step := func(name string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		if name == "navigate" || name == "viewport" {
			if _, err := chromedp.Run(ctx, a); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return
		}
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if _, err := chromedp.Run(sctx, a); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		s, err := chromedp.Run(sctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644)
	}
	noError := func(page string) {
		if eval(`document.querySelectorAll('#error').length`) > 0 {
			t.Errorf("%s shows an error", page)
		}
	}
	bars := func(page, chart string) {
		js := `Array.from(document.querySelectorAll('svg#chart-` + chart + ` rect')).filter(r => r.getBoundingClientRect().height > 0).length`
		if eval(js) == 0 {
			t.Errorf("%s: chart %s did not render", page, chart)
		}
	}

	axe := axeSource(t)

	// audit fails the page on what a reader on any screen would meet: an
	// error page, a horizontal scrollbar, a chart without an accessible
	// name, and serious or critical accessibility violations (axe-core).
	audit := func(name string) {
		t.Helper()
		noError(name)
		if eval(`document.documentElement.scrollWidth > innerWidth ? 1 : 0`) != 0 {
			w := eval(`document.documentElement.scrollWidth`)
			t.Errorf("%s: wider than the screen (%d px)", name, w)
		}
		if n := eval(`Array.from(document.querySelectorAll('svg')).filter(s => !(s.getAttribute('aria-label') || '').trim()).length`); n > 0 {
			t.Errorf("%s: %d charts without an accessible name", name, n)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
			t.Fatalf("%s: inject axe-core: %v", name, err)
		}
		sctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		found, err := chromedp.Run(sctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations']}).then(r =>
			r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
				.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')).join('\n'))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe-core: %v", name, err)
		}
		if found != "" {
			t.Errorf("%s: accessibility violations:\n%s", name, found)
		}
		shot(name)
	}

	// The walk: home → all meetings → a meeting → a person → back to a
	// search filtered by that person's country, at a desktop and a phone
	// width.
	for _, width := range []int64{1400, 390} {
		w := strconv.FormatInt(width, 10)
		step("viewport", chromedp.EmulateViewport(width, 900))
		step("navigate", chromedp.Navigate(base+"/?ui=zh"))
		step("home", chromedp.WaitVisible(`#n-speeches`))
		bars("home", "years")
		audit(w + "-1-home")
		step("all meetings", chromedp.Click(`#all-meetings`, chromedp.NodeVisible))
		step("meetings", chromedp.WaitVisible(`#meetings`))
		listed := eval(`document.querySelectorAll('#meetings tbody tr').length`)
		total := text(`#total`)
		audit(w + "-2-meetings")
		if listed < 2 || !strings.Contains(total, strconv.Itoa(listed)) {
			t.Errorf("meetings list: %d rows, total %q", listed, total)
		}
		step("open meeting", chromedp.Click(`#meetings a[href^="/meetings/S/PV.7796"]`, chromedp.NodeVisible))
		step("meeting", chromedp.WaitVisible(`#symbol`))
		if sym := text(`#symbol`); sym != "S/PV.7796" {
			t.Errorf("meeting %q", sym)
		}
		if eval(`document.querySelectorAll('[id^="s10p"]').length`) == 0 || eval(`document.querySelectorAll('details.cite').length`) == 0 {
			t.Error("meeting: no paragraph anchors or citations")
		}
		audit(w + "-3-meeting")
		// The speaker list is folded; open it and jump to the tenth.
		step("speakers", chromedp.Click(`#speakers summary`, chromedp.NodeVisible))
		step("sidebar", chromedp.Click(`#speakers li:nth-child(10) a`, chromedp.NodeVisible))
		step("jump", chromedp.Sleep(300*time.Millisecond))
		if eval(`location.hash === "#s10" ? 1 : 0`) != 1 ||
			eval(`(() => { const r = document.getElementById("s10").getBoundingClientRect(); return r.top > -2 && r.top < innerHeight ? 1 : 0 })()`) != 1 {
			t.Errorf("speaker list: not at #s10 (%s)", text(`#s10 h3`))
		}
		step("person link", chromedp.Click(`#s10 h3 a[href^="/people/"]`, chromedp.NodeVisible))
		step("person", chromedp.WaitVisible(`#person`))
		if p := text(`#person`); !strings.Contains(p, "刘结一") {
			t.Errorf("person %q", p)
		}
		bars("person", "years")
		audit(w + "-4-person")
		personURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
		if err != nil {
			t.Fatal(err)
		}
		step("person search", chromedp.Click(`#person-search`, chromedp.NodeVisible))
		step("results", chromedp.WaitVisible(`#total`))
		hits := text(`#total`)
		if strings.HasPrefix(strings.TrimSpace(hits), "0") {
			t.Errorf("the person's speeches: %q", hits)
		}
		audit(w + "-5-person-search")
		step("navigate", chromedp.Navigate(personURL))
		step("person again", chromedp.WaitVisible(`#person`))
		step("country link", chromedp.Click(`p.meta a[href^="/countries/"]`, chromedp.NodeVisible))
		step("country", chromedp.WaitVisible(`#country`))
		if c := text(`#country`); !strings.Contains(c, "中国") {
			t.Errorf("country %q", c)
		}
		bars("country", "years")
		audit(w + "-6-country")
		// A search filtered by the country, by its name.
		step("navigate", chromedp.Navigate(base+"/search?ui=zh&q="+url.QueryEscape("恐怖主义")+"&country="+url.QueryEscape("中国")))
		step("filtered", chromedp.WaitVisible(`#total`))
		if n := text(`#total`); strings.HasPrefix(strings.TrimSpace(n), "0") {
			t.Errorf("filtered search: %q", n)
		}
		bars("search", "hist")
		audit(w + "-7-search")
		// A meeting's six versions side by side: six columns on a desktop,
		// stacked on a phone.
		step("navigate", chromedp.Navigate(base+"/meetings/S/PV.9992?lang=en&ui=zh"))
		step("compare link", chromedp.Click(`#compare-link`, chromedp.NodeVisible))
		step("compare", chromedp.WaitVisible(`#compare`))
		// 13 turns, of which two the French version prints as one.
		if n := eval(`document.querySelectorAll('#compare section.compare-row').length`); n != 12 {
			t.Errorf("compare: %d rows, want 12", n)
		}
		lefts := eval(`new Set(Array.from(document.querySelectorAll('#compare section.compare-row:first-child .cell')).map(c => Math.round(c.getBoundingClientRect().left))).size`)
		if want := map[int64]int{1400: 6, 390: 1}[width]; lefts != want {
			t.Errorf("compare at %d px: cells at %d distinct left edges, want %d", width, lefts, want)
		}
		audit(w + "-8-compare")
		// A person the versions name in four scripts: one page, four
		// spellings.
		step("navigate", chromedp.Navigate(base+"/people/"+url.PathEscape("орлов.rus")+"?ui=zh"))
		step("spellings", chromedp.WaitVisible(`#spellings`))
		if n := eval(`document.querySelectorAll('#spellings li').length`); n != 4 {
			t.Errorf("spellings of Orlov: %d, want 4", n)
		}
		if p := text(`#person`); p != "奥尔洛夫先生" {
			t.Errorf("Orlov on the Chinese page: %q", p)
		}
		audit(w + "-9-spellings")
	}
}

// axeSource is axe-core's script, installed from the npm registry into
// testdata/axe by .ci/run (npm ci); the test skips without it, and fails
// under CI.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core missing (npm ci --prefix cmd/verbatim/testdata/axe): %v", err)
		}
		t.Skipf("axe-core missing: npm ci --prefix cmd/verbatim/testdata/axe (%v)", err)
	}
	return string(b)
}
