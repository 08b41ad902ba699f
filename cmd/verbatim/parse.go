package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/render"
	"github.com/verbatim-un/verbatim/internal/source"
	"github.com/verbatim-un/verbatim/record"
)

const parseSynopsis = `Usage: verbatim parse [--format json|md|text] [--lang CODE] [-o FILE] FILE...

Reads UN meeting records (PDF, or extracted text in UTF-8, UTF-16 or GB18030;
"-" reads standard input) and prints each as a structured record. JSON is one object per
input, or an array when there are several inputs. Warnings go to standard
error and into the record.`

func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("parse", parseSynopsis, stderr)
	format := fs.String("format", "json", "output format: json, md or text")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	lang := fs.String("lang", "", "language of the records (ISO 639-1); detected when empty")
	quiet := fs.Bool("q", false, "do not print warnings to standard error")
	files, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	switch *format {
	case "json", "md", "text":
	default:
		return fmt.Errorf("%w: unknown format %q (want json, md or text)", errUsage, *format)
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: no input files (use - for standard input)", errUsage)
	}

	var ms []*record.Meeting
	failed := false
	for _, f := range files {
		m, err := parseOne(f, *lang, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "verbatim parse: %s: %v\n", f, err)
			failed = true
			continue
		}
		if !*quiet {
			for _, w := range m.Warnings {
				if w.Line > 0 {
					fmt.Fprintf(stderr, "%s:%d: warning: %s\n", f, w.Line, w.Message)
				} else {
					fmt.Fprintf(stderr, "%s: warning: %s\n", f, w.Message)
				}
			}
		}
		ms = append(ms, m)
	}

	var buf bytes.Buffer
	switch *format {
	case "json":
		if len(ms) > 0 || len(files) > 1 {
			err = render.JSON(&buf, ms, len(files) > 1)
		}
	case "md":
		for i, m := range ms {
			if i > 0 {
				buf.WriteString("\n---\n\n")
			}
			if err = render.Markdown(&buf, m); err != nil {
				break
			}
		}
	case "text":
		for _, m := range ms {
			if err = render.Text(&buf, m); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	if *out != "" {
		if buf.Len() > 0 || !failed {
			if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
				return err
			}
		}
	} else if _, err := stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	if failed {
		return errFailed
	}
	return nil
}

func parseOne(name, lang string, stdin io.Reader) (*record.Meeting, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(io.LimitReader(stdin, source.MaxSize+1))
	} else {
		b, err = readFile(name)
	}
	if err != nil {
		return nil, err
	}
	base := name
	if name != "-" {
		base = filepath.Base(name)
	}
	return parse.Bytes(b, parse.Options{Lang: lang, File: base})
}

func readFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("no such file")
		}
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory")
	}
	if st.Size() > source.MaxSize {
		return nil, source.ErrTooBig
	}
	return os.ReadFile(name)
}

// writeFileAtomic writes through a temporary file so an interrupted run
// never leaves a half-written output in place of a good one.
func writeFileAtomic(name string, b []byte) error {
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		// A device (-o /dev/null) or a pipe is written, never replaced.
		return os.WriteFile(name, b, 0o644)
	}
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, ".verbatim-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, name)
}
