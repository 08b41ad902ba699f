package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/verbatim-un/verbatim/record"
)

// BenchmarkPut stores the founding sample again and again under new
// symbols; speeches/s is the ingest writer's ceiling.
func BenchmarkPut(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "v.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	m := sample(&testing.T{})
	ctx := context.Background()
	n := 0
	b.ResetTimer()
	for b.Loop() {
		c := *m
		c.Symbol = fmt.Sprintf("S/PV.%d", 100000+n)
		n++
		if _, err := s.Put(ctx, &c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*len(m.Speeches))/b.Elapsed().Seconds(), "speeches/s")
}

// BenchmarkPutBatch stores the sample in batches of 16 records a
// transaction, as ingest does.
func BenchmarkPutBatch(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "v.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	m := sample(&testing.T{})
	ctx := context.Background()
	n := 0
	b.ResetTimer()
	for b.Loop() {
		batch := make([]*record.Meeting, 16)
		for i := range batch {
			c := *m
			c.Symbol = fmt.Sprintf("S/PV.%d", 100000+n)
			n++
			batch[i] = &c
		}
		if _, err := s.PutBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*len(m.Speeches))/b.Elapsed().Seconds(), "speeches/s")
}
