package extract

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
)

// TestPopplerParallelMatchesOneRun: extracting page ranges on all cores
// gives exactly the text of one pdftotext run.
func TestPopplerParallelMatchesOneRun(t *testing.T) {
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	x := Poppler{Path: path}
	for _, name := range []string{"S_PV.8703-EN", "A_65_PV.71-EN"} {
		file := corpus.Path(t, "en/pdf/"+name+".pdf")
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		par, ok := x.parallel(context.Background(), b)
		if !ok {
			if _, err := exec.LookPath("pdfinfo"); err != nil {
				t.Skip("no pdfinfo")
			}
			t.Fatalf("%s: not extracted in parallel", name)
		}
		one, err := exec.Command(path, "-raw", "-enc", "UTF-8", "-eol", "unix", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if par != string(one) {
			t.Errorf("%s: parallel text differs from one run (%d vs %d bytes)", name, len(par), len(one))
		}
	}
}
