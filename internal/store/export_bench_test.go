package store

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// TestExportRead measures reading a whole benchmark database through
// Export, writing nothing: the speed an export cannot beat (see
// docs/BENCHMARKS.md, "Exports").
//
//	VERBATIM_BENCH_DB=/tmp/v.db go test -run TestExportRead -v -timeout 0 ./internal/store
func TestExportRead(t *testing.T) {
	s := benchStore(t)
	ctx := context.Background()
	for _, f := range []Filter{{}, {Query: "peace"}} {
		start := time.Now()
		meetings, speeches, bytes := 0, 0, 0
		var peak uint64
		for m, err := range s.Export(ctx, f) {
			if err != nil {
				t.Fatal(err)
			}
			meetings++
			speeches += len(m.Speeches)
			for _, sp := range m.Speeches {
				for _, p := range sp.Paragraphs {
					bytes += len(p) + 1
				}
			}
			if meetings%1000 == 0 {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		d := time.Since(start).Seconds()
		t.Logf("%+v: %d meetings, %d speeches, %.0f MB of text in %.1f s: %.0f speeches/s, %.1f MB/s; heap in use at most %d MB",
			f, meetings, speeches, float64(bytes)/1e6, d, float64(speeches)/d, float64(bytes)/1e6/d, peak>>20)
	}
}
