package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/verbatim-un/verbatim/internal/page"
)

// Pdfium extracts text with PDFium compiled to WebAssembly and run by
// wazero: no cgo, no external program, nothing fetched at run time. Its
// styled pages give the records mutool gives on the 2020 Council records; the
// price is a few seconds of start-up, paid once per process on first use.
// It is safe for concurrent use.
type Pdfium struct{}

// Name identifies the extractor in a record's provenance.
func (Pdfium) Name() string { return "pdfium (WebAssembly)" }

// wasmPool is shared by every Pdfium value: compiling the module is the
// start-up cost, so it happens once per process.
var wasmPool struct {
	once sync.Once
	done chan struct{} // closed when pool or err is set
	pool pdfium.Pool
	err  error
}

// pdfiumPool starts the pool on first use and waits for it, or for ctx.
// Start-up runs in its own goroutine so that a caller's deadline is kept
// even while the module compiles; a later caller reuses the result.
func pdfiumPool(ctx context.Context) (pdfium.Pool, error) {
	wasmPool.once.Do(func() {
		wasmPool.done = make(chan struct{})
		go func() {
			defer close(wasmPool.done)
			defer func() {
				if r := recover(); r != nil {
					wasmPool.err = fmt.Errorf("%w: pdfium failed to start: %v", ErrNoExtractor, r)
				}
			}()
			wasmPool.pool, wasmPool.err = startPdfium()
			if wasmPool.err != nil {
				wasmPool.err = fmt.Errorf("%w: pdfium failed to start: %v", ErrNoExtractor, wasmPool.err)
			}
		}()
	})
	select {
	case <-wasmPool.done:
		return wasmPool.pool, wasmPool.err
	case <-ctx.Done():
		return nil, fmt.Errorf("starting pdfium: %w", ctx.Err())
	}
}

func startPdfium() (pdfium.Pool, error) {
	n := runtime.GOMAXPROCS(0)
	return webassembly.Init(webassembly.Config{
		MinIdle:  1, // instantiate one worker now, as part of start-up
		MaxIdle:  n,
		MaxTotal: n,
		// A worker returned to the pool serves the next document; the
		// default, a fresh one per document, redoes pdfium's set-up.
		ReuseWorkers: true,
		// Documents are passed as bytes, so pdfium needs no file system;
		// without one it also cannot pick up the machine's fonts, which
		// keeps its output the same everywhere.
		FSConfig: wazero.NewFSConfig(),
		Stdout:   io.Discard,
		Stderr:   io.Discard,
		// The embedded module needs exception handling (its setjmp);
		// closing on context done lets Kill interrupt a call in progress.
		RuntimeConfig: wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithCloseOnContextDone(true),
	})
}

// Pages extracts every page's styled lines.
func (Pdfium) Pages(ctx context.Context, pdf []byte) (doc *page.Doc, err error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	pool, err := pdfiumPool(ctx)
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, stopped(ctx)
		}
		return nil, fmt.Errorf("pdfium: %w", err)
	}
	// Killing the instance aborts a call stuck in pdfium; the pool then
	// replaces the worker.
	stop := context.AfterFunc(ctx, func() { _ = inst.Kill() })
	defer func() {
		r := recover()
		killed := !stop()
		if r != nil {
			doc, err = nil, fmt.Errorf("%w: pdfium failed: %v", ErrDamaged, r)
		}
		switch {
		case killed:
			// The pool disposes of the worker.
		case r != nil:
			// A panic may leave the worker in any state: do not reuse it.
			_ = inst.Kill()
		default:
			_ = inst.Close()
		}
	}()
	doc, err = pdfiumPages(ctx, inst, pdf)
	if ctx.Err() != nil {
		return nil, stopped(ctx)
	}
	return doc, err
}

func stopped(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: pdfium did not finish within %v", ErrDamaged, Timeout)
	}
	return ctx.Err()
}

func pdfiumPages(ctx context.Context, inst pdfium.Pdfium, pdf []byte) (*page.Doc, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &pdf})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return nil, ErrEncrypted
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return nil, fmt.Errorf("%w: unsupported security handler", ErrEncrypted)
	case err != nil:
		return nil, fmt.Errorf("%w: pdfium cannot open it: %v", ErrDamaged, reason(err))
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})

	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("%w: pdfium: %v", ErrDamaged, err)
	}
	if count.PageCount == 0 {
		return nil, fmt.Errorf("%w: no pages found", ErrDamaged)
	}
	out := &page.Doc{Pages: make([]page.Page, count.PageCount)}
	for i := range count.PageCount {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ref := requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}
		size, err := inst.GetPageSize(&requests.GetPageSize{Page: ref})
		if err != nil {
			return nil, fmt.Errorf("%w: page %d: %v", ErrDamaged, i+1, reason(err))
		}
		// The characters in pdfium's order, with the spaces and line
		// breaks it infers from glyph gaps; the rectangles (runs of one
		// font) for the fonts.
		chars, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
			Page: ref, Mode: requests.GetPageTextStructuredModeChars,
		})
		if err != nil {
			return nil, fmt.Errorf("%w: page %d: %v", ErrDamaged, i+1, reason(err))
		}
		rects, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
			Page: ref, Mode: requests.GetPageTextStructuredModeRects, CollectFontInformation: true,
		})
		if err != nil {
			return nil, fmt.Errorf("%w: page %d: %v", ErrDamaged, i+1, reason(err))
		}
		pg, err := pdfiumPage(inst, ref, size.Width, size.Height, chars.Chars, rects.Rects)
		if err != nil {
			return nil, fmt.Errorf("%w: page %d: %v", ErrDamaged, i+1, reason(err))
		}
		out.Pages[i] = pg
	}
	if !hasText(out) {
		return nil, ErrNoText
	}
	return out, nil
}

// pdfiumPage builds a page from pdfium's characters (in PDF coordinates,
// origin at the bottom left): a line ends at a line break pdfium inferred,
// a span where the font changes. Each character takes its font from the
// rectangle (a run of one font) it lies in.
func pdfiumPage(inst pdfium.Pdfium, ref requests.Page, w, h float64, chars []*responses.GetPageTextStructuredChar, rects []*responses.GetPageTextStructuredRect) (page.Page, error) {
	pg := page.Page{Width: w, Height: h}
	// pdfium marks both a hyphen and a character it cannot map as
	// unmapped; it tells which is which when asked, character by
	// character, on its text page.
	var tp *responses.FPDFText_LoadPage
	defer func() {
		if tp != nil {
			inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
		}
	}()
	isHyphen := func(ci int) (bool, error) {
		if tp == nil {
			var err error
			if tp, err = inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref}); err != nil {
				return false, err
			}
		}
		h, err := inst.FPDFText_IsHyphen(&requests.FPDFText_IsHyphen{TextPage: tp.TextPage, Index: ci})
		return err == nil && h.IsHyphen, nil
	}
	fontOf := fontFinder(rects)
	var line page.Line
	var bottoms []float64
	flush := func() {
		if len(line.Spans) > 0 {
			line.Baseline = h - baseline(bottoms)
			line.Block = -1
			pg.Lines = append(pg.Lines, line)
		}
		line, bottoms = page.Line{}, bottoms[:0]
	}
	add := func(r rune, p responses.CharPosition) {
		f := fontOf(p)
		n := len(line.Spans)
		if n > 0 {
			last := &line.Spans[n-1]
			spaced := strings.HasSuffix(last.Text, " ")
			switch {
			case spaced && strings.ContainsRune(".,;:", r) && last.Italic != f.Italic:
				// The gap after an italic word's overhang is no word
				// space: "cercles." (not "cercles .").
				last.Text = strings.TrimSuffix(last.Text, " ")
			case !spaced && p.Left-last.X1 > max(f.Size, 1)*0.2,
				!spaced && (r == '—' || r == '–') && p.Left-last.X1 > max(f.Size, 1)*0.08:
				// A word space pdfium did not infer: a thin one, as
				// before a dash.
				last.Text += " "
			}
		}
		if n == 0 {
			line.X0, line.X1, line.Y0, line.Y1 = p.Left, p.Right, h-p.Top, h-p.Bottom
		}
		if last := n - 1; n == 0 || line.Spans[last].Bold != f.Bold || line.Spans[last].Italic != f.Italic ||
			line.Spans[last].Size != f.Size || line.Spans[last].Font != f.Font {
			f.X0, f.X1 = p.Left, p.Right
			line.Spans = append(line.Spans, f)
		}
		sp := &line.Spans[len(line.Spans)-1]
		sp.Text += string(r)
		sp.X1 = max(sp.X1, p.Right)
		line.X0, line.X1 = min(line.X0, p.Left), max(line.X1, p.Right)
		line.Y0, line.Y1 = min(line.Y0, h-p.Top), max(line.Y1, h-p.Bottom)
		if onBaseline(r) {
			bottoms = append(bottoms, p.Bottom)
		}
	}
	var prev responses.CharPosition // the last character added
	for ci, c := range chars {
		r, _ := utf8.DecodeRuneInString(c.Text)
		switch {
		case c.Text == "" || r == 0:
			continue
		case r == '\r' || r == '\n':
			flush()
			continue
		case r == noChar || r == 2:
			hy, err := isHyphen(ci)
			if err != nil {
				return pg, err
			}
			if !hy {
				continue // a character without a Unicode value
			}
			// A hyphen: where the next character stands lower on the
			// page, a word hyphenated at the end of a line, whose two
			// lines pdfium joined: the line break is put back.
			p := prev
			p.Left, p.Right = prev.Right, prev.Right+(prev.Right-prev.Left)/2
			add('-', p)
			if ci+1 < len(chars) && chars[ci+1].PointPosition.Top < prev.Bottom {
				flush()
			}
			continue
		case r == ' ':
			// A space, generated or printed, belongs to the span it
			// follows.
			if n := len(line.Spans); n > 0 && !strings.HasSuffix(line.Spans[n-1].Text, " ") {
				line.Spans[n-1].Text += " "
			}
			continue
		}
		if p := c.PointPosition; len(line.Spans) > 0 && breaksLine(prev, p, line.Spans[len(line.Spans)-1].Size, w) {
			flush()
		}
		add(r, c.PointPosition)
		prev = c.PointPosition
	}
	flush()
	return pg, nil
}

// breaksLine reports a character that cannot go on the line of the one
// before it though pdfium put no line break between them: it jumps across
// the middle of the page into the other column, or back to the left, or
// to another baseline.
func breaksLine(prev, p responses.CharPosition, size, width float64) bool {
	size = max(size, 1)
	mid := width / 2
	switch {
	case prev.Right <= mid && p.Left >= mid && p.Left-prev.Right > size*0.5:
		return true
	case p.Right < prev.Left-size:
		return true
	case p.Top < prev.Bottom-size/2 || p.Bottom > prev.Top+size/2:
		return true // wholly below or above it
	}
	return false
}

// onBaseline reports a character whose glyph sits on the baseline: no
// descender, not raised.
func onBaseline(r rune) bool {
	if r < 0x80 {
		return r >= 'A' && r <= 'Z' && r != 'Q' && r != 'J' || r >= '0' && r <= '9' ||
			strings.ContainsRune("abcdehiklmnorstuvwxz", r)
	}
	return unicode.IsLetter(r)
}

// baseline is the median bottom of the glyphs that sit on the baseline.
func baseline(bottoms []float64) float64 {
	if len(bottoms) == 0 {
		return 0
	}
	s := slices.Clone(bottoms)
	slices.Sort(s)
	return s[len(s)/2]
}

// fontFinder returns a function giving the font of the rectangle a
// character lies in. Characters come in the rectangles' order, so the
// search starts where the last one ended.
func fontFinder(rects []*responses.GetPageTextStructuredRect) func(responses.CharPosition) page.Span {
	last := 0
	span := func(r *responses.GetPageTextStructuredRect) page.Span {
		var sp page.Span
		if f := r.FontInformation; f != nil {
			// The size the text is printed at: the font's size scaled
			// by the text matrix.
			sp.Size = f.Size
			if f.RenderedSize > 0 {
				sp.Size = f.RenderedSize
			}
			sp.Font = fontName(f.Name)
			name := strings.ToLower(sp.Font)
			sp.Bold = f.Weight >= 600 || strings.Contains(name, "bold")
			// Font descriptor flag 7 (value 64) is Italic.
			sp.Italic = f.Flags&64 != 0 || strings.Contains(name, "italic") || strings.Contains(name, "oblique")
		}
		return sp
	}
	return func(p responses.CharPosition) page.Span {
		if len(rects) == 0 {
			return page.Span{}
		}
		x, y := (p.Left+p.Right)/2, (p.Top+p.Bottom)/2
		for k := range rects {
			i := (last + k) % len(rects)
			r := rects[i].PointPosition
			if x >= r.Left-0.5 && x <= r.Right+0.5 && y >= r.Bottom-0.5 && y <= r.Top+0.5 {
				last = i
				return span(rects[i])
			}
		}
		return span(rects[last])
	}
}

// noChar is what pdfium puts in its text both for a character without a
// Unicode value and, in place of the hyphen and the line break, for a word
// hyphenated at the end of a line.
const noChar = '\uFFFE'

// reason drops the number from pdfium's errors ("3: incorrect format").
func reason(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 && strings.Trim(msg[:i], "0123456789") == "" {
		msg = msg[i+2:]
	}
	return msg
}
