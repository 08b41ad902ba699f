package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/verbatim-un/verbatim/internal/page"
)

// MuPDF runs MuPDF's mutool (Debian package mupdf-tools) as a program —
// MuPDF is AGPL, so it is never linked in — and reads its structured text
// (`mutool draw -F stext.json`): lines with their fonts (weight, style,
// size) and positions, word spaces placed from glyph gaps. It is about four
// times faster than pdftotext on UN records and keeps the word spaces that
// pdftotext loses on some lines.
type MuPDF struct {
	Path string // the mutool binary
}

// Name identifies the extractor in a record's provenance.
func (MuPDF) Name() string { return "mutool stext" }

// Pages extracts the styled pages of a PDF.
func (m MuPDF) Pages(ctx context.Context, pdf []byte) (*page.Doc, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	// mutool reads files, not standard input.
	f, err := os.CreateTemp("", "verbatim-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	_, werr := f.Write(pdf)
	if cerr := f.Close(); werr != nil || cerr != nil {
		return nil, fmt.Errorf("writing a temporary copy: %v", firstErr(werr, cerr))
	}
	// The page sizes come from a second, much cheaper run, in parallel.
	var sizes []pageSize
	var sizeErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sizes, sizeErr = m.pageSizes(ctx, f.Name())
	}()
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, m.Path, "draw", "-q", "-F", "stext.json", "-o", "-", f.Name())
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err = cmd.Run()
	wg.Wait()
	msg := mutoolErrors(stderr.String())
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("%w: mutool did not finish within %v", ErrDamaged, Timeout)
	case strings.Contains(msg, "password") || strings.Contains(msg, "encrypt"):
		return nil, ErrEncrypted
	case err != nil:
		return nil, fmt.Errorf("%w: %s", ErrDamaged, firstNonEmpty(msg, err.Error()))
	case sizeErr != nil:
		return nil, fmt.Errorf("%w: %v", ErrDamaged, sizeErr)
	}
	doc, err := decodeSText(out.Bytes(), sizes)
	if err != nil {
		return nil, fmt.Errorf("%w: reading mutool's output: %v", ErrDamaged, err)
	}
	if len(doc.Pages) == 0 {
		return nil, fmt.Errorf("%w: no pages found", ErrDamaged)
	}
	if !hasText(doc) {
		return nil, ErrNoText
	}
	return doc, nil
}

// mutoolErrors keeps mutool's "error:" lines (its warnings, such as the
// missing ICC support of Debian's build, say nothing about the file).
func mutoolErrors(s string) string {
	var errs []string
	for _, l := range strings.Split(s, "\n") {
		if e, ok := strings.CutPrefix(strings.TrimSpace(l), "error: "); ok && !strings.HasPrefix(e, "cannot draw") {
			errs = append(errs, e)
		}
	}
	return strings.Join(errs, "; ")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

type pageSize struct{ w, h float64 }

var (
	boxRe    = regexp.MustCompile(`<(MediaBox|CropBox) l="([-0-9.]+)" b="([-0-9.]+)" r="([-0-9.]+)" t="([-0-9.]+)"`)
	rotateRe = regexp.MustCompile(`<Rotate v="(-?\d+)"`)
)

// pageSizes runs `mutool pages`, which prints each page's boxes, and keeps
// the visible size (the crop box, else the media box; swapped when the
// page is turned a quarter).
func (m MuPDF) pageSizes(ctx context.Context, file string) ([]pageSize, error) {
	out, err := exec.CommandContext(ctx, m.Path, "pages", file).Output()
	if err != nil {
		return nil, fmt.Errorf("mutool pages: %v", err)
	}
	var sizes []pageSize
	for _, p := range strings.Split(string(out), "<page ")[1:] {
		var media, crop pageSize
		for _, b := range boxRe.FindAllStringSubmatch(p, -1) {
			l, _ := strconv.ParseFloat(b[2], 64)
			bt, _ := strconv.ParseFloat(b[3], 64)
			r, _ := strconv.ParseFloat(b[4], 64)
			t, _ := strconv.ParseFloat(b[5], 64)
			s := pageSize{r - l, t - bt}
			if b[1] == "MediaBox" {
				media = s
			} else {
				crop = s
			}
		}
		s := crop
		if s.w <= 0 || s.h <= 0 {
			s = media
		}
		if r := rotateRe.FindStringSubmatch(p); r != nil {
			if v, _ := strconv.Atoi(r[1]); (v/90)%2 != 0 {
				s.w, s.h = s.h, s.w
			}
		}
		sizes = append(sizes, s)
	}
	return sizes, nil
}

// The shape of `mutool draw -F stext.json`: pages → blocks → lines, a new
// line wherever the font changes.
type stextDoc struct {
	Pages []struct {
		Blocks []struct {
			Type  string `json:"type"`
			Lines []struct {
				WMode int      `json:"wmode"`
				BBox  stextBox `json:"bbox"`
				Font  struct {
					Name   string  `json:"name"`
					Weight string  `json:"weight"`
					Style  string  `json:"style"`
					Size   float64 `json:"size"`
				} `json:"font"`
				X    float64 `json:"x"`
				Y    float64 `json:"y"`
				Text string  `json:"text"`
			} `json:"lines"`
		} `json:"blocks"`
	} `json:"pages"`
}

type stextBox struct {
	X, Y, W, H float64
}

// decodeSText turns mutool's font runs into printed lines: runs of one
// block on one baseline (within 0.3 of the font size) are one line.
func decodeSText(b []byte, sizes []pageSize) (*page.Doc, error) {
	var sd stextDoc
	if err := json.Unmarshal(b, &sd); err != nil {
		return nil, err
	}
	doc := &page.Doc{Pages: make([]page.Page, len(sd.Pages))}
	for pi, sp := range sd.Pages {
		pg := &doc.Pages[pi]
		if pi < len(sizes) {
			pg.Width, pg.Height = sizes[pi].w, sizes[pi].h
		}
		for bi, blk := range sp.Blocks {
			if blk.Type != "text" {
				continue
			}
			var cur *page.Line
			for _, r := range blk.Lines {
				if r.WMode != 0 || r.Text == "" {
					continue
				}
				sp := page.Span{
					Text:   r.Text,
					X0:     r.BBox.X,
					X1:     r.BBox.X + r.BBox.W,
					Size:   r.Font.Size,
					Font:   fontName(r.Font.Name),
					Bold:   r.Font.Weight == "bold",
					Italic: r.Font.Style == "italic",
				}
				tol := max(r.Font.Size, 1) * 0.3
				blank := strings.TrimSpace(r.Text) == ""
				if cur != nil && abs(r.Y-cur.Baseline) <= tol && sp.X0 >= cur.X1-tol {
					cur.Spans = append(cur.Spans, sp)
					if !blank {
						// A line's box is its letters': spaces at its
						// ends stand anywhere.
						cur.X1 = max(cur.X1, sp.X1)
					}
					cur.Y0 = min(cur.Y0, r.BBox.Y)
					cur.Y1 = max(cur.Y1, r.BBox.Y+r.BBox.H)
					continue
				}
				if blank {
					cur = nil // a line does not start with a space
					continue
				}
				pg.Lines = append(pg.Lines, page.Line{
					X0: sp.X0, Y0: r.BBox.Y, X1: sp.X1, Y1: r.BBox.Y + r.BBox.H,
					Baseline: r.Y, Block: bi, Spans: []page.Span{sp},
				})
				cur = &pg.Lines[len(pg.Lines)-1]
			}
		}
		if pg.Width == 0 || pg.Height == 0 {
			// No size from mutool pages: the text's own extent.
			for _, l := range pg.Lines {
				pg.Width, pg.Height = max(pg.Width, l.X1), max(pg.Height, l.Y1)
			}
		}
	}
	return doc, nil
}

// fontName drops a subset prefix ("DWHBYH+TimesNewRomanPS-BoldMT").
func fontName(s string) string {
	if i := strings.IndexByte(s, '+'); i == 6 {
		return s[i+1:]
	}
	return s
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func hasText(d *page.Doc) bool {
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			for _, s := range l.Spans {
				if strings.TrimSpace(s.Text) != "" {
					return true
				}
			}
		}
	}
	return false
}
