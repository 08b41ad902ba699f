// Package extract turns a PDF into text in reading order.
//
// UN records are set in two columns; poppler's pdftotext in -raw mode keeps
// the content stream's order, which for these records is column by column,
// page by page, where its default and -layout modes interleave the columns.
// Extraction sits behind the Extractor interface so that other engines can
// be added (one that keeps Arabic word order, say).
//
// Default prefers pdftotext, the faster engine and the reference, and falls
// back to Pdfium, PDFium compiled to WebAssembly, so that a machine without
// poppler can still read PDFs (after a few seconds' start-up, once per
// process). The environment variable VERBATIM_EXTRACTOR
// forces a choice: "poppler" (pdftotext, an error if it is missing) or
// "pdfium".
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Extractor turns PDF bytes into UTF-8 text, pages separated by form feeds.
type Extractor interface {
	Name() string
	Text(ctx context.Context, pdf []byte) (string, error)
}

// Errors callers can test for with errors.Is.
var (
	ErrNoExtractor = errors.New("no PDF text extractor: install poppler's pdftotext (Debian/Ubuntu: apt-get install poppler-utils)")
	ErrEncrypted   = errors.New("PDF is encrypted and needs a password")
	ErrDamaged     = errors.New("PDF is damaged or truncated")
	ErrNoText      = errors.New("PDF has no text layer (a scanned image?)")
)

// Timeout bounds one extraction: a record of a few hundred pages takes a
// second or two; anything far longer is a malformed file.
const Timeout = 60 * time.Second

// Poppler runs pdftotext.
type Poppler struct {
	Path string // the pdftotext binary
}

// Name identifies the extractor in a record's provenance.
func (p Poppler) Name() string { return "pdftotext -raw" }

// Text runs pdftotext -raw on the PDF, fed on standard input.
func (p Poppler) Text(ctx context.Context, pdf []byte) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	if text, ok := p.parallel(ctx, pdf); ok {
		return text, nil
	}
	cmd := exec.CommandContext(ctx, p.Path, "-raw", "-enc", "UTF-8", "-eol", "unix", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	msg := stderr.String()
	switch {
	case ctx.Err() != nil:
		return "", fmt.Errorf("%w: pdftotext did not finish within %v", ErrDamaged, Timeout)
	case strings.Contains(msg, "Incorrect password"):
		return "", ErrEncrypted
	case err != nil:
		return "", fmt.Errorf("%w: %s", ErrDamaged, firstLine(msg, err))
	}
	text := out.String()
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		if strings.Contains(msg, "Error") {
			return "", fmt.Errorf("%w: %s", ErrDamaged, firstLine(msg, nil))
		}
		return "", ErrNoText
	}
	return text, nil
}

func firstLine(msg string, err error) string {
	// pdftotext reports many recoverable syntax errors; the last line is
	// the one that made it give up.
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
		return l
	}
	if err != nil {
		return err.Error()
	}
	return "pdftotext failed"
}

// EnvExtractor names the environment variable that forces an extractor.
const EnvExtractor = "VERBATIM_EXTRACTOR"

// Default returns the best extractor available on this machine, or the one
// VERBATIM_EXTRACTOR names.
func Default() (Extractor, error) {
	switch v := os.Getenv(EnvExtractor); v {
	case "":
		if path, err := exec.LookPath("pdftotext"); err == nil {
			return Poppler{Path: path}, nil
		}
		// Pdfium is compiled in; it starts on first use, so a failure
		// to start surfaces from Text, wrapping ErrNoExtractor.
		return Pdfium{}, nil
	case "poppler":
		path, err := exec.LookPath("pdftotext")
		if err != nil {
			return nil, fmt.Errorf("%w (%s=poppler)", ErrNoExtractor, EnvExtractor)
		}
		return Poppler{Path: path}, nil
	case "pdfium":
		return Pdfium{}, nil
	default:
		return nil, fmt.Errorf("%s=%q: unknown extractor (want poppler or pdfium)", EnvExtractor, v)
	}
}

// IsEncrypted reports whether a PDF declares encryption in a trailer. A
// PDF with an empty user password is still readable, so this is a hint
// for error messages, not a refusal.
func IsEncrypted(pdf []byte) bool {
	return bytes.Contains(pdf, []byte("/Encrypt"))
}

// parallel extracts a long PDF as page ranges on all cores: pdftotext
// spends its time page by page, so a record of 20 pages or more comes out
// about twice as fast on two cores. It needs pdfinfo (from the same
// poppler-utils) for the page count; on any failure it reports !ok and
// Text runs pdftotext once, which gives the real error.
func (p Poppler) parallel(ctx context.Context, pdf []byte) (string, bool) {
	workers := min(runtime.GOMAXPROCS(0), 4)
	info, err := exec.LookPath("pdfinfo")
	if workers < 2 || err != nil || len(pdf) < 64<<10 {
		return "", false
	}
	f, err := os.CreateTemp("", "verbatim-*.pdf")
	if err != nil {
		return "", false
	}
	defer os.Remove(f.Name())
	_, werr := f.Write(pdf)
	if cerr := f.Close(); werr != nil || cerr != nil {
		return "", false
	}
	out, err := exec.CommandContext(ctx, info, f.Name()).Output()
	if err != nil {
		return "", false
	}
	pages := 0
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			pages, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if pages < 8 {
		return "", false
	}
	workers = min(workers, pages/4)
	parts := make([]string, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		first, last := w*pages/workers+1, (w+1)*pages/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			cmd := exec.CommandContext(ctx, p.Path, "-raw", "-enc", "UTF-8", "-eol", "unix", "-q",
				"-f", strconv.Itoa(first), "-l", strconv.Itoa(last), f.Name(), "-")
			cmd.Stdout = &b
			errs[w] = cmd.Run()
			parts[w] = b.String()
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return "", false
		}
	}
	text := strings.Join(parts, "")
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		return "", false
	}
	return text, true
}
