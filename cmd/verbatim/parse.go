package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/render"
	"github.com/verbatim-un/verbatim/internal/source"
	"github.com/verbatim-un/verbatim/record"
)

type parseFlags struct {
	format, out, lang string
	quiet             bool
}

func parseCommand(c *cli) *cobra.Command {
	var f parseFlags
	cmd := &cobra.Command{
		Use:   "parse [flags] FILE...",
		Short: "Read records (text or PDF) and print them as JSON, Markdown or text",
		Long: `Reads UN meeting records (PDF, or extracted text in UTF-8, UTF-16 or GB18030;
"-" reads standard input) and prints each as a structured record. JSON is one
object per input, or an array when there are several inputs. Warnings go to
standard error and into the record.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runParse(c, f, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "json", "output format: json, md or text")
	fl.StringVarP(&f.out, "output", "o", "", "write to `FILE` instead of standard output")
	fl.StringVar(&f.lang, "lang", "", "language of the records (ISO 639-1); detected when empty")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "do not print warnings to standard error")
	return cmd
}

func runParse(c *cli, f parseFlags, files []string) error {
	switch f.format {
	case "json", "md", "text":
	default:
		return usageError("unknown format %q (want json, md or text)", f.format)
	}
	if len(files) == 0 {
		return usageError("no input files (use - for standard input)")
	}

	var ms []*record.Meeting
	failed := false
	for _, name := range files {
		m, err := parseOne(name, f.lang, c.stdin)
		if err != nil {
			fmt.Fprintf(c.stderr, "verbatim parse: %q: %v\n", name, err)
			failed = true
			continue
		}
		if !f.quiet {
			for _, w := range m.Warnings {
				if w.Line > 0 {
					fmt.Fprintf(c.stderr, "%q:%d: warning: %s\n", name, w.Line, w.Message)
				} else {
					fmt.Fprintf(c.stderr, "%q: warning: %s\n", name, w.Message)
				}
			}
		}
		ms = append(ms, m)
	}

	var buf bytes.Buffer
	var err error
	switch f.format {
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
	if f.out != "" {
		if buf.Len() > 0 || !failed {
			if err := writeFileAtomic(f.out, buf.Bytes()); err != nil {
				return err
			}
		}
	} else if _, err := c.stdout.Write(buf.Bytes()); err != nil {
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
		b, err = ingest.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	base := name
	if name != "-" {
		base = filepath.Base(name)
	}
	return ingest.Read(context.Background(), b, ingest.ReadOptions{Lang: lang, File: base})
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
