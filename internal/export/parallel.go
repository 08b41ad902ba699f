package export

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/verbatim-un/verbatim/record"
)

// rowRenderer renders the rows (or lines) of one meeting after another,
// numbering rows from where it is told.
type rowRenderer interface {
	speechWriter
	reset(w *bufio.Writer, first int) // rows of the next meeting go to w, numbered from first+1
}

// renderFunc renders one meeting into buf; first is the number of
// speeches before it. It returns a count for the emitter (TEI: words).
type renderFunc func(m *record.Meeting, first int, buf *bytes.Buffer) (int, error)

// inOrder renders the meetings of src on all cores and hands each
// rendering to emit in the source's order: counting tokens and escaping
// text cost more than reading the store, and one core would leave the
// other idle. newRender gives each worker its own renderer (and memory);
// at most two meetings a core wait. The source is read from the calling
// goroutine only.
func inOrder(src Source, newRender func() renderFunc, emit func(m *record.Meeting, buf []byte, n int) error, dispatched func(*record.Meeting)) error {
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		m     *record.Meeting
		first int
		buf   *bytes.Buffer
		n     int
		err   error
		done  chan struct{}
	}
	jobs := make(chan *job, 2*workers)
	order := make(chan *job, 2*workers)
	pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	var failed atomic.Bool

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			render := newRender()
			for j := range jobs {
				if !failed.Load() {
					j.n, j.err = render(j.m, j.first, j.buf)
				}
				close(j.done)
			}
		}()
	}
	var werr error
	written := make(chan struct{})
	go func() {
		defer close(written)
		for j := range order {
			<-j.done
			if werr == nil {
				werr = j.err
			}
			if werr == nil {
				werr = emit(j.m, j.buf.Bytes(), j.n)
			}
			if werr != nil {
				failed.Store(true)
			}
			j.buf.Reset()
			pool.Put(j.buf)
		}
	}()

	var serr error
	first := 0
	for m, err := range src {
		if err != nil {
			serr = err
			break
		}
		if failed.Load() {
			break
		}
		j := &job{m: m, first: first, buf: pool.Get().(*bytes.Buffer), done: make(chan struct{})}
		first += len(m.Speeches)
		order <- j
		jobs <- j
		if dispatched != nil {
			dispatched(m)
		}
	}
	close(jobs)
	close(order)
	wg.Wait()
	<-written
	if serr != nil {
		return serr
	}
	return werr
}

// writeRows writes the rows of every meeting of src to w, in order.
func writeRows(w io.Writer, src Source, o Options, newRenderer func() rowRenderer, st *Stats) error {
	newRender := func() renderFunc {
		r := newRenderer()
		bw := bufio.NewWriterSize(io.Discard, 64<<10)
		return func(m *record.Meeting, first int, buf *bytes.Buffer) (int, error) {
			bw.Reset(buf)
			r.reset(bw, first)
			if err := r.meeting(m); err != nil {
				return 0, err
			}
			return 0, bw.Flush()
		}
	}
	emit := func(_ *record.Meeting, b []byte, _ int) error {
		_, err := w.Write(b)
		return err
	}
	return inOrder(src, newRender, emit, func(m *record.Meeting) {
		st.Meetings++
		st.Speeches += len(m.Speeches)
		if o.Progress != nil {
			o.Progress(*st)
		}
	})
}
