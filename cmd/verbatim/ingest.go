package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// ingestMemory is the heap the ingest asks the garbage collector to keep
// to: a soft limit, under the 400 MB a machine should need for any number
// of files.
const ingestMemory = 300 << 20

const ingestSynopsis = `Usage: verbatim ingest [--db PATH] [--jobs N] [-q] PATH...

Parses records (PDF or text files; folders are read recursively for *.pdf and
*.txt; globs are expanded) on all cores and stores them in the database; a
record is stored whole or not at all, even if the ingest is killed. Re-ingesting a
record replaces it. Files that fail are reported and skipped; the exit status
is 1 when any failed.`

func runIngest(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", ingestSynopsis, stderr)
	db := fs.String("db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "records parsed at once")
	quiet := fs.Bool("q", false, "print only the summary and failures")
	paths, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: no files or folders to ingest", errUsage)
	}
	files, explicit, err := collect(paths)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("no .pdf or .txt files found")
	}
	// Ingesting holds records in flight and a merge's postings, never the
	// corpus: ask the collector to keep the heap near what that needs
	// (GOMEMLIMIT, when set, decides instead).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingestMemory)
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	// A damaged database is not written to: what it holds could be lost
	// further, and a record stored into it is not safe.
	problems, err := st.Check(context.Background(), false)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		name := store.Redact(*db)
		return fmt.Errorf("%s fails its check, nothing written (verbatim check --db %s): %s", name, name, problems[0])
	}
	var w store.Writer = st // all the writer needs of a store

	type result struct {
		file string
		m    *record.Meeting
		p    *store.Prepared // parsed and cut into index terms, ready to store
		err  error
	}
	work := make(chan string)
	// Room for the records parsed while the writer merges the index, so
	// that parsing does not wait; a record and its index part are a few
	// hundred kilobytes.
	results := make(chan result, 32+4*max(1, *jobs))
	var wg sync.WaitGroup
	for range max(1, *jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				b, err := readFile(f)
				var m *record.Meeting
				if err == nil {
					m, err = parse.Bytes(b, parse.Options{File: f})
				}
				var p *store.Prepared
				if err == nil && m.Symbol != "" {
					p = store.Prepare(m)
				}
				results <- result{f, m, p, err}
			}
		}()
	}
	go func() {
		for _, f := range files {
			work <- f
		}
		close(work)
		wg.Wait()
		close(results)
	}()

	tty := isTerminal(stderr)
	var stored, replaced, failed, skipped, warnings, speeches int
	var indexErr error
	done := 0
	start := time.Now()
	ctx := context.Background()
	report := func(r result, pr store.PutResult) {
		done++
		if r.err == nil {
			stored++
			speeches += pr.Speeches
			warnings += len(r.m.Warnings)
			if pr.Replaced {
				replaced++
			}
			if !*quiet && !tty {
				fmt.Fprintf(stderr, "stored %s (%s): %d speeches, %d warnings  %s\n",
					r.m.Symbol, r.m.Language, pr.Speeches, len(r.m.Warnings), r.file)
			}
		} else if !explicit[r.file] && (errors.Is(r.err, parse.ErrNotRecord) || errors.Is(r.err, store.ErrNoSymbol)) {
			// Found by walking a folder: other text files are not
			// failures of the batch.
			skipped++
			if !*quiet && !tty {
				fmt.Fprintf(stderr, "skipped %s: %v\n", r.file, r.err)
			}
		} else {
			failed++
			if tty {
				fmt.Fprint(stderr, "\r\033[K")
			}
			fmt.Fprintf(stderr, "failed %s: %v\n", r.file, r.err)
		}
		if tty && !*quiet {
			fmt.Fprintf(stderr, "\r\033[K[%d/%d] %s", done, len(files), filepath.Base(r.file))
		}
	}
	// The writer stores what the parsers have ready in one transaction
	// (up to batchSpeeches speeches): each record is still whole or
	// absent, and the full-text index gets one segment per batch instead
	// of one per record. A batch that fails is retried record by record,
	// so one bad record fails alone.
	const batchSpeeches = 2000
	var batch []result
	inBatch := 0
	flush := func() {
		var ps []*store.Prepared
		for _, r := range batch {
			ps = append(ps, r.p)
		}
		prs, err := w.PutPrepared(ctx, ps)
		for i, r := range batch {
			if err == nil {
				report(r, prs[i])
				continue
			}
			pr, perr := w.PutPrepared(ctx, []*store.Prepared{r.p})
			r.err = perr
			if perr == nil {
				report(r, pr[0])
			} else {
				report(r, store.PutResult{})
			}
		}
		batch = batch[:0]
		inBatch = 0
		// Merge the index's small segments as they pile up.
		if err := w.Compact(ctx); err != nil {
			indexErr = err
		}
	}
	for r := range results {
		if r.err != nil {
			report(r, store.PutResult{})
			continue
		}
		if r.m.Symbol == "" {
			r.err = store.ErrNoSymbol
			report(r, store.PutResult{})
			continue
		}
		batch = append(batch, r)
		inBatch += len(r.m.Speeches)
		if inBatch >= batchSpeeches || len(results) == 0 {
			flush()
		}
	}
	if len(batch) > 0 {
		flush()
	}
	if tty && !*quiet {
		fmt.Fprint(stderr, "\r\033[K")
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "stored %d (replaced %d), failed %d, skipped %d (not meeting records), warnings %d; %d speeches in %.1fs\n",
		stored, replaced, failed, skipped, warnings, speeches, el.Seconds())
	if indexErr != nil {
		return fmt.Errorf("merging the full-text index: %w (the records are stored and searchable)", indexErr)
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// collect expands globs and folders into the files to ingest, sorted, and
// says which were named (or matched) explicitly rather than found in a
// folder.
func collect(paths []string) ([]string, map[string]bool, error) {
	seen := map[string]bool{}
	explicit := map[string]bool{}
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, p := range paths {
		matches := []string{p}
		if strings.ContainsAny(p, "*?[") {
			m, err := filepath.Glob(p)
			if err != nil {
				return nil, nil, fmt.Errorf("%w: bad pattern %q", errUsage, p)
			}
			matches = m
		}
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: no such file or folder", m)
			}
			if !st.IsDir() {
				add(m)
				explicit[m] = true
				continue
			}
			err = filepath.WalkDir(m, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				ext := strings.ToLower(filepath.Ext(path))
				if !d.IsDir() && (ext == ".pdf" || ext == ".txt") {
					add(path)
				}
				return nil
			})
			if err != nil {
				return nil, nil, err
			}
		}
	}
	sort.Strings(out)
	return out, explicit, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
