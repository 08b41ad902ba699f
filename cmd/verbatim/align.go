package main

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/align"
	"github.com/verbatim-un/verbatim/internal/store"
)

type alignFlags struct {
	db, langs, format, out string
}

func alignCommand(c *cli) *cobra.Command {
	var f alignFlags
	cmd := &cobra.Command{
		Use:   "align [flags] SYMBOL",
		Short: "Pair the speeches of a stored meeting's language versions",
		Long: `Aligns the stored language versions of one meeting: its speeches paired
across the versions (by order, speaker, affiliation, language of delivery,
numbers and document symbols), and the paragraphs inside each pair, with a
confidence for each pair and a warning where a version lacks a speech.
JSON (docs/align.md) or a TMX 1.4b translation memory.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("want one meeting symbol, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runAlign(c, f, args[0]) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.StringVar(&f.langs, "langs", "", "the versions to align, in this order (zh,en,…); every stored one when empty")
	fl.StringVar(&f.format, "format", "json", "output format: json or tmx")
	fl.StringVarP(&f.out, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

func runAlign(c *cli, f alignFlags, symbol string) error {
	if f.format != "json" && f.format != "tmx" {
		return usageError("unknown format %q (want json or tmx)", f.format)
	}
	langs, err := align.ParseLangs(f.langs)
	if err != nil {
		return usageError("--langs: %v", err)
	}
	if f.langs != "" && len(langs) < 2 {
		return usageError("--langs: name at least two languages")
	}
	st, err := store.OpenReadOnly(f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Align(context.Background(), symbol, langs)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if f.format == "tmx" {
		err = a.WriteTMX(&buf, version())
	} else {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(a)
	}
	if err != nil {
		return err
	}
	if f.out != "" {
		return writeFileAtomic(f.out, buf.Bytes())
	}
	_, err = c.stdout.Write(buf.Bytes())
	return err
}
