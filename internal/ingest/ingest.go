package ingest

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/verbatim-un/verbatim/internal/extract"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// Options tune an Ingester.
type Options struct {
	Jobs      int               // records parsed at once; 0: one per core
	Lang      string            // language of every record; "" detects each
	Extractor extract.Extractor // nil: extract.Default
	// Report, when set, is called once per file as its outcome is known,
	// from one goroutine, in the order files are stored.
	Report func(Outcome)
}

// Status is what became of a file.
type Status int

const (
	Stored  Status = iota // parsed and stored (or replaced)
	Skipped               // found in a folder, and no meeting record
	Failed                // could not be read, parsed or stored
)

// Outcome is what became of one file.
type Outcome struct {
	File     string
	Status   Status
	Meeting  *record.Meeting // nil when Failed before parsing
	Speeches int             // stored
	Replaced bool            // an earlier version of the record was replaced
	Err      error           // why it was skipped or failed
}

// Summary counts what an ingest did.
type Summary struct {
	Stored, Replaced, Failed, Skipped int
	Warnings, Speeches                int
	// SkippedWhy counts the skipped files by reason.
	SkippedWhy map[string]int
	Elapsed    time.Duration
}

// Ingester parses the files it is given on several cores and stores them
// with one writer, in batches: each record is still stored whole or not
// at all, and the full-text index gets one segment per batch.
type Ingester struct {
	ctx     context.Context
	w       store.Writer
	opt     Options
	work    chan File
	results chan parsed
	workers sync.WaitGroup
	done    chan struct{}
	start   time.Time
	sum     Summary
	err     error // from merging the index
	closed  bool
}

type parsed struct {
	f   File
	m   *record.Meeting
	p   *store.Prepared
	err error
}

// batchSpeeches bounds one transaction: large enough that the index's
// segments are few, small enough that a failed batch is cheap to retry.
const batchSpeeches = 2000

// New starts an ingest into w. Add files, then Close.
func New(ctx context.Context, w store.Writer, o Options) *Ingester {
	if o.Jobs <= 0 {
		o.Jobs = runtime.GOMAXPROCS(0)
	}
	in := &Ingester{
		ctx:  ctx,
		w:    w,
		opt:  o,
		work: make(chan File),
		// Room for the records parsed while the writer merges the index,
		// so that parsing does not wait; a record and its index part are
		// a few hundred kilobytes.
		results: make(chan parsed, 32+4*o.Jobs),
		done:    make(chan struct{}),
		start:   time.Now(),
		sum:     Summary{SkippedWhy: map[string]int{}},
	}
	for range o.Jobs {
		in.workers.Add(1)
		go in.parser()
	}
	go in.writer()
	return in
}

// Add queues a file the user named: if it is no record, it fails.
func (in *Ingester) Add(path string) { in.AddFile(File{Path: path, Named: true}) }

// AddFile queues a file; it blocks while the parsers are busy.
func (in *Ingester) AddFile(f File) { in.work <- f }

// Close waits for every queued file to be stored and returns the summary.
// The error is set when the full-text index could not be merged: the
// records are stored and searchable all the same.
func (in *Ingester) Close() (Summary, error) {
	if !in.closed {
		in.closed = true
		close(in.work)
		in.workers.Wait()
		close(in.results)
		<-in.done
		in.sum.Elapsed = time.Since(in.start)
	}
	return in.sum, in.err
}

func (in *Ingester) parser() {
	defer in.workers.Done()
	for f := range in.work {
		r := parsed{f: f}
		var b []byte
		b, r.err = ReadFile(f.Path)
		if r.err == nil {
			r.m, r.err = Read(in.ctx, b, ReadOptions{Lang: in.opt.Lang, File: f.Path, Extractor: in.opt.Extractor})
		}
		if r.err == nil && r.m.Symbol == "" {
			r.err = store.ErrNoSymbol
		}
		if r.err == nil {
			r.p = store.Prepare(r.m)
		}
		in.results <- r
	}
}

func (in *Ingester) writer() {
	defer close(in.done)
	var batch []parsed
	n := 0
	for r := range in.results {
		if r.err != nil {
			in.report(r, store.PutResult{})
			continue
		}
		batch = append(batch, r)
		n += len(r.m.Speeches)
		// Store when the batch is full or nothing else is ready.
		if n >= batchSpeeches || len(in.results) == 0 {
			in.flush(batch)
			batch, n = batch[:0], 0
		}
	}
	if len(batch) > 0 {
		in.flush(batch)
	}
}

// flush stores a batch in one transaction; a batch that fails is retried
// record by record, so that one bad record fails alone.
func (in *Ingester) flush(batch []parsed) {
	ps := make([]*store.Prepared, len(batch))
	for i, r := range batch {
		ps[i] = r.p
	}
	prs, err := in.w.PutPrepared(in.ctx, ps)
	for i, r := range batch {
		if err == nil {
			in.report(r, prs[i])
			continue
		}
		pr, perr := in.w.PutPrepared(in.ctx, []*store.Prepared{r.p})
		if r.err = perr; perr == nil {
			in.report(r, pr[0])
		} else {
			in.report(r, store.PutResult{})
		}
	}
	// Merge the index's small segments as they pile up.
	if err := in.w.Compact(in.ctx); err != nil {
		in.err = err
	}
}

func (in *Ingester) report(r parsed, pr store.PutResult) {
	o := Outcome{File: r.f.Path, Meeting: r.m, Err: r.err}
	switch {
	case r.err == nil:
		o.Status, o.Speeches, o.Replaced = Stored, pr.Speeches, pr.Replaced
		in.sum.Stored++
		in.sum.Speeches += pr.Speeches
		in.sum.Warnings += len(r.m.Warnings)
		if pr.Replaced {
			in.sum.Replaced++
		}
	case !r.f.Named && (errors.Is(r.err, parse.ErrNotRecord) || errors.Is(r.err, store.ErrNoSymbol)):
		// Found by walking a folder: other text files are not failures
		// of the batch.
		o.Status = Skipped
		in.sum.Skipped++
		in.sum.SkippedWhy[SkipReason(r.err)]++
	default:
		o.Status = Failed
		in.sum.Failed++
	}
	if in.opt.Report != nil {
		in.opt.Report(o)
	}
}

// SkipReason names why a found file was skipped, for the summary.
func SkipReason(err error) string {
	switch {
	case errors.Is(err, parse.ErrNotRecord):
		return "not a meeting record"
	case errors.Is(err, store.ErrNoSymbol):
		return "no document symbol"
	}
	return err.Error()
}
