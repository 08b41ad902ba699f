package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/ingest"
	"github.com/verbatim-un/verbatim/record"
)

// benchTexts are speeches of the shared corpus: the Chinese record's, and
// the English statements of the General Debate of 2016.
func benchTexts(b *testing.B) (*record.Meeting, []string) {
	raw, err := os.ReadFile(corpus.Path(b, "zh/S_PV.7796-ZH.txt"))
	if err != nil {
		b.Fatal(err)
	}
	m, err := ingest.Read(context.Background(), raw, ingest.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, sp := range m.Speeches {
		texts = append(texts, strings.Join(sp.Paragraphs, "\n"))
	}
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(corpus.Path(b, "en/general-debate-71/CHN_71_2016.txt")), "*.txt"))
	for _, f := range files[:min(len(files), 40)] {
		t, _ := os.ReadFile(f)
		texts = append(texts, string(t))
	}
	return m, texts
}

// BenchmarkCount: the tokens, types and sentences of the tables' columns.
func BenchmarkCount(b *testing.B) {
	_, texts := benchTexts(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.SetBytes(int64(n))
	var c counter
	for b.Loop() {
		for _, t := range texts {
			c.count(t)
		}
	}
}

// BenchmarkFormats writes the Chinese record in each format.
func BenchmarkFormats(b *testing.B) {
	m, _ := benchTexts(b)
	n := 0
	for _, sp := range m.Speeches {
		n += len(strings.Join(sp.Paragraphs, "\n"))
	}
	for _, f := range Formats {
		b.Run(f, func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				if _, err := Write(io.Discard, sourceOf([]*record.Meeting{m}), Options{Format: f, Date: "2026-01-01"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
