package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/page"
)

// buildPDF assembles a PDF from numbered object bodies (object 1 first,
// and the catalog), with a correct cross-reference table; trailer adds
// entries to the trailer dictionary.
func buildPDF(objs []string, trailer string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return []byte(b.String())
}

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

// onePage is a one-page PDF in Helvetica with the given content stream
// (nil for a page without contents), followed by extra objects from 6 on.
func onePage(content *string, extra ...string) []byte {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
	body := stream("")
	if content == nil {
		page = strings.Replace(page, " /Contents 5 0 R", "", 1)
	} else {
		body = stream(*content)
	}
	objs := append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		page,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		body,
	}, extra...)
	return buildPDF(objs, "")
}

// A paragraph of three lines, the second ending in a hyphenated word.
var paragraph = "BT /F1 12 Tf 72 720 Td (Hello world.) Tj 0 -14 Td (Thank the Secretary-) Tj 0 -14 Td (General for that.) Tj ET"

// encrypted is a PDF whose trailer names a standard security handler
// whose /U entry no password matches: it needs a password, and the empty
// one fails.
func encrypted() []byte {
	pdf := string(onePage(&paragraph, "<< /Filter /Standard /V 1 /R 2 /P -4 /O <"+
		strings.Repeat("5a", 32)+"> /U <"+strings.Repeat("a5", 32)+"> >>"))
	id := strings.Repeat("0123456789abcdef", 2)
	return []byte(strings.Replace(pdf, "/Root 1 0 R ", "/Root 1 0 R /Encrypt 6 0 R /ID [<"+id+"> <"+id+">] ", 1))
}

// extractors lists the engines to test: pdfium always, MuPDF when mutool
// is installed (CI installs it: there its absence fails).
func extractors(t testing.TB) []Extractor {
	xs := []Extractor{Pdfium{}}
	if path, err := exec.LookPath("mutool"); err == nil {
		xs = append(xs, MuPDF{Path: path})
	} else if os.Getenv("CI") == "true" {
		t.Fatal("mutool not installed (apt-get install mupdf-tools)")
	}
	return xs
}

// docLines is a document's lines as text, pages apart.
func docLines(d *page.Doc) [][]string {
	var out [][]string
	for _, p := range d.Pages {
		var ls []string
		for i := range p.Lines {
			ls = append(ls, p.Lines[i].Text())
		}
		out = append(out, ls)
	}
	return out
}

// A paragraph in two fonts: a bold label, then regular and italic text.
var styled = "BT /F2 12 Tf 72 720 Td (Mr. Smith ) Tj /F1 12 Tf (\\(France\\): Thank you.) Tj ET " +
	"BT /F3 12 Tf 72 690 Td (The meeting was suspended.) Tj ET"

func styledPDF() []byte {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 6 0 R /F3 7 0 R >> >> /Contents 5 0 R >>"
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		page,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
		stream(styled),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic /Encoding /WinAnsiEncoding >>",
	}, "")
}

func TestPages(t *testing.T) {
	for _, x := range extractors(t) {
		t.Run(x.Name(), func(t *testing.T) {
			d, err := x.Pages(context.Background(), onePage(&paragraph))
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"Hello world.", "Thank the Secretary-", "General for that."}
			got := docLines(d)
			if len(got) != 1 || strings.Join(got[0], "|") != strings.Join(want, "|") {
				t.Errorf("lines %q, want one page of %q", got, want)
			}
			if p := d.Pages[0]; p.Width != 612 || p.Height != 792 {
				t.Errorf("page size %vx%v, want 612x792", p.Width, p.Height)
			}
			// Positions: top-left origin, 14 points between baselines.
			ls := d.Pages[0].Lines
			if len(ls) == 3 {
				if b := ls[0].Baseline; b < 70 || b > 74 {
					t.Errorf("first baseline %v, want about 72 (792-720)", b)
				}
				if g := ls[1].Baseline - ls[0].Baseline; g < 13 || g > 15 {
					t.Errorf("line spacing %v, want about 14", g)
				}
			}
		})
	}
}

func TestStyles(t *testing.T) {
	for _, x := range extractors(t) {
		t.Run(x.Name(), func(t *testing.T) {
			d, err := x.Pages(context.Background(), styledPDF())
			if err != nil {
				t.Fatal(err)
			}
			ls := d.Pages[0].Lines
			if len(ls) != 2 {
				t.Fatalf("lines %q, want 2", docLines(d))
			}
			if got := ls[0].Text(); got != "Mr. Smith (France): Thank you." {
				t.Errorf("first line %q", got)
			}
			if n := ls[0].BoldPrefix(); n < len("Mr. Smith") || n > len("Mr. Smith ") {
				t.Errorf("bold prefix %d bytes, want the label's name (9 or 10)", n)
			}
			if ls[0].Italic() || !ls[1].Italic() || ls[1].BoldPrefix() != 0 {
				t.Errorf("italic: %v %v, bold prefix of the second line %d", ls[0].Italic(), ls[1].Italic(), ls[1].BoldPrefix())
			}
			if s := ls[0].Size(); s != 12 {
				t.Errorf("size %v, want 12", s)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	truncated := func(t *testing.T) []byte {
		pdf, err := os.ReadFile(corpus.Path(t, "en/pdf/S_PV.8700-EN.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		return pdf[:20<<10]
	}
	tests := []struct {
		name string
		pdf  func(*testing.T) []byte
		want error
	}{
		{"truncated", truncated, ErrDamaged},
		{"encrypted", func(*testing.T) []byte { return encrypted() }, ErrEncrypted},
		{"plain text", func(*testing.T) []byte { return []byte("The meeting rose at 7.05 p.m.\n") }, ErrDamaged},
		{"empty", func(*testing.T) []byte { return nil }, ErrDamaged},
		{"no text", func(*testing.T) []byte { return onePage(nil) }, ErrNoText},
	}
	for _, x := range extractors(t) {
		for _, tt := range tests {
			t.Run(x.Name()+"/"+tt.name, func(t *testing.T) {
				d, err := x.Pages(context.Background(), tt.pdf(t))
				if !errors.Is(err, tt.want) {
					t.Fatalf("got %v, %v; want %v", d != nil, err, tt.want)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error spans lines: %q", err)
				}
				t.Log(err)
			})
		}
	}
}

func TestPdfiumDeadline(t *testing.T) {
	pdf, err := os.ReadFile(corpus.Path(t, "en/pdf/S_PV.8700-EN.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// Start-up first, so that the deadline falls inside extraction.
	if _, err := pdfiumPool(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := (Pdfium{}).Pages(ctx, pdf); !errors.Is(err, ErrDamaged) {
		t.Errorf("got %v, want ErrDamaged for a missed deadline", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v to give up", d)
	}
	// The pool replaces the killed worker.
	if _, err := (Pdfium{}).Pages(context.Background(), onePage(&paragraph)); err != nil {
		t.Errorf("after a missed deadline: %v", err)
	}
}

func TestPdfiumConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, errs[i] = (Pdfium{}).Pages(context.Background(), onePage(&paragraph)) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// TestAgreement compares Pdfium's words and styles with MuPDF's on real
// records: the share of MuPDF's words that Pdfium gives in the same order,
// and the lines that start in bold (speaker labels).
func TestAgreement(t *testing.T) {
	path, err := exec.LookPath("mutool")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip("mutool not installed: nothing to compare with")
	}
	for _, name := range []string{"S_PV.8700-EN.pdf", "A_65_PV.71-EN.pdf", "S_PV.10100-EN.pdf"} {
		t.Run(name, func(t *testing.T) {
			pdf, err := os.ReadFile(corpus.Path(t, "en/pdf/"+name))
			if err != nil {
				t.Fatal(err)
			}
			ref, err := MuPDF{Path: path}.Pages(context.Background(), pdf)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Pdfium{}.Pages(context.Background(), pdf)
			if err != nil {
				t.Fatal(err)
			}
			if r, g := len(ref.Pages), len(got.Pages); r != g {
				t.Errorf("%d pages, mutool has %d", g, r)
			}
			rw, gw := words(ref), words(got)
			ratio := float64(lcsLen(rw, gw)) / float64(len(rw))
			t.Logf("%d of mutool's %d words in order (pdfium has %d): %.4f", lcsLen(rw, gw), len(rw), len(gw), ratio)
			if ratio < 0.98 {
				t.Errorf("agreement %.4f, want at least 0.98", ratio)
			}
			// The words that start lines in bold: speaker labels and
			// headings, whichever way each extractor cuts lines. Every
			// one of mutool's must be there, in order; pdfium may cut a
			// bold folio or running head into more lines (these pages
			// still hold their furniture).
			rb, gb := boldWords(ref), boldWords(got)
			bratio := float64(lcsLen(rb, gb)) / float64(max(len(rb), 1))
			t.Logf("%d of mutool's %d words starting lines in bold in order (pdfium has %d): %.4f", lcsLen(rb, gb), len(rb), len(gb), bratio)
			if len(rb) == 0 || bratio < 0.98 || len(gb) > len(rb)*11/10 {
				t.Errorf("bold words: agreement %.4f, pdfium %d, mutool %d", bratio, len(gb), len(rb))
			}
		})
	}
}

func words(d *page.Doc) []string {
	var w []string
	for _, p := range d.Pages {
		for i := range p.Lines {
			w = append(w, strings.Fields(p.Lines[i].Text())...)
		}
	}
	return w
}

func boldWords(d *page.Doc) []string {
	var w []string
	for _, p := range d.Pages {
		for i := range p.Lines {
			l := &p.Lines[i]
			if n := l.BoldPrefix(); n > 0 {
				w = append(w, strings.Fields(l.Text()[:n])...)
			}
		}
	}
	return w
}

// lcsLen is the length of the longest common subsequence of a and b, by
// Myers' O((N+M)D) algorithm: the texts differ in few places, so D is
// small where the quadratic table would not fit in memory.
func lcsLen(a, b []string) int {
	n, m := len(a), len(b)
	max := n + m
	off := max + 1
	v := make([]int, 2*max+3)
	for d := 0; d <= max; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return (n + m - d) / 2
			}
		}
	}
	return 0
}

func TestLCSLen(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a b c", "", 0},
		{"a b c", "a b c", 3},
		{"a b c d", "a c d", 3},
		{"a b c", "x a y b z", 2},
		{"a b c d e", "e d c b a", 1},
	}
	for _, tt := range tests {
		if got := lcsLen(strings.Fields(tt.a), strings.Fields(tt.b)); got != tt.want {
			t.Errorf("lcsLen(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDefault(t *testing.T) {
	type test struct {
		env     string
		noPath  bool   // pretend mutool is not installed
		want    string // the extractor's name, "" for an error
		wantErr error
	}
	tests := []test{
		{env: "pdfium", want: Pdfium{}.Name()},
		{env: "pdfium", noPath: true, want: Pdfium{}.Name()},
		{env: "", noPath: true, want: Pdfium{}.Name()},
		{env: "mupdf", noPath: true, wantErr: ErrNoExtractor},
		{env: "poppler"},
	}
	if _, err := exec.LookPath("mutool"); err == nil {
		tests = append(tests,
			test{env: "mupdf", want: MuPDF{}.Name()},
			test{env: "", want: MuPDF{}.Name()})
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s=%q,nopath=%v", EnvExtractor, tt.env, tt.noPath), func(t *testing.T) {
			t.Setenv(EnvExtractor, tt.env)
			if tt.noPath {
				t.Setenv("PATH", t.TempDir())
			}
			x, err := Default()
			if tt.want == "" {
				if err == nil {
					t.Fatalf("got %s, want an error", x.Name())
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if x.Name() != tt.want {
				t.Errorf("got %s, want %s", x.Name(), tt.want)
			}
		})
	}
}

// BenchmarkPdfium measures start-up (compiling the module and starting a
// worker, once per process in use) apart from extraction with a warm pool.
func BenchmarkPdfium(b *testing.B) {
	pdf, err := os.ReadFile(corpus.Path(b, "en/pdf/S_PV.8700-EN.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("startup", func(b *testing.B) {
		for b.Loop() {
			pool, err := startPdfium()
			if err != nil {
				b.Fatal(err)
			}
			pool.Close()
		}
	})
	b.Run("extract", func(b *testing.B) {
		if _, err := pdfiumPool(context.Background()); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := (Pdfium{}).Pages(context.Background(), pdf); err != nil {
				b.Fatal(err)
			}
		}
	})
}
