// Package ingest owns the way from a record's bytes to the store: the
// bytes are decoded (text) or extracted (PDF), parsed into a
// record.Meeting, and stored in batches by one writer while parsers run
// on every core.
//
//	bytes ─ source.Decode / extract ─▶ parse ─▶ record.Meeting ─▶ store.Writer
//
// Package parse knows nothing of files, encodings or PDFs; commands
// (cmd/verbatim) know nothing of how records are read or batched.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/verbatim-un/verbatim/internal/extract"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/source"
	"github.com/verbatim-un/verbatim/record"
)

// ReadOptions tune how one record is read.
type ReadOptions struct {
	Lang string // ISO 639-1 of the record; "" detects it
	File string // source file name, for provenance
	// Extractor turns PDFs into text; nil uses extract.Default.
	Extractor extract.Extractor
}

// Read reads a record's bytes — a PDF, or text in any supported
// encoding — and parses it.
func Read(ctx context.Context, b []byte, o ReadOptions) (*record.Meeting, error) {
	src := &record.Source{File: o.File}
	var m *record.Meeting
	if source.IsPDF(b) {
		x := o.Extractor
		if x == nil {
			var err error
			if x, err = extract.Default(); err != nil {
				return nil, err
			}
		}
		d, err := x.Pages(ctx, b)
		if err != nil {
			return nil, err
		}
		if m, err = parse.Pages(d, parse.Options{Lang: o.Lang}); err != nil {
			return nil, err
		}
		src.Extractor, src.Encoding = x.Name(), "pdf"
	} else {
		t, enc, err := source.Decode(b)
		if err != nil {
			return nil, err
		}
		if m, err = parse.Text(t, parse.Options{Lang: o.Lang}); err != nil {
			return nil, err
		}
		src.Encoding = enc
	}
	sum := sha256.Sum256(b)
	src.SHA256 = hex.EncodeToString(sum[:])
	m.Source = src
	return m, nil
}

// ReadFile reads the bytes of one record file, refusing what cannot be a
// record before reading it: a folder, a file over source.MaxSize.
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fileError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileError(err)
	}
	if st.IsDir() {
		return nil, errors.New("is a directory")
	}
	if st.Size() > source.MaxSize {
		return nil, source.ErrTooBig
	}
	b, err := io.ReadAll(io.LimitReader(f, source.MaxSize+1))
	if err != nil {
		return nil, fileError(err)
	}
	if len(b) > source.MaxSize {
		return nil, source.ErrTooBig
	}
	return b, nil
}

// fileError says in a few words why a file cannot be read; the caller
// names the file.
func fileError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, os.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Op, pe.Err)
	}
	return err
}
