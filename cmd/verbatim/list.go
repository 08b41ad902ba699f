package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/verbatim-un/verbatim/internal/server"
	"github.com/verbatim-un/verbatim/internal/store"
)

type listFlags struct {
	db     string
	asJSON bool
	filter store.MeetingFilter
}

func listCommand(c *cli) *cobra.Command {
	f := &listFlags{}
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List the stored meetings",
		Long: `Lists the stored meetings, one line a meeting (its parts and language
versions together): symbol, date, body, languages, parts, speeches and
subject; the same filters, sorting and paging as /meetings and
/api/meetings.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runList(c, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", defaultDB, "database: `PATH` of an SQLite file, or a postgres:// URL")
	fl.StringVar(&f.filter.Lang, "lang", "", "a language the meeting is stored in (zh, en, …)")
	fl.StringVar(&f.filter.Body, "body", "", "organ: S (Security Council), A (General Assembly), E …")
	fl.StringVar(&f.filter.Year, "year", "", "year of the meeting, YYYY")
	fl.StringVar(&f.filter.Subject, "subject", "", "text in the subject")
	fl.StringVar(&f.filter.Sort, "sort", "newest", strings.Join(store.MeetingSorts, ", "))
	fl.IntVar(&f.filter.Limit, "limit", 50, "meetings listed")
	fl.IntVar(&f.filter.Offset, "offset", 0, "meetings to skip (paging)")
	fl.BoolVar(&f.asJSON, "json", false, `print {"total": N, "meetings": [...]} as JSON`)
	return cmd
}

func runList(c *cli, lf *listFlags) error {
	f := &lf.filter
	if err := server.CheckMeetingFilter(f); err != nil {
		if pe, ok := err.(*server.ParamError); ok && pe.Param == "q" {
			pe.Param = "subject"
		}
		return flagError(err)
	}
	st, err := store.OpenReadOnly(lf.db)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := st.MeetingList(context.Background(), *f)
	if err != nil {
		return err
	}
	if lf.asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"total": total, "meetings": list})
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "symbol\tdate\tbody\tlangs\tparts\tspeeches\tsubject\n")
	for _, m := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", m.Symbol, m.Date, m.BodyCode, strings.Join(m.Langs, ","),
			m.Parts, m.Speeches, clip(m.Subject, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d of %d meetings\n", len(list), total)
	return nil
}

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
