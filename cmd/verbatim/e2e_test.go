package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
// meeting from a result, a speaker from the sidebar, a country page.
// Screenshots go to test-output/e2e. A page that shows an error or a chart
// that does not render fails the test.
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
		if name == "navigate" {
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

	step("navigate", chromedp.Navigate(base+"/?ui=zh"))
	step("home", chromedp.WaitVisible(`#n-speeches`))
	noError("home")
	bars("home", "years")
	shot("1-home")
	// Search from the home page's box.
	step("type", chromedp.SendKeys(`#home-q`, "恐怖主义"))
	step("submit", chromedp.Submit(`#home-q`))
	step("results", chromedp.WaitVisible(`#total`))
	total := text(`#total`)
	noError("search")
	shot("2-search")
	// Open S/PV.7796 from a result.
	step("open result", chromedp.Click(`a.hit[href^="/meetings/S/PV.7796"]`, chromedp.NodeVisible))
	step("meeting", chromedp.WaitVisible(`#symbol`))
	title := text(`#symbol`)
	noError("meeting")
	shot("3-meeting")
	// Jump to the tenth speaker from the sidebar.
	step("sidebar", chromedp.Click(`#speakers li:nth-child(10) a`, chromedp.NodeVisible))
	step("jump", chromedp.Sleep(300*time.Millisecond))
	hashIs10 := eval(`location.hash === "#s10" ? 1 : 0`)
	inView := eval(`(() => { const r = document.getElementById("s10").getBoundingClientRect(); return r.top > -2 && r.top < innerHeight ? 1 : 0 })()`)
	speakerHead := text(`#s10 h3`)
	shot("4-speaker")
	// Open the speaker's country.
	step("country link", chromedp.Click(`#s10 h3 a[href^="/countries/"]`, chromedp.NodeVisible))
	step("country", chromedp.WaitVisible(`#country`))
	country := text(`#country`)
	noError("country")
	bars("country", "years")
	shot("5-country")

	if !strings.Contains(total, "篇发言") || strings.HasPrefix(strings.TrimSpace(total), "0") {
		t.Errorf("search result count %q", total)
	}
	if title != "S/PV.7796" || hashIs10 != 1 || inView != 1 || !strings.Contains(speakerHead, "刘结一") || !strings.Contains(country, "中国") {
		t.Errorf("meeting %q, at #s10 %d, in view %d, speaker %q, country %q", title, hashIs10, inView, speakerHead, country)
	}
}
