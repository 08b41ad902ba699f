package parse_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/parse"
	"github.com/verbatim-un/verbatim/internal/source"
)

// FuzzParse runs the whole path, bytes to record, on arbitrary input: it
// must return a record or an error, never panic, and a record's sequence
// numbers must be consistent.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.txt"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("主席（以俄语发言）：\n"))
	f.Add([]byte("下午１时45分散会。"))
	f.Add([]byte("S/PV.1  x  01/01/2000\n1/1 00-00000\n"))
	f.Add([]byte{0xFF, 0xFE, 0x3B, 0x4E})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{})
		if err != nil {
			return
		}
		for i, sp := range m.Speeches {
			if sp.Seq != i+1 {
				t.Fatalf("speech %d has seq %d", i+1, sp.Seq)
			}
		}
		for _, r := range m.References {
			if r.Speech < 0 || r.Speech > len(m.Speeches) {
				t.Fatalf("reference in speech %d of %d", r.Speech, len(m.Speeches))
			}
		}
		for _, e := range m.Events {
			if e.Speech < 0 || e.Speech > len(m.Speeches) || e.After > len(m.Speeches) {
				t.Fatalf("event %+v out of range", e)
			}
		}
	})
}

// BenchmarkParseSample parses the founding sample end to end (decode,
// layout, parse); MB/s is of the source bytes.
func BenchmarkParseSample(b *testing.B) {
	_, src := parseSample(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ingest.Read(context.Background(), src, ingest.ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStages splits the sample's parse by pipeline stage; MB/s is of
// the source bytes throughout, so the stages' times add up.
func BenchmarkStages(b *testing.B) {
	_, src := parseSample(b)
	text, _, err := source.Decode(src)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			source.Decode(src)
		}
	})
	b.Run("layout", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			doc := layout.Clean(text, layout.Han)
			layout.Paragraphs(doc.Lines, layout.Han, 0, nil)
		}
	})
	b.Run("text-to-record", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parse.Text(text, parse.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
