package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/store"
)

type checkFlags struct {
	db    string
	quick bool
}

func checkCommand(c *cli) *cobra.Command {
	f := &checkFlags{}
	cmd := &cobra.Command{
		Use:   "check [flags]",
		Short: "Check a database and its full-text index",
		Long: `Checks a database: SQLite's integrity check (PostgreSQL checks its own
pages), then the full-text index's own (every segment's checksums and
postings) and that every stored speech is indexed exactly once. Prints
"ok", or what is wrong with exit status 1. --quick runs the lighter check
that ingest runs before it writes.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runCheck(c, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.BoolVar(&f.quick, "quick", false, "SQLite's quick_check, and the index's segments without their postings")
	return cmd
}

func runCheck(c *cli, f *checkFlags) error {
	if _, err := os.Stat(f.db); !store.IsPostgres(f.db) && errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no database at %s", f.db)
	}
	st, err := store.OpenReadOnly(f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	problems, err := st.Check(context.Background(), !f.quick)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintln(c.stdout, "ok")
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(c.stderr, "verbatim check: %s: %s\n", store.Redact(f.db), p)
	}
	return errFailed
}
