package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/verbatim-un/verbatim/internal/store"
)

const checkSynopsis = `Usage: verbatim check [--db PATH] [--quick]

Checks a database: SQLite's integrity check (PostgreSQL checks its own
pages), then the full-text index's own
(every segment's checksums and postings) and that every stored speech is
indexed exactly once. Prints "ok", or what is wrong with exit status 1.
--quick runs the lighter check that ingest runs before it writes.`

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkSynopsis, stderr)
	db := fs.String("db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	quick := fs.Bool("quick", false, "SQLite's quick_check, index checksums of segments but not of postings")
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: check takes no arguments", errUsage)
	}
	if _, err := os.Stat(*db); !store.IsPostgres(*db) && errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no database at %s", *db)
	}
	st, err := store.OpenReadOnly(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	problems, err := st.Check(context.Background(), !*quick)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintln(stdout, "ok")
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "verbatim check: %s: %s\n", store.Redact(*db), p)
	}
	return errFailed
}
