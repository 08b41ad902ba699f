package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/export"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// exportCacheBytes is the index's postings cache during an export.
const exportCacheBytes = 16 << 20

type exportFlags struct {
	db, format, layout, out, lang string
	quiet                         bool
	filter                        store.Filter
}

func exportCommand(c *cli) *cobra.Command {
	f := &exportFlags{}
	cmd := &cobra.Command{
		Use:   "export --format FORMAT [flags] [QUERY | FILE...]",
		Short: "Export stored speeches (or record files) as CSV, TSV, JSONL, TEI, AKN, Markdown or text",
		Long: `Exports the stored speeches the filters select — all of them, one meeting
(--symbol), or exactly what a search for QUERY finds — in a format other
tools read: csv and tsv (the UN Security Council Debates corpus's columns
first; --layout scd writes that corpus's folders), jsonl (a speech a
line), tei (ParlaMint, a file a meeting and a corpus root), akn (Akoma
Ntoso, AKN4UN), md or text. Given record files (PDF or text) instead of
a query, exports them without a store.

csv, tsv and jsonl are one file (standard output, or --out FILE; in
--out DIR, speeches.csv …); tei, akn, md, text and the scd layout write a
file a meeting under --out DIR (tei and akn of a single meeting may go
to standard output). See docs/exports.md for the columns and mappings.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runExport(c, cmd, f, args) },
	}
	addFilterFlags(cmd, &f.filter)
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database `PATH`")
	fl.StringVar(&f.format, "format", "", "csv, tsv, jsonl, tei, akn, md or text (required)")
	fl.StringVar(&f.layout, "layout", "", `"scd": the Security Council Debates corpus's folders (with --format tsv)`)
	fl.StringVarP(&f.out, "out", "o", "", "write to `FILE` or DIR instead of standard output")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar and no summary")
	return cmd
}

func runExport(c *cli, cmd *cobra.Command, f *exportFlags, args []string) error {
	o := export.Options{Format: f.format, Layout: f.layout}
	if f.format == "" {
		return usageError("--format is required (%s)", strings.Join(export.Formats, ", "))
	}
	if err := export.CheckOptions(o); err != nil {
		return usageError("%v", err)
	}
	files, err := exportFiles(args)
	if err != nil {
		return err
	}
	ctx := context.Background()
	var src export.Source
	total := -1
	failed := false
	if files != nil {
		if cmd.Flags().Changed("db") || f.filter != (store.Filter{Language: f.filter.Language}) {
			return usageError("the filters and --db apply to the store, not to files")
		}
		src = filesSource(c, files, f.filter.Language, &failed)
	} else {
		f.filter.Query = joinQuery(args)
		f.filter.Limit = 1 // not paged; the rest is checked as the API does
		if err := checkFilter(&f.filter); err != nil {
			return err
		}
		// An export reads each posting list a few times, not thousands:
		// a small cache keeps its memory flat.
		store.CacheBytes = exportCacheBytes
		st, err := store.OpenReadOnly(f.db)
		if err != nil {
			return err
		}
		defer st.Close()
		// The total first: a bad query is a usage error before anything
		// is written, and the progress bar knows its end.
		cf := f.filter
		var res store.Result
		if strings.TrimSpace(cf.Query) != "" {
			res, err = st.Search(ctx, cf)
		} else {
			res, err = st.Speeches(ctx, cf)
		}
		if errors.Is(err, search.ErrQuery) {
			return usageError("%v", err)
		}
		if err != nil {
			return err
		}
		total = res.Total
		src = st.Export(ctx, f.filter)
	}

	var bar *progressbar.ProgressBar
	if !f.quiet && isTerminal(c.stderr) && (f.out != "" || !isTerminal(c.stdout)) {
		bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(c.stderr),
			progressbar.OptionSetDescription("exporting"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("speeches"),
			progressbar.OptionShowIts(),
			progressbar.OptionSetPredictTime(total > 0),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000),
		)
		o.Progress = func(s export.Stats) { bar.Set(s.Speeches) }
	}
	stats, dest, err := writeExport(c, f, o, src)
	if bar != nil {
		bar.Finish()
	}
	if errors.Is(err, export.ErrOneFile) {
		return usageError("--format %s writes a file per meeting: give --out DIR", f.format)
	}
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(c.stderr, "exported %d speeches of %d meetings to %s\n", stats.Speeches, stats.Meetings, dest)
	}
	if failed {
		return errFailed
	}
	return nil
}

// writeExport writes to standard output, a file or a directory, and says
// where.
func writeExport(c *cli, f *exportFlags, o export.Options, src export.Source) (export.Stats, string, error) {
	perMeeting := export.PerMeeting(o)
	if f.out == "" {
		if perMeeting && (o.Format == "md" || o.Format == "text") || !perMeeting {
			st, err := export.Write(c.stdout, src, o)
			return st, "standard output", err
		}
		if o.Layout != "" {
			return export.Stats{}, "", usageError("--layout %s writes folders: give --out DIR", o.Layout)
		}
		// tei or akn: one meeting, known before anything is written.
		next, stop := iter.Pull2(iter.Seq2[*record.Meeting, error](src))
		defer stop()
		first, err, ok := next()
		if ok && err == nil {
			if _, err2, more := next(); more {
				if err2 != nil {
					return export.Stats{}, "", err2
				}
				return export.Stats{}, "", export.ErrOneFile
			}
		}
		one := func(yield func(*record.Meeting, error) bool) {
			if ok {
				yield(first, err)
			}
		}
		st, err := export.Write(c.stdout, one, o)
		return st, "standard output", err
	}
	if st, err := os.Stat(f.out); perMeeting || strings.HasSuffix(f.out, "/") || err == nil && st.IsDir() {
		if err := os.MkdirAll(f.out, 0o755); err != nil {
			return export.Stats{}, "", err
		}
		st, err := export.WriteFiles(export.DirSink(f.out), src, o)
		return st, f.out, err
	}
	// One file, through a temporary file: an interrupted export leaves
	// no half file in place of a good one.
	tmp, err := os.CreateTemp(filepath.Dir(f.out), ".verbatim-export-*")
	if err != nil {
		return export.Stats{}, "", err
	}
	tmp.Chmod(0o644)
	st, err := export.Write(tmp, src, o)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.out)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return st, f.out, err
}

// exportFiles returns the record files named as arguments, or nil when
// the arguments are a query. Arguments that all end in .pdf or .txt are
// files, and must exist.
func exportFiles(args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, nil
	}
	n := 0
	for _, a := range args {
		switch strings.ToLower(filepath.Ext(a)) {
		case ".pdf", ".txt":
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	if n < len(args) {
		return nil, usageError("give either a query or record files (.pdf, .txt), not both")
	}
	return args, nil
}

// filesSource parses record files one at a time; a file that cannot be
// read is reported and skipped, and the export ends in failure.
func filesSource(c *cli, files []string, lang string, failed *bool) export.Source {
	return func(yield func(*record.Meeting, error) bool) {
		for _, name := range files {
			m, err := parseOne(name, lang, c.stdin)
			if err != nil {
				fmt.Fprintf(c.stderr, "verbatim export: %q: %v\n", name, oneLine(err.Error()))
				*failed = true
				continue
			}
			if !yield(m, nil) {
				return
			}
		}
	}
}
