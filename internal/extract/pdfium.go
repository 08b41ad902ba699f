package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Pdfium extracts text with PDFium compiled to WebAssembly and run by
// wazero: no cgo, no external program, nothing fetched at run time. Its
// reading order matches pdftotext -raw on the two-column records; the
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

// Text extracts every page's text in order, each page ended by a form feed
// as pdftotext does.
func (Pdfium) Text(ctx context.Context, pdf []byte) (text string, err error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	pool, err := pdfiumPool(ctx)
	if err != nil {
		return "", err
	}
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return "", stopped(ctx)
		}
		return "", fmt.Errorf("pdfium: %w", err)
	}
	// Killing the instance aborts a call stuck in pdfium; the pool then
	// replaces the worker.
	stop := context.AfterFunc(ctx, func() { _ = inst.Kill() })
	defer func() {
		r := recover()
		killed := !stop()
		if r != nil {
			text, err = "", fmt.Errorf("%w: pdfium failed: %v", ErrDamaged, r)
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
	text, err = pageTexts(ctx, inst, pdf)
	if ctx.Err() != nil {
		return "", stopped(ctx)
	}
	return text, err
}

func stopped(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: pdfium did not finish within %v", ErrDamaged, Timeout)
	}
	return ctx.Err()
}

func pageTexts(ctx context.Context, inst pdfium.Pdfium, pdf []byte) (string, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &pdf})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return "", ErrEncrypted
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return "", fmt.Errorf("%w: unsupported security handler", ErrEncrypted)
	case err != nil:
		return "", fmt.Errorf("%w: pdfium cannot open it: %v", ErrDamaged, reason(err))
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})

	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return "", fmt.Errorf("%w: pdfium: %v", ErrDamaged, err)
	}
	if count.PageCount == 0 {
		return "", fmt.Errorf("%w: no pages found", ErrDamaged)
	}
	var b strings.Builder
	for i := range count.PageCount {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		t, err := pageText(inst, requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}})
		if err != nil {
			return "", fmt.Errorf("%w: page %d: %v", ErrDamaged, i+1, reason(err))
		}
		b.WriteString(t)
		if t != "" && !strings.HasSuffix(t, "\n") {
			b.WriteByte('\n')
		}
		b.WriteByte('\f')
	}
	text := b.String()
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		return "", ErrNoText
	}
	return text, nil
}

func pageText(inst pdfium.Pdfium, page requests.Page) (string, error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return "", err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || n.Count <= 0 {
		return "", err
	}
	t, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: n.Count})
	if err != nil {
		return "", err
	}
	// pdfium gives the text as UCS-2, one unit per text index, so a rune's
	// position is its text index.
	var hyphens map[int]bool
	i := 0
	for _, r := range t.Text {
		if r == noChar {
			ci, err := inst.FPDFText_GetCharIndexFromTextIndex(&requests.FPDFText_GetCharIndexFromTextIndex{TextPage: tp.TextPage, NTextIndex: i})
			if err == nil && ci.CharIndex >= 0 {
				h, err := inst.FPDFText_IsHyphen(&requests.FPDFText_IsHyphen{TextPage: tp.TextPage, Index: ci.CharIndex})
				if err == nil && h.IsHyphen {
					if hyphens == nil {
						hyphens = map[int]bool{}
					}
					hyphens[i] = true
				}
			}
		}
		i++
	}
	return normalize(t.Text, hyphens), nil
}

// noChar is what pdfium puts in its text both for a character without a
// Unicode value and, in place of the hyphen and the line break, for a word
// hyphenated at the end of a line.
const noChar = '\uFFFE'

// normalize brings pdfium's text to pdftotext's conventions: "\n" line
// ends (pdfium generates "\r\n"); a hyphen at the end of a line kept, with
// its line break, as pdftotext keeps it ("Secretary-\nGeneral", not
// "SecretaryGeneral"); NUL and unmapped characters dropped. hyphens holds
// the rune positions of the hyphens. Nothing else is changed.
func normalize(s string, hyphens map[int]bool) string {
	var b strings.Builder
	b.Grow(len(s))
	cr := false // the previous rune was '\r'
	i := 0
	for _, r := range s {
		switch {
		case r == '\n' && cr:
			// the "\n" was written for the '\r'
		case r == '\r':
			b.WriteByte('\n')
		case r == 0:
		case r == noChar:
			if hyphens[i] {
				b.WriteString("-\n")
			}
		default:
			b.WriteRune(r)
		}
		cr = r == '\r'
		i++
	}
	return b.String()
}

// reason drops the number from pdfium's errors ("3: incorrect format").
func reason(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 && strings.Trim(msg[:i], "0123456789") == "" {
		msg = msg[i+2:]
	}
	return msg
}
