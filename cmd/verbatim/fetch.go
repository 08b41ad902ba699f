package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/verbatim-un/verbatim/internal/fetch"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/store"
)

// sourcesEnv names the services when --source is not given: a mirror's or
// a test server's base URLs, as KIND=URL separated by commas.
const sourcesEnv = "VERBATIM_SOURCES"

// fetchClock is the clock fetches wait by; tests replace it so that the
// politeness interval and retries do not really sleep.
var fetchClock fetch.Clock

type fetchFlags struct {
	langs, out, db           string
	ingest, refresh, dryRun  bool
	quiet                    bool
	jobs, perHost, retries   int
	interval, timeout, fileT time.Duration
	sources                  []string
}

func fetchCommand(c *cli) *cobra.Command {
	var f fetchFlags
	cmd := &cobra.Command{
		Use:   "fetch [flags] SYMBOL|RANGE...",
		Short: "Download records from the UN by symbol, in any of the six languages",
		Long: `Downloads meeting records by symbol (S/PV.7796, s/pv.7796, A/75/PV.12) or
range (S/PV.8698-8780, A/75/PV.1-50) from the UN's Official Document System,
with undocs.org when it fails, and finds each meeting's resumed parts
(S/PV.8699 (Resumption 1), 2, ... until one is missing). Files are named as
the UN names them (S_PV.8699(Resumption1)-EN.pdf) and appear only when
complete; manifest.jsonl beside them records every answer. A second run skips
what is there (unless --refresh) and continues partial downloads.

Word and WordPerfect files are kept as they come, with a note. The services
are asked politely: at most --per-host requests at a time per host,
--interval apart; 429 and 503 are honoured (Retry-After, else a capped
exponential backoff); a bot challenge stops that host for the run. HTTP_PROXY
and HTTPS_PROXY are honoured. --source KIND=URL (or $VERBATIM_SOURCES) points
at a mirror: KIND is ods or undocs, asked in the order given.

The exit status is 1 when any record failed; "not published" and "not in that
language" are answers, not failures.`,
		Example: `  verbatim fetch S/PV.8698-8780 --lang en,zh --ingest
  verbatim fetch A/75/PV.1-50 --lang all --out records
  verbatim fetch --dry-run S/PV.7796`,
		RunE: func(cmd *cobra.Command, args []string) error { return runFetch(c, f, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.langs, "lang", "en", "languages: `CODES` separated by commas (ar,en,es,fr,ru,zh) or all")
	fl.StringVar(&f.out, "out", ".", "folder `DIR` for the files and the manifest")
	fl.BoolVar(&f.ingest, "ingest", false, "store each record in the database as it arrives")
	fl.StringVar(&f.db, "db", defaultDB, "database for --ingest: `PATH` of an SQLite file, or a postgres:// URL")
	fl.BoolVar(&f.refresh, "refresh", false, "download again what is already there")
	fl.BoolVar(&f.dryRun, "dry-run", false, "print the URLs that would be asked, and stop")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print only the summary, notices and failures")
	fl.IntVar(&f.jobs, "jobs", 2, "records downloaded at once")
	fl.IntVar(&f.perHost, "per-host", 2, "requests at a time to one host")
	fl.DurationVar(&f.interval, "interval", time.Second, "least time between two requests to one host")
	fl.IntVar(&f.retries, "retries", 5, "retries of a record at one source")
	fl.DurationVar(&f.timeout, "timeout", time.Minute, "an answer that does not start or stops arriving for this long is retried")
	fl.DurationVar(&f.fileT, "file-timeout", 10*time.Minute, "time allowed for one file from one source, retries included")
	fl.StringArrayVar(&f.sources, "source", nil, "a service as `KIND=URL` (ods=https://documents.un.org, undocs=https://undocs.org); repeat for several")
	return cmd
}

func runFetch(c *cli, f fetchFlags, args []string) error {
	if len(args) == 0 {
		return usageError("no symbols: give symbols or ranges, such as S/PV.8698-8710")
	}
	syms, err := fetch.Expand(args)
	if err != nil {
		return usageError("%v", err)
	}
	langs, err := fetch.ParseLangs(f.langs)
	if err != nil {
		return usageError("--lang: %v", err)
	}
	switch {
	case f.jobs < 1:
		return usageError("--jobs must be at least 1")
	case f.perHost < 1:
		return usageError("--per-host must be at least 1")
	case f.retries < 0:
		return usageError("--retries must not be negative")
	case f.interval < 0:
		return usageError("--interval must not be negative")
	case f.timeout <= 0 || f.fileT <= 0:
		return usageError("--timeout and --file-timeout must be positive")
	}
	srcFlags := f.sources
	if len(srcFlags) == 0 && os.Getenv(sourcesEnv) != "" {
		srcFlags = []string{os.Getenv(sourcesEnv)}
	}
	srcs, err := fetch.ParseSources(srcFlags)
	if err != nil {
		return usageError("%v", err)
	}
	o := fetch.Options{
		Out: f.out, Languages: langs, Sources: srcs, Refresh: f.refresh,
		Jobs: f.jobs, PerHost: f.perHost, Interval: f.interval, Retries: f.retries,
		RequestTimeout: f.timeout, FileTimeout: f.fileT,
		UserAgent: "Verbatim/" + strings.TrimPrefix(version(), "v"),
		Clock:     fetchClock,
	}
	if f.interval == 0 {
		o.Interval = -1 // the package reads 0 as "default"
	}
	if f.retries == 0 {
		o.Retries = -1
	}
	if f.dryRun {
		fr, err := fetch.New(o)
		if err != nil {
			return err
		}
		for _, s := range syms {
			for _, l := range langs {
				fmt.Fprintf(c.stdout, "%s\t%s\t%s\n", s, l, strings.Join(fr.URLs(s, l), "\t"))
			}
		}
		fmt.Fprintln(c.stderr, "each meeting's resumed parts (Resumption 1, 2, ...) are asked for once it is fetched")
		return nil
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var mu sync.Mutex // one writer to stderr: results, notices, ingest reports
	var bar *progressbar.ProgressBar
	say := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		if bar != nil {
			bar.Clear()
		}
		fmt.Fprintf(c.stderr, format+"\n", a...)
	}

	if isTerminal(c.stderr) && !f.quiet {
		// One step a record and language asked for; resumed parts are
		// found on the way.
		bar = progressbar.NewOptions(len(syms)*len(langs),
			progressbar.OptionSetWriter(c.stderr),
			progressbar.OptionSetDescription("fetching"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}

	var in *ingest.Ingester
	var st *store.Store
	if f.ingest {
		if st, err = openForWriting(f.db); err != nil {
			return err
		}
		defer st.Close()
		in = ingest.New(ctx, st, ingest.Options{Report: func(r ingest.Outcome) {
			switch {
			case r.Status == ingest.Stored && !f.quiet && bar == nil:
				say("stored %s (%s): %d speeches, %d warnings", r.Meeting.Symbol, r.Meeting.Language, r.Speeches, len(r.Meeting.Warnings))
			case r.Status != ingest.Stored:
				say("ingest failed %q: %s", filepath.Base(r.File), oneLine(r.Err.Error()))
			}
		}})
		o.Sink = in
		o.WantPresent = func(sym, lang string) bool {
			ms, _, err := st.Meetings(ctx, store.Filter{Symbol: sym, Language: lang, Limit: store.MaxLimit})
			if err != nil {
				return true
			}
			for _, m := range ms {
				if m.Symbol == sym {
					return false
				}
			}
			return true
		}
	}
	o.OnNotice = func(msg string) { say("%s", oneLine(msg)) }
	o.OnResult = func(r fetch.Result) {
		name := r.Symbol + " (" + r.Language + ")"
		switch r.Outcome {
		case fetch.Failed:
			say("failed %s: %s", name, oneLine(r.Err.Error()))
		case fetch.Fetched, fetch.Present:
			switch {
			case !r.PDF:
				say("%s %s: %s  %s", r.Outcome, name, r.Note, filepath.Base(r.Path))
			case !f.quiet && bar == nil:
				say("%s %s: %d bytes  %s", r.Outcome, name, r.Bytes, filepath.Base(r.Path))
			}
		default:
			if !f.quiet {
				msg := r.Outcome.String() + " " + name
				if r.Note != "" {
					msg += ": " + r.Note
				}
				say("%s", oneLine(msg))
			}
		}
		if bar != nil && !r.Resumed {
			bar.Add(1)
		}
	}
	fr, err := fetch.New(o)
	if err != nil {
		return err
	}
	sum, runErr := fr.Run(ctx, syms)
	if bar != nil {
		bar.Finish()
	}
	line := sum.String()
	ingestFailed := 0
	if in != nil {
		isum, indexErr := in.Close()
		ingestFailed = isum.Failed + isum.Skipped
		line += fmt.Sprintf("; stored %d (replaced %d), ingest failed %d", isum.Stored, isum.Replaced, ingestFailed)
		if indexErr != nil {
			say("merging the full-text index: %v (the records are stored and searchable)", indexErr)
		}
	}
	fmt.Fprintln(c.stdout, line)
	switch {
	case errors.Is(runErr, context.Canceled):
		return errors.New("interrupted: complete files are kept, partial ones continue on the next run")
	case runErr != nil:
		return runErr
	case sum.Failed > 0 || ingestFailed > 0:
		return errFailed
	}
	return nil
}
