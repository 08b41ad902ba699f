package align_test

import (
	"context"
	"os"
	"testing"

	"github.com/verbatim-un/verbatim/internal/align"
	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/ingest"
)

// BenchmarkAlignPair aligns a long real record (S/PV.8703) with a second
// version of itself that lacks every tenth speech: the cost the store
// pays when it links a version at ingest.
func BenchmarkAlignPair(b *testing.B) {
	data, err := os.ReadFile(corpus.Path(b, "en/pdf/S_PV.8703-EN.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	a, err := ingest.Read(context.Background(), data, ingest.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	other := *a
	other.Language = "fr"
	other.Speeches = nil
	for i, s := range a.Speeches {
		if i%10 != 9 {
			other.Speeches = append(other.Speeches, s)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		p := align.AlignPair(a, &other)
		if len(p.Links) != len(a.Speeches) {
			b.Fatalf("%d links for %d speeches", len(p.Links), len(a.Speeches))
		}
	}
	b.ReportMetric(float64(len(a.Speeches)), "speeches")
}
