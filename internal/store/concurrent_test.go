package store

import (
	"context"
	"sync"
	"testing"
)

// TestConcurrentWriters: two stores open on one database (as two ingest
// processes are) write overlapping records and merge the index at the
// same time: none fails, every record is stored once, and the index
// holds every speech exactly once.
func TestConcurrentWriters(t *testing.T) {
	path := tempDB(t)
	ctx := context.Background()
	var stores [2]*Store
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for w := range stores {
		// Both open (and migrate) the new database at once.
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(path)
			if err != nil {
				errs <- err
				return
			}
			stores[w] = s
		}()
	}
	wg.Wait()
	for _, s := range stores {
		if s != nil {
			defer s.Close()
		}
	}
	if len(errs) > 0 {
		t.Fatal(<-errs)
	}
	const n = 60
	for w, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Writer 0 stores records 0–39, writer 1 records 20–59.
			for i := w * 20; i < w*20+40; i++ {
				if _, err := s.Put(ctx, synthetic(i, 3+i%4, "council")); err != nil {
					errs <- err
				}
				if i%5 == 0 {
					if err := s.Compact(ctx); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := stores[0]
	var meetings, symbols int
	s.DB().QueryRow(`SELECT count(*), count(DISTINCT symbol) FROM meetings`).Scan(&meetings, &symbols)
	if meetings != n || symbols != n {
		t.Errorf("%d meetings, %d symbols; want %d", meetings, symbols, n)
	}
	if p, err := s.Check(ctx, true); err != nil || len(p) > 0 {
		t.Errorf("check: %q %v", p, err)
	}
	res, err := stores[1].Search(ctx, Filter{Query: "council"})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range n {
		want += 3 + i%4
	}
	if res.Total != want {
		t.Errorf("search: %d speeches, want %d", res.Total, want)
	}
}
