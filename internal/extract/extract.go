// Package extract turns a PDF into styled pages (package page): lines
// with their text, font weight and style, size and position.
//
// The default is MuPDF's structured text, `mutool draw -F stext.json`, run
// as a program (Debian package mupdf-tools). Where mutool is missing,
// Pdfium — PDFium compiled to WebAssembly, in the binary — fills the same
// model after a few seconds' start-up, once per process. The environment
// variable VERBATIM_EXTRACTOR forces a choice: "mupdf" (an error if mutool
// is missing) or "pdfium".
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/verbatim-un/verbatim/internal/page"
)

// Extractor turns PDF bytes into styled pages.
type Extractor interface {
	Name() string
	Pages(ctx context.Context, pdf []byte) (*page.Doc, error)
}

// Errors callers can test for with errors.Is.
var (
	ErrNoExtractor = errors.New("no PDF text extractor: install MuPDF's mutool (Debian/Ubuntu: apt-get install mupdf-tools)")
	ErrEncrypted   = errors.New("PDF is encrypted and needs a password")
	ErrDamaged     = errors.New("PDF is damaged or truncated")
	ErrNoText      = errors.New("PDF has no text layer (a scanned image?)")
)

// Timeout bounds one extraction: a record of a few hundred pages takes a
// second or two; anything far longer is a malformed file.
const Timeout = 60 * time.Second

// EnvExtractor names the environment variable that forces an extractor.
const EnvExtractor = "VERBATIM_EXTRACTOR"

// Default returns the best extractor available on this machine, or the one
// VERBATIM_EXTRACTOR names.
func Default() (Extractor, error) {
	switch v := os.Getenv(EnvExtractor); v {
	case "":
		if path, err := exec.LookPath("mutool"); err == nil {
			return MuPDF{Path: path}, nil
		}
		// Pdfium is compiled in; it starts on first use, so a failure
		// to start surfaces from Text, wrapping ErrNoExtractor.
		return Pdfium{}, nil
	case "mupdf":
		path, err := exec.LookPath("mutool")
		if err != nil {
			return nil, fmt.Errorf("%w (%s=mupdf)", ErrNoExtractor, EnvExtractor)
		}
		return MuPDF{Path: path}, nil
	case "pdfium":
		return Pdfium{}, nil
	default:
		return nil, fmt.Errorf("%s=%q: unknown extractor (want mupdf or pdfium)", EnvExtractor, v)
	}
}

// IsEncrypted reports whether a PDF declares encryption in a trailer. A
// PDF with an empty user password is still readable, so this is a hint
// for error messages, not a refusal.
func IsEncrypted(pdf []byte) bool {
	return bytes.Contains(pdf, []byte("/Encrypt"))
}
