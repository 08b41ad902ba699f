package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sort"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/store"
)

// ingestMemory is the heap the ingest asks the garbage collector to keep
// to: a soft limit, under the 400 MB a machine should need for any number
// of files.
const ingestMemory = 300 << 20

type ingestFlags struct {
	db    string
	jobs  int
	quiet bool
}

func ingestCommand(c *cli) *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Parse records and store them in the database",
		Long: `Parses records (PDF or text files; folders are read recursively for *.pdf and
*.txt; globs are expanded) on all cores and stores them in the database; a
record is stored whole or not at all, even if the ingest is killed.
Re-ingesting a record replaces it. Files and folders that cannot be read are
reported and skipped, and the rest is stored; the exit status is 1 when any
failed.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runIngest(c, f, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.IntVar(&f.jobs, "jobs", runtime.GOMAXPROCS(0), "records parsed at once")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print only the summary and failures")
	return cmd
}

func runIngest(c *cli, f ingestFlags, paths []string) error {
	if len(paths) == 0 {
		return usageError("no files or folders to ingest")
	}
	if f.jobs < 1 {
		return usageError("--jobs must be at least 1")
	}
	files, problems, err := ingest.Collect(paths)
	if errors.Is(err, ingest.ErrBadPattern) {
		return usageError("%v", err)
	}
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(c.stderr, "failed %s\n", oneLine(p.Error()))
	}
	if len(files) == 0 {
		if len(problems) > 0 {
			return errFailed
		}
		return errors.New("no .pdf or .txt files found")
	}
	// Ingesting holds records in flight and a merge's postings, never the
	// corpus: ask the collector to keep the heap near what that needs
	// (GOMEMLIMIT, when set, decides instead).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingestMemory)
	}
	st, err := openForWriting(f.db)
	if err != nil {
		return err
	}
	defer st.Close()

	var bar *progressbar.ProgressBar
	if isTerminal(c.stderr) && !f.quiet {
		bar = progressbar.NewOptions(len(files),
			progressbar.OptionSetWriter(c.stderr),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000),
		)
	}
	report := func(o ingest.Outcome) {
		switch o.Status {
		case ingest.Stored:
			if !f.quiet && bar == nil {
				fmt.Fprintf(c.stderr, "stored %s (%s): %d speeches, %d warnings  %q\n",
					o.Meeting.Symbol, o.Meeting.Language, o.Speeches, len(o.Meeting.Warnings), o.File)
			}
		case ingest.Failed:
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(c.stderr, "failed %q: %s\n", o.File, oneLine(o.Err.Error()))
		}
		if bar != nil {
			bar.Add(1)
		}
	}
	in := ingest.New(context.Background(), st, ingest.Options{Jobs: f.jobs, Report: report})
	for _, file := range files {
		in.AddFile(file)
	}
	sum, indexErr := in.Close()
	if bar != nil {
		bar.Finish()
	}
	// Files found in folders that are no records: one line per reason.
	reasons := make([]string, 0, len(sum.SkippedWhy))
	for r := range sum.SkippedWhy {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(c.stderr, "skipped %d files: %s\n", sum.SkippedWhy[r], r)
	}
	failed := sum.Failed + len(problems)
	fmt.Fprintf(c.stdout, "stored %d (replaced %d), failed %d, skipped %d (not meeting records), warnings %d; %d speeches in %.1fs\n",
		sum.Stored, sum.Replaced, failed, sum.Skipped, sum.Warnings, sum.Speeches, sum.Elapsed.Seconds())
	if indexErr != nil {
		return fmt.Errorf("merging the full-text index: %w (the records are stored and searchable)", indexErr)
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// openForWriting opens (creating, migrating) a database for ingest and
// fetch --ingest, and refuses one that fails its quick check: what a
// damaged database holds could be lost further, and a record stored into
// it is not safe.
func openForWriting(db string) (*store.Store, error) {
	st, err := store.Open(db)
	if err != nil {
		return nil, err
	}
	damage, err := st.Check(context.Background(), false)
	if err == nil && len(damage) > 0 {
		name := store.Redact(db)
		err = fmt.Errorf("%s fails its check, nothing written (verbatim check --db %s): %s", name, name, damage[0])
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
