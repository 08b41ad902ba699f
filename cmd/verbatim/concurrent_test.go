package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store"
)

// TestTwoIngestsOneDatabase runs two ingest processes at once into one new
// database, with records in common: both must wait for each other (the
// migration, the batches, the merges) rather than fail a file, and every
// record must be stored once, indexed once.
func TestTwoIngestsOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two real ingests")
	}
	dir := t.TempDir()
	all := filepath.Join(dir, "all")
	os.Mkdir(all, 0o755)
	const n = 600
	writeRecords(t, all, n)
	// Two folders: records 0–399 and 200–599.
	halves := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	for h, d := range halves {
		os.Mkdir(d, 0o755)
		for i := h * 200; i < h*200+400; i++ {
			name := fmt.Sprintf("r%05d.txt", i)
			if err := os.Link(filepath.Join(all, name), filepath.Join(d, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for backend, db := range databases(t) {
		t.Run(backend, func(t *testing.T) {
			type run struct {
				cmd      *exec.Cmd
				out, err bytes.Buffer
			}
			runs := make([]*run, 2)
			for i, d := range halves {
				r := &run{cmd: exec.Command(os.Args[0], "ingest", "-q", "--jobs", "1", "--db", db, d)}
				r.cmd.Env = append(os.Environ(), "VERBATIM_TEST_MAIN=1")
				r.cmd.Stdout, r.cmd.Stderr = &r.out, &r.err
				if err := r.cmd.Start(); err != nil {
					t.Fatal(err)
				}
				runs[i] = r
			}
			for i, r := range runs {
				if err := r.cmd.Wait(); err != nil {
					t.Errorf("ingest %d: %v\n%s%s", i, err, r.out.String(), r.err.String())
					continue
				}
				if !strings.Contains(r.out.String(), "stored 400 (") || !strings.Contains(r.out.String(), "failed 0,") {
					t.Errorf("ingest %d: %s%s", i, r.out.String(), r.err.String())
				}
			}
			st, err := store.OpenReadOnly(db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var meetings, symbols int
			st.DB().QueryRow(`SELECT count(*), count(DISTINCT symbol) FROM meetings`).Scan(&meetings, &symbols)
			if meetings != n || symbols != n {
				t.Errorf("%d meetings, %d symbols; want %d", meetings, symbols, n)
			}
			if p, err := st.Check(context.Background(), true); err != nil || len(p) > 0 {
				t.Errorf("check: %q %v", p, err)
			}
		})
	}
}
